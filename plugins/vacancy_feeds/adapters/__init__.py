"""Feed adapters: one module per applicant tracking system or feed format.

Every adapter turns the raw bytes of one HTTP response into ``Posting`` records. The
interface is small on purpose:

``request_url(feed_url)``
    The URL of the first request (an adapter may add a documented query parameter, such as
    Greenhouse's ``content=true``, when the configured URL lacks it).
``parse(body, url) -> Page``
    The postings in one response, plus ``next_url`` when the API pages its results. A body
    that is readable as a whole but has parts that are not (a malformed item, a broken
    JSON-LD block, a page cut off before its end) still gives a ``Page``: the unreadable
    parts are listed in ``problems`` and the runner treats the feed as *partial* (no file of
    it is removed). A posting with an id but without a required field (title, link) is
    listed in ``invalid`` so that its existing file is kept and the summary says why.
``detail_url(posting)`` / ``parse_detail(body, posting)``
    For APIs whose list omits the description (SmartRecruiters): where to fetch one
    posting's details, and how to merge them in. Other adapters keep the defaults.

Adapters never fetch anything themselves and never write files; ``fetching`` does the HTTP
and ``writer`` maps postings onto the content model. A body that does not have the
documented shape raises ``FeedFormatError``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from xml.etree.ElementTree import Element, ParseError


class FeedFormatError(ValueError):
    """The response body is not the feed format the company profile says it is."""


@dataclass(frozen=True)
class Posting:
    """One job posting as a feed describes it, before defaults are applied.

    Only ``id``, ``title`` and ``url`` are required; everything else is empty when the feed
    does not say, and ``writer``/``mapping`` fill in documented defaults. Text is as the feed
    has it (entities and all); ``mapping`` decodes it.
    """

    id: str
    title: str
    url: str                             # the posting's own page (with its apply button)
    description_html: str = ""
    apply_url: str | None = None         # the application form, where the ATS documents a separate one
    place: str | None = None
    date_posted: dt.date | None = None
    valid_through: dt.date | None = None
    employment_type: tuple[str, ...] = ()  # the feed's own wording ("Full-time", "intern", FULL_TIME...)
    language: str | None = None          # ISO 639-1 code the feed states for this posting
    feed_language: str | None = None     # the language the feed states for all its postings
    remote: str | None = None            # on-site | hybrid | remote, when the feed says so
    hours: tuple[int, int] | None = None
    salary: dict | None = None           # {min, max, currency, period} as the feed gives it
    detail_url: str | None = None        # set by adapters whose list lacks the description
    job_id: str | None = None            # the ATS's own id of the job several postings may share


# What a malformed part of a body raises while an adapter reads it.
SHAPE_ERRORS = (KeyError, TypeError, AttributeError, ValueError, IndexError, RecursionError)


@dataclass
class Page:
    """What one response holds: postings, the URL of the next page, and what could not be read."""

    postings: list[Posting] = field(default_factory=list)
    next_url: str | None = None
    problems: list[str] = field(default_factory=list)              # unreadable parts: the feed is partial
    invalid: list[tuple[str, str]] = field(default_factory=list)   # (posting id, reason): not storable

    def add(self, posting: Posting, where: str) -> None:
        """Keep ``posting`` if it has an id, a title and a link; else say why in ``problems``/``invalid``."""
        if not posting.id:
            self.problems.append(f"{where}: a posting without an id; it cannot be matched to its file")
            return
        missing = [name for name, value in (("title", posting.title), ("link", posting.url)) if not value]
        if missing:
            self.invalid.append((posting.id, f"invalid: no {' and no '.join(missing)} in the feed ({where})"))
            return
        self.postings.append(posting)


def read_items(items: list, label: str, read: Callable[[Any, str], Posting], page: Page | None = None) -> Page:
    """``read`` every item into ``page``; an item of the wrong shape becomes a problem, not a failure."""
    page = page if page is not None else Page()
    for index, item in enumerate(items):
        where = f"{label}[{index}]"
        try:
            posting = read(item, where)
        except FeedFormatError as error:
            page.problems.append(str(error))
            continue
        except SHAPE_ERRORS as error:
            page.problems.append(f"{where}: unreadable ({type(error).__name__}: {error})")
            continue
        page.add(posting, where)
    return page


class FeedAdapter:
    """Base class; subclasses set ``type`` and implement ``parse``."""

    type: str = ""
    #: the format's documentation, quoted in docs/fetcher.md and error messages
    reference: str = ""

    def request_url(self, feed_url: str) -> str:
        return feed_url

    def parse(self, body: bytes, url: str) -> Page:
        raise NotImplementedError

    def detail_url(self, posting: Posting) -> str | None:
        return posting.detail_url

    def parse_detail(self, body: bytes, posting: Posting) -> Posting:
        return posting


# Helpers shared by the adapters ------------------------------------------------------------

def load_json(body: bytes) -> Any:
    """JSON from a response body, or ``FeedFormatError``."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise FeedFormatError(f"malformed JSON: {error}") from error


def load_xml(body: bytes) -> Element:
    """Parse XML with defusedxml: entity expansion (billion laughs) and external entities are refused."""
    try:
        return SafeElementTree.fromstring(body)
    except DefusedXmlException as error:
        raise FeedFormatError(f"unsafe XML refused ({type(error).__name__}): {error}") from error
    except ParseError as error:
        raise FeedFormatError(f"malformed XML: {error}") from error


def expect(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    """``value`` if it has the expected JSON type, else ``FeedFormatError`` naming ``what``."""
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise FeedFormatError(f"{what}: expected {_json_name(names)}, found {_json_name(type(value).__name__)}")
    return value


def _json_name(name: str) -> str:
    return {"dict": "an object", "list": "an array", "str": "a string", "NoneType": "null",
            "int": "a number", "float": "a number"}.get(name, name)


def values(*items: Any) -> tuple[str, ...]:
    """The non-empty texts among ``items`` (lists are flattened), in order, without repeats."""
    found: list[str] = []
    for item in items:
        for value in item if isinstance(item, (list, tuple)) else [item]:
            value = text(value)
            if value and value not in found:
                found.append(value)
    return tuple(found)


_REMOTE_WORDS = {
    "remote": ("remote", "fully remote", "fully", "full remote", "telecommute", "telecommuting", "true", "yes",
               "work from home", "thuiswerken", "home office", "homeoffice", "anywhere", "100% remote"),
    "hybrid": ("hybrid", "hybride", "partly remote", "partially remote", "remote friendly", "flexible"),
    "on-site": ("on-site", "on site", "onsite", "on_site", "office", "in office", "in-office", "none", "false", "no",
                "op locatie", "vor ort", "not remote"),
}


def remote_status(value: Any) -> str | None:
    """``remote``/``hybrid``/``on-site`` from a feed's remote field (``true``, ``fully``, ``hybrid``...)."""
    if value is True:
        return "remote"
    if value is False:
        return "on-site"
    value = text(value)
    if not value:
        return None
    wording = re.sub(r"[\s_]+", " ", html.unescape(value).strip().lower())
    for status, words in _REMOTE_WORDS.items():
        if wording in words:
            return status
    return None


def text(value: Any) -> str | None:
    """A stripped string, or None for anything empty or not a scalar."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def identifier(value: Any) -> str | None:
    """An external id as text (numbers become their decimal form)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    return text(value)


def language_code(value: Any) -> str | None:
    """``"nl"``, ``"nl-NL"``, ``"nl_NL"`` -> ``"nl"``; anything else -> None."""
    value = text(value)
    if not value:
        return None
    match = re.match(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$", value)
    return match.group(1).lower() if match else None


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: Any) -> dt.date | None:
    """A date from the shapes feeds use; None when absent or unreadable.

    Accepts ISO 8601 dates and date-times (``2026-11-02``, ``2026-11-02T09:30:00.000Z``,
    Recruitee's ``2026-11-02 09:30:00 UTC``), RFC 822 dates (RSS ``pubDate``) and epoch
    milliseconds (Lever ``createdAt``). The calendar date is taken as written, in the
    feed's own time zone.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 10_000_000_000 else value
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    value = text(value)
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def html_from_text(value: str) -> str:
    """Plain text as HTML paragraphs (for feeds that only give text)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def maybe_unescape(value: str) -> str:
    """HTML that arrives entity-escaped (``&lt;p&gt;``, as Greenhouse sends it) made real HTML."""
    if "<" not in value and "&lt;" in value:
        return html.unescape(value)
    return value


def with_query(url: str, **params: str) -> str:
    """``url`` with the given query parameters set (replacing existing values)."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
             if key not in params]
    query += list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def with_default_query(url: str, **params: str) -> str:
    """``url`` with the given query parameters added only where the URL does not set them."""
    present = {key for key, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)}
    missing = {key: value for key, value in params.items() if key not in present}
    return with_query(url, **missing) if missing else url


def query_value(url: str, name: str) -> str | None:
    for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if key == name:
            return value
    return None


def local_name(tag: str) -> str:
    """``{namespace}name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1]


# Registry ------------------------------------------------------------------------------------

def _registry() -> dict[str, FeedAdapter]:
    from .greenhouse import GreenhouseAdapter
    from .jsonld import JsonLdAdapter
    from .lever import LeverAdapter
    from .personio import PersonioAdapter
    from .recruitee import RecruiteeAdapter
    from .rss import RssAdapter
    from .smartrecruiters import SmartRecruitersAdapter
    from .workable import WorkableAdapter

    adapters = [RecruiteeAdapter(), PersonioAdapter(), GreenhouseAdapter(), LeverAdapter(),
                WorkableAdapter(), SmartRecruitersAdapter(), JsonLdAdapter(), RssAdapter()]
    return {adapter.type: adapter for adapter in adapters}


ADAPTERS: dict[str, FeedAdapter] = _registry()


def adapter_for(feed_type: str) -> FeedAdapter:
    """The adapter for a ``feeds[].type`` value (the schema's ``feed_type`` vocabulary)."""
    try:
        return ADAPTERS[feed_type]
    except KeyError:
        raise KeyError(f"no adapter for feed type {feed_type!r} "
                       f"(known: {', '.join(sorted(ADAPTERS))})") from None


__all__ = ["ADAPTERS", "SHAPE_ERRORS", "FeedAdapter", "FeedFormatError", "Page", "Posting", "adapter_for",
           "read_items", "remote_status", "values"]
