"""Feeds and sitemap written as text are the bytes ElementTree writes for the same tree."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from seo_meta.atom_feeds import ATOM, FeedEntry, atom_feed
from seo_meta.sitemaps import SITEMAP, XHTML, SitemapEntry, sitemap

NASTY = 'Tom & Jerry <b>"quoted"</b> \'single\'\tline\nbreak ĳ €'  # a raw \r in text would be read as \n


def as_elementtree_writes_it(data: bytes) -> bytes:
    """``data`` parsed and written again by ElementTree, indented as ``ElementTree.indent`` does."""
    ET.register_namespace("", ATOM if b"Atom" in data else SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.fromstring(data)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def entry(number: int, **changes) -> FeedEntry:
    fields = dict(title=f"{NASTY} {number}", url=f"https://example.org/v/{number}/?a=1&b=2",
                  published=dt.datetime(2026, 11, number, tzinfo=dt.timezone.utc), author=NASTY,
                  author_url="https://example.org/c/", summary=NASTY, content_html=f"<p>{NASTY}</p>",
                  language="nl", category="internship", category_label=NASTY + "\r")
    return FeedEntry(**{**fields, **changes})


def test_a_feed_is_what_elementtree_writes():
    for entries in ([], [entry(1)], [entry(2), entry(1, summary="", author="")]):
        data = atom_feed(title=NASTY, feed_url="https://example.org/feed.atom?x=\"1\"", page_url="https://example.org/",
                         language="en", updated=dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc), author="",
                         entries=entries)
        assert data == as_elementtree_writes_it(data)
        root = ET.fromstring(data)
        assert root.find(f"{{{ATOM}}}title").text == NASTY
        assert len(root.findall(f"{{{ATOM}}}entry")) == len(entries)


def test_a_sitemap_is_what_elementtree_writes():
    alternates = (("en", "https://example.org/a/?x=1&y=2"), ("nl", 'https://example.org/nl/a/"'))
    for entries in ([SitemapEntry("https://example.org/", alternates, dt.date(2026, 12, 1)),
                     SitemapEntry("https://example.org/<b>", ())], [SitemapEntry("https://example.org/")]):
        data = sitemap(entries)
        assert data == as_elementtree_writes_it(data)
        locs = [loc.text for loc in ET.fromstring(data).iter(f"{{{SITEMAP}}}loc")]
        assert locs == [item.url for item in entries]
    assert ET.fromstring(sitemap([])).tag == f"{{{SITEMAP}}}urlset"
