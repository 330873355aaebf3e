"""Pelican plugin: the build cache and the files a build writes (see ``session``), and worker processes.

- ``session``: the cache folder (``BUILD_CACHE_PATH``, default ``.build-cache``), one build's
  reuse of it and the record of the files it produced;
- ``outputs``: writing files only when their bytes change, removing what is no longer produced;
- ``fingerprints`` and ``templates``: what a page is made from;
- ``card_lists``: list pages put together from the last build's cards when only cards changed;
- ``workers``: independent work in worker processes (``BUILD_WORKERS``).

List it first in PLUGINS. Other plugins write their files with ``output_files(settings)`` and
ask ``session_of(settings)`` for the cache; without this plugin they write every file as before.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from .outputs import OutputFiles
from .session import SESSION_KEY, BuildSession, session_of

__all__ = ["BuildSession", "OutputFiles", "output_files", "register", "session_of"]


def output_files(settings: dict, output_path: str | Path) -> OutputFiles:
    """The running build's ``OutputFiles`` (a plain one, without a record, when there is no session)."""
    session = session_of(settings)
    return session.outputs if session is not None else OutputFiles(Path(output_path))


def start(pelican) -> None:
    """``initialized``: open the session; a warm build updates the output folder in place."""
    session = BuildSession(pelican.settings, pelican.output_path)
    pelican.settings[SESSION_KEY] = session
    if session.warm:
        # The record says what the last build produced: the stale files are removed at the end,
        # nothing else (Pelican's DELETE_OUTPUT_DIRECTORY would empty the folder first).
        pelican.delete_outputdir = False
    # Theme files are copied by ``finish`` (only when they change), not by Pelican's static generator.
    session.theme_static = list(pelican.settings.get("THEME_STATIC_PATHS") or [])
    pelican.settings["THEME_STATIC_PATHS"] = []


def finish(pelican) -> None:
    """``finalized``: copy the theme files, remove what is no longer produced, keep the records."""
    session = session_of(pelican.settings)
    if session is None:
        return
    copy_theme_static(session, pelican.settings)
    session.finish()
    pelican.settings["THEME_STATIC_PATHS"] = session.theme_static
    del pelican.settings[SESSION_KEY]


def copy_theme_static(session: BuildSession, settings: dict) -> None:
    """What Pelican's static generator does with THEME_STATIC_PATHS, through ``OutputFiles``."""
    theme = Path(settings["THEME"])
    target = Path(settings.get("THEME_STATIC_DIR") or "theme")
    ignores = settings.get("IGNORE_FILES") or []
    for path in session.theme_static:
        source = theme / path
        if source.is_file():
            session.outputs.copy((target / source.name).as_posix(), source)
            continue
        for folder, subfolders, files in os.walk(source, followlinks=True):
            subfolders[:] = sorted(name for name in subfolders
                                   if not any(fnmatch.fnmatch(name, pattern) for pattern in ignores))
            for file in sorted(files):
                if any(fnmatch.fnmatch(file, pattern) for pattern in ignores):
                    continue
                relative = Path(folder, file).relative_to(source)
                session.outputs.copy((target / relative).as_posix(), Path(folder, file))


def pelican_wrote(path, context=None, **_ignored) -> None:
    """``content_written`` and ``feed_written``: Pelican's writer made ``path``."""
    session = session_of(context or {})
    if session is not None:
        session.written_by_others(path)


def static_files_written(generator) -> None:
    """``static_generator_finalized``: the static files Pelican copied or linked."""
    session = session_of(generator.settings)
    if session is not None:
        for static in getattr(generator, "staticfiles", []):
            session.written_by_others(Path(generator.output_path) / static.save_as)


def register() -> None:
    from pelican import signals

    signals.initialized.connect(start)
    signals.content_written.connect(pelican_wrote)
    signals.feed_written.connect(pelican_wrote)
    signals.static_generator_finalized.connect(static_files_written)
    signals.finalized.connect(finish)
