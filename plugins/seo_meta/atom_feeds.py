"""Atom 1.0 documents (RFC 4287) for the vacancy feeds: the whole site and one per company.

This module only writes XML from ready-made entries; ``generator`` decides which vacancies go
in (live ones only, newest first) and in which language.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


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


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def atom_feed(*, title: str, feed_url: str, page_url: str, language: str, updated: dt.datetime,
              author: str, entries: list[FeedEntry]) -> bytes:
    """The UTF-8 bytes of an Atom feed; ``updated`` is used when there are no entries."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    _element(feed, "title", title)
    _element(feed, "id", feed_url)
    _element(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _element(feed, "link", rel="alternate", type="text/html", href=page_url)
    newest = max((entry.published for entry in entries), default=updated)
    _element(feed, "updated", newest.isoformat())
    _element(_element(feed, "author"), "name", author)
    for item in entries:
        entry = _element(feed, "entry", **{XML_LANG: item.language})
        _element(entry, "title", item.title)
        _element(entry, "link", rel="alternate", type="text/html", href=item.url)
        _element(entry, "id", item.url)
        _element(entry, "published", item.published.isoformat())
        _element(entry, "updated", item.published.isoformat())
        writer = _element(entry, "author")
        _element(writer, "name", item.author)
        _element(writer, "uri", item.author_url)
        _element(entry, "category", term=item.category, label=item.category_label)
        _element(entry, "summary", item.summary)
        _element(entry, "content", item.content_html, type="html")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
