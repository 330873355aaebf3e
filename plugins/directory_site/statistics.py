"""The figures of the stats page, and their history in ``data/stats-history.csv``.

``figures(directory, day)`` counts, in one pass over the live vacancies, what the stats page
shows: vacancies by kind of position, by sector (of their company; a company in two sectors
counts in both), by municipality (of the workplace) and by education level (a vacancy open to
several levels counts for each), the employers ready for internationals (English spoken at work
*and* a recognised sponsor with the IND, as on the home page) and the vacancies where English is
enough.

The history is a CSV file committed to the repository. The nightly run appends one row per
build (``append_history``) and never rewrites a row that is there; the stats page draws it
(``read_history``) with the current build as the last point.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from content_model import Directory, vocabulary

GROUPS = ("type", "sector", "municipality", "education")
"""The groups of vacancies the page charts, each over its vocabulary."""
VOCABULARIES = {"type": "vacancy_type", "sector": "sector", "municipality": "municipality",
                "education": "education"}

BASE_COLUMNS = ("date", "companies", "vacancies", "companies_ready_for_internationals",
                "vacancies_english_is_enough")


def history_columns() -> tuple[str, ...]:
    """The columns of ``stats-history.csv``: the totals, then the vacancies of each kind."""
    return BASE_COLUMNS + tuple(f"vacancies_{kind.replace('-', '_')}" for kind in vocabulary("vacancy_type"))


@dataclass(frozen=True)
class Figures:
    """The numbers of one day's content."""

    day: dt.date
    companies: int
    vacancies: int
    ready_for_internationals: int  # companies with an English-speaking workplace and IND sponsorship
    english_is_enough: int  # live vacancies that require English only
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # group -> value -> vacancies

    def share(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    def row(self) -> dict[str, str]:
        """This day as a row of ``stats-history.csv``."""
        row = {"date": self.day.isoformat(), "companies": str(self.companies), "vacancies": str(self.vacancies),
               "companies_ready_for_internationals": str(self.ready_for_internationals),
               "vacancies_english_is_enough": str(self.english_is_enough)}
        for kind, count in self.counts["type"].items():
            row[f"vacancies_{kind.replace('-', '_')}"] = str(count)
        return row


def figures(directory: Directory, day: dt.date) -> Figures:
    """The figures of ``directory`` on ``day`` (one pass over its live vacancies)."""
    counters = {group: Counter() for group in GROUPS}
    english = 0
    live = directory.live_vacancies(day)
    for vacancy in live:
        counters["type"][vacancy.type] += 1
        counters["sector"].update(directory.companies[vacancy.company].sectors)
        counters["municipality"][directory.municipality_of(vacancy)] += 1
        counters["education"].update(vacancy.education)
        english += vacancy.english_is_enough
    ready = sum(1 for company in directory.companies.values()
                if company.english_workplace and company.ind_recognised_sponsor)
    counts = {group: {value: counters[group][value] for value in vocabulary(VOCABULARIES[group])}
              for group in GROUPS}
    return Figures(day, len(directory.companies), len(live), ready, english, counts)


class HistoryError(ValueError):
    """``stats-history.csv`` cannot be read or appended to; the message names file and line."""


@dataclass(frozen=True)
class HistoryRow:
    day: dt.date
    values: dict[str, int]


def read_history(path: Path) -> list[HistoryRow]:
    """The rows of a history file, oldest first (none when the file does not exist yet)."""
    if not path.is_file():
        return []
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or reader.fieldnames[0] != "date":
            raise HistoryError(f"{path}:1: the first line must be the header, starting with 'date' "
                               f"(columns: {', '.join(history_columns())})")
        for line, record in enumerate(reader, start=2):
            try:
                day = dt.date.fromisoformat(record["date"])
                values = {name: int(value) for name, value in record.items() if name != "date" and value not in ("", None)}
            except (TypeError, ValueError) as error:
                raise HistoryError(f"{path}:{line}: expected a date (YYYY-MM-DD) and whole numbers; "
                                   f"found {','.join(str(v) for v in record.values())!r} ({error})") from None
            if rows and day < rows[-1].day:
                raise HistoryError(f"{path}:{line}: {day} is before the row above it ({rows[-1].day}); "
                                   "rows are appended in the order of the builds")
            rows.append(HistoryRow(day, values))
    return rows


def with_today(rows: list[HistoryRow], today: Figures) -> list[HistoryRow]:
    """The history to draw, one point a day: the last row of each day in the file (a day with two
    builds has two rows), then today's figures unless the file has a row of today already."""
    by_day = {row.day: row for row in rows if row.day <= today.day}
    if today.day not in by_day:
        by_day[today.day] = HistoryRow(today.day, {name: int(value) for name, value in today.row().items()
                                                   if name != "date"})
    return [by_day[day] for day in sorted(by_day)]


def append_history(path: Path, today: Figures) -> dict[str, str]:
    """Append ``today`` as one row to ``path`` (created with its header when missing).

    Rows already there are never rewritten: the file is opened for appending only, in the
    columns of its own header (a column the header lacks is left out; one the code lacks stays
    empty). Returns the row written."""
    row = today.row()
    if path.is_file() and path.stat().st_size:
        with open(path, encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), None)
        if not header or header[0] != "date":
            raise HistoryError(f"{path}:1: the first line must be the header, starting with 'date'; "
                               "fix it by hand, nothing was appended")
        with open(path, "rb") as handle:
            handle.seek(-1, 2)
            ends_with_newline = handle.read(1) == b"\n"
        with open(path, "a", encoding="utf-8", newline="") as handle:
            if not ends_with_newline:
                handle.write("\n")
            csv.writer(handle, lineterminator="\n").writerow([row.get(name, "") for name in header])
        return {name: row.get(name, "") for name in header}
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(history_columns())
        writer.writerow([row[name] for name in history_columns()])
    return row


def history_csv(rows: list[HistoryRow]) -> str:
    """The history as CSV text for download (the file's columns)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = history_columns()
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.day.isoformat(), *(row.values.get(name, "") for name in columns[1:])])
    return buffer.getvalue()


def figures_csv(today: Figures, label) -> str:
    """Today's figures as CSV for download: ``group,value,label,vacancies``; ``label(group, value)``
    gives the label in the page's language."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", "group", "value", "label", "count"])
    day = today.day.isoformat()
    for name, value in (("companies", today.companies), ("vacancies", today.vacancies),
                        ("companies_ready_for_internationals", today.ready_for_internationals),
                        ("vacancies_english_is_enough", today.english_is_enough)):
        writer.writerow([day, "total", name, label("total", name), value])
    for group in GROUPS:
        for value, count in today.counts[group].items():
            writer.writerow([day, group, value, label(group, value), count])
    return buffer.getvalue()
