"""Welcome Guide chapters: ``content/guides/<slug>.<lang>.md``; same slug = translations."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from . import markup, schema
from .problems import Problem
from .source_files import parse_front_matter, read_text

FILE_NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")


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
    if problems:
        return None, problems
    updated = data.get("updated")
    return GuideChapter(
        slug=match["slug"], lang=match["lang"], path=path, title=data["title"], order=data["order"],
        summary=data["summary"], body=document.body.strip() + "\n",
        updated=dt.date.fromisoformat(updated) if updated else None,
    ), []
