"""Independent pieces of a build run in worker processes, one per core.

``map_in_workers(function, items, workers)`` returns ``[function(item) for item in items]``,
computed in ``workers`` processes forked from this one: they start with everything this
process has loaded (content, settings, templates) without copying it, and send back only
their results (pickled). With ``workers`` 1, or fewer items than ``min_items``, everything
runs here, which is what the tests and small sites do.

``Background(function, items, workers)`` starts the same work and returns at once: one forked
process per item computes while this process goes on (with other workers of its own, say), and
``result()`` waits for the list. The search indexes are made so, while the pages are rendered
and the feeds written.

Workers are forked with the parent's objects frozen out of the garbage collector (``gc.freeze``):
a collection in a worker would otherwise touch, and so copy, every page of memory it inherited.

The number of workers comes from the ``BUILD_WORKERS`` setting: ``"auto"`` (the default)
means one per core this process may use, ``1`` switches them off.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import multiprocessing
import os
import pickle
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_job: Callable[[Any], Any] | None = None  # the function the forked workers call (set just before forking)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(settings: dict) -> int:
    """``BUILD_WORKERS`` as a number: ``"auto"`` (default) is the number of usable cores."""
    value = settings.get("BUILD_WORKERS", "auto")
    if value in (None, "auto"):
        return available_cores()
    try:
        count = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"BUILD_WORKERS must be 'auto' or a whole number of processes; found {value!r}") from None
    if count < 1:
        raise ValueError(f"BUILD_WORKERS must be at least 1; found {count}")
    return count


@contextlib.contextmanager
def _forking():
    """Fork with this process's objects out of the collector's sight: a worker's garbage
    collection would otherwise walk (and so copy, page by page) everything it inherited."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _call(item: Any) -> Any:
    return _job(item)


def map_in_workers(function: Callable[[Item], Result], items: Sequence[Item], workers: int,
                   min_items: int = 2) -> list[Result]:
    """``[function(item) for item in items]``, in ``workers`` forked processes when it pays.

    ``function`` itself is not sent anywhere (the workers are forked with it), but ``items`` and
    the results are pickled: pass numbers or paths rather than objects holding functions."""
    global _job
    if workers <= 1 or len(items) < max(min_items, 2) or multiprocessing.parent_process() is not None:
        return [function(item) for item in items]
    workers = min(workers, len(items))
    _job = function
    try:
        context = multiprocessing.get_context("fork")
        with _forking():
            pool = context.Pool(workers)
        with pool:
            return pool.map(_call, items, chunksize=1)
    finally:
        _job = None


def chunks(items: Sequence[Item], count: int) -> list[Sequence[Item]]:
    """``items`` cut into ``count`` runs of about equal length, in order."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    runs, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        runs.append(items[start:end])
        start = end
    return runs


class BackgroundError(RuntimeError):
    """Work done by ``Background`` failed in its process (the message has the traceback)."""


class Background:
    """``[function(item) for item in items]`` computed in processes forked now (see the module
    docstring); ``result()`` gives the list, or raises what ``function`` raised.

    With ``workers`` 1, no items, or inside a worker, the list is computed here, at once. Each
    result travels as a pickle in a temporary file (removed when read, or when this process exits
    without reading it; processes still running then are stopped).
    """

    def __init__(self, function: Callable[[Item], Result], items: Sequence[Item], workers: int) -> None:
        self._results: list | None = None
        self._running: list[tuple[multiprocessing.Process, str]] = []
        if workers <= 1 or not items or multiprocessing.parent_process() is not None:
            self._results = [function(item) for item in items]
            return
        context = multiprocessing.get_context("fork")
        with _forking():
            for item in items:
                handle, path = tempfile.mkstemp(prefix="witw-background-", suffix=".pickle")
                os.close(handle)
                process = context.Process(target=_background_call, args=(function, item, path), daemon=True)
                self._running.append((process, path))
                process.start()
        atexit.register(self._discard)

    @property
    def running(self) -> bool:
        """True while the results are still to be collected from other processes."""
        return self._results is None

    def result(self) -> list:
        if self._results is None:
            results = []
            try:
                for process, path in self._running:
                    process.join()
                    results.append(_read_background(process, path))
            finally:
                self._discard()
            self._results = results
        return self._results

    def _discard(self) -> None:
        for process, path in self._running:
            if process.is_alive():
                process.terminate()
                process.join()
            Path(path).unlink(missing_ok=True)
        self._running = []
        atexit.unregister(self._discard)


def _background_call(function: Callable, item: object, path: str) -> None:
    try:
        outcome = (True, function(item))
    except BaseException as error:  # noqa: BLE001 (sent to the waiting process, which raises it)
        outcome = (False, f"{type(error).__name__}: {error}\n\n{traceback.format_exc()}")
    with open(path, "wb") as stream:
        pickle.dump(outcome, stream, protocol=pickle.HIGHEST_PROTOCOL)


def _read_background(process: multiprocessing.Process, path: str) -> object:
    try:
        with open(path, "rb") as stream:
            succeeded, value = pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError):
        raise BackgroundError(f"a worker process ended with exit code {process.exitcode} "
                              "before it gave its result") from None
    if not succeeded:
        raise BackgroundError(f"a worker process failed: {value}")
    return value
