#!/usr/bin/env python3
"""Append today's figures to the stats history (one row; rows already there are never changed).

    python scripts/stats_history.py [--content content] [--history data/stats-history.csv] [--today YYYY-MM-DD]

The nightly run does this after every build it publishes (scripts/nightly.py; the nightly
workflow runs this script and commits the file). The stats page draws the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_settings import ROOT, site_languages, site_setting  # noqa: E402

from content_model import load_directory  # noqa: E402
from directory_site.statistics import HistoryError, append_history, figures  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content)")
    parser.add_argument("--history", type=Path, default=None,
                        help="the history file (default: STATS_HISTORY of pelicanconf.py)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the day of the figures (default: today)")
    args = parser.parse_args(argv)
    history = args.history or Path(str(site_setting("STATS_HISTORY")))
    directory, problems = load_directory(args.content, site_languages())
    if problems:
        for problem in problems:
            print(problem)
        print(f"stats history: {len(problems)} problems in the content; nothing appended")
        return 1
    try:
        row = append_history(history, figures(directory, args.today or dt.date.today()))
    except HistoryError as error:
        print(f"stats history: {error}")
        return 1
    print(f"stats history: appended {row['date']} to {history} "
          f"({row.get('companies')} companies, {row.get('vacancies')} vacancies)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
