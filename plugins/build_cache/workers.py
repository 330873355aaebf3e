"""Independent pieces of a build run in worker processes, one per core.

``map_in_workers(function, items, workers)`` returns ``[function(item) for item in items]``,
computed in ``workers`` processes forked from this one: they start with everything this
process has loaded (content, settings, templates) without copying it, and send back only
their results (pickled). With ``workers`` 1, or fewer items than ``min_items``, everything
runs here, which is what the tests and small sites do.

The number of workers comes from the ``BUILD_WORKERS`` setting: ``"auto"`` (the default)
means one per core this process may use, ``1`` switches them off.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
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
        with context.Pool(workers) as pool:
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
