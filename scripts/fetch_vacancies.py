#!/usr/bin/env python3
"""Fetch the vacancy feeds listed in company profiles into content/vacancies/<company>/.

Usage: python scripts/fetch_vacancies.py [--content content] [--company SLUG ...]
           [--report report.json] [--today YYYY-MM-DD] [--concurrency N] [--per-host N]
           [--timeout S] [--deadline S] [--retries N] [--backoff S] [--max-bytes N] [--accept-drops]
           [--allow-private-hosts] [--quiet]

Progress goes to stderr while feeds download; a summary is printed at the end, and
``--report`` writes the same as JSON for CI.

Exit status: 0 when every feed is fine; 3 when some feeds were partial (part unreadable),
kept (lost more than half their postings at once) or failed, and the vacancy files they did
not confirm were kept, or a company profile with feeds is invalid; 2 on bad usage. See
docs/fetcher.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_settings import ROOT, site_languages  # noqa: E402

from vacancy_feeds import FetchSettings, RunOptions, UsageError, run, summary_lines  # noqa: E402
from vacancy_feeds.writer import atomic_write_text  # noqa: E402

USAGE_ERROR = 2


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {value}")
    return number


def _non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0, found {value}")
    return number


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, found {value}")
    return number


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written as YYYY-MM-DD, found {value!r}") from None


def parser() -> argparse.ArgumentParser:
    defaults = FetchSettings()
    parse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parse.add_argument("--content", type=Path, default=ROOT / "content",
                       help="content folder holding companies/ and vacancies/ (default: content)")
    parse.add_argument("--company", action="append", metavar="SLUG",
                       help="only this company (repeatable; default: every company with feeds)")
    parse.add_argument("--report", type=Path, metavar="PATH", help="write a JSON report here")
    parse.add_argument("--today", type=_date, default=None,
                       help="the fetch date, YYYY-MM-DD (default: today); decides expiry and defaults")
    parse.add_argument("--concurrency", type=_positive_int, default=defaults.concurrency,
                       help=f"requests in flight at once (default: {defaults.concurrency})")
    parse.add_argument("--per-host", type=_positive_int, default=defaults.per_host,
                       help=f"requests in flight per host (default: {defaults.per_host})")
    parse.add_argument("--timeout", type=_positive_float, default=defaults.timeout,
                       help=f"seconds one request attempt may take (default: {defaults.timeout:g})")
    parse.add_argument("--deadline", type=_positive_float, default=defaults.deadline,
                       help=f"seconds one feed may take in total, all attempts, retries and pages included "
                            f"(default: {defaults.deadline:g})")
    parse.add_argument("--retries", type=_non_negative_int, default=defaults.retries,
                       help=f"retries after a network error, 5xx or 429 (default: {defaults.retries})")
    parse.add_argument("--backoff", type=_positive_float, default=defaults.backoff,
                       help=f"first retry delay in seconds, doubled each retry (default: {defaults.backoff:g})")
    parse.add_argument("--max-bytes", type=_positive_int, default=defaults.max_bytes,
                       help=f"largest response body accepted (default: {defaults.max_bytes:,})")
    parse.add_argument("--accept-drops", action="store_true",
                       help="remove the files of postings that left a feed even when more than half of the "
                            "feed's postings left at once (by default they are kept and the run exits 3)")
    parse.add_argument("--allow-private-hosts", action="store_true",
                       help="also fetch feeds on loopback, private and other internal addresses (local mirrors "
                            "and tests only; never in production)")
    parse.add_argument("--quiet", action="store_true", help="no progress lines")
    return parse


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.content.is_dir():
        print(f"error: {args.content} is not a folder", file=sys.stderr)
        return USAGE_ERROR
    settings = FetchSettings(concurrency=args.concurrency, per_host=args.per_host, timeout=args.timeout,
                             deadline=args.deadline,
                             retries=args.retries, backoff=args.backoff, max_bytes=args.max_bytes,
                             allow_private_hosts=args.allow_private_hosts)
    options = RunOptions(content=args.content, languages=site_languages(),
                         today=args.today or dt.date.today(), companies=args.company, settings=settings,
                         accept_drops=args.accept_drops)

    def progress(line: str) -> None:
        if not args.quiet:
            print(line, file=sys.stderr, flush=True)

    try:
        report = run(options, progress)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    for line in summary_lines(report):
        print(line)
    if args.report:
        atomic_write_text(args.report, json.dumps(report.to_json(), indent=2, sort_keys=True,
                                                  ensure_ascii=False) + "\n")
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
