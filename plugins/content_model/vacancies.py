"""Vacancies: ``content/vacancies/<company-slug>/<slug>.md`` (YAML front matter + Markdown)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import markup, schema
from .problems import Problem
from .source_files import parse_front_matter, read_text

# Order in which fields are written by ``dump_vacancy`` (the order of the schema).
FIELD_ORDER = tuple(schema.load_schema("vacancy")["properties"])

# The language international students can count on; "English is enough" is about it alone.
ENGLISH = "en"


@dataclass(frozen=True)
class LanguageMarker:
    """What a vacancy card, page, search result, filter and JSON-LD say about languages.

    ``kind`` is ``"english-is-enough"`` (every required language is English) or
    ``"required"`` (``language`` must be spoken; one marker per such language).
    """

    kind: str
    language: str

    @property
    def filter_value(self) -> str:
        """The value of the language filter (search page and static filter pages)."""
        return "english" if self.kind == "english-is-enough" else self.language

    @classmethod
    def from_filter_value(cls, value: str) -> LanguageMarker:
        return cls("english-is-enough", ENGLISH) if value == "english" else cls("required", value)


@dataclass(frozen=True)
class Vacancy:
    company: str
    slug: str
    path: Path
    title: str
    type: str
    employment_type: tuple[str, ...]   # one or more schema.org values; a file may write one as a scalar
    education: tuple[str, ...]
    language: str
    languages_required: tuple[str, ...]
    place: str
    date_posted: dt.date
    valid_through: dt.date
    apply_url: str
    source: str | dict
    body: str
    municipality: str | None = None
    remote: str | None = None
    hours: dict | None = None
    salary: dict | None = None
    url: str | None = None   # the posting's own page, when apply_url is a separate application form

    @property
    def key(self) -> str:
        """Unique id across the site: ``<company>/<slug>``."""
        return f"{self.company}/{self.slug}"

    @property
    def is_manual(self) -> bool:
        return self.source == "manual"

    def is_live(self, on: dt.date) -> bool:
        """Published on ``on``: posted and not past its last day."""
        return self.date_posted <= on <= self.valid_through

    @property
    def english_is_enough(self) -> bool:
        """True only when English is the one language required: Dutch *or* German rules it out."""
        return all(code == ENGLISH for code in self.languages_required)

    @property
    def language_markers(self) -> tuple[LanguageMarker, ...]:
        """"English is enough", or one "<language> required" per required language but English.

        English next to another required language is not marked: what matters to the reader
        is the language beyond English they must speak (the page lists all of them).
        """
        if self.english_is_enough:
            return (LanguageMarker("english-is-enough", ENGLISH),)
        return tuple(LanguageMarker("required", code) for code in self.languages_required if code != ENGLISH)


def load_vacancy(path: Path, shown: str, languages: list[str]) -> tuple[Vacancy | None, list[Problem]]:
    """Read, validate and build one vacancy (cross-file checks happen in ``directory``)."""
    text, unreadable = read_text(path, shown)
    if text is None:
        return None, unreadable
    document = parse_front_matter(text, shown)
    if document.data is None:
        return None, document.problems
    data = document.data
    problems = list(document.problems)
    if not isinstance(data, dict):
        return None, problems + [Problem(shown, 2, 1, "expected front matter fields (title: ..., company: ...)")]
    problems += schema.check("vacancy", data, document.positions, shown)
    posted, through = parse_date(data.get("date_posted")), parse_date(data.get("valid_through"))
    if posted and through and through < posted:
        line, column = document.positions.of_value(("valid_through",))
        problems.append(Problem(shown, line, column,
            f"valid_through ({through}) is before date_posted ({posted}); "
            "the last day to apply must be on or after the posting date"))
    for name in ("hours", "salary"):
        block = data.get(name)
        if isinstance(block, dict) and _number(block.get("min")) and _number(block.get("max")) \
                and block["min"] > block["max"]:
            line, column = document.positions.of_value((name, "max"))
            problems.append(Problem(shown, line, column,
                f"{name}.max ({block['max']}) is smaller than {name}.min ({block['min']})"))
    if not document.body.strip():
        problems.append(Problem(shown, document.body_line, 1,
                                "the vacancy has no description: write it below the closing '---'"))
    else:
        problems += markup.check(document.body, shown, document.body_line)
    if problems:
        return None, problems
    return Vacancy(
        company=data["company"], slug=path.stem, path=path, title=data["title"], type=data["type"],
        employment_type=_as_tuple(data["employment_type"]), education=tuple(data["education"]),
        language=data["language"], languages_required=tuple(data["languages_required"]),
        place=data["place"], date_posted=posted, valid_through=through,
        apply_url=data["apply_url"], source=data["source"], body=document.body.strip() + "\n",
        municipality=data.get("municipality"), remote=data.get("remote"),
        hours=data.get("hours"), salary=data.get("salary"), url=data.get("url"),
    ), []


def _as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def parse_date(value: object) -> dt.date | None:
    """A date from a front-matter value (a date or a YYYY-MM-DD string); None when it is not one."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def dump_vacancy(fields: dict, body: str) -> str:
    """The text of a vacancy file: front matter in schema order, then the Markdown body.

    Used by the fetcher and the content generator so that every written file has the same
    layout as a hand-written one and diffs stay small.
    """
    unknown = set(fields) - set(FIELD_ORDER)
    if unknown:
        raise ValueError(f"unknown vacancy fields: {', '.join(sorted(unknown))}")
    lines = ["---"]
    for name in FIELD_ORDER:
        if name not in fields or fields[name] is None:
            continue
        value = fields[name]
        if isinstance(value, dt.date):
            value = value.isoformat()
        if name in ("date_posted", "valid_through"):
            lines.append(f"{name}: {value}")
            continue
        if isinstance(value, (list, dict)):
            text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False,
                                  default_flow_style=True, width=10_000)
            lines.append(f"{name}: {text.strip()}")
        else:
            text = yaml.safe_dump({name: value}, allow_unicode=True, sort_keys=False, width=10_000)
            lines.append(text.rstrip("\n").removesuffix("\n..."))
    lines.append("---")
    return "\n".join(lines) + "\n" + body.strip() + "\n"
