"""Compiled templates kept from one build to the next: a Jinja bytecode cache in the cache folder.

Jinja compiles a template to Python code the first time an environment loads it, and a build
loads every template once per language in each worker. ``CompiledTemplates(folder, salt)`` keeps
that code in ``folder`` (``templates-<code>`` in the cache folder, see ``session``), one file per
template and ``salt``. Jinja itself checks that the file was compiled from the template's present
source; the salt is a digest of everything else the compiled code depends on: the code and the
settings of the build and, for a language's environment, its catalogue (translations become
text when a template is compiled) and which names are its constants. A file that cannot be read
is compiled again, and a file is written whole or not at all, so workers may share the folder.
Each use touches the file: what a build did not use is removed when it ends (``prune``).
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from .fingerprints import digest

logger = logging.getLogger(__name__)

SUFFIX = ".code"


class CompiledTemplates(BytecodeCache):
    """The compiled code of one environment's templates (see the module docstring)."""

    def __init__(self, folder: Path, salt: bytes) -> None:
        self.folder = Path(folder)
        self.salt = salt

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return digest(b"template", self.salt, name.encode("utf-8"), (filename or "").encode("utf-8")).hex()

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}{SUFFIX}"

    def load_bytecode(self, bucket: Bucket) -> None:
        path = self._path(bucket)
        try:
            with open(path, "rb") as stream:
                bucket.load_bytecode(stream)  # resets the bucket on another source or Python
        except OSError:
            return
        except Exception as error:  # noqa: BLE001 (a damaged file only means compiling again)
            logger.info("build cache: compiling %s again (%s)", path.name, error)
            bucket.reset()
            return
        if bucket.code is not None:
            try:
                os.utime(path)  # used by this build: kept by ``prune``
            except OSError:
                pass

    def dump_bytecode(self, bucket: Bucket) -> None:
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".template-", dir=self.folder)
            with os.fdopen(handle, "wb") as stream:
                bucket.write_bytecode(stream)
            os.replace(temporary, self._path(bucket))
        except OSError as error:  # the build goes on; the next one compiles the template again
            logger.info("build cache: cannot keep a compiled template in %s (%s)", self.folder, error)
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)


def prune(folder: Path, since_ns: int) -> int:
    """Remove the compiled templates in ``folder`` not used since ``since_ns``; how many."""
    removed = 0
    try:
        paths = list(folder.iterdir())
    except OSError:
        return 0
    for path in paths:
        try:
            if path.stat().st_mtime_ns < since_ns:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed
