"""Atom 1.0 documents (RFC 4287) for the vacancy feeds: the whole site and one per company.

This module only writes XML from ready-made entries; ``generator`` decides which vacancies go
in (live ones only, newest first) and in which language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .xml_text import DECLARATION, attribute, element

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    """One vacancy as a feed entry; ``url`` is absolute and doubles as the entry's id."""

    title: str
    url: str
    published: dt.datetime
    author: str
    author_url: str
    summary: str
    content_html: str
    language: str
    category: str
    category_label: str


def atom_feed(*, title: str, feed_url: str, page_url: str, language: str, updated: dt.datetime,
              author: str, entries: list[FeedEntry]) -> bytes:
    """The UTF-8 bytes of an Atom feed; ``updated`` is used when there are no entries."""
    newest = max((entry.published for entry in entries), default=updated)
    lines = [DECLARATION, f'<feed xmlns="{ATOM}" xml:lang="{attribute(language)}">\n',
             element("  ", "title", title), element("  ", "id", feed_url),
             element("  ", "link", rel="self", type="application/atom+xml", href=feed_url),
             element("  ", "link", rel="alternate", type="text/html", href=page_url),
             element("  ", "updated", newest.isoformat()),
             "  <author>\n", element("    ", "name", author), "  </author>\n"]
    for item in entries:
        published = item.published.isoformat()
        lines += [f'  <entry xml:lang="{attribute(item.language)}">\n',
                  element("    ", "title", item.title),
                  element("    ", "link", rel="alternate", type="text/html", href=item.url),
                  element("    ", "id", item.url), element("    ", "published", published),
                  element("    ", "updated", published),
                  "    <author>\n", element("      ", "name", item.author), element("      ", "uri", item.author_url),
                  "    </author>\n",
                  element("    ", "category", term=item.category, label=item.category_label),
                  element("    ", "summary", item.summary),
                  element("    ", "content", item.content_html, type="html"),
                  "  </entry>\n"]
    lines.append("</feed>\n")
    return "".join(lines).encode("utf-8")
