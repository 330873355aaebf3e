"""``sitemap.xml`` with hreflang alternates, and the ``robots.txt`` that points at it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

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
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for entry in entries:
        url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = entry.url
        if entry.lastmod is not None:
            ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = entry.lastmod.isoformat()
        for hreflang, href in entry.alternates:
            ET.SubElement(url, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": hreflang, "href": href})
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(sitemap_url: str) -> str:
    """Everything may be crawled; the sitemap says what there is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
