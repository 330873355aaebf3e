"""The search page in headless Chromium (Debian's package, driven by Python Playwright).

The fixture site (plus a company with a hostile name) and the demo site are built into
temporary folders and served on 127.0.0.1.  The ``browser`` and ``page`` fixtures come from
conftest.py: they never skip by themselves (WIT_SKIP_BROWSER=1 skips on purpose, locally).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search_support import serve
from support import ROOT, build_site, copy_fixture_site, plain_text_check_off

pytestmark = pytest.mark.browser

HOSTILE_NAME = "Gamma <img src=x onerror=window.__xss=1> Labs"
HOSTILE_TITLE = "Tester <script>window.__xss=2</script>"


def hostile_copy(target: Path) -> Path:
    content = copy_fixture_site(target)
    (content / "companies" / "gamma-labs.yaml").write_text(
        f'name: "{HOSTILE_NAME}"\nwebsite: https://gamma.example\nmunicipality: Borne\n'
        "sectors: [creative-media]\nsize: 1-9\nlanguages: [en]\n"
        "international: {english_workplace: true, ind_recognised_sponsor: false, relocation_help: false}\n"
        "offers: [jobs]\ndescription:\n  en: A test company whose name tries to run a script.\n",
        encoding="utf-8")
    folder = content / "vacancies" / "gamma-labs"
    folder.mkdir()
    (folder / "tester.md").write_text(
        f"---\ntitle: '{HOSTILE_TITLE}'\ncompany: gamma-labs\ntype: job\nemployment_type: FULL_TIME\n"
        "education: [mbo]\nlanguage: en\nlanguages_required: [en]\nplace: Borne\n"
        "date_posted: 2026-11-20\nvalid_through: 2027-01-31\napply_url: https://gamma.example/jobs\n"
        "source: manual\n---\nYou test whether names are escaped.\n", encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser-fixture")
    with plain_text_check_off():  # the validator refuses these names; the page must still be safe
        output = build_site(hostile_copy(root / "content"), root / "output")
    with serve(output) as base:
        yield base


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser-demo")
    output = build_site(ROOT / "content", root / "output")
    with serve(output) as base:
        yield base


# Helpers ------------------------------------------------------------------------------------

def settle(page) -> None:
    """Wait until the results on screen are those of the address (searches are asynchronous:
    they may fetch index shards and result records)."""
    page.wait_for_function("() => { const root = document.querySelector('[data-search-page]');"
                           " return root.dataset.searchRendered === location.search }")


def open_search(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-search-ready="true"]')
    settle(page)


def titles(page) -> list[str]:
    """Titles of every result shown: those with all words, then those with some."""
    return (page.locator("[data-search-results] > li h3 a").all_inner_texts()
            + page.locator("[data-search-partial] > li h3 a").all_inner_texts())


def partial_titles(page) -> list[str]:
    return page.locator("[data-search-partial] > li h3 a").all_inner_texts()


def status(page) -> str:
    return page.inner_text("[data-search-status]")


def shown_count(page) -> int:
    match = re.match(r"(\d+) ", status(page))
    assert match, f"no result count in {status(page)!r}"
    return int(match.group(1))


def type_query(page, text: str) -> None:
    """Type like a person (no Enter) and wait until the debounced search has run."""
    box = page.locator("#search-q")
    box.fill("")
    box.press_sequentially(text, delay=15)
    page.wait_for_function("q => (new URLSearchParams(location.search).get('q') || '') === q", arg=text)
    settle(page)


def url_state(page) -> dict:
    return page.evaluate("() => Object.fromEntries([...new URLSearchParams(location.search).keys()]"
                         ".map(k => [k, new URLSearchParams(location.search).getAll(k)]))")


# Search quality in the page ---------------------------------------------------------------------

def test_dutch_plural_finds_a_vacancy_written_in_the_singular(page, fixture_site, demo_site):
    open_search(page, f"{fixture_site}/nl/search/")
    type_query(page, "stages")
    assert "Stage softwareontwikkeling" in titles(page)
    open_search(page, f"{demo_site}/nl/search/")
    type_query(page, "verpleegkundigen")
    assert "Verpleegkundige wijkteam Ootmarsum" in titles(page)


def test_english_query_on_the_english_site(page, fixture_site, demo_site):
    open_search(page, f"{fixture_site}/search/?q=developers")
    assert titles(page)[0] == "Python developer"
    assert page.input_value("#search-q") == "developers"
    open_search(page, f"{demo_site}/search/")
    type_query(page, "health insurance")
    assert titles(page)[0] == "Health insurance and healthcare"
    type_query(page, "embedded softw")  # still typing the last word
    assert "Internship embedded software engineering" in titles(page)


def test_results_show_title_company_place_type_and_snippet(page, fixture_site):
    open_search(page, f"{fixture_site}/nl/search/?q=python")
    item = page.locator("[data-search-results] > li").first
    assert item.locator("h3 a").inner_text() == "Python developer"
    assert item.locator("h3 a").get_attribute("href") == "/nl/vacancies/alpha-tech/python-developer/"
    assert item.locator("h3 a").get_attribute("lang") == "en"  # an English posting on the Dutch site
    meta = item.locator(".meta").inner_text()
    assert "Alpha Tech Testbedrijf" in meta and "Enschede" in meta and "Baan" in meta
    assert item.locator(".snippet").inner_text().startswith("You write Python")


def test_no_hits_are_reported_in_the_pages_language(page, fixture_site):
    open_search(page, f"{fixture_site}/nl/search/")
    type_query(page, "xyzzyq")
    assert status(page).startswith("Geen resultaten voor “xyzzyq”.")
    assert titles(page) == []
    open_search(page, f"{fixture_site}/search/?q=xyzzyq")
    assert status(page).startswith("No results for “xyzzyq”.")


# Filters -------------------------------------------------------------------------------------

def test_each_filter_narrows_results_and_its_count_is_right(page, demo_site):
    open_search(page, f"{demo_site}/search/?q=enschede")
    total = shown_count(page)
    assert total > 5
    checked_options = 0
    for fieldset in page.locator("fieldset[data-facet]:visible").all():
        options = fieldset.locator("[data-facet-option]:visible")
        for index in range(min(options.count(), 3)):
            option = options.nth(index)
            count = int(option.locator("[data-count]").inner_text())
            box = option.locator("input")
            box.check()
            settle(page)
            assert shown_count(page) == count <= total
            assert len(titles(page)) == min(count, 12)
            assert url_state(page)[box.get_attribute("name")] == [box.get_attribute("value")]
            box.uncheck()
            settle(page)
            assert shown_count(page) == total
            checked_options += 1
    groups = page.locator("fieldset[data-facet]:visible").count()
    assert groups >= 5 and checked_options >= 12


def test_filters_combine_and_work_without_a_query(page, demo_site):
    open_search(page, f"{demo_site}/nl/search/")
    assert page.locator("[data-search-results] > li").count() == 0  # nothing typed, nothing chosen
    page.locator('input[name="ind"][value="sponsor"]').check()
    settle(page)
    sponsors = shown_count(page)
    english = page.locator('input[name="language"][value="english"]')
    expected = int(english.locator("xpath=..").locator("[data-count]").inner_text())
    english.check()
    settle(page)
    assert shown_count(page) == expected <= sponsors
    assert url_state(page) == {"language": ["english"], "ind": ["sponsor"]}
    page.click("[data-clear-filters]")
    settle(page)
    assert url_state(page) == {} and page.locator("[data-search-results] > li").count() == 0


def test_reloading_the_url_restores_query_and_filters(page, fixture_site):
    open_search(page, f"{fixture_site}/nl/search/")
    type_query(page, "software")
    page.locator('input[name="type"][value="internship"]').check()
    settle(page)
    before = titles(page)
    assert before == ["Stage softwareontwikkeling"]
    page.reload()
    page.wait_for_selector('[data-search-ready="true"]')
    settle(page)
    assert page.input_value("#search-q") == "software"
    assert page.locator('input[name="type"][value="internship"]').is_checked()
    assert titles(page) == before
    # The language switch carries the search over to the other language.
    switch = page.get_attribute('a[data-lang-switch="en"]', "href")
    assert switch.endswith("/search/?q=software&type=internship"), switch


def test_back_button_restores_the_previous_search(page, demo_site):
    open_search(page, f"{demo_site}/search/")
    length = page.evaluate("history.length")
    type_query(page, "stage")
    assert page.evaluate("history.length") == length  # typing replaces the entry
    everything = titles(page), shown_count(page)
    page.locator('input[name="type"][value="internship"]').check()
    settle(page)
    internships = titles(page), shown_count(page)
    page.locator('input[name="municipality"][value="Enschede"]').check()
    settle(page)
    assert shown_count(page) < internships[1] < everything[1]
    page.go_back()
    page.wait_for_function("() => !location.search.includes('municipality')")
    settle(page)
    assert not page.locator('input[name="municipality"][value="Enschede"]').is_checked()
    assert (titles(page), shown_count(page)) == internships
    page.go_back()
    page.wait_for_function("() => !location.search.includes('type=')")
    settle(page)
    assert page.input_value("#search-q") == "stage" and (titles(page), shown_count(page)) == everything


# Keyboard, header box, loading -------------------------------------------------------------

def test_enter_in_the_header_box_opens_the_search_page(page, fixture_site):
    page.goto(f"{fixture_site}/nl/vacancies/")
    page.locator("#header-q").fill("python")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/nl/search/\?q=python$"))
    page.wait_for_selector('[data-search-ready="true"]')
    settle(page)
    assert titles(page)[0] == "Python developer"


def test_filters_and_results_work_with_the_keyboard(page, fixture_site):
    open_search(page, f"{fixture_site}/search/?q=enschede")
    total = shown_count(page)
    page.focus("#search-q")
    box = page.locator('input[name="type"][value="job"]')
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "type":
            break
    assert page.evaluate("document.activeElement.name") == "type"
    while page.evaluate("document.activeElement.value") != "job":
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    settle(page)
    assert box.is_checked() and shown_count(page) < total
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible


def test_index_loads_lazily_and_only_for_the_pages_language(page, fixture_site):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{fixture_site}/nl/vacancies/")
    page.wait_for_load_state("networkidle")
    assert not any("/search/" in url or "lunr" in url for url in requested)
    with page.expect_request(lambda request: request.url.endswith("/nl/search/manifest.json")):
        page.focus("#header-q")  # first focus prefetches this language's manifest and the scripts
    requested.clear()
    open_search(page, f"{fixture_site}/nl/search/?q=python")
    search_files = [url for url in requested if "/search/" in url and url.endswith(".json")]
    assert search_files and all("/nl/search/" in url for url in search_files)
    # The page carries its manifest: what it fetches is the filter table, shards and records.
    assert not any(url.endswith("manifest.json") for url in search_files)
    assert any("/nl/search/facets." in url for url in search_files)
    assert any("/nl/search/shards/" in url for url in search_files)


def test_a_search_fetches_only_the_shards_and_records_it_needs(page, demo_site):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_search(page, f"{demo_site}/search/?q=python")
    manifest = page.evaluate("() => fetch('/search/manifest.json').then(r => r.json())")
    shards = [url for url in requested if "/search/shards/" in url]
    records = [url for url in requested if "/search/records/" in url]
    assert 0 < len(shards) < len(manifest["shards"]) / 4
    assert len(records) == len(titles(page)) <= 12
    # A longer query that needs no other shard fetches nothing more for the index.
    requested.clear()
    type_query(page, "pyth")
    assert not [url for url in requested if "/search/shards/" in url]


def test_results_with_some_of_the_words_come_after_the_others(page, demo_site):
    open_search(page, f"{demo_site}/search/?q=python+xyzzyq")
    assert page.locator("[data-search-results] > li").count() == 0
    assert partial_titles(page)[:1] == ["Junior Python developer"]
    assert page.is_visible("[data-search-partial-heading]")
    assert "No result has all your words" in status(page)
    type_query(page, "python developer")
    full = page.locator("[data-search-results] > li h3 a").all_inner_texts()
    assert full[:1] == ["Junior Python developer"]
    assert partial_titles(page), "other developer vacancies follow, under their own heading"
    assert not set(full) & set(partial_titles(page))
    type_query(page, "python")
    assert partial_titles(page) == [] and not page.is_visible("[data-search-partial-heading]")


def test_without_javascript_the_page_explains_itself(browser, fixture_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{fixture_site}/search/?q=python")
    assert page.is_visible("[data-no-js]")
    assert "needs JavaScript" in page.inner_text("[data-no-js]")
    assert page.is_visible('[data-no-js] a[href="/vacancies/"]')
    assert not page.is_visible("[data-search-ui]")
    context.close()
    # With JavaScript the explanation goes away.
    context = browser.new_context()
    page = context.new_page()
    open_search(page, f"{fixture_site}/search/?q=python")
    assert not page.is_visible("[data-no-js]") and page.is_visible("[data-search-ui]")
    context.close()


# Safety --------------------------------------------------------------------------------------

def test_hostile_names_are_shown_as_text_never_run(page, fixture_site):
    for path in ("/search/?q=gamma", "/nl/search/?q=gamma", "/search/?q=tester"):
        open_search(page, fixture_site + path)
        shown = titles(page) + page.locator("[data-search-results] .meta").all_inner_texts()
        assert any(HOSTILE_NAME in text for text in shown) or HOSTILE_TITLE in shown, shown
        assert page.locator("[data-search-results] img, [data-search-results] script").count() == 0
        assert page.evaluate("typeof window.__xss") == "undefined"
