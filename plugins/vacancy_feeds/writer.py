"""Synchronising one feed's postings with the files in ``content/vacancies/<company>/``.

Ownership: a vacancy file belongs to a feed when its front matter says
``source: {type: <feed type>, feed: <feed url>, id: ...}``. Files with ``source: manual``,
files of the company's other feeds and files that cannot be read are never written or
removed by a feed's sync.

``FeedSync.sync`` (the feed answered 200 and its first page parsed):
  * postings are mapped with ``mapping.to_vacancy``; one that cannot be mapped, or that the
    adapter found without a title or link, is skipped and reported, and its existing file is
    kept; the others go on;
  * the same posting twice (same external id, or the same apply URL, compared without
    fragment, trailing slash and ``utm_*`` parameters) is written once: the first one in
    feed order; a posting whose apply URL is already used by a hand-written vacancy or by
    another feed's file is skipped (the existing file wins);
  * a posting whose ``valid_through`` has passed is not written (reported as expired);
  * a file keeps its name across runs. New files are named
    ``<slug of the title>-<first 8 hex digits of sha256(feed url + "\\n" + id)>.md``;
  * every file is validated with the content model (``load_vacancy``) before it replaces
    the old one; writes are atomic (temporary file in the same folder, then ``os.replace``)
    and only happen when the text changed;
  * files are removed only when the feed was read completely (``complete``): then owned
    files whose posting is gone, expired or a duplicate are removed, and so are files of a
    feed the profile no longer lists when this feed wrote the same posting (a changed feed
    URL). A partial feed removes nothing;
  * when more than half of the feed's current files would go at once (a feed that suddenly
    empties included), nothing is removed and the result says ``held``, unless
    ``accept_drops``.

``refresh_unchanged`` (the feed answered 304): files of postings whose own ``valid_through``
passed are removed; files whose ``valid_through`` was a default are extended (the posting is
still listed), see ``mapping.default_valid_through``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from content_model import Company, Feed, dump_vacancy
from content_model.problems import display_path
from content_model.source_files import parse_front_matter
from content_model.vacancies import load_vacancy

from .adapters import Posting
from .mapping import Draft, SkipPosting, default_valid_through, normalize_url, to_vacancy

SLUG_MAX = 60


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    replaced = False
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
        replaced = True
    finally:
        if not replaced:
            Path(temporary).unlink(missing_ok=True)


@dataclass
class ExistingFile:
    """A vacancy file found in a company folder."""

    path: Path
    text: str
    data: dict | None
    body: str

    @property
    def source(self) -> object:
        return self.data.get("source") if self.data else None

    @property
    def is_manual(self) -> bool:
        return self.source == "manual"

    @property
    def feed_key(self) -> tuple[str, str] | None:
        source = self.source
        if isinstance(source, dict) and isinstance(source.get("type"), str) and isinstance(source.get("feed"), str):
            return source["type"], source["feed"]
        return None

    @property
    def posting_id(self) -> str | None:
        source = self.source
        return str(source["id"]) if isinstance(source, dict) and source.get("id") is not None else None

    @property
    def apply_url(self) -> str | None:
        value = self.data.get("apply_url") if self.data else None
        return value if isinstance(value, str) else None

    @property
    def urls(self) -> set[str]:
        """The file's apply URL and posting page, normalised for comparing."""
        found = {self.apply_url, self.data.get("url") if self.data else None}
        return {normalize_url(url) for url in found if isinstance(url, str)}

    @property
    def valid_through(self) -> dt.date | None:
        value = self.data.get("valid_through") if self.data else None
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None


def scan_folder(folder: Path) -> list[ExistingFile]:
    """Every ``*.md`` file in ``folder`` (sorted by name), with its front matter when readable."""
    files = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.name.startswith("."):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            files.append(ExistingFile(path, "", None, ""))
            continue
        document = parse_front_matter(text, str(path))
        data = document.data if isinstance(document.data, dict) else None
        files.append(ExistingFile(path, text, data, document.body))
    return files


def owned_by(files: list[ExistingFile], feed: Feed) -> list[ExistingFile]:
    return [file for file in files if file.feed_key == (feed.type, feed.url)]


def _place_key(place: str | None) -> str:
    return (place or "").split(",")[0].strip().casefold()


def slugify(title: str) -> str:
    """``"Stagiair(e) Marketing – Enschede"`` -> ``"stagiair-e-marketing-enschede"`` (at most 60 chars)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX] else slug[:SLUG_MAX]
    return slug or "vacancy"


def stable_hash(feed_url: str, posting_id: str) -> str:
    return hashlib.sha256(f"{feed_url}\n{posting_id}".encode("utf-8")).hexdigest()


# Kinds of skipped postings, as the summary and the report name them.
EXPIRED, DUPLICATE, INVALID, UNREAD = "expired", "duplicate", "invalid", "unread"


@dataclass
class SyncResult:
    """What one feed's sync did."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: int = 0             # files left as they were although the feed did not confirm them
    held: str | None = None   # why files that would have been removed were kept (a sudden drop)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (posting id, kind, reason)
    postings: dict[str, dict] = field(default_factory=dict)            # for the state file
    changed_files: list[str] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)

    def skip(self, posting_id: str, kind: str, reason: str) -> None:
        self.skipped.append((posting_id, kind, reason))


class FeedSync:
    """Writes and removes the files of one feed of one company."""

    def __init__(self, folder: Path, company: Company, feed: Feed, today: dt.date, languages: list[str]):
        self.folder = folder
        self.company = company
        self.feed = feed
        self.today = today
        self.languages = languages

    # The 200 case ------------------------------------------------------------------------------
    def sync(self, postings: list[Posting], unusable: list[tuple[str, str, str]] = (), complete: bool = True,
             accept_drops: bool = False) -> SyncResult:
        """Write the postings; remove files only when ``complete`` and the feed did not suddenly drop.

        ``unusable`` are (id, kind, reason) of postings the feed lists but that cannot be stored
        now (no title, a failed detail request): their files are kept. ``complete`` is False
        when part of the feed could not be read (the feed is partial).
        """
        result = SyncResult()
        files = scan_folder(self.folder)
        mine = owned_by(files, self.feed)
        by_id: dict[str, ExistingFile] = {}
        for file in mine:  # files are sorted by name: the first file of a posting id is its file
            if file.posting_id is not None:
                by_id.setdefault(file.posting_id, file)
        configured = {(feed.type, feed.url) for feed in self.company.feeds}
        orphans = [file for file in files if file.feed_key and file.feed_key not in configured]
        taken = {url: file.path.name for file in files if file not in mine and file not in orphans
                 for url in file.urls}
        # Re-posts of one job (the same ATS job id, in the same place) are written once: the
        # one that already has a file, else the first in feed order.
        job_winner: dict[tuple[str, str], str] = {}
        for posting in postings:
            if posting.job_id:
                key = (posting.job_id, _place_key(posting.place))
                if key not in job_winner or (job_winner[key] not in by_id and posting.id in by_id):
                    job_winner[key] = posting.id

        keep: set[Path] = set()
        listed: set[str] = set()  # ids the feed lists, usable or not

        def hold(posting_id: str, default_valid_through: bool = False) -> None:
            """Keep the last good file of a posting that is still listed but cannot be written now."""
            existing = by_id.get(posting_id)
            if existing and existing.path not in keep:
                keep.add(existing.path)
                result.kept += 1
                result.postings[posting_id] = {"file": existing.path.name,
                                               "default_valid_through": default_valid_through}

        for posting_id, kind, reason in unusable:
            listed.add(posting_id)
            result.skip(posting_id, kind, reason)
            hold(posting_id)
        drafts: list[Draft] = []
        seen_ids: set[str] = set()
        seen_urls: dict[str, str] = {}
        for posting in postings:
            if posting.id in seen_ids:
                result.skip(posting.id, DUPLICATE, "listed twice in the feed (same id)")
                continue
            seen_ids.add(posting.id)
            listed.add(posting.id)
            if posting.job_id:
                winner = job_winner[(posting.job_id, _place_key(posting.place))]
                if winner != posting.id:
                    result.skip(posting.id, DUPLICATE, f"a re-post of posting {winner} (the same job, "
                                                       f"{posting.job_id}, in the same place)")
                    continue
            existing = by_id.get(posting.id)
            try:
                draft = to_vacancy(posting, self.company, self.feed, self.today,
                                   existing.data if existing else None)
            except SkipPosting as error:
                result.skip(posting.id, INVALID, f"invalid: {error}")
                hold(posting.id)
                continue
            url = normalize_url(draft.page_url)
            if url in seen_urls:
                result.skip(posting.id, DUPLICATE, f"same posting page as posting {seen_urls[url]} in this feed")
                continue
            seen_urls[url] = posting.id
            clash = next((taken[candidate] for candidate in (url, normalize_url(draft.apply_url))
                          if candidate in taken), None)
            if clash:
                result.skip(posting.id, DUPLICATE, f"same apply URL as {clash} (that file is kept)")
                continue
            if draft.valid_through < self.today:
                result.skip(posting.id, EXPIRED, f"its last day, {draft.valid_through}, has passed")
                continue
            drafts.append(draft)

        live_owned = [file for file in mine if (file.valid_through or self.today) >= self.today]
        absent = [file for file in live_owned if file.posting_id not in listed]
        if complete and not accept_drops and len(absent) * 2 > len(live_owned):
            result.held = (f"{len(absent)} of its {len(live_owned)} current vacancy file(s) are no longer in the "
                           f"feed (it lists {len(listed)} posting(s)): more than half at once, so they were kept. "
                           "If the company really closed them, run again with --accept-drops")

        used_names = {file.path.name for file in files}
        for draft in drafts:
            existing = by_id.get(draft.posting_id)
            path = existing.path if existing else self._new_path(draft, used_names)
            used_names.add(path.name)
            if self._write(path, draft, existing, result) is None:
                hold(draft.posting_id, draft.default_valid_through)  # the new text does not validate
                continue
            keep.add(path)
            result.postings[draft.posting_id] = {"file": path.name,
                                                 "default_valid_through": draft.default_valid_through}
        unconfirmed = [file for file in mine if file.path not in keep and file.path.exists()]
        if not complete or result.held:
            result.kept += len(unconfirmed)  # a file is removed only after a complete, plausible read
        else:
            for file in unconfirmed:  # postings gone from the feed, expired ones, and duplicate files
                file.path.unlink()
                result.removed += 1
                result.removed_files.append(display_path(file.path))
        # A file of a feed the profile no longer lists is superseded once this feed wrote the
        # same posting (same apply URL), e.g. after the company changed its feed URL.
        written = {url for draft in drafts if draft.posting_id in result.postings
                   for url in (normalize_url(draft.page_url), normalize_url(draft.apply_url))}
        for file in orphans:
            if file.urls & written and file.path.exists():
                file.path.unlink()
                result.removed += 1
                result.removed_files.append(display_path(file.path))
        return result

    def _new_path(self, draft: Draft, used: set[str]) -> Path:
        digest = stable_hash(self.feed.url, draft.posting_id)
        slug = slugify(draft.fields["title"])
        for length in (8, 12, 16, 64):
            name = f"{slug}-{digest[:length]}.md"
            if name not in used:
                return self.folder / name
        raise RuntimeError(f"no free file name for posting {draft.posting_id}")  # sha256 collision

    def _write(self, path: Path, draft: Draft, existing: ExistingFile | None, result: SyncResult) -> bool | None:
        """Validate and write; True when written, False when unchanged, None when invalid."""
        text = dump_vacancy(draft.fields, draft.body)
        if existing and existing.text == text:
            result.unchanged += 1
            return False
        problems = self._validate(path, text)
        if problems:
            result.skip(draft.posting_id, INVALID, "invalid: the generated file does not validate: "
                        + "; ".join(problems))
            return None
        atomic_write_text(path, text)
        if existing:
            result.changed += 1
        else:
            result.new += 1
        result.changed_files.append(display_path(path))
        return True

    def _validate(self, path: Path, text: str) -> list[str]:
        """Problems the validator would report for ``text`` stored at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".check", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            vacancy, problems = load_vacancy(Path(temporary), display_path(path), self.languages)
        finally:
            Path(temporary).unlink(missing_ok=True)
        messages = [problem.message for problem in problems]
        if vacancy is not None and vacancy.company != path.parent.name:
            messages.append(f"company {vacancy.company!r} does not match the folder {path.parent.name!r}")
        return messages

    # The 304 case ------------------------------------------------------------------------------
    def refresh_unchanged(self, previous: dict[str, dict]) -> SyncResult:
        """Expire or extend owned files when the feed did not change; ``previous`` is the state's postings."""
        result = SyncResult()
        for file in owned_by(scan_folder(self.folder), self.feed):
            posting_id = file.posting_id or ""
            remembered = previous.get(posting_id, {})
            defaulted = bool(remembered.get("default_valid_through"))
            through = file.valid_through
            if through is not None and through < self.today and not defaulted:
                file.path.unlink()
                result.removed += 1
                result.removed_files.append(display_path(file.path))
                continue
            if defaulted and through is not None and through <= self.today and file.data:
                posted = dt.date.fromisoformat(file.data["date_posted"])
                data = dict(file.data, valid_through=default_valid_through(posted, self.today, through))
                text = dump_vacancy(data, file.body)
                problems = self._validate(file.path, text)
                if problems:
                    result.skip(posting_id, INVALID, "invalid: the extended file does not validate: "
                                + "; ".join(problems))
                else:
                    atomic_write_text(file.path, text)
                    result.changed += 1
                    result.changed_files.append(display_path(file.path))
            else:
                result.unchanged += 1
            result.postings[posting_id] = {"file": file.path.name, "default_valid_through": defaulted}
        return result


def state_matches_files(folder: Path, feed: Feed, postings: dict[str, dict]) -> bool:
    """True when the feed's files on disk are exactly those the state remembers.

    When a file was deleted, copied or edited by hand, the fetcher must not trust a 304: it
    fetches the feed in full instead, and the sync puts things right.
    """
    owned = {file.path.name: file.posting_id for file in owned_by(scan_folder(folder), feed)}
    remembered = {entry.get("file"): posting_id for posting_id, entry in postings.items()}
    return owned == remembered


def remove_orphans(folder: Path, company: Company) -> list[str]:
    """Remove fetched files whose feed the company profile no longer lists; returns their paths."""
    configured = {(feed.type, feed.url) for feed in company.feeds}
    removed = []
    for file in scan_folder(folder):
        if file.feed_key and file.feed_key not in configured:
            file.path.unlink()
            removed.append(display_path(file.path))
    return removed
