"""Results of slow pure functions, kept from one build to the next (the QR code of an address).

    @kept_across_builds("qr-code")
    def qr_svg(url, title): ...

``qr_svg(url, title)`` is computed once per arguments in a process, as with ``functools.cache``;
with a build session (``build_cache.session``) the results are also kept in the cache folder
(``kept-<name>-<code>.pickle``, ``<code>`` the code fingerprint: new code, new results) and the
next build starts with them. Only for functions whose result depends on nothing but their
arguments (hashable and picklable) and their code.

Worker processes send what they computed back (``collect``), so that it is kept as well.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

_functions: dict[str, KeptResults] = {}


class KeptResults:
    """One function's results: ``values`` (known) and ``new`` (computed in this process)."""

    def __init__(self, name: str, function: Callable) -> None:
        self.name = name
        self.function = function
        self.values: dict = {}
        self.new: dict = {}
        self.used: set = set()
        functools.update_wrapper(self, function)

    def __call__(self, *arguments):
        self.used.add(arguments)
        try:
            return self.values[arguments]
        except KeyError:
            pass
        value = self.values[arguments] = self.new[arguments] = self.function(*arguments)
        return value

    def __fingerprint__(self) -> object:
        return self.function  # its code; the results are what the code makes of the arguments


def kept_across_builds(name: str) -> Callable[[Callable], KeptResults]:
    def decorate(function: Callable) -> KeptResults:
        kept = _functions.setdefault(name, KeptResults(name, function))
        kept.function = function
        return kept
    return decorate


def registered() -> dict[str, KeptResults]:
    return _functions


def collect() -> dict[str, tuple[dict, set]]:
    """What this process computed and used (a worker's share, for ``take``)."""
    return {name: (dict(kept.new), set(kept.used)) for name, kept in _functions.items()}


def take(collected: dict[str, tuple[dict, set]]) -> None:
    for name, (new, used) in collected.items():
        kept = _functions.get(name)
        if kept is not None:
            kept.values.update(new)
            kept.new.update(new)
            kept.used |= used
