"""One fetch run: load the companies, download every feed concurrently, then sync the files.

Downloads run concurrently (``fetching.PoliteClient`` enforces the limits). Files are then
written one feed at a time in a fixed order (company slug, then the order of ``feeds:`` in
the profile), so the outcome does not depend on which server answered first: the same
feeds give the same files.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx

from content_model import Company, Feed
from content_model.companies import load_company
from content_model.problems import display_path

from .adapters import SHAPE_ERRORS, FeedAdapter, FeedFormatError, Posting, adapter_for
from .fetching import Deadline, FetchError, FetchSettings, PoliteClient
from .state import FeedState, FetchState
from .writer import INVALID, UNREAD, FeedSync, owned_by, remove_orphans, scan_folder, state_matches_files

T = TypeVar("T")

MAX_PAGES = 50

# Feed statuses. ``partial``: part of the feed could not be read; ``kept``: the feed read fine
# but lost more than half its postings at once; ``failed``: nothing usable came back. In all
# three the files that were not positively re-read stay as they were, and the exit code is 3.
OK, UNCHANGED, PARTIAL, KEPT, FAILED = "ok", "unchanged", "partial", "kept", "failed"
STATUSES = (OK, UNCHANGED, PARTIAL, KEPT, FAILED)


class UsageError(ValueError):
    """Bad options (unknown company, missing folder): exit code 2."""


@dataclass
class RunOptions:
    content: Path
    languages: list[str]
    today: dt.date
    companies: list[str] | None = None
    settings: FetchSettings = field(default_factory=FetchSettings)
    accept_drops: bool = False  # remove files even when a feed loses more than half its postings


@dataclass
class FeedOutcome:
    """What happened to one feed; one line of the summary and one entry of the JSON report."""

    company: str
    company_file: str
    index: int
    type: str
    url: str
    status: str = OK
    error: str | None = None
    problems: list[str] = field(default_factory=list)   # why the feed is partial
    postings: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: int = 0
    requests: int = 0
    seconds: float = 0.0
    deadline_hit: bool = False                           # the feed's total deadline cut it short
    skipped: list[dict] = field(default_factory=list)   # {id, kind, reason}
    changed_files: list[str] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        """How a maintainer finds the feed: company file, entry and URL."""
        return f"{self.company_file} feeds[{self.index}] ({self.type}) {self.url}"


@dataclass
class RunReport:
    today: dt.date
    deadline: float = FetchSettings.deadline
    feeds: list[FeedOutcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)      # company files that could not be used
    warnings: list[str] = field(default_factory=list)
    orphans_removed: list[str] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    bytes_downloaded: int = 0
    download_seconds: float = 0.0   # the concurrent download phase alone
    seconds: float = 0.0            # the whole run

    @property
    def failed(self) -> list[FeedOutcome]:
        """Feeds that were not read completely and plausibly (their unconfirmed files were kept)."""
        return [feed for feed in self.feeds if feed.status in (PARTIAL, KEPT, FAILED)]

    @property
    def exit_code(self) -> int:
        """0 when every feed is fine; 3 when some were partial, dropped or failed (files kept)."""
        return 3 if self.failed or self.problems else 0

    def to_json(self) -> dict:
        totals = {key: sum(getattr(feed, key) for feed in self.feeds)
                  for key in ("postings", "new", "changed", "unchanged", "removed", "kept")}
        totals["skipped"] = sum(len(feed.skipped) for feed in self.feeds)
        statuses = {status: sum(1 for feed in self.feeds if feed.status == status) for status in STATUSES}
        return {
            "today": self.today.isoformat(),
            "deadline_seconds": self.deadline,
            "exit_code": self.exit_code,
            "feeds": [dict(asdict(feed), where=feed.where) for feed in self.feeds],
            "totals": dict(totals, feeds=len(self.feeds), feeds_by_status=statuses,
                           deadline_hit=sum(1 for feed in self.feeds if feed.deadline_hit),
                           orphans_removed=len(self.orphans_removed)),
            "problems": self.problems,
            "warnings": self.warnings,
            "orphans_removed": self.orphans_removed,
            "http": {"requests": self.requests, "retries": self.retries,
                     "bytes_downloaded": self.bytes_downloaded},
            "download_seconds": round(self.download_seconds, 3),
            "seconds": round(self.seconds, 3),
        }


@dataclass
class _Download:
    postings: list[Posting] = field(default_factory=list)
    invalid: list[tuple[str, str]] = field(default_factory=list)  # (id, reason) listed but not storable
    problems: list[str] = field(default_factory=list)             # unreadable parts: partial
    unread: list[tuple[str, str]] = field(default_factory=list)   # (id, reason) details that failed
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    requests: int = 0
    seconds: float = 0.0
    deadline_hit: bool = False


@dataclass
class _Job:
    company: Company
    feed: Feed
    index: int
    previous: FeedState | None
    conditional: bool
    outcome: FeedOutcome


def load_companies(content: Path, languages: list[str], wanted: list[str] | None,
                   report: RunReport, allow_private_hosts: bool = False) -> tuple[list[Company], set[str]]:
    """Valid company profiles (all, or those in ``wanted``) and the slugs of invalid ones (reported)."""
    folder = content / "companies"
    if not folder.is_dir():
        raise UsageError(f"{display_path(folder)} is not a folder")
    paths = sorted(folder.glob("*.yaml"))
    if wanted:
        known = {path.stem for path in paths}
        unknown = sorted(set(wanted) - known)
        if unknown:
            raise UsageError(f"unknown company: {', '.join(unknown)} (no {display_path(folder)}/<slug>.yaml)")
        paths = [path for path in paths if path.stem in set(wanted)]
    companies, invalid = [], set()
    for path in paths:
        company, problems = load_company(path, display_path(path), languages, allow_private_hosts)
        if company is None:
            invalid.add(path.stem)
            if "feeds:" in path.read_text(encoding="utf-8", errors="replace"):
                report.problems.append(f"{display_path(path)}: the profile has {len(problems)} problem(s) "
                                       f"(first: {problems[0].message if problems else 'unreadable'}); "
                                       "its feeds were not fetched and its vacancy files were left alone. "
                                       "Run scripts/validate.py for details.")
            continue
        companies.append(company)
    return companies, invalid


def run(options: RunOptions, progress: Callable[[str], None] = lambda line: None,
        transport: httpx.AsyncBaseTransport | None = None) -> RunReport:
    """Fetch every feed of the selected companies and bring the vacancy files up to date."""
    started = time.monotonic()
    report = RunReport(options.today, options.settings.deadline)
    content = Path(options.content)
    companies, invalid = load_companies(content, options.languages, options.companies, report,
                                        options.settings.allow_private_hosts)
    vacancies = content / "vacancies"
    state = FetchState.load(vacancies)
    if state.problem:
        report.warnings.append(state.problem)

    jobs: list[_Job] = []
    for company in companies:
        folder = vacancies / company.slug
        listed: set[tuple[str, str]] = set()
        for index, feed in enumerate(company.feeds):
            if (feed.type, feed.url) in listed:
                report.warnings.append(f"{display_path(company.path)} feeds[{index}]: {feed.url} is listed "
                                       "twice; it is fetched once")
                continue
            listed.add((feed.type, feed.url))
            previous = state.get(company.slug, feed.url)
            if previous and previous.type != feed.type:
                previous = None
            conditional = bool(previous and (previous.etag or previous.last_modified)
                               and state_matches_files(folder, feed, previous.postings))
            outcome = FeedOutcome(company.slug, display_path(company.path), index, feed.type, feed.url)
            jobs.append(_Job(company, feed, index, previous, conditional, outcome))

    download_started = time.monotonic()
    downloads = asyncio.run(_download_all(jobs, options.settings, progress, report, transport))
    report.download_seconds = time.monotonic() - download_started

    for company in companies:
        folder = vacancies / company.slug
        company_jobs = [job for job in jobs if job.company is company]
        for job in company_jobs:
            _sync(job, downloads[id(job)], folder, options, state)
            report.feeds.append(job.outcome)
        healthy = all(job.outcome.status in (OK, UNCHANGED) for job in company_jobs)
        if healthy:
            report.orphans_removed += remove_orphans(folder, company)
        state.retain(company.slug, {feed.url for feed in company.feeds})
    if not options.companies:
        state.forget_companies_except({company.slug for company in companies} | invalid)
    state.save()
    report.seconds = time.monotonic() - started
    return report


async def _download_all(jobs: list[_Job], settings: FetchSettings, progress: Callable[[str], None],
                        report: RunReport, transport: httpx.AsyncBaseTransport | None) -> dict[int, _Download]:
    results: dict[int, _Download] = {}
    done = 0
    async with PoliteClient(settings, transport=transport) as client:
        async def one(job: _Job) -> None:
            nonlocal done
            download = await _download(client, job)
            results[id(job)] = download
            done += 1
            progress(f"[{done}/{len(jobs)}] {_progress_line(job, download)}")

        await asyncio.gather(*(one(job) for job in jobs))
        report.requests = client.stats.requests
        report.retries = client.stats.retries
        report.bytes_downloaded = client.stats.bytes_downloaded
    return results


def _progress_line(job: _Job, download: _Download) -> str:
    where = f"{job.company.slug} {job.feed.type} {job.feed.url}"
    if download.error:
        return f"FAILED {where}: {download.error} ({display_path(job.company.path)})"
    if download.not_modified:
        return f"unchanged {where} (304, {download.seconds:.2f} s)"
    partial = f"; PARTIAL: {len(download.problems)} part(s) unreadable" if download.problems else ""
    return (f"fetched {where}: {len(download.postings)} postings, {download.requests} "
            f"request{'s' if download.requests != 1 else ''}, {download.seconds:.2f} s{partial}")


class _Counter:
    """One feed's requests: counts them (attempts included) and holds the feed's deadline."""

    def __init__(self, client: PoliteClient):
        self.client = client
        self.requests = 0
        self.deadline = Deadline(client.settings.deadline)
        self.deadline_hit = False

    async def get(self, url: str, etag: str | None = None, last_modified: str | None = None):
        try:
            response = await self.client.get(url, etag, last_modified, self.deadline)
        except FetchError as error:
            self.requests += error.attempts
            self.deadline_hit = self.deadline_hit or error.deadline
            raise
        self.requests += response.attempts
        return response


async def _download(client: PoliteClient, job: _Job) -> _Download:
    counter = _Counter(client)
    try:
        download = await _fetch_feed(counter, adapter_for(job.feed.type), job)
    except FetchError as error:
        download = _Download(error=f"{error} ({error.url})" if error.url != job.feed.url else str(error))
    except FeedFormatError as error:
        download = _Download(error=f"unparseable response: {error}")
    except KeyError as error:
        download = _Download(error=str(error.args[0] if error.args else error))
    download.requests = counter.requests
    download.seconds = counter.deadline.elapsed  # from the feed's first request, not its wait in the queue
    download.deadline_hit = counter.deadline_hit
    return download


def _as_format_error(parse: Callable[[], T], context: str = "") -> T:
    """Run an adapter's parser; a body of an unexpected shape becomes a FeedFormatError."""
    try:
        return parse()
    except FeedFormatError:
        raise
    except SHAPE_ERRORS as error:
        raise FeedFormatError(f"{context}{type(error).__name__}: {error}") from error


def _parse(adapter: FeedAdapter, body: bytes, url: str):
    return _as_format_error(lambda: adapter.parse(body, url))


def _parse_detail(adapter: FeedAdapter, body: bytes, posting: Posting) -> Posting:
    return _as_format_error(lambda: adapter.parse_detail(body, posting), f"posting {posting.id}: ")


async def _fetch_feed(client: _Counter, adapter: FeedAdapter, job: _Job) -> _Download:
    """Download and parse one feed. The first page failing fails the feed; a later page or a
    detail request failing makes it partial (what was read is kept, nothing is removed)."""
    url = adapter.request_url(job.feed.url)
    previous = job.previous if job.conditional else None
    first = await client.get(url, previous.etag if previous else None,
                             previous.last_modified if previous else None)
    if first.not_modified:
        return _Download(not_modified=True, etag=first.etag or (previous.etag if previous else None),
                         last_modified=first.last_modified or (previous.last_modified if previous else None))
    page = _parse(adapter, first.body, url)
    download = _Download(etag=first.etag, last_modified=first.last_modified)
    postings = list(page.postings)
    download.invalid += page.invalid
    download.problems += [f"page 1: {problem}" if page.next_url else problem for problem in page.problems]
    seen = {url}
    number = 1
    while page.next_url:
        number += 1
        next_url = page.next_url
        if next_url in seen:
            download.problems.append(f"page {number}: the pagination loops back to {next_url}; stopped there")
            break
        if len(seen) >= MAX_PAGES:
            download.problems.append(f"more than {MAX_PAGES} pages; the rest were not read")
            break
        seen.add(next_url)
        try:
            response = await client.get(next_url)
            page = _parse(adapter, response.body, next_url)
        except (FetchError, FeedFormatError) as error:
            download.problems.append(f"page {number} ({next_url}) could not be read: {error}; the postings "
                                     "on it and on later pages were not re-read")
            break
        postings += page.postings
        download.invalid += page.invalid
        download.problems += [f"page {number}: {problem}" for problem in page.problems]

    async def detail(posting: Posting) -> Posting | None:
        detail_url = adapter.detail_url(posting)
        if not detail_url:
            return posting
        try:
            response = await client.get(detail_url)
            return _parse_detail(adapter, response.body, posting)
        except (FetchError, FeedFormatError) as error:
            reason = f"its details ({detail_url}) could not be read: {error}"
            download.unread.append((posting.id, reason))
            download.problems.append(f"posting {posting.id}: {reason}")
            return None

    detailed = await asyncio.gather(*(detail(posting) for posting in postings))
    download.postings = [posting for posting in detailed if posting is not None]
    return download


def _sync(job: _Job, download: _Download, folder: Path, options: RunOptions, state: FetchState) -> None:
    outcome = job.outcome
    outcome.requests, outcome.seconds = download.requests, round(download.seconds, 3)
    outcome.deadline_hit = download.deadline_hit
    sync = FeedSync(folder, job.company, job.feed, options.today, options.languages)
    if download.error:
        outcome.status, outcome.error = FAILED, download.error
        outcome.kept = len(owned_by(scan_folder(folder), job.feed))
        return
    if download.not_modified:
        assert job.previous is not None
        result = sync.refresh_unchanged(job.previous.postings)
        outcome.status = UNCHANGED
        state.put(job.company.slug, job.feed.url,
                  FeedState(job.feed.type, download.etag, download.last_modified, result.postings))
    else:
        outcome.postings = len(download.postings) + len(download.invalid) + len(download.unread)
        complete = not download.problems
        unusable = ([(posting_id, INVALID, reason) for posting_id, reason in download.invalid]
                    + [(posting_id, UNREAD, reason) for posting_id, reason in download.unread])
        result = sync.sync(download.postings, unusable, complete=complete, accept_drops=options.accept_drops)
        if not complete:
            outcome.status, outcome.problems = PARTIAL, list(download.problems)
            outcome.error = (f"{len(download.problems)} part(s) of the feed could not be read; "
                             f"{result.kept} file(s) it did not confirm were kept")
        elif result.held:
            outcome.status, outcome.error = KEPT, result.held
        else:
            # Only a complete, plausible read becomes the new baseline: after a partial or
            # dropped read the next run fetches in full again (no 304 on the old validators).
            state.put(job.company.slug, job.feed.url,
                      FeedState(job.feed.type, download.etag, download.last_modified, result.postings))
    outcome.new, outcome.changed, outcome.unchanged = result.new, result.changed, result.unchanged
    outcome.removed, outcome.kept = result.removed, result.kept
    outcome.skipped = [{"id": posting_id, "kind": kind, "reason": reason}
                       for posting_id, kind, reason in result.skipped]
    outcome.changed_files, outcome.removed_files = result.changed_files, result.removed_files


def summary_lines(report: RunReport) -> list[str]:
    """The human summary printed at the end of a run: one row per feed, then what needs a look."""
    lines = [f"{'status':<9} {'new':>4} {'chg':>4} {'del':>4} {'kept':>4} {'skip':>4} {'time':>6}  feed"]
    for feed in report.feeds:
        lines.append(f"{feed.status:<9} {feed.new:>4} {feed.changed:>4} {feed.removed:>4} {feed.kept:>4} "
                     f"{len(feed.skipped):>4} {feed.seconds:>5.1f}s  {feed.company} {feed.type} {feed.url}")
        if feed.error:
            lines.append(f"{'':<9} {feed.status}: {feed.where}: {feed.error}")
        for problem in feed.problems:
            lines.append(f"{'':<9} unreadable: {problem}")
        for skipped in feed.skipped:
            lines.append(f"{'':<9} skipped {skipped['kind']} posting {skipped['id']}: {skipped['reason']}")
    for path in report.orphans_removed:
        lines.append(f"removed {path} (its feed is no longer in the company profile)")
    for problem in report.problems:
        lines.append(f"problem: {problem}")
    for warning in report.warnings:
        lines.append(f"warning: {warning}")
    totals = report.to_json()["totals"]
    statuses = totals["feeds_by_status"]
    lines.append(
        f"{totals['feeds']} feeds: {statuses[OK]} ok, {statuses[UNCHANGED]} unchanged, {statuses[PARTIAL]} partial, "
        f"{statuses[KEPT]} kept (sudden drop), {statuses[FAILED]} failed; files: {totals['new']} new, "
        f"{totals['changed']} changed, {totals['removed']} removed, {totals['kept']} kept unconfirmed; "
        f"{totals['skipped']} postings skipped; {report.requests} requests, {report.bytes_downloaded:,} bytes, "
        f"{report.seconds:.1f} s")
    slow = [feed for feed in report.feeds if feed.deadline_hit]
    if slow:
        lines.append(f"{len(slow)} feed(s) hit the {report.deadline:g} s deadline: "
                     + ", ".join(f"{feed.company} {feed.url}" for feed in slow))
    if report.failed:
        lines.append(f"{len(report.failed)} feed(s) partial, dropped or failed; the vacancy files they did not "
                     "confirm were kept (exit code 3)")
    return lines
