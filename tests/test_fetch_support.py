"""Shared helpers for the fetcher tests (test_fetch_*.py): fixture payloads, a temporary
content tree with companies whose feeds point at a local server, and fast fetch settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from feed_server import FeedServer, Route

from vacancy_feeds import FetchSettings, RunOptions, RunReport, run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"
TODAY = dt.date(2026, 11, 27)
LANGUAGES = ["en", "nl"]

# Tiny backoff and timeouts so failure-mode tests stay fast; the local test server is on
# 127.0.0.1, which only --allow-private-hosts (allow_private_hosts) lets the fetcher reach.
FAST = FetchSettings(concurrency=8, per_host=4, timeout=2.0, retries=2, backoff=0.01, max_backoff=0.05,
                     max_retry_after=2.0, max_bytes=2_000_000, max_redirects=3, allow_private_hosts=True)

COMPANY_YAML = """\
name: {name}
website: https://{slug}.example
municipality: Enschede
address: {{street: Teststraat 1, postcode: 7511 AB, city: Enschede}}
sectors: [it-software]
size: "10-49"
languages: [nl, en]
international: {{english_workplace: true, ind_recognised_sponsor: false, relocation_help: false}}
offers: [jobs, internships]
description:
  en: A fictional company for the fetcher tests.
"""

CONTENT_TYPES = {".json": "application/json", ".xml": "application/xml", ".html": "text/html; charset=utf-8"}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_route(name: str, **options) -> Route:
    return Route(fixture(name), content_type=CONTENT_TYPES[Path(name).suffix], **options)


def write_company(content: Path, slug: str, feeds: list[dict], name: str | None = None) -> Path:
    """A valid company profile listing ``feeds`` ({type, url[, language]})."""
    text = COMPANY_YAML.format(name=name or slug.replace("-", " ").title(), slug=slug)
    if feeds:
        text += "feeds:\n" + "".join(
            f"  - type: {feed['type']}\n    url: {feed['url']}\n"
            + (f"    language: {feed['language']}\n" if feed.get("language") else "") for feed in feeds)
    path = content / "companies" / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


MANUAL_VACANCY = """\
---
title: {title}
company: {company}
type: job
employment_type: FULL_TIME
education: [hbo, wo]
language: en
languages_required: [en]
place: Enschede
date_posted: 2026-11-01
valid_through: 2027-01-31
apply_url: {apply_url}
source: manual
---
A hand-written vacancy that the fetcher must never touch.
"""


def write_manual(content: Path, company: str, name: str, apply_url: str, title: str = "Hand-written job") -> Path:
    path = content / "vacancies" / company / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MANUAL_VACANCY.format(title=title, company=company, apply_url=apply_url), encoding="utf-8")
    return path


def fetch(content: Path, today: dt.date = TODAY, settings: FetchSettings = FAST,
          companies: list[str] | None = None, lines: list[str] | None = None,
          accept_drops: bool = False) -> RunReport:
    options = RunOptions(content=content, languages=LANGUAGES, today=today, companies=companies,
                         settings=settings, accept_drops=accept_drops)
    return run(options, progress=(lines.append if lines is not None else (lambda line: None)))


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path -> text), dot files included."""
    return {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(folder.rglob("*")) if path.is_file()}


__all__ = ["FAST", "FIXTURES", "FeedServer", "LANGUAGES", "Route", "TODAY", "fetch", "fixture",
           "fixture_route", "snapshot", "write_company", "write_manual"]
