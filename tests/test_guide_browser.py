"""The Welcome Guide in headless Chromium (Debian's package; ``browser`` and ``page`` come from conftest.py)."""

from __future__ import annotations

import pytest

from search_support import serve
from support import build_site, copy_fixture_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def outdated_site(tmp_path_factory):
    """The fixture site after the English registration chapter changed and the Dutch one did not."""
    root = tmp_path_factory.mktemp("guide-browser")
    content = copy_fixture_site(root / "content")
    source = content / "guides" / "registration.en.md"
    source.write_text(source.read_text(encoding="utf-8").replace("within five days", "within four days"),
                      encoding="utf-8")
    with serve(build_site(content, root / "output")) as base:
        yield base


def test_outdated_translation_shows_its_notice(page, outdated_site):
    page.goto(f"{outdated_site}/nl/guide/registration/")
    notice = page.locator("[data-guide-notice=outdated]")
    assert notice.is_visible()
    assert notice.get_attribute("role") == "note"
    assert notice.inner_text().startswith("Deze vertaling is misschien niet meer actueel")
    # The notice comes before the chapter, and its link leads to the current English version.
    assert page.evaluate("() => document.querySelector('[data-guide-notice]').compareDocumentPosition("
                         "document.querySelector('h1')) & Node.DOCUMENT_POSITION_FOLLOWING") != 0
    notice.get_by_role("link").click()
    page.wait_for_url(f"{outdated_site}/guide/registration/")
    assert page.locator("h1").inner_text() == "Registering with the municipality"
    assert page.locator("[data-guide-notice=outdated]").count() == 0
    assert "within four days" in page.locator(".prose").inner_text()


def test_contents_link_jumps_to_its_section(page, outdated_site):
    page.goto(f"{outdated_site}/guide/registration/")
    page.locator(".chapter-toc a", has_text="After registration").click()
    page.wait_for_url("**#registration-after-registration")
    heading = page.locator("#registration-after-registration")
    assert heading.inner_text() == "After registration"
    assert page.evaluate("() => document.querySelector(':target').id") == "registration-after-registration"


def test_print_view_shows_only_the_guide_and_link_targets(page, outdated_site):
    page.goto(f"{outdated_site}/nl/guide/print/")
    assert page.locator(".site-header").is_visible()
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".guide-print-intro"):
        assert not page.locator(hidden).is_visible(), hidden
    after = page.evaluate("""() => {
        const official = document.querySelector('.official-links a');
        const bare = document.querySelector('.prose a.bare-link');
        return [getComputedStyle(official, '::after').content, getComputedStyle(bare, '::after').content];
    }""")
    assert after == ['" (https://www.enschede.nl)"', "none"]
    breaks = page.evaluate("() => [...document.querySelectorAll('.guide-print-chapter')]"
                           ".map(chapter => getComputedStyle(chapter).breakBefore)")
    assert breaks == ["page", "page"]
