#!/usr/bin/env python3
"""Check every content file and print each problem as ``path:line:column: message``.

Usage: python scripts/validate.py [CONTENT_DIR] [--languages en,nl]

Exit status: 0 when the content is valid, 1 when there is any problem, 2 on bad usage.
The build runs the same checks (plugins/content_model) and refuses to build on a problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_settings import ROOT, site_languages  # noqa: E402

from content_model import load_directory  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", type=Path, default=ROOT / "content",
                        help="content folder holding companies/, vacancies/, guides/ and events/ (default: content)")
    parser.add_argument("--languages", help="comma-separated site languages (default: from pelicanconf.py)")
    args = parser.parse_args(argv)
    if not args.content.is_dir():
        parser.error(f"{args.content} is not a folder")
    languages = args.languages.split(",") if args.languages else site_languages()
    directory, problems = load_directory(args.content, languages)
    for problem in problems:
        print(problem)
    if problems:
        count = len(problems)
        files = len({problem.path for problem in problems})
        print(f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}")
        return 1
    print(f"OK: {len(directory.companies)} companies, {len(directory.vacancies)} vacancies, "
          f"{sum(len(v) for v in directory.guides.values())} guide pages, {len(directory.events)} events "
          f"({', '.join(languages)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
