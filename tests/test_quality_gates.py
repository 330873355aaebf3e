"""Gates on the built demo site: axe-core in Chromium and the Nu HTML checker (vnu).

- axe-core (npm, pinned in package.json) runs in headless Chromium on every page type
  (found from the built pages' ``page-<kind>`` body class, so a new kind of page is covered
  without touching this file), in every language, at desktop and phone size, with the
  search page also in its results state: no violation of the WCAG 2.0/2.1/2.2 A and AA rules
  or of axe's best practices.
- The Nu HTML checker (``vnu.jar`` from the npm package vnu-jar, run with Java) checks every
  built HTML file: no error.

Neither gate ever skips: without Java or the npm packages the tests fail and say what to
install (`.ci/run` and `make test` install a JRE when java is missing).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from search_support import serve
from support import ROOT, build_site

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
}
KIND = re.compile(r'<body class="page-([a-z-]+)"')


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory):
    return build_site(ROOT / "content", tmp_path_factory.mktemp("gates") / "output")


def page_samples(output: Path) -> list[str]:
    """Per page kind and language: the shortest and the longest path of that kind."""
    kinds: dict[tuple[str, str], list[str]] = defaultdict(list)
    for page in sorted(output.rglob("*.html")):
        match = KIND.search(page.read_text(encoding="utf-8"))
        if not match:
            continue
        relative = page.relative_to(output).as_posix()
        first = relative.split("/", 1)[0]
        lang = first if "/" in relative and (output / first / "404.html").is_file() else ""  # nl/, or the root
        kinds[(match.group(1), lang)].append(relative.removesuffix("index.html"))
    samples = set()
    for paths in kinds.values():
        paths.sort(key=lambda path: (path.count("/"), len(path), path))
        samples.update({paths[0], paths[-1]})
    return sorted(samples)


def java() -> str:
    found = shutil.which("java")
    if found is None:
        pytest.fail("Java is not installed: the Nu HTML checker needs it. "
                    "Run `apt-get install -y default-jre-headless` (make test does it when run as root).")
    return found


def require(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `npm ci` (package.json pins it)")
    return path


# The Nu HTML checker --------------------------------------------------------------------------

def vnu_errors(target: Path) -> list[str]:
    result = subprocess.run([java(), "-jar", str(require(VNU)), "--errors-only", "--skip-non-html",
                             "--format", "json", str(target)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stdout or result.stderr)
    return [f"{message.get('url', '').removeprefix('file:')}:{message.get('lastLine', '?')}:"
            f"{message.get('firstColumn', message.get('lastColumn', '?'))}: {message['message']}"
            for message in report["messages"] if message["type"] == "error"
            or message.get("subType") == "fatal"]


def test_every_built_html_file_is_valid_html(demo_output):
    pages = list(demo_output.rglob("*.html"))
    assert len(pages) > 300
    assert vnu_errors(demo_output) == []


def test_the_html_checker_finds_errors(tmp_path):
    # The gate above must be able to fail: a page with misnested markup and a bad URL.
    (tmp_path / "bad.html").write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
                                       '<body><p><div>x</div></p><a href="a b">x</a></body></html>\n')
    errors = vnu_errors(tmp_path)
    assert len(errors) == 2 and all("bad.html:1:" in error for error in errors)


# axe-core -------------------------------------------------------------------------------------

def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(require(AXE)))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
            + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
                        for node in violation["nodes"][:5])
            for violation in result["violations"]]


@pytest.mark.browser
@pytest.mark.parametrize("device", list(DEVICES))
def test_axe_finds_nothing_on_any_page_type(browser, demo_output, device):
    samples = page_samples(demo_output)
    kinds = {KIND.search((demo_output / (path if path.endswith(".html") else path + "index.html"))
                         .read_text(encoding="utf-8")).group(1) for path in samples}
    assert {"home", "companies", "company", "vacancies", "vacancy", "guide", "guide-chapter",
            "search", "not-found"} <= kinds
    context = browser.new_context(**DEVICES[device])
    page = context.new_page()
    found = {}
    with serve(demo_output) as base:
        for path in samples:
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("load")
            if path.endswith("search/"):
                page.wait_for_selector('[data-search-ready="true"]')
            violations = axe_violations(page)
            if violations:
                found[path] = violations
        for prefix in ("", "nl/"):  # the search page with results, filters and a ticked box
            page.goto(f"{base}/{prefix}search/?q=enschede&language=english")
            page.wait_for_selector('[data-search-results] > li')
            violations = axe_violations(page)
            if violations:
                found[f"{prefix}search/?q=enschede&language=english"] = violations
    context.close()
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
    assert len(samples) >= 2 * len(kinds)


@pytest.mark.browser
def test_axe_finds_what_it_should(browser, tmp_path):
    # The gate must be able to fail: two unnamed search landmarks and a skipped heading level.
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main><h1>x</h1><h3>y</h3>'
        '<form role="search"><input aria-label="q"></form><form role="search"><input aria-label="r"></form>'
        '</main></body></html>\n')
    page = browser.new_page()
    with serve(tmp_path) as base:
        page.goto(base + "/")
        ids = {violation.split(" ", 1)[0] for violation in axe_violations(page)}
    page.close()
    assert {"heading-order", "landmark-unique"} <= ids
