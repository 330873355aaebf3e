"""Shared test setup: ``support`` importable, and headless Chromium for the browser tests.

The browser tests never skip by themselves: without Chromium they fail and say how to
install it (Debian's package; never a browser download). WIT_SKIP_BROWSER=1 skips them on
purpose (local use only; CI never sets it).
"""

import os
import shutil
import sys
from pathlib import Path

import pytest

# Make tests/support.py importable as `support`.
sys.path.insert(0, str(Path(__file__).resolve().parent))

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        pytest.fail("Chromium is not installed: run `apt-get install -y chromium` (Debian's package; "
                    "never a browser download). Set WIT_SKIP_BROWSER=1 to skip the browser tests locally.")
    return found


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("WIT_SKIP_BROWSER") == "1":
        if os.environ.get("CI"):
            pytest.fail("WIT_SKIP_BROWSER=1 is set in CI: browser tests never skip there")
        pytest.skip("WIT_SKIP_BROWSER=1: browser tests skipped on request")
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Python Playwright is missing: `pip install -r requirements.txt` in the virtualenv")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page; the test fails if the page throws a JavaScript error."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"
