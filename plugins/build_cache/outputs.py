"""The files a build writes: written only when their bytes change, and a record of them.

``OutputFiles.write(name, data, inputs)`` writes ``output/name`` unless the file there already
holds ``data`` (its modification time is then kept: rsync and deploys see only real changes).
``inputs`` is a fingerprint of what the file is made from; ``current(name, inputs)`` says whether
the file on disk was made from those very inputs and is still as written, so that the caller
may skip making it at all.

The record (``Record``) of a build lists every file it produced, with size, modification time,
digest and inputs. The next build into the same folder starts from it and, at the end, removes
the files the old record has and the new build did not produce (a deleted vacancy's page, an
old search shard): only files a build of this site produced, never anything else (files other
code writes count when that code says so, as Pelican's writer and static generator do). A file whose
size or time differs from the record is checked by its bytes; if those differ too it is made
again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from collections.abc import Callable
from pathlib import Path


def content_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass
class Entry:
    """One produced file: ``size``/``mtime_ns`` as written, ``digest`` of its bytes, ``inputs``."""

    size: int
    mtime_ns: int
    digest: bytes
    inputs: bytes | None = None
    slots: object = None  # where a list page's cards are (``card_lists.Slots``), for the next build


@dataclass
class Record:
    """Every file one build produced in one output folder (``entries``: name -> Entry)."""

    output: str
    entries: dict[str, Entry] = field(default_factory=dict)


class OutputFiles:
    """Writes below ``root`` and records what it wrote; ``previous`` is the last build's record."""

    def __init__(self, root: Path, previous: Record | None = None) -> None:
        self.root = Path(root)
        self._root = str(self.root)
        self.previous = previous.entries if previous is not None else {}
        self.entries: dict[str, Entry] = {}
        self.folders: set[Path] = set()
        self.written = 0
        self.kept = 0
        self.spliced = 0  # list pages put together from the last build's cards (``card_lists``)

    def _path(self, name: str) -> str:
        if name.startswith("/") or "\\" in name or ".." in name.split("/"):
            raise ValueError(f"output file {name!r} is outside the output folder")
        return os.path.join(self._root, name)

    def _intact(self, name: str, entry: Entry) -> bool:
        """The file on disk is the one ``entry`` describes (checked by its bytes when its time changed)."""
        try:
            stat = os.stat(self._path(name))
        except OSError:
            return False
        if stat.st_size != entry.size:
            return False
        if stat.st_mtime_ns == entry.mtime_ns:
            return True
        try:
            with open(self._path(name), "rb") as handle:
                same = content_digest(handle.read()) == entry.digest
        except OSError:
            return False
        if same:
            entry.mtime_ns = stat.st_mtime_ns  # restored from an archive, say: same bytes, other time
        return same

    def current(self, name: str, inputs: bytes | None) -> bool:
        """True (and the file counts as produced) when ``name`` was made from ``inputs`` and is intact."""
        if inputs is None:
            return False
        entry = self.previous.get(name)
        if entry is None or entry.inputs != inputs or not self._intact(name, entry):
            return False
        self.entries[name] = entry
        self.kept += 1
        return True

    def last_file(self, name: str, slots_of: Callable[[object], bool]) -> tuple[bytes, object] | None:
        """The bytes the last build wrote to ``name`` and the ``slots`` it recorded with them, when
        ``slots_of(slots)`` accepts those and the file is still as written; otherwise None."""
        entry = self.previous.get(name)
        if entry is None or entry.slots is None or not slots_of(entry.slots) or not self._intact(name, entry):
            return None
        try:
            with open(self._path(name), "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        return (data, entry.slots) if len(data) == entry.size else None

    def write(self, name: str, data: bytes | str, inputs: bytes | None = None, slots: object = None) -> bool:
        """Write ``data`` to ``name`` unless it is there already; True when the file was written.
        ``slots`` is kept in the record with the file (see ``last_file``)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        found = content_digest(data)
        path = Path(self._path(name))
        entry = self.previous.get(name)
        if entry is not None and entry.digest == found and self._intact(name, entry):
            self.entries[name] = Entry(entry.size, entry.mtime_ns, found, inputs, slots)
            self.kept += 1
            return False
        if entry is None and name not in self.entries:
            try:
                if path.stat().st_size == len(data) and path.read_bytes() == data:
                    stat = path.stat()
                    self.entries[name] = Entry(stat.st_size, stat.st_mtime_ns, found, inputs, slots)
                    self.kept += 1
                    return False
            except OSError:
                pass
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        # Over the old bytes, then cut to length: the same file as O_TRUNC gives, but the file
        # system keeps the blocks it has instead of freeing and allocating them again (on ext4
        # with discard, ten times faster for a rebuild's thousands of pages).
        handle = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
            os.ftruncate(handle, len(data))
            stat = os.fstat(handle)
        finally:
            os.close(handle)
        self.entries[name] = Entry(stat.st_size, stat.st_mtime_ns, found, inputs, slots)
        self.written += 1
        return True

    def copy(self, name: str, source: Path) -> bool:
        """``write`` of a file's bytes (theme files, scripts)."""
        return self.write(name, Path(source).read_bytes())

    def for_task(self) -> OutputFiles:
        """Output files for one piece of work (maybe in a worker process), with the same record;
        hand its ``done()`` to ``take``."""
        return OutputFiles(self.root, Record(self._root, self.previous))

    def done(self) -> tuple[dict[str, Entry], int, int, int]:
        return self.entries, self.written, self.kept, self.spliced

    def take(self, done: tuple[dict[str, Entry], int, int, int]) -> None:
        """Add what another ``OutputFiles`` (``for_task``, maybe in a worker) wrote and kept."""
        entries, written, kept, spliced = done
        self.entries.update(entries)
        self.written += written
        self.kept += kept
        self.spliced += spliced

    def produced(self, others: set[str] = frozenset(), since_ns: int | None = None) -> set[str]:
        """Every file produced in this build: written or kept here, plus ``others`` (names of files
        other code wrote: Pelican's writer and static files, see ``BuildSession.written_by_others``)
        that are there, plus files of the last build's record written again since ``since_ns``
        (by code that did not say so). The folder is not walked: a site's output has tens of
        thousands of folders, and a file nobody said it wrote is not this build's to record or remove."""
        names = set(self.entries)
        for name in others - names:
            if os.path.isfile(self._path(name)):
                names.add(name)
        if since_ns is not None:
            for name in self.previous.keys() - names:  # only what would otherwise be removed as stale
                try:
                    if os.stat(self._path(name)).st_mtime_ns >= since_ns:
                        names.add(name)
                except OSError:
                    continue
        return names

    def remove_stale(self, previously: set[str], produced: set[str]) -> list[str]:
        """Remove what the last build produced and this one did not; empty folders go too."""
        removed = []
        folders: set[str] = set()
        for name in sorted(previously - produced):
            path = self._path(name)
            try:
                os.unlink(path)
            except FileNotFoundError:
                continue
            removed.append(name)
            folders.add(os.path.dirname(path))
        # Then the folders left empty, the deepest first (each looked at once, not once per file).
        while folders:
            folder = max(folders, key=len)
            folders.discard(folder)
            if os.path.normpath(folder) == os.path.normpath(self._root):
                continue
            try:
                os.rmdir(folder)  # only succeeds when empty
            except OSError:
                continue
            folders.add(os.path.dirname(folder))
        return removed

    def record(self, produced: set[str]) -> Record:
        """The record to keep: entries of what went through ``write``, and the other produced files."""
        entries = dict(self.entries)
        for name in produced - set(entries):
            try:
                stat = os.stat(self._path(name))
            except OSError:
                continue
            entries[name] = Entry(stat.st_size, stat.st_mtime_ns, b"")  # written by other code: no digest
        return Record(str(self.root.resolve()), entries)
