"""What students do with the site in headless Chromium: scan QR codes, keep a shortlist.

QR codes are decoded from what Chromium draws (a screenshot of the inline SVG), with the
zxing-cpp decoder (PyPI wheel ``zxing-cpp``), so the test proves that a phone camera pointed at
the screen or the printed sheet would open the right page.
"""

from __future__ import annotations

import io

import pytest

from search_support import serve
from support import build_site, copy_fixture_site

pytestmark = pytest.mark.browser

PUBLISHED = "https://work-in-twente.example"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("students")
    output = build_site(copy_fixture_site(root / "content"), root / "output", SEO_LOCAL_SITEURL=PUBLISHED)
    with serve(output) as base:
        yield base


def decode_qr(locator) -> list[str]:
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(locator.screenshot()))
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize(("path", "expected"), [
    ("events/campus-fair/", f"{PUBLISHED}/events/campus-fair/"),
    ("nl/events/campus-fair/", f"{PUBLISHED}/nl/events/campus-fair/"),
    ("nl/events/campus-fair/print/", f"{PUBLISHED}/nl/events/campus-fair/"),
    ("companies/beta-zorg/poster/", f"{PUBLISHED}/companies/beta-zorg/"),
])
def test_qr_code_on_the_page_decodes_to_its_published_url(site, page, path, expected):
    page.goto(f"{site}/{path}")
    assert decode_qr(page.locator("svg.qr-code")) == [expected]


def test_company_qr_code_is_behind_the_share_control(site, page):
    page.goto(f"{site}/nl/companies/alpha-tech/")
    qr = page.locator("details.share svg.qr-code")
    assert not qr.is_visible()
    page.get_by_text("Delen of afdrukken").click()
    assert qr.is_visible()
    assert decode_qr(qr) == [f"{PUBLISHED}/nl/companies/alpha-tech/"]


def test_printed_event_sheet_is_one_a4_page_with_the_code(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/events/campus-fair/print/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert decode_qr(page.locator("svg.qr-code")) == [f"{PUBLISHED}/events/campus-fair/"]
    pdf = page.pdf(prefer_css_page_size=True)
    context.close()
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


# Shortlist -----------------------------------------------------------------------------------------

def toggle(page, path: str):
    return page.locator(f'[data-shortlist-toggle][data-shortlist-path="{path}"]').first


def test_without_javascript_the_shortlist_buttons_are_absent(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/vacancies/")
    assert page.locator("[data-shortlist-toggle]").count() > 0
    assert page.locator("[data-shortlist-toggle]:visible").count() == 0
    assert page.locator("[data-shortlist-link]:visible").count() == 0
    page.goto(f"{site}/shortlist/")
    assert page.get_by_text("The shortlist is kept in your browser and needs JavaScript.").is_visible()
    assert page.locator("[data-shortlist-ui]").is_hidden()
    context.close()


def test_shortlist_by_keyboard_survives_a_reload_and_its_link_restores_it_elsewhere(site, browser, page):
    page.goto(f"{site}/nl/vacancies/alpha-tech/python-developer/")
    button = toggle(page, "vacancies/alpha-tech/python-developer/")
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    page.goto(f"{site}/nl/companies/")
    company = toggle(page, "companies/beta-zorg/")
    company.focus()
    page.keyboard.press("Space")
    assert company.get_attribute("aria-pressed") == "true"
    page.reload()
    assert toggle(page, "companies/beta-zorg/").get_attribute("aria-pressed") == "true"
    assert toggle(page, "companies/alpha-tech/").get_attribute("aria-pressed") == "false"
    assert page.locator(".shortlist-link [data-shortlist-count]").inner_text() == "2"

    page.locator(".shortlist-link").click()
    page.wait_for_selector("[data-shortlist-ready]")
    items = page.locator("[data-shortlist-entry]")
    assert items.count() == 2
    assert items.nth(0).locator("a").inner_text() == "Python developer"
    assert items.nth(0).locator("a").get_attribute("href") == "/nl/vacancies/alpha-tech/python-developer/"
    assert "Vacature · Alpha Tech Testbedrijf · Enschede" in items.nth(0).inner_text()
    share = page.locator("[data-shortlist-share-url]").input_value()
    assert share.endswith("/nl/shortlist/#items=v:alpha-tech/python-developer,c:beta-zorg")

    # A fresh browser (no storage) opening the link gets the same list, read from the pages.
    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(share.replace("/nl/", "/"))  # the same list, opened in English
    other.wait_for_selector('[data-shortlist-entry="companies/beta-zorg/"]')
    entries = other.locator("[data-shortlist-entry]")
    assert [entries.nth(i).locator("a").inner_text() for i in range(entries.count())] == \
        ["Python developer", "Beta Zorg & Co"]
    assert "Vacancy · Alpha Tech Testbedrijf" in entries.nth(0).inner_text()
    assert other.locator("[data-shortlist-status]").inner_text() == "2 items were added to your shortlist."
    assert "#items" not in other.url
    other.reload()  # kept in the new browser's storage
    other.wait_for_selector("[data-shortlist-ready]")
    assert other.locator("[data-shortlist-entry]").count() == 2
    fresh.close()

    # Removing with the keyboard moves the focus to the next remove button.
    page.locator('[data-shortlist-remove="vacancies/alpha-tech/python-developer/"]').focus()
    page.keyboard.press("Enter")
    assert page.locator("[data-shortlist-entry]").count() == 1
    assert page.evaluate("document.activeElement.getAttribute('data-shortlist-remove')") == "companies/beta-zorg/"
    assert "Python developer is van de shortlist gehaald." in page.locator("[data-shortlist-status]").inner_text()


def test_shared_link_with_a_closed_vacancy_and_junk(site, page):
    page.goto(f"{site}/shortlist/#items=v:alpha-tech/expired-tester,c:alpha-tech,x:../../etc,v:..%2F..%2Fsecret")
    page.wait_for_selector('[data-shortlist-entry="companies/alpha-tech/"] a:text("Alpha Tech Testbedrijf")')
    entries = page.locator("[data-shortlist-entry]")
    assert entries.count() == 2
    assert "no longer on the site" in entries.nth(0).inner_text()
    assert page.evaluate("JSON.parse(localStorage.getItem('twente-shortlist')).items.map(i => i.path)") == [
        "vacancies/alpha-tech/expired-tester/", "companies/alpha-tech/"]


# German ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("Praktikum", "/de/vacancies/alpha-tech/stage-softwareontwikkeling/"),        # a Dutch posting
    ("Abschlussarbeiten", "/de/vacancies/beta-zorg/afstuderen-zorgdata/"),       # Dutch, plural typed
    ("Vollzeit Python", "/de/vacancies/alpha-tech/python-developer/"),           # an English posting
    ("Englisch reicht", "/de/vacancies/alpha-tech/python-developer/"),
])
def test_german_search_finds_dutch_and_english_pages_with_german_words(site, page, query, expected):
    page.goto(f"{site}/de/search/?q={query}")
    page.wait_for_selector('[data-search-ready="true"]')
    hrefs = page.locator("[data-search-results] > li h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert expected in hrefs, hrefs
    assert "Ergebnis" in page.locator("[data-search-status]").inner_text()


def test_german_site_in_chromium(site, page):
    page.goto(f"{site}/de/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_role("link", name="Stellen", exact=True).first.is_visible()
    page.goto(f"{site}/de/vacancies/alpha-tech/python-developer/")
    assert page.get_by_role("button", name="Auf die Merkliste").is_visible()
    assert page.get_by_text("Diese Stelle ist auf Englisch geschrieben.").is_visible()


# Accessibility of the states the page gates do not see (tests/test_quality_gates.py loads every
# page type as it first appears: an empty shortlist, closed share controls).

def axe_violations(page) -> list[str]:
    from support import ROOT

    page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [f"{violation['id']}: {violation['help']}" for violation in result["violations"]]


@pytest.mark.parametrize("prefix", ["", "de/"])
def test_axe_finds_nothing_on_a_filled_shortlist_and_an_open_share_control(site, page, prefix):
    page.goto(f"{site}/{prefix}shortlist/#items=v:alpha-tech/python-developer,c:beta-zorg,v:alpha-tech/expired-tester")
    page.wait_for_selector('[data-shortlist-entry="companies/beta-zorg/"] a:text("Beta Zorg & Co")')
    assert axe_violations(page) == []
    page.goto(f"{site}/{prefix}companies/alpha-tech/")
    page.locator("details.share summary").click()
    toggle(page, "companies/alpha-tech/").click()
    assert toggle(page, "companies/alpha-tech/").get_attribute("aria-pressed") == "true"
    assert axe_violations(page) == []
