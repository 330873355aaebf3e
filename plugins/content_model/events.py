"""Events (job fairs, company days): ``content/events/<slug>.yaml``.

An event names its participating companies by slug; ``directory`` checks that they exist.
An event is *current* from the day it is published until its last day has passed: the home page
links to current events only, the event's own page stays (marked as past) so that printed QR
codes keep working.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import markup, schema
from .problems import Problem
from .source_files import Positions, read_mapping


@dataclass(frozen=True)
class Participant:
    """One company at an event, with its stand when the event file gives one."""

    company: str
    stand: str | None = None
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Event:
    slug: str
    path: Path
    name: str
    starts: dt.date
    ends: dt.date
    place: str
    municipality: str
    url: str
    participants: tuple[Participant, ...]
    description: dict[str, str] = field(default_factory=dict)
    hours: str | None = None

    def is_current(self, on: dt.date) -> bool:
        """Upcoming or running on ``on``: its last day has not passed."""
        return on <= self.ends

    def is_running(self, on: dt.date) -> bool:
        return self.starts <= on <= self.ends

    @property
    def companies(self) -> tuple[str, ...]:
        return tuple(participant.company for participant in self.participants)

    def description_in(self, lang: str, languages: list[str]) -> tuple[str, str] | None:
        """(language, Markdown) of the text in ``lang``, else in the first site language it has."""
        for candidate in (lang, *languages):
            if candidate in self.description:
                return candidate, self.description[candidate]
        return None


def _participants(items: list, positions: Positions) -> tuple[Participant, ...]:
    found = []
    for index, item in enumerate(items):
        line, column = positions.of_value(("companies", index))
        if isinstance(item, str):
            found.append(Participant(item, None, line, column))
        else:
            found.append(Participant(item["company"], item.get("stand"), line, column))
    return tuple(found)


def load_event(path: Path, shown: str, languages: list[str]) -> tuple[Event | None, list[Problem]]:
    """Read, validate and build one event (``directory`` checks the company slugs)."""
    source, document, problems = read_mapping(path, shown, "name: ..., starts: ...",
                                              "write an event (see docs/fields.md, section Event)")
    if document is None:
        return None, problems
    data = document.data
    problems += schema.check("event", data, document.positions, shown)
    starts, ends = _date(data.get("starts")), _date(data.get("ends"))
    if starts and ends and ends < starts:
        line, column = document.positions.of_value(("ends",))
        problems.append(Problem(shown, line, column,
            f"ends ({ends}) is before starts ({starts}); the last day must be on or after the first"))
    hours = data.get("hours")
    if isinstance(hours, str) and len(hours) == 11 and hours[6:] <= hours[:5]:
        line, column = document.positions.of_value(("hours",))
        problems.append(Problem(shown, line, column,
            f"hours: the event closes ({hours[6:]}) before it opens ({hours[:5]}); write e.g. '10:00-16:00'"))
    descriptions = data.get("description")
    problems += markup.check_texts_by_language(descriptions, "description", source, document.positions, shown,
                                               languages)
    companies = data.get("companies")
    if isinstance(companies, list):
        seen: dict[str, int] = {}
        stands: dict[str, str] = {}
        for index, item in enumerate(companies):
            slug = item if isinstance(item, str) else item.get("company") if isinstance(item, dict) else None
            if not isinstance(slug, str):
                continue
            line, column = document.positions.of_value(("companies", index))
            if slug in seen:
                problems.append(Problem(shown, line, column,
                    f"companies[{index}]: {slug!r} is already listed (companies[{seen[slug]}]); "
                    "list each company once"))
            seen.setdefault(slug, index)
            stand = item.get("stand") if isinstance(item, dict) else None
            if isinstance(stand, str) and stand in stands and stands[stand] != slug:
                stand_line, stand_column = document.positions.of_value(("companies", index, "stand"))
                problems.append(Problem(shown, stand_line, stand_column,
                    f"companies[{index}].stand: stand {stand!r} is also given to {stands[stand]!r}; "
                    "each company has its own stand"))
            if isinstance(stand, str):
                stands.setdefault(stand, slug)
    if problems:
        return None, sorted(set(problems))
    return Event(
        slug=path.stem, path=path, name=data["name"], starts=starts, ends=ends or starts,
        place=data["place"], municipality=data["municipality"], url=data["url"],
        participants=_participants(data["companies"], document.positions),
        description=dict(data.get("description") or {}), hours=data.get("hours"),
    ), []


def _date(value: object) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
