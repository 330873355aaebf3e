"""The two sides of a change: the BASE a contribution goes into, and the files it proposes.

Ownership is always read from BASE (``git show BASE:path``), so a change cannot grant its own
author rights. The proposed side is a git revision, or a folder on disk (the working tree, or a
scratch copy that an issue form was written into).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

COMPANY_FILE = re.compile(r"^content/companies/(?P<slug>[^/]+)\.ya?ml$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class GitError(Exception):
    """A git question that cannot be answered (unknown revision, not a repository, ...)."""


class Git:
    """Runs git in ``repo``."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo

    def run(self, *args: str) -> str:
        result = subprocess.run(["git", "-C", str(self.repo), *args], capture_output=True, text=True)
        if result.returncode != 0:
            raise GitError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def show(self, rev: str, path: str) -> bytes | None:
        """Bytes of ``path`` at ``rev``, or None when the file does not exist there."""
        result = subprocess.run(["git", "-C", str(self.repo), "show", f"{rev}:{path}"], capture_output=True)
        return result.stdout if result.returncode == 0 else None

    def show_many(self, rev: str, paths: list[str]) -> dict[str, bytes]:
        """Bytes of each of ``paths`` at ``rev`` that exists there, read by one ``git cat-file`` process."""
        if not paths:
            return {}
        request = "".join(f"{rev}:{path}\n" for path in paths).encode()
        result = subprocess.run(["git", "-C", str(self.repo), "cat-file", "--batch"], input=request,
                                capture_output=True)
        if result.returncode != 0:
            raise GitError(f"git cat-file --batch failed: {result.stderr.decode(errors='replace').strip()}")
        found, data, position = {}, result.stdout, 0
        for path in paths:
            end = data.index(b"\n", position)
            header = data[position:end].split()
            position = end + 1
            if len(header) == 2 and header[1] == b"missing":
                continue
            size = int(header[2])
            found[path] = data[position:position + size]
            position += size + 1  # the contents are followed by a newline
        return found

    def has(self, rev: str, path: str) -> bool:
        return subprocess.run(["git", "-C", str(self.repo), "cat-file", "-e", f"{rev}:{path}"],
                              capture_output=True).returncode == 0

    def list_files(self, rev: str, folder: str) -> list[str]:
        return self.run("ls-tree", "-r", "--name-only", rev, "--", folder).splitlines()

    def verify(self, rev: str) -> None:
        self.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")


def yaml_fields(text: str) -> dict:
    """The top-level fields of a YAML file, or {} when it does not parse to a mapping."""
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (C or Python)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


class Version:
    """One side of a change. Subclasses say where the files are read from."""

    def read_bytes(self, path: str) -> bytes | None:
        raise NotImplementedError

    def exists(self, path: str) -> bool:
        raise NotImplementedError

    def listed(self, folder: str) -> list[str]:
        """Repository paths of the files directly or indirectly under ``folder``."""
        raise NotImplementedError

    def read(self, path: str) -> str | None:
        """Text of ``path`` (bytes that are not UTF-8 replaced), or None when it does not exist."""
        data = self.read_bytes(path)
        return None if data is None else data.decode("utf-8", errors="replace")

    def read_many(self, paths: list[str]) -> dict[str, str]:
        """Text of each of ``paths`` that exists."""
        return {path: text for path in paths if (text := self.read(path)) is not None}

    def company_files(self) -> list[str]:
        return [name for name in self.listed("content/companies") if COMPANY_FILE.match(name)]

    def company(self, slug: str) -> tuple[str, dict] | None:
        """(path, fields) of company ``slug``; fields are {} when the YAML does not parse."""
        for path in (f"content/companies/{slug}.yaml", f"content/companies/{slug}.yml"):
            text = self.read(path)
            if text is not None:
                return path, yaml_fields(text)
        return None

    def maintainers(self, slug: str) -> set[str] | None:
        """Maintainers (lower case) of company ``slug``, or None when it does not exist here."""
        found = self.company(slug)
        if found is None:
            return None
        listed = found[1].get("maintainers")
        return {str(name).lower() for name in listed} if isinstance(listed, list) else set()


class Revision(Version):
    """The files of a git revision."""

    def __init__(self, git: Git, rev: str) -> None:
        self.git = git
        self.rev = rev

    def read_bytes(self, path: str) -> bytes | None:
        return self.git.show(self.rev, path)

    def exists(self, path: str) -> bool:
        return self.git.has(self.rev, path)

    def listed(self, folder: str) -> list[str]:
        return self.git.list_files(self.rev, folder)

    def read_many(self, paths: list[str]) -> dict[str, str]:
        return {path: data.decode("utf-8", errors="replace")
                for path, data in self.git.show_many(self.rev, paths).items()}


class Folder(Version):
    """The files in a folder laid out like the repository (``root/content/...``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read_bytes(self, path: str) -> bytes | None:
        file = self.root / path
        return file.read_bytes() if file.is_file() else None

    def exists(self, path: str) -> bool:
        return (self.root / path).is_file()

    def listed(self, folder: str) -> list[str]:
        base = self.root / folder
        if not base.is_dir():
            return []
        return [path.relative_to(self.root).as_posix() for path in sorted(base.rglob("*")) if path.is_file()]
