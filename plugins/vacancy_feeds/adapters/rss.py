"""RSS 2.0 and Atom (RFC 4287) job feeds, including those of WordPress job boards and ATSs.

RSS 2.0: ``channel/item`` with ``title``, ``link``, ``description`` or ``content:encoded``
(HTML), ``pubDate`` (RFC 822) or ``dc:date``, ``guid``, ``category``. Atom: ``feed/entry``
with ``id``, ``title``, ``link[@rel=alternate]``, ``content`` or ``summary``, ``published``
or ``updated`` (RFC 3339), ``category/@term`` (or ``@label``) and ``xml:lang``.

Neither format has fields for jobs, so the extension elements job boards add are read by
their local name, in any namespace (names compared without case, ``-`` and ``_``):

* place: ``location``, ``city``, ``place``, ``plaats``, ``standplaats``,
  ``vestigingsplaats`` (WP Job Manager's ``job_listing:location``), or the first
  ``city``/``name`` inside ``locations`` (Teamtailor's ``tt:locations/tt:location``);
* employment type: ``job_type`` (WP Job Manager's ``job_listing:job_type``),
  ``employment_type``, ``employmentType``, ``contract_type``, ``dienstverband``,
  ``schedule``; else a ``category`` that is itself an employment type (``Part-time``,
  ``Stage``, ``Freelance``; a category such as ``Sales`` is ignored);
* remote status: ``remoteStatus`` (Teamtailor: ``none``, ``hybrid``, ``fully``), ``remote``
  (``true``/``false``), ``remote_position``, ``workplace_type``, ``location_type``; else a
  ``category`` ``Remote``, ``Hybrid`` or ``On-site``;
* language: the item's ``language``/``dc:language`` or ``xml:lang`` states the posting's
  language; the channel's ``language`` (``nl-nl``) or the Atom feed's ``xml:lang`` only the
  feed's (``feed_language``, used when the text does not make it clear).

Titles may be HTML (Atom ``type="html"``, WordPress's ``&#8217;``): ``mapping`` decodes them.
Entities are refused (defusedxml), so an entity-expansion bomb fails as a bad feed.
References: https://www.rssboard.org/rss-specification, https://www.rfc-editor.org/rfc/rfc4287,
https://wpjobmanager.com/document/developer-reference/
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, tostring

from . import (FeedAdapter, FeedFormatError, Page, Posting, html_from_text, language_code, load_xml,
               local_name, parse_date, read_items, remote_status, text, values)
from ..employment import is_employment_phrase

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PLACE_ELEMENTS = ("location", "city", "place", "plaats", "standplaats", "vestigingsplaats", "joblocation")
EMPLOYMENT_ELEMENTS = ("jobtype", "employmenttype", "contracttype", "dienstverband", "schedule")
REMOTE_ELEMENTS = ("remotestatus", "remote", "remoteposition", "workplacetype", "locationtype", "telecommute")


class RssAdapter(FeedAdapter):
    type = "rss"
    reference = "https://www.rssboard.org/rss-specification"

    def parse(self, body: bytes, url: str) -> Page:
        root = load_xml(body)
        name = local_name(root.tag)
        if name == "rss":
            channel = next((child for child in root if _key(child.tag) == "channel"), None)
            if channel is None:
                raise FeedFormatError("RSS feed without a <channel>")
            return _rss_items(channel)
        if name == "feed":
            return _atom_entries(root)
        if name == "RDF":
            raise FeedFormatError("RSS 1.0 (RDF) feeds are not supported; use RSS 2.0 or Atom")
        raise FeedFormatError(f"expected an RSS 2.0 <rss> or Atom <feed> root, found <{name}>")


def _key(tag: str) -> str:
    return re.sub(r"[-_]", "", local_name(tag).lower())


def _children(element: Element) -> dict[str, Element]:
    """Child elements by normalised local name (the first of each name)."""
    found: dict[str, Element] = {}
    for child in element:
        found.setdefault(_key(child.tag), child)
    return found


def _all(element: Element, key: str) -> list[Element]:
    return [child for child in element if _key(child.tag) == key]


def _text(element: Element | None) -> str | None:
    return text("".join(element.itertext())) if element is not None else None


def _place(fields: dict[str, Element]) -> str | None:
    for name in PLACE_ELEMENTS:
        element = fields.get(name)
        if element is not None and len(element):  # a container: <location><city>...</city></location>
            inner = _children(element)
            found = _text(inner.get("city")) or _text(inner.get("name"))
            if found:
                return found
        elif _text(element):
            return _text(element)
    locations = fields.get("locations")
    for location in locations if locations is not None else []:
        inner = _children(location)
        found = _text(inner.get("city")) or _text(inner.get("name")) or (None if len(location) else _text(location))
        if found:
            return found
    return None


def _categories(item: Element) -> list[str]:
    """RSS ``<category>text</category>`` and Atom ``<category term="..." label="..."/>``."""
    found = []
    for category in _all(item, "category"):
        value = text(category.get("label")) or text(category.get("term")) or _text(category)
        if value:
            found.append(value)
    return found


def _employment(fields: dict[str, Element], item: Element) -> tuple[str, ...]:
    stated = values(*(_text(element) for name in EMPLOYMENT_ELEMENTS
                      for element in _all(item, name)))
    if stated:
        return stated
    return values(*(category for category in _categories(item) if is_employment_phrase(category)))


def _remote(fields: dict[str, Element], item: Element) -> str | None:
    for name in REMOTE_ELEMENTS:
        if name in fields:
            status = remote_status(_text(fields[name]))
            if status:
                return status
    for category in _categories(item):
        status = remote_status(category)
        if status and category.strip().lower() not in ("true", "false", "yes", "no", "none", "office", "flexible"):
            return status
    return None


def _rss_items(channel: Element) -> Page:
    feed_language = language_code(_text(_children(channel).get("language")))

    def read(item: Element, where: str) -> Posting:
        fields = _children(item)
        link = _text(fields.get("link")) or ""
        encoded = next((child for child in item if child.tag == "{http://purl.org/rss/1.0/modules/content/}encoded"), None)
        return Posting(
            id=_text(fields.get("guid")) or link, title=_text(fields.get("title")) or "", url=link,
            description_html=_text(encoded) or _text(fields.get("description")) or "",
            place=_place(fields),
            date_posted=parse_date(_text(fields.get("pubdate"))) or parse_date(_text(fields.get("date"))),
            employment_type=_employment(fields, item),
            remote=_remote(fields, item),
            language=language_code(_text(fields.get("language"))) or language_code(item.get(XML_LANG)),
            feed_language=feed_language,
        )

    return read_items([item for item in channel if _key(item.tag) == "item"], "item", read)


def _atom_link(entry: Element) -> str | None:
    links = [child for child in entry if _key(child.tag) == "link"]
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
            id=_text(fields.get("id")) or link, title=_text(fields.get("title")) or "", url=link,
            description_html=description,
            place=_place(fields),
            date_posted=parse_date(_text(fields.get("published"))) or parse_date(_text(fields.get("updated"))),
            employment_type=_employment(fields, entry),
            remote=_remote(fields, entry),
            language=language_code(entry.get(XML_LANG)) or language_code(_text(fields.get("language"))),
            feed_language=feed_language,
        )

    return read_items([entry for entry in feed if _key(entry.tag) == "entry"], "entry", read)
