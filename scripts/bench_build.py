#!/usr/bin/env python3
"""Print build times: the demo site, then generated content (default 1,000 companies + 10,000 vacancies).

    python scripts/bench_build.py [--companies 1000] [--vacancies 10000] [--keep DIR]

Each build runs the real command line (`pelican ... --fatal warnings`) in a subprocess, so the
figures include start-up, validation of every file, rendering and writing both languages.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def build(content: Path, output: Path, label: str) -> None:
    validate = run([PYTHON, "scripts/validate.py", str(content)])
    seconds = run([PYTHON, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output),
                   "--fatal", "warnings"])
    pages = sum(1 for _ in output.rglob("*.html"))
    size = sum(path.stat().st_size for path in output.rglob("*") if path.is_file())
    print(f"{label:<34} validate {validate:6.2f} s   build {seconds:6.2f} s   "
          f"{pages:6d} pages   {pages / seconds:6.0f} pages/s   {size / 1e6:7.1f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--vacancies", type=int, default=10000)
    parser.add_argument("--keep", type=Path, help="keep generated content and output in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="witw-bench-") as scratch:
        base = args.keep or Path(scratch)
        build(ROOT / "content", base / "demo-output", "demo content")
        content = base / "generated-content"
        generate = run([PYTHON, "scripts/generate_content.py", str(content), "--force",
                        "--companies", str(args.companies), "--vacancies", str(args.vacancies)])
        print(f"generated {args.companies} companies + {args.vacancies} vacancies in {generate:.1f} s")
        build(content, base / "generated-output", f"{args.companies} companies + {args.vacancies} vacancies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
