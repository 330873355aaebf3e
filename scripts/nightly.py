#!/usr/bin/env python3
"""The nightly pipeline, run locally: fetch feeds, validate, build, publish atomically.

    python scripts/nightly.py --target /srv/work-in-twente/site

1. fetch: ``scripts/fetch_vacancies.py --content CONTENT --report REPORT``. Exit 0 is fine;
   exit 3 means some feeds failed but their vacancies were kept, so publishing goes on (with
   a warning); any other exit stops the run.
2. validate: the content model checks every file, as ``make validate`` does.
3. build: Pelican with ``--settings`` (default publishconf.py) into a fresh folder beside the
   target, in the same parent folder (so the swap below is a rename on one file system).
4. publish: TARGET is a symbolic link to the newest build. A new link to the new build
   replaces it with ``os.replace``, which is atomic: a web server serving TARGET sees the old
   site or the new one, never a half-built one. Older builds are removed (``--keep`` of them
   stay for rollback: point the link back with ``ln -sfn``).
5. stats: the day's figures are appended to the stats history (``--history``, default
   STATS_HISTORY of pelicanconf.py: data/stats-history.csv), one row per published build;
   rows already there are never changed. The build drew the same figures as the last point
   of its stats page.

A failed step leaves the published site untouched. Runs never overlap: a lock file beside the
target makes a second run wait. A TARGET that is still a real folder (from an old ``make
build``) is moved aside once; only that first switch is not atomic.

Other options: ``--skip-fetch``, ``--today YYYY-MM-DD`` (fetch and build as of that day),
``--setting KEY=JSON`` (extra Pelican setting), ``--fetch-arg ARG``, ``--keep N``.
More in docs/publishing.md.

Exit status: 0 when a new site was published, 1 when a step failed (the old site stays, except
when only the stats step failed: then the new site is out and the message says so), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_settings import ROOT, site_languages, site_setting  # noqa: E402

from content_model import load_directory  # noqa: E402
from directory_site.statistics import HistoryError, append_history, figures  # noqa: E402

FEEDS_FAILED = 3  # fetch_vacancies.py: some feeds failed, the vacancies already on disk were kept
REQUIRED_FILES = ("index.html", "404.html", "sitemap.xml", "robots.txt")


class StepFailed(Exception):
    """A pipeline step failed; the message says which and what to do."""


def log(message: str) -> None:
    print(f"nightly: {message}", flush=True)


# Steps ---------------------------------------------------------------------------------------
def fetch(fetcher: Path, content: Path, report: Path, extra_args: list[str]) -> bool:
    """Run the feed fetcher; True when every feed was fine, False when some failed (data kept)."""
    if not fetcher.is_file():
        raise StepFailed(f"fetch: {fetcher} does not exist; pass --skip-fetch to publish the content as it is")
    command = [sys.executable, str(fetcher), "--content", str(content), "--report", str(report), *extra_args]
    log(f"fetch: {' '.join(command[1:])}")
    status = subprocess.run(command, cwd=ROOT).returncode
    if status == 0:
        return True
    if status == FEEDS_FAILED:
        log(f"WARNING: some feeds failed; their vacancies were kept as they were (see {report}). "
            "Publishing goes on.")
        return False
    raise StepFailed(f"fetch: {fetcher.name} exited with status {status}; nothing published, "
                     "the old site stays. Run `make fetch` to see why")


def validate(content: Path):
    directory, problems = load_directory(content, site_languages())
    for problem in problems:
        print(problem)
    if problems:
        raise StepFailed(f"validate: {len(problems)} problem{'s' if len(problems) != 1 else ''} in the content; "
                         "nothing published, the old site stays. Fix the files listed above")
    log(f"validate: {len(directory.companies)} companies, {len(directory.vacancies)} vacancies: OK")
    return directory


def record_stats(directory, history: Path, today: dt.date) -> None:
    """Append the day's figures to the stats history (after a build that will be published)."""
    try:
        row = append_history(history, figures(directory, today))
    except HistoryError as error:
        raise StepFailed(f"stats: {error}; the new site is published, but its figures were not "
                         "added to the history") from error
    log(f"stats: appended {row['date']} to {history.name} ({row.get('vacancies')} vacancies)")


def build(content: Path, settings: Path, output: Path, extra_settings: list[str]) -> None:
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output),
               "--fatal", "warnings"]
    if extra_settings:
        command += ["-e", *extra_settings]
    log(f"build: pelican with {settings.name} into {output.name}")
    status = subprocess.run(command, cwd=ROOT).returncode
    if status != 0:
        raise StepFailed(f"build: pelican exited with status {status}; nothing published, the old site stays")
    missing = [name for name in REQUIRED_FILES if not (output / name).is_file()]
    if missing:
        raise StepFailed(f"build: the new site has no {', '.join(missing)}; nothing published, "
                         "the old site stays")


# Publishing -------------------------------------------------------------------------------------
def release_prefix(target: Path) -> str:
    return f".{target.name}-"


def stamp() -> str:
    """UTC time to the microsecond; release names sort in the order they were made."""
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")


def new_release_dir(target: Path) -> Path:
    """An empty folder beside ``target`` whose name sorts by time: ``.<name>-<UTC time>-<random>``."""
    release = Path(tempfile.mkdtemp(prefix=f"{release_prefix(target)}{stamp()}-", dir=target.parent))
    release.chmod(0o755)  # mkdtemp makes it private; the web server must read it
    return release


def publish(release: Path, target: Path) -> None:
    """Point ``target`` at ``release`` in one atomic rename of a symbolic link."""
    if target.exists() and not target.is_symlink() and not target.is_dir():
        raise StepFailed(f"publish: {target} is a file; move it away, the target must be a folder or a link")
    aside = None
    if target.is_dir() and not target.is_symlink():
        aside = target.with_name(f"{release_prefix(target)}{stamp()}-was-folder")
        log(f"publish: {target} is a folder; moving it to {aside.name} (only this first switch is not atomic)")
        os.rename(target, aside)
    link = target.with_name(f".{target.name}.link-{secrets.token_hex(4)}")
    try:
        os.symlink(release.name, link)  # relative: the pair can move together
        os.replace(link, target)
    except OSError as error:
        link.unlink(missing_ok=True)
        if aside is not None:
            os.rename(aside, target)
        raise StepFailed(f"publish: could not point {target} at the new site ({error}); the old site stays") \
            from error


def prune(target: Path, keep: int) -> None:
    """Remove old releases beside ``target``: keep the published one and ``keep - 1`` before it."""
    current = target.resolve() if target.is_symlink() else None
    releases = sorted((path for path in target.parent.glob(f"{release_prefix(target)}*")
                       if path.is_dir() and not path.is_symlink()), key=lambda path: path.name)
    older = [path for path in releases if path.resolve() != current]
    for path in older[:max(0, len(older) - (keep - 1))]:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold a lock beside ``target`` so that two runs never overlap."""
    lock_path = target.with_name(f".{target.name}.lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def run(args: argparse.Namespace) -> int:
    content, target = args.content.resolve(), args.target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(target):
        feeds_fine = True
        if not args.skip_fetch:
            fetch_args = [*([f"--today={args.today}"] if args.today else []), *args.fetch_arg]
            feeds_fine = fetch(args.fetcher.resolve(), content, args.report.resolve(), fetch_args)
        directory = validate(content)
        history = (args.history or Path(str(site_setting("STATS_HISTORY")))).absolute()
        release = new_release_dir(target)
        try:
            settings = [*([f'BUILD_DATE="{args.today}"'] if args.today else []),
                        f"STATS_HISTORY={json.dumps(str(history))}", *args.setting]
            build(content, args.settings.resolve(), release, settings)
            publish(release, target)
        except BaseException:
            shutil.rmtree(release, ignore_errors=True)
            raise
        prune(target, args.keep)
        record_stats(directory, history, args.today or dt.date.today())
    log(f"published {release.name} at {target}" + ("" if feeds_fine else " (some feeds failed; data kept)"))
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--target", type=Path, required=True,
                        help="where the site is published: a symbolic link the web server serves")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content)")
    parser.add_argument("--settings", type=Path, default=ROOT / "publishconf.py",
                        help="Pelican settings (default: publishconf.py; SITEURL comes from the environment)")
    parser.add_argument("--setting", action="append", default=[], metavar="KEY=JSON",
                        help="extra Pelican setting, e.g. BUILD_DATE='\"2026-11-27\"' (repeatable)")
    parser.add_argument("--report", type=Path, default=ROOT / "fetch-report.json",
                        help="where the fetcher writes its report (default: fetch-report.json)")
    parser.add_argument("--fetcher", type=Path, default=ROOT / "scripts" / "fetch_vacancies.py",
                        help="the feed fetcher (default: scripts/fetch_vacancies.py)")
    parser.add_argument("--fetch-arg", action="append", default=[], metavar="ARG",
                        help="extra argument for the fetcher, e.g. --fetch-arg=--retries=0 (repeatable)")
    parser.add_argument("--history", type=Path, default=None,
                        help="stats history to append the day's figures to (default: STATS_HISTORY of pelicanconf.py)")
    parser.add_argument("--skip-fetch", action="store_true", help="publish the content without fetching feeds")
    parser.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the day of the run for the fetcher and the build (default: today)")
    parser.add_argument("--keep", type=int, default=2,
                        help="builds to keep, the published one included (default: 2)")
    args = parser.parse_args(argv)
    if args.keep < 1:
        parser.error("--keep must be at least 1 (the published site)")
    if not args.content.is_dir():
        parser.error(f"--content: {args.content} is not a folder")
    if not args.settings.is_file():
        parser.error(f"--settings: {args.settings} does not exist")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except StepFailed as failure:
        log(f"FAILED: {failure}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
