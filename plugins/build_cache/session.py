"""One build's use of the build cache: what it reuses, what it writes, and what it leaves behind.

The cache lives in the folder ``BUILD_CACHE_PATH`` names (default ``.build-cache``, beside
``pelicanconf.py``; ``None`` or ``""`` switches it off). Deleting it at any time is safe: the
next build is a cold one. It holds

- ``files-<content>-<code>.pickle``: every content file of one content folder read, validated
  and rendered (its model, its problems, its Markdown as HTML and as text), keyed by the file's
  bytes, path and the languages; ``<code>`` is a digest of the plugins' code and data and of
  every installed package, so a change of code never reuses what older code made;
- ``kept-<name>-<code>.pickle``: results of slow pure functions (``kept``: QR codes);
- ``store-<name>-<code>.pickle``: what a plugin keeps itself (``load_store``: analysed search texts);
- ``templates-<code>/``: templates as Jinja compiled them, per language (``compiled``);
- ``outputs/<folder>.pickle``: the record (``outputs.Record``) of the last build into one output
  folder: every file it produced, with the fingerprint of what each page was made from.

A build removes the ``files`` of its content folder, the ``kept`` files and the ``templates``
folders that another version of the code left, and the compiled templates it did not use.

A page is made again unless its fingerprint (``BuildSession.page_inputs``: its template and the
templates it uses, the settings, the code, the language with its catalogue, and every variable
its templates read) equals the recorded one and its file is still as written. Nothing is taken
on trust: the record is removed when a build starts and written again only when it ends well, so
a build that failed leaves no record and the next one starts cold (with Pelican's
``DELETE_OUTPUT_DIRECTORY``, from an empty folder).
"""

from __future__ import annotations

import functools
import logging
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from . import compiled, kept
from .fingerprints import Fingerprints, Unfingerprintable, digest, environment_fingerprint, files_fingerprint
from .outputs import OutputFiles, Record
from .workers import map_in_workers, worker_count

logger = logging.getLogger(__name__)

FORMAT = 3  # of the files in the cache folder
PARALLEL_SAVES = 2000  # files produced: below this the cache files are written by this process
DEFAULT_PATH = ".build-cache"
SESSION_KEY = "_build_session"  # where the session is in the settings (left out of fingerprints)
# Settings that change how a build runs, not what it makes.
NOT_INPUTS = frozenset({SESSION_KEY, "BUILD_WORKERS", "BUILD_CACHE_PATH"})


def _atomic_pickle(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _load_pickle(path: Path, kind: type):
    """The pickled ``kind`` at ``path``; None when there is none or it cannot be read (then cold)."""
    try:
        with open(path, "rb") as stream:
            found = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception as error:  # noqa: BLE001 (a damaged or foreign file only means no cache)
        logger.info("build cache: ignoring %s (%s)", path, error)
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == FORMAT and isinstance(found[1], kind)):
        return None
    return found[1]


class FileCache:
    """Content files as ``content_model.load_directory`` made them, keyed by their bytes.

    A stored value is ``((model, problems), rendered texts)``. With the model the cache keeps its
    fingerprint (``Fingerprints.of``; the model is frozen and made from the file alone), so that
    a build tells a page's inputs from the last build's without digesting every vacancy again:
    ``get`` hands it to ``prints``, ``fingerprint_models`` makes those of the files read anew.
    """

    def __init__(self, path: Path | None, prints: Fingerprints | None = None) -> None:
        self.path = path
        self.prints = prints if prints is not None else Fingerprints()
        self.found: dict = (_load_pickle(path, dict) or {}) if path else {}
        self.used: dict = {}
        self.hits = 0

    def get(self, key: tuple, data: bytes):
        """What was stored for ``key`` when the file held ``data``, or None."""
        stored = self.found.get(key)
        check = digest(data)
        if stored is not None and stored[0] == check:
            self.used[key] = stored
            self.hits += 1
            model, found = _model_of(stored[1]), stored[2]
            if model is not None and found is not None:
                self.prints.known(model, found)
            return stored[1]
        return None

    def put(self, key: tuple, data: bytes, value: object) -> None:
        self.used[key] = (digest(data), value, None)

    def fingerprint_models(self) -> None:
        """The fingerprint of every model read anew in this build (kept with it, and in ``prints``)."""
        for key, (check, value, found) in self.used.items():
            model = _model_of(value)
            if found is None and model is not None:
                try:
                    self.used[key] = (check, value, self.prints.of(model))
                except Unfingerprintable:
                    continue

    def save(self) -> None:
        """Keep what this build used (files that are gone are forgotten); unchanged, nothing is written."""
        if not self.path:
            return
        self.fingerprint_models()
        if self.used.keys() != self.found.keys() or any(self.found.get(key) is not value
                                                        for key, value in self.used.items()):
            _atomic_pickle(self.path, (FORMAT, self.used))


def _model_of(value: object) -> object:
    return value[0][0]  # ((model, problems), texts), as load_directory stores it


class BuildSession:
    """The cache and output files of one Pelican run (made by the ``initialized`` signal)."""

    def __init__(self, settings: dict, output_path: str) -> None:
        self.settings = settings
        self.started_ns = time.time_ns()
        folder = settings.get("BUILD_CACHE_PATH", DEFAULT_PATH)
        self.folder = Path(folder).resolve() if folder else None
        self.output = Path(output_path).resolve()
        plugin_folders = [Path(path) for path in settings.get("PLUGIN_PATHS") or []]
        self.code = digest(b"code", _text(str(FORMAT)), environment_fingerprint(), files_fingerprint(plugin_folders))
        self.record_path = (self.folder / "outputs" / f"{digest(_text(str(self.output))).hex()}.pickle"
                            if self.folder else None)
        previous = _load_pickle(self.record_path, Record) if self.record_path else None
        if previous is not None and previous.output != str(self.output):
            previous = None
        self.previous = previous
        if self.record_path is not None:
            # From now on the old record no longer describes the folder: only a finished build writes one.
            self.record_path.unlink(missing_ok=True)
        self.outputs = OutputFiles(self.output, previous)
        content = digest(_text(str(Path(settings.get("PATH") or ".").resolve()))).hex()[:16]
        # One for the whole build (and its workers, forked from it): what it has digested
        # (the content's models, helpers, shared lists) is digested once per process.
        self.fingerprints = Fingerprints()
        self.files = FileCache(self.folder / f"files-{content}-{self.code.hex()}.pickle" if self.folder else None,
                               self.fingerprints)
        if self.folder is not None:
            self._forget_other_code(content)
        self._settings_fingerprint: bytes | None = None
        self._pending: list[tuple[frozenset[str], Callable[[], None]]] = []
        self._after: list[Callable[[], None]] = []  # see after_pending
        self._stores: dict[Path, tuple] = {}  # see save_store
        self.others: set[str] = set()  # see written_by_others
        self.kept_loaded: dict[str, set] = {}
        for name, results in kept.registered().items():  # see kept.py
            found = _load_pickle(self.kept_path(name), dict) if self.folder else None
            results.values.update(found or {})
            results.new, results.used = {}, set()
            self.kept_loaded[name] = set(found or ())

    def _forget_other_code(self, content: str) -> None:
        """Remove what other versions of the code left for this content folder and kept (never
        read again by this code: each is some megabytes, and a deploy a day would pile them up)."""
        mine = self.code.hex()
        for pattern in (f"files-{content}-*.pickle", "kept-*.pickle", "store-*.pickle"):
            for path in self.folder.glob(pattern):
                if not path.stem.endswith("-" + mine):
                    path.unlink(missing_ok=True)
        for path in self.folder.glob("templates-*"):
            if path.name != self.templates_folder.name:
                shutil.rmtree(path, ignore_errors=True)

    @property
    def templates_folder(self) -> Path:
        return self.folder / f"templates-{self.code.hex()}"

    def compiled_templates(self, *inputs: object) -> compiled.CompiledTemplates | None:
        """A Jinja bytecode cache for an environment whose compiled templates depend on ``inputs``
        (and on the code, the settings and the templates' sources); None without a cache folder."""
        build = self.page_build()
        if self.folder is None or build is None:
            return None
        try:
            salt = digest(b"compiled", build, *(self.fingerprints.part(value) for value in inputs))
        except Unfingerprintable:
            return None
        return compiled.CompiledTemplates(self.templates_folder, salt)

    def load_store(self, name: str) -> dict:
        """What ``save_store(name, ...)`` kept in the last build of this code ({} when nothing)."""
        if self.folder is None:
            return {}
        return _load_pickle(self.store_path(name), dict) or {}

    def save_store(self, name: str, values: dict) -> None:
        """Keep ``values`` (a plugin's results of pure functions, keyed by digests of their
        inputs) for the next build of this code; what it leaves out is forgotten. Written when
        the build has finished (``finish``), with the other files of the cache."""
        if self.folder is not None:
            self._stores[self.store_path(name)] = (FORMAT, values)  # written by ``finish``

    def store_path(self, name: str) -> Path:
        return self.folder / f"store-{name}-{self.code.hex()}.pickle"

    def kept_path(self, name: str) -> Path:
        return self.folder / f"kept-{name}-{self.code.hex()}.pickle"

    def written_by_others(self, path: str | os.PathLike) -> None:
        """Other code (Pelican's writer, its static generator) wrote ``path``: a produced file."""
        try:
            name = Path(path).resolve().relative_to(self.output).as_posix()
        except ValueError:
            return  # not in the output folder
        self.others.add(name)

    def defer(self, names: Iterable[str], collect: Callable[[], None]) -> None:
        """Context variables ``names`` are still being made (``workers.Background``): ``collect()``
        waits for them and puts them in the context. Pages whose templates read one of them are
        rendered after ``collect_pending``, the others meanwhile."""
        self._pending.append((frozenset(names), collect))

    def pending_names(self) -> set[str]:
        return {name for names, _collect in self._pending for name in names}

    def after_pending(self, then: Callable[[], None]) -> None:
        """Call ``then`` once the deferred context variables are in (see ``defer``): at once when
        none is pending, else at ``collect_pending``, so that the build goes on meanwhile (the
        pages waiting for the search index are rendered after the feeds, not before)."""
        if self._pending:
            self._after.append(then)
        else:
            then()

    def collect_pending(self) -> None:
        """Wait for every deferred context variable (see ``defer``), then do what waited for them."""
        while self._pending:
            _names, collect = self._pending.pop(0)
            collect()
        while self._after:
            self._after.pop(0)()

    def fingerprint_content(self) -> None:
        """Digest the models of the files read anew (once, here: before pages are compared with
        the last build's and workers are forked, which then start with every model's digest)."""
        self.files.fingerprint_models()

    @property
    def warm(self) -> bool:
        """True when the last build into this folder finished and left its record."""
        return self.previous is not None

    def settings_fingerprint(self) -> bytes | None:
        """A digest of every setting (None when one cannot be digested: then nothing is reused)."""
        if self._settings_fingerprint is None:
            values = {key: value for key, value in self.settings.items() if key not in NOT_INPUTS}
            try:
                self._settings_fingerprint = Fingerprints().of(values)
            except Unfingerprintable as error:
                logger.info("build cache: pages are always made again, a setting cannot be fingerprinted: %s", error)
                self._settings_fingerprint = b""
        return self._settings_fingerprint or None

    def page_build(self) -> bytes | None:
        """What every page's fingerprint starts with: the code and the settings (None: reuse nothing)."""
        settings = self.settings_fingerprint()
        return digest(b"build", self.code, settings) if settings is not None else None

    def __fingerprint__(self) -> str:
        return "build session"  # in the settings while a build runs; not an input of anything

    def finish(self) -> None:
        """After a build that went well: remove what is no longer produced, keep the records."""
        self.collect_pending()  # nothing is left running
        produced = self.outputs.produced(self.others, self.started_ns)
        if self.previous is not None:
            removed = self.outputs.remove_stale(set(self.previous.entries), produced)
            if removed:
                logger.info("build cache: removed %d files no longer produced, e.g. %s", len(removed), removed[0])
        logger.info("build cache: %d files written, %d unchanged, %d list pages put together from kept cards",
                    self.outputs.written, self.outputs.kept, self.outputs.spliced)
        if self.folder is None:
            return
        compiled.prune(self.templates_folder, self.started_ns)
        saves: list[Callable[[], None]] = [self.files.save]
        saves += [functools.partial(_atomic_pickle, path, values) for path, values in self._stores.items()]
        for name, results in kept.registered().items():
            # What this build used, and what the last one kept: a page this build did not make
            # again still shows its result, and may need it when it is made again. (The file
            # belongs to one version of the code, so it grows only while that code is built.)
            wanted = results.used | self.kept_loaded.get(name, set())
            if wanted != self.kept_loaded.get(name, set()):
                saves.append(functools.partial(_atomic_pickle, self.kept_path(name), (FORMAT, {
                    key: results.values[key] for key in wanted if key in results.values})))
        saves.append(functools.partial(_atomic_pickle, self.record_path, (FORMAT, self.outputs.record(produced))))
        # Tens of megabytes of pickles, independent of each other: written side by side in
        # workers on a big site (the record, the last, waits for none: each file stands alone).
        workers = worker_count(self.settings) if len(produced) >= PARALLEL_SAVES else 1
        map_in_workers(lambda number: saves[number](), range(len(saves)), workers)


def _text(value: str) -> bytes:
    return value.encode("utf-8")


def session_of(settings: dict) -> BuildSession | None:
    """The running build's session (None outside a build with the plugin)."""
    return settings.get(SESSION_KEY)
