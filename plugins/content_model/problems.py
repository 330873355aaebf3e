"""Problems found in content files, reported as ``path:line:column: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one content file, pointing at the line a human should fix."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ContentError(Exception):
    """Raised when content has problems; carries all of them, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{lines}\n{count} problem{'s' if count != 1 else ''} found in content")


def display_path(path: Path, root: Path | None = None) -> str:
    """Path as shown in messages: relative to ``root`` (or the working directory) when possible."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class DisplayPaths:
    """``display_path`` of many files, resolving each folder once (loading thousands of files)."""

    def __init__(self) -> None:
        self.cwd = Path.cwd().resolve()
        self.folders: dict[Path, Path] = {}
        self.shown: dict[Path, str] = {}
        self.not_links: set[Path] = set()  # see known_links

    def known_links(self, links: set[Path], listed: list[list[Path]]) -> None:
        """Of the ``listed`` paths, only ``links`` are symbolic links (a folder listing says so)."""
        for paths in listed:
            self.not_links.update(path for path in paths if path not in links)

    def __call__(self, path: Path) -> str:
        found = self.shown.get(path)
        if found is None:
            folder = self.folders.get(path.parent)
            if folder is None:
                folder = self.folders[path.parent] = path.parent.resolve()
            is_link = path not in self.not_links and path.is_symlink()
            resolved = path.resolve() if is_link else folder / path.name
            try:
                found = resolved.relative_to(self.cwd).as_posix()
            except ValueError:
                found = path.as_posix()
            self.shown[path] = found
        return found
