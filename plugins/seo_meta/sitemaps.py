"""``sitemap.xml`` with hreflang alternates, and the ``robots.txt`` that points at it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .xml_text import DECLARATION, element

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SitemapEntry:
    """One page in one language with the same page in every language (``(hreflang, url)``)."""

    url: str
    alternates: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    lastmod: dt.date | None = None


def sitemap(entries: list[SitemapEntry]) -> bytes:
    """The UTF-8 bytes of a sitemap (protocol 0.9) with ``xhtml:link`` alternates per URL."""
    namespaces = f' xmlns="{SITEMAP}"' + (f' xmlns:xhtml="{XHTML}"' if any(entry.alternates for entry in entries) else "")
    if not entries:
        return f"{DECLARATION}<urlset{namespaces} />\n".encode("utf-8")
    lines = [DECLARATION, f"<urlset{namespaces}>\n"]
    for entry in entries:
        lines += ["  <url>\n", element("    ", "loc", entry.url)]
        if entry.lastmod is not None:
            lines.append(element("    ", "lastmod", entry.lastmod.isoformat()))
        lines += [element("    ", "xhtml:link", rel="alternate", hreflang=hreflang, href=href)
                  for hreflang, href in entry.alternates]
        lines.append("  </url>\n")
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")


def robots_txt(sitemap_url: str) -> str:
    """Everything may be crawled; the sitemap says what there is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
