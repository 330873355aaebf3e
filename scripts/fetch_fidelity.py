#!/usr/bin/env python3
"""Measure the fetcher's fidelity: fields right against a reference normalisation.

Usage: python scripts/fetch_fidelity.py [--corpus tests/fixtures/feeds/fidelity] [--goal 0.97] [--quiet]

Serves every feed of the corpus (``expected.yaml`` lists them, with what a careful editor
would write for each posting) on a local server, runs the real fetcher into a temporary
content folder, reads the files back through the content model and compares ten fields per
posting: title, type, employment_type, place, remote, language, apply_url, url, date_posted
and valid_through (``default`` there means date_posted + 60 days). A posting without a file
counts every field wrong. Prints the share of fields right per field and per format, every
mismatch, and the total; exits 1 when the total is under ``--goal``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the local feed server is a test tool, not product code
from feed_server import FeedServer, Route  # noqa: E402

from content_model import load_directory  # noqa: E402
from vacancy_feeds import FetchSettings, RunOptions, run  # noqa: E402
from vacancy_feeds.mapping import DEFAULT_VALIDITY_DAYS  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "feeds" / "fidelity"
TODAY = dt.date(2026, 11, 27)
LANGUAGES = ["en", "nl"]
FIELDS = ("title", "type", "employment_type", "place", "remote", "language", "apply_url", "url",
          "date_posted", "valid_through")
CONTENT_TYPES = {".json": "application/json", ".xml": "application/xml", ".html": "text/html; charset=utf-8"}

COMPANY = """\
name: Kanaal {number}
website: https://kanaal-{number}.example
municipality: Enschede
address: {{street: Kanaalweg 1, postcode: 7511 AB, city: Enschede}}
sectors: [business-services]
size: "50-249"
languages: [nl, en]
international: {{english_workplace: true, ind_recognised_sponsor: false, relocation_help: false}}
offers: [jobs, internships]
description:
  nl: Een verzonnen bedrijf voor de meting van de fetcher.
feeds:
  - type: {type}
    url: {url}
"""


def measure(corpus: Path) -> tuple[list[tuple[str, str, str, object, object]], Counter, Counter]:
    """(mismatches, fields right per (format, field), fields checked per (format, field))."""
    expected = yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))
    right: Counter = Counter()
    checked: Counter = Counter()
    mismatches = []
    with FeedServer() as server, tempfile.TemporaryDirectory() as temporary:
        content = Path(temporary) / "content"
        (content / "companies").mkdir(parents=True)
        for number, feed in enumerate(expected["feeds"], 1):
            for path, name in feed["serve"].items():
                server.route(path, Route((corpus / name).read_bytes(), content_type=CONTENT_TYPES[Path(name).suffix]))
            (content / "companies" / f"kanaal-{number}.yaml").write_text(
                COMPANY.format(number=number, type=feed["type"], url=server.url(feed["path"])), encoding="utf-8")
        settings = FetchSettings(timeout=10, retries=0, allow_private_hosts=True)  # the corpus is served locally
        report = run(RunOptions(content=content, languages=LANGUAGES, today=TODAY, settings=settings))
        directory, problems = load_directory(content, LANGUAGES, allow_private_feed_hosts=True)
        if problems:
            raise SystemExit("the fetched files do not validate:\n" + "\n".join(map(str, problems)))
        found = {(vacancy.company, str(vacancy.source["id"])): vacancy for vacancy in directory.vacancies}
        for number, feed in enumerate(expected["feeds"], 1):
            label = f"{feed['type']} ({feed['file']})"
            outcome = report.feeds[number - 1]
            for posting in feed["postings"]:
                posting_id = str(posting["id"]).replace("{base}", server.base_url)
                vacancy = found.get((f"kanaal-{number}", posting_id))
                for name in FIELDS:
                    want = _expected(posting, name, server.base_url)
                    got = _actual(vacancy, name) if vacancy else f"<no file: {outcome.status} {outcome.error or ''}>"
                    checked[(label, name)] += 1
                    if got == want:
                        right[(label, name)] += 1
                    else:
                        mismatches.append((label, posting_id, name, want, got))
    return mismatches, right, checked


def _expected(posting: dict, name: str, base: str) -> object:
    value = posting.get(name)
    if name == "valid_through" and value == "default":
        return posting["date_posted"] + dt.timedelta(days=DEFAULT_VALIDITY_DAYS)
    if name == "employment_type":
        return tuple(value)
    return value.replace("{base}", base) if isinstance(value, str) else value


def _actual(vacancy, name: str) -> object:
    return getattr(vacancy, name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--goal", type=float, default=0.97)
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args(argv)
    mismatches, right, checked = measure(args.corpus)
    total_right, total = sum(right.values()), sum(checked.values())
    if not args.quiet:
        print(f"{'field':<16} right")
        for name in FIELDS:
            have = sum(count for (_, field), count in right.items() if field == name)
            of = sum(count for (_, field), count in checked.items() if field == name)
            print(f"{name:<16} {have:>3}/{of:<3} {have / of:6.1%}")
        print(f"\n{'format':<44} right")
        for label in dict.fromkeys(label for label, _ in checked):
            have = sum(count for (other, _), count in right.items() if other == label)
            of = sum(count for (other, _), count in checked.items() if other == label)
            print(f"{label:<44} {have:>3}/{of:<3} {have / of:6.1%}")
        for label, posting_id, name, want, got in mismatches:
            print(f"MISMATCH {label} {posting_id} {name}: expected {want!r}, got {got!r}")
    share = total_right / total
    wrong = len({(label, posting_id) for label, posting_id, *_ in mismatches})
    postings = total // len(FIELDS)
    print(f"\n{total_right} of {total} fields right ({share:.1%}); {wrong} of {postings} postings with a "
          f"mismatch; goal {args.goal:.0%}")
    return 0 if share >= args.goal else 1


if __name__ == "__main__":
    sys.exit(main())
