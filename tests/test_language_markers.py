"""Language markers tell the truth: one derivation (``Vacancy.language_markers``) everywhere.

"English is enough" only when every required language is English; otherwise one
"<language> required" per language besides English; the posting language as text.
Checked on cards, vacancy pages, JSON-LD, search documents and search filters of the small
fixture site (plus vacancies that require German or Dutch in an English posting) and of the
demo site, in both languages, and in Chromium on the demo site's search page.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from search_index.search_files import load_search

from content_model import Directory, LanguageMarker, load_directory
from search_support import serve
from support import BUILD_DATE, ROOT, SAMPLE_VACANCY, build_site, copy_fixture_site

LANGS = {"en": "", "nl": "nl/", "de": "de/"}
LABELS = {
    "en": {"english": "English is enough", "nl": "Dutch required", "de": "German required"},
    "nl": {"english": "Engels is genoeg", "nl": "Nederlands vereist", "de": "Duits vereist"},
    "de": {"english": "Englisch reicht", "nl": "Niederländisch erforderlich", "de": "Deutsch erforderlich"},
}
POSTED_IN = {"en": "Posted in {} on", "nl": "In het {} geplaatst op", "de": "Auf {} veröffentlicht am"}
LANGUAGE_NAMES = {"en": {"en": "English", "nl": "Dutch"}, "nl": {"en": "Engels", "nl": "Nederlands"},
                  "de": {"en": "Englisch", "nl": "Niederländisch"}}


def vacancy_text(slug: str, language: str, required: str) -> str:
    return (SAMPLE_VACANCY.replace("title: Test engineer", f"title: Marker test {slug}")
            .replace("language: en", f"language: {language}")
            .replace("languages_required: [en]", f"languages_required: {required}")
            .replace("jobs/test-engineer", f"jobs/{slug}"))


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("markers")
    content = copy_fixture_site(root / "content")
    folder = content / "vacancies" / "alpha-tech"
    (folder / "german-service.md").write_text(vacancy_text("german-service", "en", "[en, de]"), encoding="utf-8")
    (folder / "dutch-in-english.md").write_text(vacancy_text("dutch-in-english", "en", "[nl]"), encoding="utf-8")
    (folder / "duits-en-nederlands.md").write_text(
        vacancy_text("duits-en-nederlands", "nl", "[nl, de]"), encoding="utf-8")
    return content, build_site(content, root / "output")


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory):
    return ROOT / "content", build_site(ROOT / "content", tmp_path_factory.mktemp("markers-demo") / "output")


@pytest.fixture(scope="module", params=["fixture", "demo"])
def built(request):
    content, output = request.getfixturevalue(f"{request.param}_build")
    directory, problems = load_directory(content, list(LANGS))
    assert problems == []
    return directory, output


def expected_labels(vacancy, lang: str) -> list[str]:
    return [LABELS[lang][marker.filter_value] for marker in vacancy.language_markers]


# The derivation -------------------------------------------------------------------------------

@pytest.mark.parametrize("required, english_ok, markers", [
    (["en"], True, [("english-is-enough", "en")]),
    (["en", "de"], False, [("required", "de")]),
    (["de", "en"], False, [("required", "de")]),
    (["nl"], False, [("required", "nl")]),
    (["nl", "en"], False, [("required", "nl")]),
    (["nl", "de"], False, [("required", "nl"), ("required", "de")]),
    (["de"], False, [("required", "de")]),
])
def test_markers_come_from_the_required_languages(tmp_path, required, english_ok, markers):
    from content_model.vacancies import load_vacancy
    path = tmp_path / "x.md"
    path.write_text(vacancy_text("x", "en", "[" + ", ".join(required) + "]"), encoding="utf-8")
    vacancy, problems = load_vacancy(path, "x.md", list(LANGS))
    assert problems == []
    assert vacancy.english_is_enough is english_ok
    assert [(m.kind, m.language) for m in vacancy.language_markers] == markers


def test_filter_values_round_trip():
    for marker in (LanguageMarker("english-is-enough", "en"), LanguageMarker("required", "de")):
        assert LanguageMarker.from_filter_value(marker.filter_value) == marker


# Every card on every page ------------------------------------------------------------------------

CARD = re.compile(r'<li class="card vacancy-card">(.*?)</li>', re.S)
TAG = re.compile(r'<span class="tag (tag-intl|tag-required)">([^<]*)</span>')


def cards(output: Path):
    """(page, language, vacancy path, card HTML) of every vacancy card in the built site."""
    for page in sorted(output.rglob("*.html")):
        first = page.relative_to(output).parts[0]
        lang = first if first in LANGS and LANGS[first] else "en"
        for card in CARD.findall(page.read_text(encoding="utf-8")):
            href = re.search(r'<h3><a href="/(?:[a-z]{2}/)?(vacancies/[^"]+)"', card).group(1)
            yield page, lang, href, card


def by_path(directory: Directory) -> dict:
    live = directory.live_vacancies(__import__("datetime").date.fromisoformat(BUILD_DATE))
    return {f"vacancies/{v.company}/{v.slug}/": v for v in live}


def test_every_card_shows_the_models_markers_and_no_other(built):
    directory, output = built
    vacancies = by_path(directory)
    seen = set()
    for page, lang, href, card in cards(output):
        vacancy = vacancies[href]
        tags = [unescape(label) for _cls, label in TAG.findall(card)]
        assert tags == expected_labels(vacancy, lang), f"{page}: {href}"
        if not vacancy.english_is_enough:
            assert LABELS[lang]["english"] not in card, f"{page}: {href}"
        # The posting language is text, not a tag, and only when it differs from the page's.
        if vacancy.language != lang and vacancy.language in LANGUAGE_NAMES[lang]:
            assert POSTED_IN[lang].format(LANGUAGE_NAMES[lang][vacancy.language]) in card
        elif vacancy.language == lang:
            assert "Posted in" not in card and "geplaatst op" not in card
        assert "tag-lang" not in card
        seen.add((lang, href))
    assert seen == {(lang, href) for lang in LANGS for href in vacancies}  # every vacancy, both languages


def test_vacancy_pages_and_json_ld_agree_with_the_cards(built):
    directory, output = built
    for path, vacancy in by_path(directory).items():
        for lang, prefix in LANGS.items():
            html = (output / prefix / path / "index.html").read_text(encoding="utf-8")
            lead = re.search(r'<p class="lead">(.*?)</p>', html, re.S).group(1)
            assert [unescape(label) for _cls, label in TAG.findall(lead)] == expected_labels(vacancy, lang)
            posting = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
            assert posting["qualifications"] == "; ".join(expected_labels(vacancy, lang)), path


def test_search_documents_and_filters_use_the_same_markers(built):
    directory, output = built
    vacancies = by_path(directory)
    for lang, prefix in LANGS.items():
        loaded = load_search(output / prefix / "search")
        found = 0
        for doc, facets in zip(loaded.records, loaded.facets):
            if doc["kind"] != "vacancy":
                continue
            vacancy = vacancies[doc["url"]]
            assert doc["markers"] == expected_labels(vacancy, lang), doc["url"]
            assert doc.get("english_ok", False) is vacancy.english_is_enough
            required = [m.language for m in vacancy.language_markers if m.kind == "required"]
            assert facets["language"] == (["english"] if vacancy.english_is_enough else []) + required
            found += 1
        assert found == len(vacancies)
        search = (output / prefix / "search/index.html").read_text(encoding="utf-8")
        values = re.findall(r'name="language" value="([^"]+)"', search)
        required = {m.language for v in vacancies.values() for m in v.language_markers if m.kind == "required"}
        assert values[0] == "english" and set(values[1:]) == required
        for value in values:
            assert re.search(rf'value="{value}">\s*<label[^>]*>{re.escape(LABELS[lang][value])} ', search), value


def test_fixture_cases_read_as_intended(fixture_build):
    _content, output = fixture_build
    page = (output / "vacancies/index.html").read_text(encoding="utf-8")
    card = {href: card for _p, _l, href, card in cards(output) if _p == output / "vacancies/index.html"}
    assert "German required" in card["vacancies/alpha-tech/german-service/"]
    assert "English is enough" not in card["vacancies/alpha-tech/german-service/"]
    assert "Dutch required" in card["vacancies/alpha-tech/dutch-in-english/"]  # an English posting
    both = card["vacancies/alpha-tech/duits-en-nederlands/"]
    assert both.index("Dutch required") < both.index("German required")
    assert "Posted in Dutch on" in both
    dutch = "".join(CARD.findall((output / "nl/vacancies/index.html").read_text(encoding="utf-8")))
    english = "".join(CARD.findall(page))
    assert dutch.count("Engels is genoeg") == english.count("English is enough") == 1  # python-developer only


# In the browser ---------------------------------------------------------------------------------

@pytest.mark.browser
def test_search_filters_never_mark_a_vacancy_that_needs_another_language(page, demo_build):
    content, output = demo_build
    directory, _problems = load_directory(content, list(LANGS))
    vacancies = by_path(directory)
    with serve(output) as base:
        for lang, prefix in LANGS.items():
            for value in ("english", "nl", "de"):
                page.goto(f"{base}/{prefix}search/?language={value}")
                page.wait_for_selector('[data-search-ready="true"]')
                items = page.locator("[data-search-results] > li.search-result-vacancy")
                hrefs = items.locator("h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
                assert hrefs, (lang, value)
                for index, href in enumerate(hrefs[:50]):
                    vacancy = vacancies[re.sub(r"^/([a-z]{2}/)?", "", href)]
                    assert value in [m.filter_value for m in vacancy.language_markers], href
                    tags = items.nth(index).locator(".tag-intl, .tag-required").all_inner_texts()
                    assert tags == expected_labels(vacancy, lang), href
