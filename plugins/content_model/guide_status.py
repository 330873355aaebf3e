"""Translation and review status of the Welcome Guide, per chapter and language.

Every version of a chapter gets one status, the most urgent that applies:

- ``missing``: the chapter has no file in that language (readers see another language with a notice);
- ``outdated``: a translation whose recorded source version (``translates.version``) is not the
  source's current version, or that records none;
- ``stale``: not reviewed (``reviewed``) for more than ``REVIEW_MONTHS`` months, or never;
- ``ok``: none of these.

The same computation serves ``make guide-status`` (``scripts/guide_status.py``), the editors'
report the build writes (``guide/status/`` and ``guide/status.json``) and the notices on chapter
pages. ``stamp`` writes the current source version into a translation once an editor has
brought it up to date. Nothing here needs git.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .directory import Directory, load_directory
from .guides import GuideChapter, load_chapter
from .problems import Problem, display_path
from .source_files import parse_front_matter

REVIEW_MONTHS = 12
STATUSES = ("ok", "missing", "outdated", "stale")


@dataclass(frozen=True)
class VersionStatus:
    """The status of chapter ``slug`` in language ``lang``."""

    slug: str
    lang: str
    status: str
    chapter: GuideChapter | None  # None when missing
    source: GuideChapter
    stale: bool  # reviewed more than REVIEW_MONTHS ago, or never (also when outdated)
    file: str  # where the file is or would be, e.g. content/guides/housing.nl.md

    @property
    def role(self) -> str:
        if self.chapter is None:
            return "missing"
        return "source" if self.chapter.is_source else "translation"

    @property
    def recorded_version(self) -> str | None:
        """For a translation: the source version it says it was made from."""
        return self.chapter.translates.version if self.chapter and self.chapter.translates else None

    @property
    def reviewed(self) -> dt.date | None:
        return self.chapter.reviewed if self.chapter else None

    def note(self) -> str:
        """What is wrong and what to do, for editors (English, like the other command-line tools)."""
        source_file = _file(self.source)
        if self.status == "missing":
            return (f"no {self.file}; readers of the {self.lang!r} site see the {self.source.lang!r} text "
                    f"with a notice. Translate {source_file} into {self.file}, then run "
                    f"`make guide-stamp FILE={self.file} FROM={self.source.lang}`")
        parts = []
        if self.status == "outdated":
            if self.recorded_version is None:
                parts.append(f"records no source version (translates.version); compare it with {source_file}, "
                             f"then run `make guide-stamp FILE={self.file}`")
            else:
                parts.append(f"{source_file} changed since this translation (made from version "
                             f"{self.recorded_version}, the source is now {self.source.version}); update the "
                             f"translation (`git log -p {source_file}` shows what changed), then run "
                             f"`make guide-stamp FILE={self.file}`")
        if self.stale:
            when = (f"last reviewed {self.reviewed.isoformat()}, more than {REVIEW_MONTHS} months ago"
                    if self.reviewed else "never reviewed")
            parts.append(f"{when}; check the facts against the official sources, then set "
                         f"'reviewed: YYYY-MM-DD' (or `make guide-stamp FILE={self.file} REVIEWED=1`)")
        return "; ".join(parts)


@dataclass(frozen=True)
class ChapterStatus:
    slug: str
    order: int
    source: GuideChapter
    versions: dict[str, VersionStatus]  # by site language, in site order


def review_due(reviewed: dt.date | None, today: dt.date, months: int = REVIEW_MONTHS) -> bool:
    """True when ``reviewed`` is more than ``months`` months before ``today`` (or missing)."""
    return reviewed is None or reviewed < months_before(today, months)


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_outdated(chapter: GuideChapter, source: GuideChapter) -> bool:
    """A translation made from another version of the source text than the current one."""
    return chapter.translates is not None and chapter.translates.version != source.version


def guide_status(directory: Directory, today: dt.date) -> list[ChapterStatus]:
    """The status of every chapter in every site language, in guide order."""
    chapters = []
    for slug, versions in directory.guides.items():
        source = directory.source_of(slug)
        statuses = {}
        for lang in directory.languages:
            chapter = versions.get(lang)
            file = _file(chapter) if chapter else f"{directory.root.name}/guides/{slug}.{lang}.md"
            stale = chapter is not None and review_due(chapter.reviewed, today)
            if chapter is None:
                status = "missing"
            elif is_outdated(chapter, source):
                status = "outdated"
            else:
                status = "stale" if stale else "ok"
            statuses[lang] = VersionStatus(slug, lang, status, chapter, source, stale, file)
        chapters.append(ChapterStatus(slug, source.order, source, statuses))
    return sorted(chapters, key=lambda chapter: (chapter.order, chapter.slug))


def counts(chapters: list[ChapterStatus]) -> dict[str, int]:
    found = Counter(version.status for chapter in chapters for version in chapter.versions.values())
    return {status: found[status] for status in STATUSES}


def format_table(chapters: list[ChapterStatus], languages: list[str], today: dt.date) -> str:
    """The report ``make guide-status`` prints: one row per chapter, one column per language."""
    header = ["#", "chapter", *languages]
    rows = [[str(chapter.order), chapter.slug,
             *(version.status + (" (source)" if version.role == "source" else "")
               for version in chapter.versions.values())] for chapter in chapters]
    widths = [max(len(row[index]) for row in [header, *rows]) for index in range(len(header))]
    lines = [f"Welcome Guide status on {today.isoformat()} (review due after {REVIEW_MONTHS} months)", ""]
    for row in [header, *rows]:
        cells = [row[0].rjust(widths[0])] + [cell.ljust(width) for cell, width in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    found = counts(chapters)
    total = sum(found.values())
    lines += ["", f"{len(chapters)} chapter{'s' if len(chapters) != 1 else ''} in {len(languages)} "
                  f"language{'s' if len(languages) != 1 else ''}, {total} versions: "
                  + ", ".join(f"{found[status]} {status}" for status in STATUSES)]
    todo = [version for chapter in chapters for version in chapter.versions.values() if version.status != "ok"]
    if todo:
        lines += ["", "To do:"]
        lines += [f"  {version.file}: {version.status}: {version.note()}" for version in todo]
    return "\n".join(lines) + "\n"


def as_json(chapters: list[ChapterStatus], languages: list[str], today: dt.date) -> dict:
    """The same report as data (written to ``guide/status.json`` by the build)."""
    return {
        "date": today.isoformat(), "languages": list(languages), "review_months": REVIEW_MONTHS,
        "counts": counts(chapters),
        "chapters": [{
            "slug": chapter.slug, "order": chapter.order, "title": chapter.source.title,
            "source": {"lang": chapter.source.lang, "file": _file(chapter.source),
                       "version": chapter.source.version},
            "versions": {lang: {
                "status": version.status, "role": version.role, "file": version.file,
                "reviewed": version.reviewed.isoformat() if version.reviewed else None,
                "translates_version": version.recorded_version, "stale": version.stale,
                "note": version.note(),
            } for lang, version in chapter.versions.items()},
        } for chapter in chapters],
    }


def _file(chapter: GuideChapter) -> str:
    """``content/guides/<file>`` as editors know it (independent of the working directory)."""
    return f"{chapter.path.parent.parent.name}/{chapter.path.parent.name}/{chapter.path.name}"


# Stamping ---------------------------------------------------------------------------------------

class StampError(Exception):
    """The file cannot be stamped; the message says why and what to do."""


def stamp(path: Path, languages: list[str], today: dt.date, *, source_lang: str | None = None,
          reviewed: bool = False) -> str:
    """Record the current version of the source in translation ``path`` (and ``reviewed: today``).

    Only the ``translates`` entry (and, with ``reviewed``, the ``reviewed`` line) of the front
    matter is rewritten; the rest of the file stays byte for byte. The result is checked before it
    replaces the file. Returns a one-line summary of what was done.
    """
    shown = display_path(path)
    chapter, problems = load_chapter(path, shown, languages)
    if chapter is None:
        raise StampError(_problems_text(problems, shown))
    lang = source_lang or (chapter.translates.lang if chapter.translates else None)
    if lang is None and reviewed:  # a source: only the review date
        return _stamp_reviewed(path, shown, languages, today)
    if lang is None:
        raise StampError(f"{shown}: no 'translates' field, so this is a source, not a translation. If it "
                         "translates another version, name that version's language: FROM=en (--from en); "
                         "to mark the source as reviewed today: REVIEWED=1 (--reviewed)")
    if lang == chapter.lang:
        raise StampError(f"{shown}: a chapter cannot translate itself; name the source's language")
    source_path = path.with_name(f"{chapter.slug}.{lang}.md")
    if not source_path.is_file():
        raise StampError(f"{shown}: the source {display_path(source_path)} does not exist")
    source, problems = load_chapter(source_path, display_path(source_path), languages)
    if source is None:
        raise StampError(_problems_text(problems, display_path(source_path)))
    if not source.is_source:
        raise StampError(f"{shown}: {display_path(source_path)} is itself a translation (of "
                         f"{source.translates.lang!r}); stamp against the source instead")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    document = parse_front_matter(text, shown)
    closing = document.body_line - 2  # index of the closing '---' line
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    edits: dict[str, tuple[int, int, list[str]]] = {}
    block = [f"translates:{newline}", f"  lang: {lang}{newline}", f"  version: {source.version}{newline}"]
    edits["translates"] = (*_entry_span(document, lines, "translates", closing), block)
    if reviewed:
        edits["reviewed"] = (*_entry_span(document, lines, "reviewed", closing),
                             [f"reviewed: {today.isoformat()}{newline}"])
    new_lines = list(lines)
    for start, end, replacement in sorted(edits.values(), key=lambda edit: edit[0], reverse=True):
        new_lines[start:end] = replacement
    new_text = "".join(new_lines)
    if new_text == text:
        return f"{shown}: already records version {source.version} of {display_path(source_path)}; nothing to do"
    _replace_checked(path, new_text, languages)
    done = f"{shown}: now translates version {source.version} of {display_path(source_path)}"
    return done + (f", reviewed {today.isoformat()}" if reviewed else "")


def _stamp_reviewed(path: Path, shown: str, languages: list[str], today: dt.date) -> str:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    document = parse_front_matter(text, shown)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    start, end = _entry_span(document, lines, "reviewed", document.body_line - 2)
    new_text = "".join(lines[:start] + [f"reviewed: {today.isoformat()}{newline}"] + lines[end:])
    if new_text == text:
        return f"{shown}: already reviewed {today.isoformat()}; nothing to do"
    _replace_checked(path, new_text, languages)
    return f"{shown}: reviewed {today.isoformat()}"


def _entry_span(document, lines: list[str], key: str, closing: int) -> tuple[int, int]:
    """Line indexes [start, end) of top-level entry ``key``; an empty span before ``closing`` if absent."""
    if (key,) not in document.positions.keys:
        return closing, closing
    start = document.positions.keys[(key,)][0] - 1
    end = start + 1
    while end < closing and (not lines[end].strip() or lines[end][0] in " \t"):
        end += 1
    while end - 1 > start and not lines[end - 1].strip():  # keep blank lines after the entry
        end -= 1
    return start, end


def _replace_checked(path: Path, text: str, languages: list[str]) -> None:
    """Check ``text`` as the chapter it will be, then replace ``path`` atomically."""
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / path.name
        trial.write_text(text, encoding="utf-8", newline="")
        checked, problems = load_chapter(trial, display_path(path), languages)
    if checked is None:  # a bug here must never damage the editor's file
        raise StampError("the stamped file would not be valid, so it was left unchanged:\n"
                         + _problems_text(problems, display_path(path)))
    # A dot file in the same folder (the content loader skips those), then one atomic rename.
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o7777)  # mkstemp makes it private
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _problems_text(problems: list[Problem], shown: str) -> str:
    return "\n".join(str(problem) for problem in problems) or f"{shown}: cannot be read"


# Command line -----------------------------------------------------------------------------------

def main(argv: list[str] | None, languages: list[str], default_content: Path) -> int:
    """``scripts/guide_status.py``: print the status table, or stamp translations."""
    parser = argparse.ArgumentParser(
        prog="guide_status.py", description="Translation and review status of the Welcome Guide.",
        epilog="Exit status: 0, or 1 with --strict when a chapter is missing, outdated or stale, "
               "and 1 when the content has problems (they are printed) or a stamp failed.")
    parser.add_argument("content", nargs="?", type=Path, default=default_content,
                        help="content folder holding guides/ (default: content)")
    parser.add_argument("--strict", action="store_true", help="exit 1 unless every version is ok")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="judge review dates as of this day (YYYY-MM-DD; default: today)")
    parser.add_argument("--stamp", metavar="FILE", type=Path, action="append", default=[],
                        help="record the source's current version in this translation (repeatable)")
    parser.add_argument("--from", dest="source_lang", metavar="LANG",
                        help="with --stamp: the language of the source, if the file has no 'translates' yet")
    parser.add_argument("--reviewed", action="store_true", help="with --stamp: also set 'reviewed' to today")
    args = parser.parse_args(argv)
    if args.stamp:
        status = 0
        for path in args.stamp:
            if not path.is_file():
                print(f"{path}: no such file")
                status = 1
                continue
            try:
                print(stamp(path, languages, args.today, source_lang=args.source_lang, reviewed=args.reviewed))
            except StampError as error:
                print(error)
                status = 1
        return status
    if not args.content.is_dir():
        parser.error(f"{args.content} is not a folder")
    directory, problems = load_directory(args.content, languages)
    guide_problems = [problem for problem in problems if "/guides/" in f"/{problem.path}"]
    if guide_problems:
        for problem in guide_problems:
            print(problem)
        print(f"{len(guide_problems)} problem{'s' if len(guide_problems) != 1 else ''} in the guide; "
              "fix them first (`make validate` checks everything)")
        return 1
    chapters = guide_status(directory, args.today)
    if args.json:
        print(json.dumps(as_json(chapters, languages, args.today), indent=2, ensure_ascii=False))
    else:
        print(format_table(chapters, languages, args.today), end="")
    if args.strict and any(version.status != "ok" for chapter in chapters for version in chapter.versions.values()):
        return 1
    return 0
