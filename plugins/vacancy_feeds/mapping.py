"""From a feed's ``Posting`` to the front matter and Markdown of a vacancy file.

Feeds rarely say everything the content model requires. The defaults below are deliberately
conservative and derived from the posting itself; they are documented in docs/fetcher.md.

``type`` (from the *title* only, since descriptions often mention other kinds of work):
    afstudeer*/graduation/thesis/scriptie -> ``graduation-project``;
    stage/stagiair/intern/internship/praktikum, or a feed saying "intern" -> ``internship``;
    trainee/traineeship, or a feed saying "trainee" -> ``traineeship``;
    bijbaan/student job/werkstudent/vakantiewerk/summer job -> ``side-job``; otherwise ``job``.
``employment_type`` (one value, or a list when the feed states several):
    ``INTERN`` for internships and graduation projects, plus ``FULL_TIME``/``PART_TIME`` when
    the feed states them; else every value the feed states, mapped to schema.org by
    ``employment.employment_types``; else part-time/deeltijd or freelance/zzp in the title;
    else ``PART_TIME`` for side jobs and ``FULL_TIME`` for everything else.
``education``:
    the levels the title or description names (MBO, HBO, WO); ``[hbo, wo]`` when none.
``language``:
    the language the feed states for the posting, else the feed entry's ``language``, else
    the stop-word detector (``language.py``), else the language the feed states for all its
    postings (RSS channel, Personio ``?language=``), else the company's first working language.
``title``, ``place``: entities decoded (also twice-encoded ones), HTML tags dropped, made
    plain text (``plain_field``).
``apply_url``, ``url``: the application form where the ATS documents one, else the posting
    page; ``url`` is the posting page when it differs from ``apply_url``.
``languages_required``: ``[language]``.
``place``:
    the first part of the feed's location (``Enschede, Overijssel`` -> ``Enschede``); the
    company's address city (else its municipality) when the feed has none or says "Remote".
``date_posted``: from the feed; else the date already in the file; else the fetch date.
``valid_through``:
    from the feed when it gives one. Otherwise ``date_posted + DEFAULT_VALIDITY_DAYS``; when
    that is not after the fetch date, the date already in the file if it is after the fetch
    date, else fetch date + ``EXTENSION_DAYS``. A posting still listed is therefore never
    cut off, and its file changes about once a month, not daily.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from content_model import Company, Feed, plain_text
from content_model.schema import is_http_url
from content_model.vacancies import parse_date

from .adapters import Posting
from .description import DescriptionError, html_to_markdown
from .employment import employment_types
from .language import detect_language

DEFAULT_VALIDITY_DAYS = 60
EXTENSION_DAYS = 30
DEFAULT_EDUCATION = ("hbo", "wo")
TITLE_MAX = 140
PLACE_MAX = 80

_GRADUATION = re.compile(r"afstudeer|graduation|\bthesis\b|\bscriptie|abschlussarbeit", re.I)
_INTERNSHIP = re.compile(
    r"(?<![-\w])(stages?|stageplaats|stageopdracht|meewerkstage|snuffelstage|stagiaire?s?|interns?|"
    r"internships?|praktikum|praktikant(in)?)\b", re.I)
_TRAINEE = re.compile(r"\btrainee(ship)?s?\b|\btraineeprogramma", re.I)
_SIDE_JOB = re.compile(
    r"\bbijba(a|ne)n|\bstudent(en)?[ -]?(job|baan|banen|assistant|assistent|medewerker)s?\b|"
    r"\bwerkstudent|\bvakantie(werk|baan|job)|\bzomer(baan|banen|job|werk)|\bferienjob|"
    r"\b(summer|holiday|side)[ -]?jobs?\b|\bweekendwerk|\bzaterdaghulp|\bminijob", re.I)
_PART_TIME = re.compile(r"\bpart[- ]?time|\bdeeltijd|\bteilzeit", re.I)
_FREELANCE = re.compile(r"\bfreelance|\bzzp\b|\bcontractor\b|\binterim\b", re.I)
# A location that says where the work is not: "Remote", "Remote - Netherlands", "Hybrid (Enschede)"...
_REMOTE_PLACE = re.compile(r"^(fully\s+|100%\s+)?(remote|anywhere|worldwide|thuiswerken|home[\s-]?office|"
                           r"work from home)\b|^(hybrid|hybride)\b", re.I)
_EDUCATION = {
    "mbo": re.compile(r"\bmbo\b", re.I),
    "hbo": re.compile(r"\bhbo\b|university of applied sciences|hogeschool", re.I),
    # "wo" is also German for "where": only upper-case WO, or wo- compounds and "hbo/wo" forms.
    "wo": re.compile(r"\bWO\b|(?i:\bwo[- ](niveau|master|bachelor|opleiding|diploma)"
                     r"|\b(hbo|mbo)\s*(/|-|of|en|or)\s*wo\b|research university)"),
}
_INLINE_TAGS = re.compile(r"</?(b|i|em|strong|span|br|p|div|a|sup|sub|small|u|font|mark)\b[^<>]*>", re.I)
_DIRECTION_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))
_FALLBACK_BODY = {
    "nl": "De volledige vacaturetekst staat op de site van de werkgever: <{url}>",
    "de": "Den vollständigen Stellentext finden Sie auf der Website des Arbeitgebers: <{url}>",
    "en": "The full vacancy text is on the employer's site: <{url}>",
}


class SkipPosting(ValueError):
    """This posting cannot become a valid vacancy; the message says why."""


@dataclass(frozen=True)
class Draft:
    """A vacancy ready to be written: front matter fields (model names) and Markdown body."""

    posting_id: str
    fields: dict
    body: str
    default_valid_through: bool

    @property
    def valid_through(self) -> dt.date:
        return self.fields["valid_through"]

    @property
    def apply_url(self) -> str:
        return self.fields["apply_url"]

    @property
    def page_url(self) -> str:
        """The posting's own page: ``url`` when it differs from the application form."""
        return self.fields.get("url") or self.fields["apply_url"]


def to_vacancy(posting: Posting, company: Company, feed: Feed, today: dt.date,
               existing: dict | None = None) -> Draft:
    """Map one posting onto the content model; ``existing`` is the current file's front matter."""
    existing = existing or {}
    title = _title(posting.title)
    page = urljoin(feed.url, posting.url.strip())
    if not is_http_url(page):
        raise SkipPosting(f"link {posting.url!r} is not an http(s) URL")
    form = urljoin(feed.url, posting.apply_url.strip()) if posting.apply_url else None
    if form and not is_http_url(form):
        form = None  # an unusable form link: apply on the posting page
    apply_url = form or page
    try:
        body = html_to_markdown(posting.description_html) if posting.description_html else ""
    except DescriptionError as error:
        raise SkipPosting(str(error)) from error
    text_for_detection = f"{title}\n{plain_text(body) if body else ''}"
    language = posting_language(posting, feed, company, text_for_detection)
    if not body:
        body = _FALLBACK_BODY.get(language, _FALLBACK_BODY["en"]).format(url=page)
    kind = vacancy_type(title, posting.employment_type)
    place, remote_from_place = _place(posting.place, company)
    date_posted = posting.date_posted or parse_date(existing.get("date_posted")) or today
    valid_through, defaulted = _valid_through(posting, date_posted, today, parse_date(existing.get("valid_through")))
    if valid_through < date_posted:
        raise SkipPosting(f"valid through {valid_through} is before the posting date {date_posted}")
    employment = employment_type(kind, title, posting.employment_type)
    fields = {
        "title": title,
        "company": company.slug,
        "type": kind,
        "employment_type": employment[0] if len(employment) == 1 else employment,
        "education": education(text_for_detection),
        "language": language,
        "languages_required": [language],
        "place": place,
        "remote": posting.remote or remote_from_place,
        "hours": _hours(posting.hours),
        "salary": _salary(posting.salary),
        "date_posted": date_posted,
        "valid_through": valid_through,
        "apply_url": apply_url,
        "url": page if normalize_url(page) != normalize_url(apply_url) else None,
        "source": {"type": feed.type, "feed": feed.url, "id": posting.id},
    }
    return Draft(posting.id, fields, body, defaulted)


def normalize_url(url: str) -> str:
    """An apply URL in a form for comparing: no fragment, no ``utm_*``, no trailing slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and not ((parts.scheme == "http" and parts.port == 80) or
                           (parts.scheme == "https" and parts.port == 443)):
        host += f":{parts.port}"
    query = sorted((key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
                   if not key.lower().startswith("utm_"))
    return urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/"), urlencode(query), ""))


def posting_language(posting: Posting, feed: Feed, company: Company, text: str) -> str:
    """The posting's stated language > ``feeds[].language`` > detector > the feed's stated
    language > the company's first language.

    A language the feed states for all its postings (an RSS channel's ``language``, Personio's
    ``?language=``) comes after the detector: multilingual boards mix languages under it.
    """
    return (posting.language or feed.language or detect_language(text) or posting.feed_language
            or (company.languages[0] if company.languages else "nl"))


def vacancy_type(title: str, feed_employment: tuple[str, ...] = ()) -> str:
    hint = " ".join(feed_employment).lower()
    if _GRADUATION.search(title):
        return "graduation-project"
    if _INTERNSHIP.search(title) or "INTERN" in employment_types(feed_employment):
        return "internship"
    if _TRAINEE.search(title) or "trainee" in hint:
        return "traineeship"
    if _SIDE_JOB.search(title):
        return "side-job"
    return "job"


def employment_type(kind: str, title: str, feed_employment: tuple[str, ...] = ()) -> list[str]:
    """schema.org ``employmentType`` values: what the feed states, else the documented defaults.

    Internships and graduation projects are ``INTERN``, plus ``FULL_TIME``/``PART_TIME`` when
    the feed says so. Other postings take every value the feed states (a posting can be both
    full- and part-time); without one, part-time/freelance in the title, else ``PART_TIME``
    for side jobs and ``FULL_TIME`` for the rest.
    """
    stated = employment_types(feed_employment)
    if kind in ("internship", "graduation-project"):
        return ["INTERN"] + [value for value in stated if value in ("FULL_TIME", "PART_TIME")]
    stated = [value for value in stated if value != "INTERN"]
    if stated:
        return stated
    if _PART_TIME.search(title):
        return ["PART_TIME"]
    if _FREELANCE.search(title):
        return ["CONTRACTOR"]
    return ["PART_TIME" if kind == "side-job" else "FULL_TIME"]


def education(text: str) -> list[str]:
    found = [level for level, pattern in _EDUCATION.items() if pattern.search(text)]
    return found or list(DEFAULT_EDUCATION)


def default_valid_through(date_posted: dt.date, today: dt.date, existing: dt.date | None) -> dt.date:
    """The documented default when the feed gives no last day (never before today + 1)."""
    base = date_posted + dt.timedelta(days=DEFAULT_VALIDITY_DAYS)
    if base > today:
        return base
    if existing and existing > today:
        return existing
    return today + dt.timedelta(days=EXTENSION_DAYS)


def _valid_through(posting: Posting, date_posted: dt.date, today: dt.date,
                   existing: dt.date | None) -> tuple[dt.date, bool]:
    if posting.valid_through:
        return posting.valid_through, False
    return default_valid_through(date_posted, today, existing), True


def plain_field(value: str) -> str:
    """Feed text for a plain-text field (title, place): entities decoded, also twice-encoded
    ones (``&amp;amp;``, WordPress's ``&#8217;``); the tags of an HTML title dropped; white
    space and control characters collapsed; ``<``/``>`` shown as ``‹``/``›``, invisible
    direction marks removed (the model refuses them in plain text)."""
    for _ in range(3):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    value = _INLINE_TAGS.sub(" ", value)
    value = value.translate(_DIRECTION_MARKS)
    value = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in value)
    value = value.replace("<", "\u2039").replace(">", "\u203a")
    return re.sub(r"\s+", " ", value).strip()


def _title(value: str) -> str:
    title = plain_field(value)
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX - 1].rstrip() + "…"
    if len(title) < 3:
        raise SkipPosting(f"title {title!r} is shorter than 3 characters")
    return title


def company_place(company: Company) -> str:
    """Where a company's postings are when the feed does not say: address city, else municipality."""
    address = company.address or {}
    return address.get("city") or company.municipality


def _place(value: str | None, company: Company) -> tuple[str, str | None]:
    value = plain_field(value or "")
    first = value.split(",")[0].strip() if value else ""
    if _REMOTE_PLACE.match(first):
        remote = "hybrid" if first.lower().startswith("hybri") else "remote"
        return company_place(company), remote
    if len(first) < 2:
        return company_place(company), None
    if len(first) > PLACE_MAX:
        first = first[:PLACE_MAX - 1].rstrip() + "…"
    return first, None


def _hours(value: tuple[int, int] | None) -> dict | None:
    if not value:
        return None
    low, high = value
    if 1 <= low <= high <= 60:
        return {"min": low, "max": high}
    return None


_PERIODS = {"hour": "HOUR", "month": "MONTH", "year": "YEAR", "annual": "YEAR", "uur": "HOUR",
            "maand": "MONTH", "jaar": "YEAR"}


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "."))
        except ValueError:
            return None
    if isinstance(value, (int, float)) and math.isfinite(value) and value >= 0:
        return int(value) if float(value).is_integer() else float(value)
    return None


def _salary(value: dict | None) -> dict | None:
    """Salary only when it is in euros, with a known period and a sane range."""
    if not value:
        return None
    currency = value.get("currency")
    if not isinstance(currency, str) or currency.upper() != "EUR":
        return None
    period = None
    raw_period = str(value.get("period") or "").lower()
    for needle, name in _PERIODS.items():
        if needle in raw_period:
            period = name
            break
    low, high = _number(value.get("min")), _number(value.get("max"))
    low = low if low is not None else high
    high = high if high is not None else low
    if period is None or low is None or high is None or low > high or high == 0:
        return None
    return {"min": low, "max": high, "currency": "EUR", "period": period}
