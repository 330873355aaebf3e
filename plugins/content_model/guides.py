"""Welcome Guide chapters: ``content/guides/<slug>.<lang>.md``; same slug = versions of one chapter.

One version of a chapter is its *source* (no ``translates`` field); every other version is a
translation that records the source language and the *version* of the source text it was made
from (``translates: {lang: en, version: 3f1c0a9b2e7d}``). The version is a short hash of what a
translator translates (title, summary, text and official links, white space ignored), so
the build can tell an outdated translation without git: the recorded version differs from
the source's current one. ``make guide-stamp FILE=...`` writes it after a translation is updated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import markup, schema
from .problems import Problem
from .source_files import parse_front_matter, read_text

FILE_NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")
VERSION_LENGTH = 12


@dataclass(frozen=True)
class OfficialLink:
    """One entry of a chapter's "useful official links" (``links:`` in the front matter)."""

    name: str
    url: str


@dataclass(frozen=True)
class Translates:
    """A translation's ``translates`` field, with where it is written (for messages)."""

    lang: str
    version: str | None
    line: int
    column: int


@dataclass(frozen=True)
class GuideChapter:
    slug: str
    lang: str
    path: Path
    title: str
    order: int
    summary: str
    body: str
    updated: dt.date | None = None
    reviewed: dt.date | None = None
    translates: Translates | None = None
    links: tuple[OfficialLink, ...] = ()

    @property
    def is_source(self) -> bool:
        return self.translates is None

    @cached_property
    def version(self) -> str:
        """Short hash of the translatable text; a translation records its source's."""
        return text_version(self.title, self.summary, self.body, self.links)


def text_version(title: str, summary: str, body: str, links: tuple[OfficialLink, ...] = ()) -> str:
    """The version code of a chapter text: re-wrapping lines or trailing spaces do not change it."""
    parts = [title, summary, body, *(f"{link.name} {link.url}" for link in links)]
    normal = "\n".join(" ".join(part.split()) for part in parts)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:VERSION_LENGTH]


def load_chapter(path: Path, shown: str, languages: list[str]) -> tuple[GuideChapter | None, list[Problem]]:
    match = FILE_NAME.match(path.name)
    if not match:
        return None, [Problem(shown, 1, 1,
            "guide file names must be '<slug>.<lang>.md' with a lower-case slug and a language "
            f"code, e.g. 'housing.en.md'; found {path.name!r}")]
    if match["lang"] not in languages:
        return None, [Problem(shown, 1, 1,
            f"{match['lang']!r} is not a language of this site (site languages: {', '.join(languages)})")]
    text, unreadable = read_text(path, shown)
    if text is None:
        return None, unreadable
    document = parse_front_matter(text, shown)
    if document.data is None:
        return None, document.problems
    data = document.data
    problems = list(document.problems)
    if not isinstance(data, dict):
        return None, problems + [Problem(shown, 2, 1, "expected front matter fields (title: ..., order: ...)")]
    problems += schema.check("guide", data, document.positions, shown)
    if not document.body.strip():
        problems.append(Problem(shown, document.body_line, 1, "the chapter has no text below the closing '---'"))
    else:
        problems += markup.check(document.body, shown, document.body_line)
    translates = None
    if isinstance(data.get("translates"), dict):
        line, column = document.positions.of_value(("translates", "lang"))
        translates = Translates(lang=data["translates"].get("lang"), version=data["translates"].get("version"),
                                line=line, column=column)
        if translates.lang == match["lang"]:
            problems.append(Problem(shown, line, column,
                f"translates.lang is {translates.lang!r}, the language of this file itself; name the "
                "language of the source this translates, or remove 'translates' if this is the source"))
    if problems:
        return None, problems
    return GuideChapter(
        slug=match["slug"], lang=match["lang"], path=path, title=data["title"], order=data["order"],
        summary=data["summary"], body=document.body.strip() + "\n",
        updated=_date(data.get("updated")), reviewed=_date(data.get("reviewed")), translates=translates,
        links=tuple(OfficialLink(link["name"], link["url"]) for link in data.get("links") or ()),
    ), []


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
