"""The fetcher's memory between runs: ``content/vacancies/.feed-state.json``.

Committed with the content so that CI runs are conditional too. It holds, per company and
feed URL, the validators of the last good response (``etag``, ``last_modified``) and the
postings that feed wrote (``file`` name, and whether ``valid_through`` was a default rather
than the feed's own date). Nothing time-dependent is stored, so a run that changes nothing
leaves the file byte-for-byte identical. The JSON is written with sorted keys and two-space
indentation, atomically. The directory loader ignores it (its name starts with a dot).

Layout::

    {"version": 1,
     "feeds": {"<company-slug>": {"<feed url>": {
         "type": "recruitee", "etag": "\\"abc\\"", "last_modified": "Tue, 03 Nov 2026 ...",
         "postings": {"<id>": {"file": "<name>.md", "default_valid_through": true}}}}}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .writer import atomic_write_text

STATE_NAME = ".feed-state.json"
VERSION = 1


@dataclass
class FeedState:
    type: str
    etag: str | None = None
    last_modified: str | None = None
    postings: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> dict:
        data: dict = {"type": self.type, "postings": {key: dict(value) for key, value in self.postings.items()}}
        if self.etag:
            data["etag"] = self.etag
        if self.last_modified:
            data["last_modified"] = self.last_modified
        return data

    @classmethod
    def from_json(cls, data: object) -> FeedState | None:
        if not isinstance(data, dict) or not isinstance(data.get("type"), str):
            return None
        postings = data.get("postings") if isinstance(data.get("postings"), dict) else {}
        clean = {str(key): value for key, value in postings.items()
                 if isinstance(value, dict) and isinstance(value.get("file"), str)}
        etag, modified = data.get("etag"), data.get("last_modified")
        return cls(data["type"], etag if isinstance(etag, str) else None,
                   modified if isinstance(modified, str) else None, clean)


@dataclass
class FetchState:
    """All feeds' state; ``load`` tolerates a missing or damaged file (it starts afresh)."""

    path: Path
    feeds: dict[str, dict[str, FeedState]] = field(default_factory=dict)
    problem: str | None = None

    @classmethod
    def load(cls, vacancies_dir: Path) -> FetchState:
        path = Path(vacancies_dir) / STATE_NAME
        state = cls(path)
        if not path.exists():
            return state
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            state.problem = f"{path}: unreadable ({error}); every feed is fetched in full this time"
            return state
        feeds = data.get("feeds") if isinstance(data, dict) else None
        if not isinstance(feeds, dict) or data.get("version") != VERSION:
            state.problem = f"{path}: unknown layout; every feed is fetched in full this time"
            return state
        for company, entries in feeds.items():
            if not isinstance(entries, dict):
                continue
            for url, entry in entries.items():
                feed_state = FeedState.from_json(entry)
                if feed_state:
                    state.feeds.setdefault(company, {})[url] = feed_state
        return state

    def get(self, company: str, url: str) -> FeedState | None:
        return self.feeds.get(company, {}).get(url)

    def put(self, company: str, url: str, feed_state: FeedState) -> None:
        self.feeds.setdefault(company, {})[url] = feed_state

    def retain(self, company: str, urls: set[str]) -> None:
        """Forget feeds the company no longer lists (and the company, if it lists none)."""
        entries = self.feeds.get(company, {})
        for url in list(entries):
            if url not in urls:
                del entries[url]
        if not entries:
            self.feeds.pop(company, None)

    def forget_companies_except(self, companies: set[str]) -> None:
        for company in list(self.feeds):
            if company not in companies:
                del self.feeds[company]

    def dumps(self) -> str:
        data = {"version": VERSION,
                "feeds": {company: {url: entry.to_json() for url, entry in entries.items()}
                          for company, entries in self.feeds.items() if entries}}
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def save(self) -> bool:
        """Write the file if its text changed; True when it was written."""
        if not any(self.feeds.values()) and not self.path.exists():
            return False  # no feeds anywhere: do not create an empty state file
        text = self.dumps()
        try:
            if self.path.read_text(encoding="utf-8") == text:
                return False
        except OSError:
            pass
        atomic_write_text(self.path, text)
        return True
