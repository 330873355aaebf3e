"""Fingerprints: a digest of what a page or file is made from, the same in every run for the same data.

``Fingerprints.of(value)`` digests any value made of the usual Python things: text, numbers,
dates, paths, lists, dicts, sets, dataclasses and other objects (by their fields), classes and
modules (by name: their code is in ``code_fingerprint``) and functions, including what they
close over (a helper such as ``url`` that holds its language and site address digests those).
Dataclass fields declared ``compare=False`` are caches, not data, and are left out; an object
can name what it stands for with a ``__fingerprint__()`` method. A value it cannot digest
(an open file, a C object it does not know) raises ``Unfingerprintable``: what depends on it is
then simply made again, never taken from the cache.

Shared objects are digested once per ``Fingerprints`` (by identity, holding a reference), so a
``Fingerprints`` must not outlive a change to the objects it has seen: make a new one per build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import importlib.metadata
import re
import sys
import types
from collections.abc import Iterable
from pathlib import Path, PurePath

DIGEST_SIZE = 16


class Unfingerprintable(TypeError):
    """A value whose digest cannot be trusted to change whenever it does."""


def digest(*parts: bytes) -> bytes:
    hasher = hashlib.blake2b(digest_size=DIGEST_SIZE)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


def _text(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


_SCALARS = {
    str: lambda value: b"s" + _text(value),
    int: lambda value: b"i" + _text(repr(value)),
    float: lambda value: b"f" + _text(repr(value)),
    bool: lambda value: b"b1" if value else b"b0",
    type(None): lambda value: b"n",
    bytes: lambda value: b"y" + value,
    complex: lambda value: b"c" + _text(repr(value)),
}


class Fingerprints:
    """Digests of values; see the module docstring."""

    def __init__(self) -> None:
        self.memo: dict[int, tuple[object, bytes]] = {}
        self.active: dict[int, int] = {}  # objects being digested (cycles), with their depth
        self._names: dict[type, bytes] = {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def part(self, value: object) -> bytes:
        """``value`` as one part of a digest: small values as themselves, others by their digest."""
        scalar = _SCALARS.get(type(value))
        if scalar is not None:
            return scalar(value)
        return b"#" + self.of(value)

    def known(self, value: object, found: bytes) -> None:
        """Take ``found`` as the digest of ``value`` (the settings, digested without what only
        changes how a build runs)."""
        self.memo[id(value)] = (value, found)

    def of(self, value: object) -> bytes:
        scalar = _SCALARS.get(type(value))
        if scalar is not None:
            return digest(scalar(value))
        key = id(value)
        found = self.memo.get(key)
        if found is not None and found[0] is value:
            return found[1]
        if key in self.active:
            return digest(b"cycle", _text(str(len(self.active) - self.active[key])))
        self.active[key] = len(self.active)
        try:
            result = digest(*self._parts(value))
        finally:
            del self.active[key]
        self.memo[key] = (value, result)
        return result

    def _qualified(self, value: object) -> bytes:
        if isinstance(value, type):
            found = self._names.get(value)
            if found is None:
                found = self._names[value] = _text(f"{value.__module__}.{value.__qualname__}")
            return found
        return _text(f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}")

    def _parts(self, value: object) -> Iterable[bytes]:  # noqa: C901 (one case per kind of value)
        kind = type(value)
        if isinstance(value, str):  # str subclasses: Markup
            return [b"str", self._qualified(kind), _text(str(value))]
        if isinstance(value, (int, float)):  # bool, int and float subclasses (enums come below)
            if not isinstance(value, enum.Enum):
                return [b"num", self._qualified(kind), _text(repr(value))]
        if isinstance(value, enum.Enum):
            return [b"enum", self._qualified(kind), _text(value.name)]
        if isinstance(value, (dt.date, dt.time, dt.timedelta)):
            zone = getattr(value, "tzinfo", None)
            return [b"time", self._qualified(kind), _text(repr(value)), _text(str(zone))]
        if isinstance(value, PurePath):
            return [b"path", self._qualified(kind), _text(value.as_posix())]
        if isinstance(value, (list, tuple)):
            return [b"seq", self._qualified(kind), *(self.part(item) for item in value)]
        if isinstance(value, dict):
            return [b"map", self._qualified(kind), *(part for key, item in value.items()
                                                     for part in (self.part(key), self.part(item)))]
        if isinstance(value, (set, frozenset)):
            return [b"set", self._qualified(kind), *sorted(self.of(item) for item in value)]
        if isinstance(value, range):
            return [b"range", _text(repr(value))]
        if isinstance(value, re.Pattern):
            return [b"re", _text(repr(value.pattern)), _text(str(value.flags))]
        if isinstance(value, type):
            return [b"class", self._qualified(value)]
        if isinstance(value, types.ModuleType):
            return [b"module", _text(value.__name__)]
        if isinstance(value, types.CodeType):
            return self._code(value)
        if isinstance(value, types.FunctionType):
            return self._function(value)
        if isinstance(value, types.MethodType):
            return [b"method", self.of(value.__func__), self.of(value.__self__)]
        if isinstance(value, (types.BuiltinFunctionType, types.MethodWrapperType, types.WrapperDescriptorType,
                              types.MethodDescriptorType, types.ClassMethodDescriptorType)):
            owner = getattr(value, "__self__", None)
            owner_part = self.of(owner) if owner is not None and not isinstance(owner, types.ModuleType) else b""
            return [b"builtin", self._qualified(value), owner_part]
        if isinstance(value, functools.partial):
            return [b"partial", self.of(value.func), self.of(value.args), self.of(value.keywords)]
        if hasattr(kind, "__fingerprint__"):
            return [b"declared", self._qualified(kind), self.of(value.__fingerprint__())]
        if hasattr(value, "__wrapped__") and callable(value):  # functools.cache, lru_cache, wraps
            return [b"wrapped", self._qualified(kind), self.of(value.__wrapped__)]
        if dataclasses.is_dataclass(value):
            names = self._fields.get(kind)
            if names is None:
                names = self._fields[kind] = tuple(item.name for item in dataclasses.fields(value) if item.compare)
            return [b"data", self._qualified(kind), *(part for name in names
                                                      for part in (_text(name), self.part(getattr(value, name))))]
        state = getattr(value, "__dict__", None)
        slots = [name for cls in kind.__mro__ for name in getattr(cls, "__slots__", ())
                 if isinstance(name, str) and name not in ("__dict__", "__weakref__")]
        if state is not None or slots:
            parts = [b"object", self._qualified(kind)]
            if state is not None:
                parts.append(self.of(state))
            for name in slots:
                parts += [_text(name), self.of(getattr(value, name, None))]
            return parts
        raise Unfingerprintable(f"cannot fingerprint a {kind.__module__}.{kind.__qualname__}")

    def _code(self, code: types.CodeType) -> list[bytes]:
        constants = [self.of(item) if isinstance(item, types.CodeType) else self.of(_constant(item))
                     for item in code.co_consts]
        return [b"code", _text(code.co_qualname), code.co_code, *constants,
                _text(" ".join(code.co_names)), _text(" ".join(code.co_varnames)),
                _text(" ".join(code.co_freevars))]

    def _function(self, function: types.FunctionType) -> list[bytes]:
        cells = []
        for cell in function.__closure__ or ():
            try:
                cells.append(self.of(cell.cell_contents))
            except ValueError:  # an empty cell
                cells.append(b"empty")
        return [b"function", self._qualified(function), self.of(function.__code__),
                self.of(function.__defaults__), self.of(function.__kwdefaults__), *cells]


def _constant(value: object) -> object:
    """A code object's constant as something ``Fingerprints.of`` digests (frozensets, Ellipsis)."""
    if value is Ellipsis:
        return "<...>"
    return value


# The build's own inputs -----------------------------------------------------------------------------
def files_fingerprint(folders: Iterable[Path], skip: Iterable[str] = ("__pycache__",)) -> bytes:
    """A digest of every file below ``folders`` (names and bytes), e.g. the plugins' code and data."""
    skipped = set(skip)
    parts: list[bytes] = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            parts.append(_text(f"missing:{folder}"))
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not skipped & set(path.relative_to(folder).parts) and path.suffix != ".pyc":
                parts += [_text(path.relative_to(folder).as_posix()), path.read_bytes()]
    return digest(*parts)


@functools.cache
def environment_fingerprint() -> bytes:
    """Python's version and every installed distribution's name and version."""
    names = sorted({f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
                    if dist.metadata["Name"]})
    return digest(_text(sys.version), *(_text(name) for name in names))
