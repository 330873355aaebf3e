"""RSS 2.0 and Atom (RFC 4287) job feeds.

RSS 2.0: ``channel/item`` with ``title``, ``link``, ``description`` or ``content:encoded``
(HTML), ``pubDate`` (RFC 822) or ``dc:date``, ``guid``; the channel's ``language``
(``nl-nl``) is the posting language. Atom: ``feed/entry`` with ``id``, ``title``,
``link[@rel=alternate]``, ``content`` or ``summary``, ``published`` or ``updated`` (RFC 3339)
and ``xml:lang``. Neither format has a place; an item child element named ``location``,
``city``, ``place``, ``plaats`` or ``standplaats`` (any namespace) is used when present.
Entities are refused (defusedxml), so an entity-expansion bomb fails as a bad feed.
References: https://www.rssboard.org/rss-specification, https://www.rfc-editor.org/rfc/rfc4287
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, tostring

from . import (FeedAdapter, FeedFormatError, Page, Posting, html_from_text, language_code, load_xml,
               local_name, parse_date, read_items, text)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PLACE_ELEMENTS = ("location", "city", "place", "plaats", "standplaats", "vestigingsplaats")


class RssAdapter(FeedAdapter):
    type = "rss"
    reference = "https://www.rssboard.org/rss-specification"

    def parse(self, body: bytes, url: str) -> Page:
        root = load_xml(body)
        name = local_name(root.tag)
        if name == "rss":
            channel = next((child for child in root if local_name(child.tag) == "channel"), None)
            if channel is None:
                raise FeedFormatError("RSS feed without a <channel>")
            return _rss_items(channel)
        if name == "feed":
            return _atom_entries(root)
        if name == "RDF":
            raise FeedFormatError("RSS 1.0 (RDF) feeds are not supported; use RSS 2.0 or Atom")
        raise FeedFormatError(f"expected an RSS 2.0 <rss> or Atom <feed> root, found <{name}>")


def _children(element: Element) -> dict[str, Element]:
    found: dict[str, Element] = {}
    for child in element:
        found.setdefault(local_name(child.tag), child)
    return found


def _text(element: Element | None) -> str | None:
    return text("".join(element.itertext())) if element is not None else None


def _place(fields: dict[str, Element]) -> str | None:
    for name in PLACE_ELEMENTS:
        if name in fields and _text(fields[name]):
            return _text(fields[name])
    return None


def _rss_items(channel: Element) -> Page:
    language = language_code(_text(_children(channel).get("language")))

    def read(item: Element, where: str) -> Posting:
        fields = _children(item)
        link = _text(fields.get("link")) or ""
        encoded = next((child for child in item if child.tag == "{http://purl.org/rss/1.0/modules/content/}encoded"), None)
        return Posting(
            id=_text(fields.get("guid")) or link, title=_text(fields.get("title")) or "", apply_url=link,
            description_html=_text(encoded) or _text(fields.get("description")) or "",
            place=_place(fields),
            date_posted=parse_date(_text(fields.get("pubDate"))) or parse_date(_text(fields.get("date"))),
            language=language,
        )

    return read_items([item for item in channel if local_name(item.tag) == "item"], "item", read)


def _atom_link(entry: Element) -> str | None:
    links = [child for child in entry if local_name(child.tag) == "link"]
    for link in links:
        if link.get("rel", "alternate") == "alternate" and text(link.get("href")):
            return text(link.get("href"))
    return text(links[0].get("href")) if links else None


def _atom_entries(feed: Element) -> Page:
    feed_language = language_code(feed.get(XML_LANG))

    def read(entry: Element, where: str) -> Posting:
        fields = _children(entry)
        link = _atom_link(entry) or ""
        body = fields.get("content") if "content" in fields else fields.get("summary")
        description = ""
        if body is not None:
            kind = body.get("type", "text")
            if kind == "xhtml":
                for element in body.iter():
                    element.tag = local_name(element.tag)  # drop the XHTML namespace prefixes
                description = "".join(tostring(child, encoding="unicode") for child in body)
            elif kind == "html":
                description = _text(body) or ""
            else:
                description = html_from_text(_text(body) or "")
        return Posting(
            id=_text(fields.get("id")) or link, title=_text(fields.get("title")) or "", apply_url=link,
            description_html=description,
            place=_place(fields),
            date_posted=parse_date(_text(fields.get("published"))) or parse_date(_text(fields.get("updated"))),
            language=language_code(entry.get(XML_LANG)) or feed_language,
        )

    return read_items([entry for entry in feed if local_name(entry.tag) == "entry"], "entry", read)
