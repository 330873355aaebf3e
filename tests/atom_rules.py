"""Checks that an XML document is a valid Atom 1.0 feed (RFC 4287), for the tests.

``atom_problems(data)`` returns every rule the document breaks (empty: valid). It checks what
RFC 4287 requires of a feed document (sections 4.1 to 4.2), not what this site adds:

- the root is ``atom:feed``; a feed has exactly one ``atom:id``, ``atom:title`` and
  ``atom:updated`` and at most one of the other single elements; an entry likewise, with at
  most one ``atom:published``, ``atom:summary`` and ``atom:content``;
- ids are absolute IRIs; dates are RFC 3339 date-times with a time zone;
- a feed has an ``atom:author``, or every entry has one, and an author has a ``name``;
- every ``atom:link`` has an ``href``; at most one ``rel="alternate"`` link per ``type`` and
  ``hreflang``; a feed should have a ``rel="self"`` link (required here); an entry without
  ``atom:content`` has an alternate link;
- text constructs have ``type`` text, html or xhtml; ``atom:content`` with another ``type``
  must be a MIME type; ``atom:category`` has a ``term``;
- ``xml:lang`` values are language tags;
- only Atom elements, or elements of other namespaces (extensions), appear.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
MIME_TYPE = re.compile(r"^[\w.+-]+/[\w.+-]+$")
TEXT_TYPES = {"text", "html", "xhtml"}

FEED_CHILDREN = {"author", "category", "contributor", "generator", "icon", "id", "link", "logo", "rights",
                 "subtitle", "title", "updated", "entry"}
ENTRY_CHILDREN = {"author", "category", "content", "contributor", "id", "link", "published", "rights",
                  "source", "summary", "title", "updated"}
FEED_SINGLE = {"generator", "icon", "id", "logo", "rights", "subtitle", "title", "updated"}
ENTRY_SINGLE = {"content", "id", "published", "rights", "source", "summary", "title", "updated"}
REQUIRED = {"id", "title", "updated"}


def _local(element: ET.Element) -> str | None:
    return element.tag[len(ATOM) + 2:] if element.tag.startswith(f"{{{ATOM}}}") else None


def _check_children(element: ET.Element, where: str, allowed: set[str], single: set[str]) -> list[str]:
    problems = []
    counts: dict[str, int] = {}
    for child in element:
        name = _local(child)
        if name is None:
            if child.tag.startswith("{"):
                continue  # an extension element of another namespace
            problems.append(f"{where}: element {child.tag!r} has no namespace")
            continue
        if name not in allowed:
            problems.append(f"{where}: atom:{name} is not allowed here")
        counts[name] = counts.get(name, 0) + 1
    for name in single:
        if counts.get(name, 0) > 1:
            problems.append(f"{where}: more than one atom:{name}")
    for name in REQUIRED:
        if not counts.get(name):
            problems.append(f"{where}: atom:{name} is missing")
    return problems


def _check_common(element: ET.Element, where: str) -> list[str]:
    problems = []
    for node in element.iter():
        lang = node.get(XML_LANG)
        if lang is not None and lang != "" and not LANGUAGE_TAG.match(lang):
            problems.append(f"{where}: xml:lang {lang!r} is not a language tag")
    for child in element:
        name = _local(child)
        text = (child.text or "").strip()
        if name == "id":
            parts = urlsplit(text)
            if not parts.scheme or not (parts.netloc or parts.path):
                problems.append(f"{where}: atom:id {text!r} is not an absolute IRI")
        if name in ("updated", "published") and not DATE_TIME.match(text):
            problems.append(f"{where}: atom:{name} {text!r} is not an RFC 3339 date-time")
        if name in ("title", "subtitle", "summary", "rights") and child.get("type", "text") not in TEXT_TYPES:
            problems.append(f"{where}: atom:{name} type {child.get('type')!r} is not text, html or xhtml")
        if name == "content":
            kind = child.get("type", "text")
            if kind not in TEXT_TYPES and not MIME_TYPE.match(kind):
                problems.append(f"{where}: atom:content type {kind!r} is not text, html, xhtml or a MIME type")
        if name == "link" and not child.get("href"):
            problems.append(f"{where}: atom:link without href")
        if name == "category" and not child.get("term"):
            problems.append(f"{where}: atom:category without term")
        if name in ("author", "contributor"):
            names = [grand for grand in child if _local(grand) == "name"]
            if len(names) != 1 or not (names[0].text or "").strip():
                problems.append(f"{where}: atom:{name} needs exactly one non-empty atom:name")
    alternates = [(link.get("type"), link.get("hreflang")) for link in element
                  if _local(link) == "link" and link.get("rel", "alternate") == "alternate"]
    if len(alternates) != len(set(alternates)):
        problems.append(f"{where}: more than one alternate link with the same type and hreflang")
    return problems


def atom_problems(data: bytes) -> list[str]:
    """Every RFC 4287 rule ``data`` breaks; an empty list for a valid Atom feed document."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if root.tag != f"{{{ATOM}}}feed":
        return [f"the root element is {root.tag!r}, not atom:feed"]
    problems = _check_children(root, "feed", FEED_CHILDREN, FEED_SINGLE) + _check_common(root, "feed")
    if not any(_local(link) == "link" and link.get("rel") == "self" for link in root):
        problems.append("feed: no rel=\"self\" link")
    feed_author = any(_local(child) == "author" for child in root)
    for number, entry in enumerate(root.findall(f"{{{ATOM}}}entry"), start=1):
        where = f"entry {number}"
        problems += _check_children(entry, where, ENTRY_CHILDREN, ENTRY_SINGLE) + _check_common(entry, where)
        if not feed_author and not any(_local(child) == "author" for child in entry):
            problems.append(f"{where}: no atom:author, and the feed has none")
        has_content = any(_local(child) == "content" for child in entry)
        has_alternate = any(_local(child) == "link" and child.get("rel", "alternate") == "alternate" for child in entry)
        if not has_content and not has_alternate:
            problems.append(f"{where}: neither atom:content nor an alternate link")
    return problems
