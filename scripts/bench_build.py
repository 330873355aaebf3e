#!/usr/bin/env python3
"""Build speed against plain Pelican, a warm rebuild, peak memory and the cost per page at 5x.

    python scripts/bench_build.py [--companies 1000] [--vacancies 10000] [--scale 5 | --no-scale]
                                  [--no-verify] [--keep DIR]
    python scripts/bench_build.py --languages en,nl --languages en,nl,de [--companies ...]

All in one run, on this machine, one build after the other (compare the ratios, not the
seconds: the machine may be shared):

1. ``cold``: the directory's build of generated content (``--companies`` + ``--vacancies``),
   with an empty build cache and no output folder, by the real command line
   (``pelican content -s pelicanconf.py --fatal warnings``: loading and validating every file,
   every page in every language, search index, feeds, sitemap);
2. ``plain``: plain Pelican, as installed, with its defaults (articles, its own theme) and no
   plugins, on as many Markdown articles as the directory wrote HTML pages, each about as long
   as a generated vacancy (two paragraphs of three sentences), in a temporary folder;
3. ``warm``: the directory's rebuild into the same output with the same build cache, after
   changing 5% of the vacancy files (title and text, what a nightly feed run does);
4. ``verify`` (unless ``--no-verify``): a cold build of the changed content into a fresh folder;
   the warm output must be byte for byte the same (files and contents), or the bench fails;
5. ``5x`` (``--scale``, default 5; ``--no-scale`` skips it for quick runs): a cold build of
   ``--scale`` times the content, then one more cold build of the 1x content. The time per page
   at 5x is compared with the median time per page of the 1x cold builds of the run (the first,
   ``verify`` and this last one): on a shared machine the speed drifts over a run of a quarter of
   an hour (the same 1x build has taken 57 s and 77 s), and builds on both sides of the 5x build
   take that drift out. Every figure is printed, and the CPU seconds per page beside the time.

Each build starts with the disk flushed (``os.sync``): what the build before it wrote is not
written out on its time. Peak memory is the largest sum of the proportional set size (PSS) of
the build's processes (Pelican and its workers), sampled ten times a second. The last line is

    build-ratio cold=R warm=R pages=N

with cold = directory cold build / plain Pelican, warm = warm rebuild / cold build and N the
HTML pages of the directory's build. Targets (issue 13): cold <= 0.5, warm <= 0.25, peak
memory < 2 GB, cost per page growing by at most 20% from 1x to 5x.

With ``--languages`` (repeated) the run compares sets of site languages instead: one cold build
of the generated content per set (as ``SITE_LANGUAGES``, each with an empty cache), one after the
other, and a line per set after the first

    language-cost [en,nl,de] vs [en,nl]: time xT, cpu xC, pages xP, time per page xR, cpu per page xQ

A language must not cost more than its pages: the target is R <= 1 (T <= P). On a shared machine
the CPU seconds of the build's processes (C, Q) vary less than the wall time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT / "scripts"))
from generate_content import SENTENCES  # noqa: E402

CHANGED_SHARE = 0.05


def run(command: list[str]) -> float:
    """Seconds ``command`` takes (in the repository, output hidden); fails when it fails."""
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


# Measuring one build --------------------------------------------------------------------------
@dataclass
class Measured:
    seconds: float
    cpu: float  # user + system seconds of the whole process tree
    peak_bytes: int  # largest PSS sum of the process tree


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid``, read from /proc (parent ids)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += parents.get(current, [])
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure(command: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``command``; wall seconds, CPU seconds of the tree and its peak memory.

    The disk is flushed first (``os.sync``), so that no build pays for writing out what the one
    before it wrote (the warm rebuild comes right after a cold build of 80,000 files)."""
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})})
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_pss(pid) for pid in _children(process.pid)))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.stderr.write(errors.decode("utf-8", "replace"))
        raise SystemExit(f"bench: {' '.join(command[:4])} ... failed with exit status {process.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(seconds, cpu, peak)


def directory_build(content: Path, output: Path, cache: Path, today: dt.date,
                    languages: list[str] | None = None) -> Measured:
    settings = [f'BUILD_DATE="{today.isoformat()}"', f'BUILD_CACHE_PATH="{cache}"']
    if languages:
        settings += [f"SITE_LANGUAGES={json.dumps(languages)}", f"DEFAULT_LANG={json.dumps(languages[0])}"]
    return measure([PYTHON, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output),
                    "--fatal", "warnings", "-e", *settings])


def html_pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html"))


# Content -------------------------------------------------------------------------------------
def generate(target: Path, companies: int, vacancies: int, today: dt.date) -> float:
    return run([PYTHON, "scripts/generate_content.py", str(target), "--force", "--companies", str(companies),
                "--vacancies", str(vacancies), "--today", today.isoformat()])


def change_vacancies(content: Path, share: float = CHANGED_SHARE) -> int:
    """Change the title and text of every 1/share-th vacancy file (in sorted order)."""
    files = sorted((content / "vacancies").rglob("*.md"))
    step = round(1 / share)
    changed = 0
    for path in files[::step]:
        text = path.read_text(encoding="utf-8")
        head, separator, body = text.partition("\n---\n")
        lines = [line + " (updated)" if line.startswith("title: ") else line for line in head.splitlines()]
        path.write_text("\n".join(lines) + separator + body.rstrip("\n")
                        + "\n\nThis posting was updated by the feed.\n", encoding="utf-8")
        changed += 1
    return changed


def plain_pelican_site(target: Path, articles: int, seed: int = 13) -> None:
    """``articles`` Markdown articles about as long as a generated vacancy, and Pelican's defaults."""
    rng = random.Random(seed)
    content = target / "content"
    content.mkdir(parents=True)
    categories = ["job", "internship", "graduation-project", "side-job", "traineeship"]
    places = ["Enschede", "Hengelo", "Almelo", "Oldenzaal", "Borne", "Losser", "Wierden"]
    day = dt.date(2026, 1, 1)
    for number in range(articles):
        lang = rng.choice(["en", "nl", "nl"])
        body = "\n\n".join(" ".join(rng.sample(SENTENCES[lang], 3)) for _ in range(2))
        (content / f"article-{number:06d}.md").write_text(
            f"Title: Position {number} in {rng.choice(places)}\n"
            f"Date: {day + dt.timedelta(days=number % 300)} 09:00\n"
            f"Category: {rng.choice(categories)}\nTags: {rng.choice(places).lower()}\n\n{body}\n",
            encoding="utf-8")
    (target / "pelicanconf.py").write_text(
        '"""Plain Pelican: its defaults, no plugins."""\nSITENAME = "Plain"\nSITEURL = "https://plain.example"\nPATH = "content"\n'
        'TIMEZONE = "UTC"\nPLUGINS = []\n', encoding="utf-8")


def plain_pelican(target: Path) -> Measured:
    return measure([PYTHON, "-m", "pelican", str(target / "content"), "-s", str(target / "pelicanconf.py"),
                    "-o", str(target / "output"), "--fatal", "warnings"])


# Comparing outputs -----------------------------------------------------------------------------
def tree_differences(first: Path, second: Path, limit: int = 10) -> tuple[int, list[str]]:
    """(files compared, differences) between two output folders: missing, extra or changed files."""
    files_a = {path.relative_to(first) for path in first.rglob("*") if path.is_file()}
    files_b = {path.relative_to(second) for path in second.rglob("*") if path.is_file()}
    differences = [f"only in the warm build: {name}" for name in sorted(files_a - files_b)]
    differences += [f"only in the cold build: {name}" for name in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        if len(differences) >= limit:
            break
        if not filecmp.cmp(first / name, second / name, shallow=False):
            differences.append(f"different: {name}")
    return len(files_a | files_b), differences[:limit]


def megabytes(count: int) -> str:
    return f"{count / 2**20:,.0f} MB"


def report(label: str, result: Measured, pages: int | None = None) -> None:
    per_page = f"   {result.seconds / pages * 1000:6.2f} ms/page" if pages else ""
    print(f"{label:<44} {result.seconds:8.2f} s   cpu {result.cpu:8.2f} s   "
          f"peak {megabytes(result.peak_bytes):>9}{per_page}", flush=True)


def scale_line(small: list[tuple[Measured, int]], big: tuple[Measured, int], scale: int) -> str:
    """The scale check: time (and CPU) per page at ``scale``x against the median of the 1x builds."""
    def per_page(runs: list[tuple[Measured, int]], attribute: str) -> list[float]:
        return [getattr(result, attribute) / pages * 1000 for result, pages in runs]

    lines = []
    for attribute, what in (("seconds", "time"), ("cpu", "cpu")):
        costs = per_page(small, attribute)
        reference, at_scale = statistics.median(costs), per_page([big], attribute)[0]
        lines.append(f"{what} per page: {', '.join(f'{cost:.3f}' for cost in costs)} ms at 1x (median "
                     f"{reference:.3f}), {at_scale:.3f} ms at {scale}x: {(at_scale / reference - 1) * 100:+.1f}%"
                     + ("   (target <= +20%)" if what == "time" else ""))
    return "\n".join(lines)


def compare_languages(base: Path, content: Path, sets: list[list[str]], today: dt.date) -> int:
    """One cold build per set of site languages; the cost of each set against the first."""
    results = []
    for number, languages in enumerate(sets):
        output = base / f"output-languages-{number}"
        measured = directory_build(content, output, base / f"cache-languages-{number}", today, languages)
        pages = html_pages(output)
        report(f"cold build [{','.join(languages)}] ({pages} pages)", measured, pages)
        results.append((languages, measured.seconds, measured.cpu, pages))
        shutil.rmtree(output)
    (first, first_seconds, first_cpu, first_pages), rest = results[0], results[1:]
    for languages, seconds, cpu, pages in rest:
        time_ratio, cpu_ratio, page_ratio = seconds / first_seconds, cpu / first_cpu, pages / first_pages
        print(f"language-cost [{','.join(languages)}] vs [{','.join(first)}]: time x{time_ratio:.2f}, "
              f"cpu x{cpu_ratio:.2f}, pages x{page_ratio:.2f}, time per page x{time_ratio / page_ratio:.2f}, "
              f"cpu per page x{cpu_ratio / page_ratio:.2f}   (target <= 1)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--vacancies", type=int, default=10000)
    parser.add_argument("--scale", type=int, default=5, help="size of the scale check (default 5x)")
    parser.add_argument("--no-scale", action="store_true", help="skip the scale check (quick runs)")
    parser.add_argument("--no-verify", action="store_true",
                        help="skip the cold build that checks the warm output byte for byte")
    parser.add_argument("--keep", type=Path, help="keep content, outputs and caches in this folder")
    parser.add_argument("--languages", action="append", type=lambda text: text.split(","), metavar="CODES",
                        help="compare sets of site languages (comma-separated; give two or more)")
    args = parser.parse_args(argv)
    if args.languages is not None and len(args.languages) < 2:
        parser.error("--languages: give at least two sets to compare, e.g. --languages en,nl --languages en,nl,de")
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="witw-bench-") as scratch:
        base = args.keep or Path(scratch)
        if args.keep and base.exists():
            shutil.rmtree(base)
        base.mkdir(parents=True, exist_ok=True)
        print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at the start", flush=True)
        content = base / "content-1x"
        seconds = generate(content, args.companies, args.vacancies, today)
        print(f"generated {args.companies} companies + {args.vacancies} vacancies in {seconds:.1f} s", flush=True)
        if args.languages:
            return compare_languages(base, content, args.languages, today)

        output, cache = base / "output-1x", base / "cache-1x"
        cold = directory_build(content, output, cache, today)
        pages = html_pages(output)
        report(f"directory, cold build ({pages} pages)", cold, pages)

        plain_pelican_site(base / "plain", pages)
        plain = plain_pelican(base / "plain")
        plain_pages = html_pages(base / "plain" / "output")
        report(f"plain Pelican ({pages} articles, {plain_pages} pages)", plain, plain_pages)
        cold_ratio = cold.seconds / plain.seconds
        print(f"cold ratio: directory / plain Pelican = {cold_ratio:.3f}   (target <= 0.5)", flush=True)

        changed = change_vacancies(content)
        started = time.time()
        warm = directory_build(content, output, cache, today)
        files = [path for path in output.rglob("*") if path.is_file()]
        rewritten = sum(1 for path in files if path.stat().st_mtime >= started)
        report(f"directory, warm rebuild ({changed} vacancies changed)", warm, pages)
        warm_ratio = warm.seconds / cold.seconds
        print(f"warm rebuild rewrote {rewritten} of {len(files)} files", flush=True)
        print(f"warm ratio: warm rebuild / cold build = {warm_ratio:.3f}   (target <= 0.25)", flush=True)

        fresh = None
        if not args.no_verify:
            fresh = directory_build(content, base / "output-verify", base / "cache-verify", today)
            fresh_pages = html_pages(base / "output-verify")
            report("directory, cold build of the changed content", fresh, fresh_pages)
            compared, differences = tree_differences(output, base / "output-verify")
            if differences:
                print("warm output is NOT the same as a cold build's:\n  " + "\n  ".join(differences))
                return 1
            print(f"warm output is byte for byte the cold build's ({compared} files)", flush=True)
            shutil.rmtree(base / "output-verify")

        peak = cold.peak_bytes
        if not args.no_scale:
            scaled = base / f"content-{args.scale}x"
            seconds = generate(scaled, args.companies * args.scale, args.vacancies * args.scale, today)
            print(f"generated {args.companies * args.scale} companies + {args.vacancies * args.scale} "
                  f"vacancies in {seconds:.1f} s", flush=True)
            big = directory_build(scaled, base / f"output-{args.scale}x", base / f"cache-{args.scale}x", today)
            big_pages = html_pages(base / f"output-{args.scale}x")
            report(f"directory, cold build at {args.scale}x ({big_pages} pages)", big, big_pages)
            shutil.rmtree(base / f"output-{args.scale}x")
            shutil.rmtree(scaled)
            after = directory_build(content, base / "output-after", base / "cache-after", today)
            after_pages = html_pages(base / "output-after")
            report(f"directory, cold build at 1x after {args.scale}x", after, after_pages)
            small = [(cold, pages), *([(fresh, fresh_pages)] if fresh is not None else []), (after, after_pages)]
            print(scale_line(small, (big, big_pages), args.scale), flush=True)
            peak = max(peak, big.peak_bytes)
        print(f"peak memory: {megabytes(cold.peak_bytes)} at 1x"
              + ("" if args.no_scale else f", {megabytes(peak)} at most") + "   (target < 2 GB at 1x)")
        print(f"build-ratio cold={cold_ratio:.3f} warm={warm_ratio:.3f} pages={pages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
