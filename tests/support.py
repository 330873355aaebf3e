"""Helpers shared by the tests: build a whole small site into a temporary folder."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from content_model import schema

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = Path(__file__).resolve().parent / "fixtures" / "site"
BUILD_DATE = "2026-11-27"


def _site_languages() -> list[str]:
    import runpy
    return list(runpy.run_path(str(ROOT / "pelicanconf.py"))["SITE_LANGUAGES"])


SITE_LANGUAGES = _site_languages()
"""The languages of pelicanconf.py: tests of every language follow it (languages are data)."""

# A valid hand-written vacancy for alpha-tech (a company of the fixture site).
SAMPLE_VACANCY = """\
---
title: Test engineer
company: alpha-tech
type: job
employment_type: FULL_TIME
education: [hbo]
language: en
languages_required: [en]
place: Enschede
date_posted: 2026-11-01
valid_through: 2027-01-31
apply_url: https://alpha-tech.example/jobs/test-engineer
source: manual
---
You test things.
"""


@contextmanager
def plain_text_check_off() -> Iterator[None]:
    """Accept ``<``, ``>`` and control characters in plain-text fields, to test what the
    templates and scripts do with hostile text if the validator ever let it through."""
    checkers = schema._format_checker.checkers
    saved = checkers["plain-text"]
    checkers["plain-text"] = (lambda value: True, ())
    try:
        yield
    finally:
        checkers["plain-text"] = saved


def copy_fixture_site(target: Path) -> Path:
    """A writable copy of the small fixture content tree."""
    shutil.copytree(FIXTURE_SITE, target)
    return target


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.com",
                           *args], check=True, capture_output=True, text=True).stdout


def fixture_repository(root: Path) -> Path:
    """A git repository whose one commit (branch main) holds the fixture site and .github/EDITORS.

    In the fixture site alpha-tech is maintained by @alpha-dev, beta-zorg has no maintainers, and
    the editors file names @chief-editor.
    """
    root.mkdir()
    git(root, "init", "--quiet", "-b", "main")
    copy_fixture_site(root / "content")
    (root / ".github").mkdir()
    (root / ".github" / "EDITORS").write_text("# Editors may change all content\nchief-editor\n")
    (root / "scripts").mkdir()
    (root / "scripts" / "tool.py").write_text("print('hello')\n")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    return root


def build_site(content: Path, output: Path, **overrides) -> Path:
    """Run Pelican with the project's settings on ``content``; returns the output folder."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(output), "BUILD_DATE": BUILD_DATE,
        "TIMEZONE": "UTC", "THEME": str(ROOT / "theme"), "PLUGIN_PATHS": [str(ROOT / "plugins")],
        # One process: worker processes are tested on their own (tests/test_build_speed.py).
        "BUILD_WORKERS": 1,
        # A build cache of its own beside the output, never the repository's .build-cache/.
        "BUILD_CACHE_PATH": str(Path(output).parent / f"{Path(output).name}.build-cache"),
        **overrides,
    })
    logging.getLogger("pelican").setLevel(logging.WARNING)
    Pelican(settings).run()
    return output


class LinkCollector(HTMLParser):
    """Collects href/src attributes and the page's hreflang alternates."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.alternates: dict[str, str] = {}
        self.switch: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append(attributes[name])
        if tag == "link" and attributes.get("rel") == "alternate" and attributes.get("hreflang"):
            self.alternates[attributes["hreflang"]] = attributes["href"]
        if tag == "a" and attributes.get("data-lang-switch"):
            self.switch[attributes["data-lang-switch"]] = attributes["href"]


def parse_links(html_file: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(html_file.read_text(encoding="utf-8"))
    return collector


def resolve(output: Path, url: str) -> Path | None:
    """The file a root-relative URL points to in ``output``, or None for external links."""
    if not url.startswith("/") or url.startswith("//"):
        return None
    path = re.sub(r"[?#].*$", "", url).lstrip("/")
    target = output / path
    if url.split("#")[0].split("?")[0].endswith("/") or path == "":
        target = target / "index.html"
    return target
