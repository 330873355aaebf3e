"""schema.org ``JobPosting`` objects embedded as JSON-LD in a careers HTML page.

The feed URL is a careers page; every ``<script type="application/ld+json">`` block on it
is read and every ``JobPosting`` found (top level, in a list, in ``@graph`` or as the
``item`` of an ``ItemList``) becomes a posting. Fields used: ``title``, ``description``
(HTML, possibly entity-escaped), ``datePosted``, ``validThrough``, ``employmentType``
(string or list of schema.org values), ``jobLocation.address.addressLocality``,
``jobLocationType`` (``TELECOMMUTE`` means remote), ``identifier`` (``PropertyValue.value``
or text), ``url`` (the posting page; schema.org has no separate application URL), ``inLanguage``
(a code, or a ``Language`` with ``alternateName``) and ``baseSalary`` (``MonetaryAmount`` with
``QuantitativeValue`` ``minValue``/``maxValue``/``value`` and ``unitText``). Without an
identifier the posting's ``url`` serves as its id; without a ``url`` the page URL is the
apply link. A page without any JobPosting is an empty feed, not an error: careers pages
legitimately have no openings. A block that is not valid JSON, a page that ends inside a
block or lacks its closing ``</html>`` (cut off in transit) make the page *partial*: its
postings are written, no file of the feed is removed. Only when every block is broken is the
page refused as a whole.
Reference: https://schema.org/JobPosting and
https://developers.google.com/search/docs/appearance/structured-data/job-posting
"""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from . import (SHAPE_ERRORS, FeedAdapter, FeedFormatError, Page, Posting, identifier, language_code,
               maybe_unescape, parse_date, text, values)


class JsonLdAdapter(FeedAdapter):
    type = "jsonld"
    reference = "https://schema.org/JobPosting"

    def parse(self, body: bytes, url: str) -> Page:
        collector = _ScriptCollector()
        collector.feed(_decode(body))
        collector.close()
        page = Page()
        readable = 0
        for number, block in enumerate(collector.blocks, 1):
            try:
                data = json.loads(block)
            except (ValueError, RecursionError) as error:
                # One broken block does not hide the others, but what it held is unknown:
                # the feed is partial, so no file of it is removed.
                page.problems.append(f"JSON-LD block {number} of {len(collector.blocks)} is not valid JSON "
                                     f"({error}); the postings in it were not read")
                continue
            readable += 1
            for index, item in enumerate(_job_postings(data), 1):
                where = f"JSON-LD block {number}, JobPosting {index}"
                try:
                    posting = _posting(item, url)
                except SHAPE_ERRORS as error:
                    page.problems.append(f"{where}: unreadable ({type(error).__name__}: {error})")
                    continue
                page.add(posting, where)
        if collector.blocks and not readable:
            raise FeedFormatError("every JSON-LD block on the page is malformed JSON")
        if collector.unterminated:
            page.problems.append("the page ends inside a JSON-LD <script> block: it was cut off, so "
                                 "postings after the cut were not read")
        elif not collector.complete:
            page.problems.append("the page has no closing </html>: it may have been cut off, so "
                                 "postings after the cut may be missing")
        return page


def _decode(body: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    return body.decode("latin-1")


class _ScriptCollector(HTMLParser):
    """Collects the text of ``<script type="application/ld+json">`` elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self.complete = False       # saw </html>: the page was not cut off
        self.unterminated = False   # the page ended inside a JSON-LD block
        self._current: list[str] | None = None

    def close(self) -> None:
        super().close()
        if self._current is not None:
            self.unterminated = True
            self._current = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
            self._current = [] if kind == "application/ld+json" else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "html":
            self.complete = True
        if tag == "script" and self._current is not None:
            self.blocks.append("".join(self._current).strip())
            self._current = None


def _is_type(item: dict, name: str) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == name for k in kinds)


def _job_postings(data: Any, depth: int = 0) -> list[dict]:
    if depth > 6:
        return []
    if isinstance(data, list):
        return [found for item in data for found in _job_postings(item, depth + 1)]
    if not isinstance(data, dict):
        return []
    if _is_type(data, "JobPosting"):
        return [data]
    found = []
    for key in ("@graph", "itemListElement", "item", "mainEntity"):
        if key in data:
            found += _job_postings(data[key], depth + 1)
    return found


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _posting(item: dict, page_url: str) -> Posting:
    title = text(item.get("title")) or text(item.get("name")) or ""
    link = text(_first(item.get("url")))
    link = urljoin(page_url, link) if link else None
    ident = item.get("identifier")
    posting_id = identifier(ident.get("value")) if isinstance(ident, dict) else identifier(_first(ident))
    posting_id = posting_id or link or "t-" + hashlib.sha256(title.encode()).hexdigest()[:12]
    location_types = values(item.get("jobLocationType"))
    in_language = item.get("inLanguage")
    if isinstance(in_language, dict):  # a schema.org Language: {"@type": "Language", "alternateName": "nl"}
        in_language = in_language.get("alternateName") or in_language.get("name")
    return Posting(
        id=posting_id, title=title, url=link or page_url,
        description_html=maybe_unescape(text(item.get("description")) or ""),
        place=_locality(item.get("jobLocation")),
        date_posted=parse_date(item.get("datePosted")),
        valid_through=parse_date(item.get("validThrough")),
        employment_type=values(item.get("employmentType")),
        language=language_code(in_language),
        remote="remote" if any(kind.upper() == "TELECOMMUTE" for kind in location_types) else None,
        salary=_salary(item.get("baseSalary")),
    )


def _locality(location: Any) -> str | None:
    for place in location if isinstance(location, list) else [location]:
        if not isinstance(place, dict):
            continue
        address = place.get("address")
        if isinstance(address, dict) and text(address.get("addressLocality")):
            return text(address.get("addressLocality"))
        if isinstance(address, str) and text(address):
            return text(address)
    return None


def _salary(value: Any) -> dict | None:
    if not isinstance(value, dict):
        return None
    amount = value.get("value")
    if isinstance(amount, dict):
        low = amount.get("minValue", amount.get("value"))
        high = amount.get("maxValue", amount.get("value"))
        unit = amount.get("unitText")
    else:
        low = high = amount
        unit = value.get("unitText")
    return {"min": low, "max": high, "currency": value.get("currency"), "period": unit}
