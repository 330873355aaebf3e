"""The demo site on a phone (and a desktop) in headless Chromium: lists first, one search box,
touch targets of at least 24 px, readable placeholders, filters that work without JavaScript.
"""

from __future__ import annotations

import pytest

from search_support import serve
from support import ROOT, build_site

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
SMALL_PHONE = {**PHONE, "viewport": {"width": 320, "height": 568}}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PAGES = ["", "companies/", "companies/kanaalzicht-robotics/", "vacancies/", "vacancies/type/internship/",
         "vacancies/kanaalzicht-robotics/internship-embedded-software/", "guide/", "guide/housing/",
         "search/", "404.html"]
MIN_TARGET = 24


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    output = build_site(ROOT / "content", tmp_path_factory.mktemp("phone") / "output")
    with serve(output) as base:
        yield base


@pytest.fixture
def open_page(browser):
    contexts = []

    pages = {}

    def opener(url: str, device: dict, javascript: bool = True):
        """A page at ``url``; one browser context per device and JavaScript setting."""
        key = (repr(device), javascript)
        if key not in pages:
            context = browser.new_context(**device, java_script_enabled=javascript)
            contexts.append(context)
            pages[key] = context.new_page()
        page = pages[key]
        page.goto(url)
        page.wait_for_load_state("load")
        return page

    yield opener
    for context in contexts:
        context.close()


# WCAG 2.2 target size (2.5.8): a target is at least 24 x 24 px, or a 24 px circle centred on it
# touches no other target (nor another small target's circle); links in a line of text are
# exempt. The header, lists of links, pagination, buttons and the filter toggles must be
# 24 px outright.
SMALL_TARGETS = """min => {
  const all = [...document.querySelectorAll('a[href], button, input, select, summary, label[for]')]
    .filter(el => el.checkVisibility() && !el.closest('.visually-hidden'))
    .map(el => ({el, box: el.getBoundingClientRect()}))
    .filter(({box}) => box.width > 1 && box.height > 1 && box.right > 0)
  const inText = el => {
    if (getComputedStyle(el).display !== 'inline') return false
    const block = el.closest('p, li, dd, td, h1, h2, h3, h4, nav, div')
    return !!block && block.textContent.replace(el.textContent, '').trim().length > 2
  }
  const strict = el => !!el.closest('.site-header, .pill-list, .pagination, .browse, .chapter-nav')
    || ['BUTTON', 'SUMMARY'].includes(el.tagName)
  const centre = box => [box.left + box.width / 2, box.top + box.height / 2]
  const small = ({box}) => box.width < min || box.height < min
  const circleHits = ([x, y], box) => {
    const dx = Math.max(box.left - x, 0, x - box.right), dy = Math.max(box.top - y, 0, y - box.bottom)
    return dx * dx + dy * dy < (min / 2) ** 2
  }
  return all.filter(t => small(t) && (strict(t.el) || !inText(t.el))).filter(t => {
    if (strict(t.el)) return true
    const c = centre(t.box)
    return all.some(o => o !== t && !t.el.contains(o.el) && !o.el.contains(t.el) && (small(o)
      ? Math.hypot(c[0] - centre(o.box)[0], c[1] - centre(o.box)[1]) < min
      : circleHits(c, o.box)))
  }).map(({el, box}) => `${el.tagName.toLowerCase()} "${(el.textContent || el.name || '').trim().slice(0, 30)}" `
                        + `${Math.round(box.width)}x${Math.round(box.height)}`)
}"""


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_phone_companies_index_shows_a_company_in_the_first_screen(open_page, demo, prefix):
    for device in (PHONE, SMALL_PHONE):
        page = open_page(f"{demo}/{prefix}companies/", device)
        top = page.evaluate("document.querySelector('.cards .company-card').getBoundingClientRect().top")
        assert top + 40 < device["viewport"]["height"], f"first company at {top:.0f} px"
        assert not page.locator(".browse a").first.is_visible()  # browse links one tap away
        page.click(".browse summary")
        assert page.locator(".browse a").first.is_visible()


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_desktop_shows_the_browse_links_beside_the_list(open_page, demo, prefix):
    page = open_page(f"{demo}/{prefix}companies/", DESKTOP)
    assert page.locator(".browse a").first.is_visible() and not page.locator(".browse summary").is_visible()
    sidebar = page.locator(".browse").bounding_box()
    first = page.locator(".cards .company-card").first.bounding_box()
    assert sidebar["x"] + sidebar["width"] <= first["x"] and first["y"] < 400


@pytest.mark.parametrize("prefix", ["", "nl/"])
@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_one_search_box_and_big_enough_targets_on_every_page_type(open_page, demo, prefix, device):
    for path in PAGES:
        page = open_page(f"{demo}/{prefix}{path}", device)
        boxes = page.locator('input[type="search"]:visible').count()
        assert boxes == 1, f"{prefix}{path}: {boxes} search boxes"
        assert page.evaluate(SMALL_TARGETS, MIN_TARGET) == [], f"{prefix}{path}"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{prefix}{path} scrolls sideways by {overflow} px"


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_the_home_search_placeholder_fits_on_a_phone(open_page, demo, prefix):
    for device in (PHONE, SMALL_PHONE):
        page = open_page(f"{demo}/{prefix}", device)
        spare = page.evaluate("""() => {
          const input = document.querySelector('#hero-q'), style = getComputedStyle(input)
          const context = document.createElement('canvas').getContext('2d')
          context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
          const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
          return room - context.measureText(input.placeholder).width
        }""")
        assert spare >= 0, f"the placeholder is {-spare:.0f} px too wide"


def test_without_javascript_vacancies_filter_by_kind_municipality_and_english(open_page, demo):
    page = open_page(f"{demo}/vacancies/", PHONE, javascript=False)
    assert page.locator('input[type="search"]:visible').count() == 0  # it would lead to a page that cannot search
    total = int(page.inner_text("h2.count-line").split()[0])
    page.click(".browse summary")
    page.click('.browse a:text-is("Enschede")')
    page.wait_for_url("**/vacancies/municipality/enschede/")
    in_enschede = int(page.inner_text("h2.count-line").split()[0])
    page.click(".browse summary")
    page.click('.browse a:text-is("Internship")')
    page.wait_for_url("**/vacancies/type/internship/municipality/enschede/")
    page.click(".browse summary")
    page.click('.browse a:text-is("English is enough")')
    page.wait_for_url("**/vacancies/type/internship/municipality/enschede/english-is-enough/")
    found = int(page.inner_text("h2.count-line").split()[0])
    assert 0 < found <= in_enschede < total
    cards = page.locator(".vacancy-card")
    assert cards.count() == found
    for index in range(found):
        text = cards.nth(index).inner_text()
        assert "Internship" in text and "English is enough" in text and "required" not in text
    assert "Internship, English is enough" in page.inner_text(".browse summary")
