"""Vacancies filtered without JavaScript: static lists per kind, municipality and "English is enough".

Every list is checked against a brute-force filter of the live vacancies; every filter link
leads to a list that exists and has the count the link shows; the number of list entries
stays linear in the number of vacancies.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest

from content_model import load_directory, vocabulary
from directory_site.vacancy_filters import VacancyFilter, filter_lists, municipality_slug
from support import BUILD_DATE, ROOT, build_site, copy_fixture_site, resolve

TODAY = dt.date.fromisoformat(BUILD_DATE)
CARD_LINK = re.compile(r'<li class="card vacancy-card">\s*<h3><a href="/(?:nl/)?(vacancies/[^"]+)/"')


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    output = build_site(ROOT / "content", tmp_path_factory.mktemp("filters-demo") / "output", LIST_PAGE_SIZE=5)
    directory, problems = load_directory(ROOT / "content", ["en", "nl"])
    assert problems == []
    return directory, output


def combinations(directory):
    """Every combination a visitor can ask for, from the vocabularies (brute force)."""
    for kind in [None, *vocabulary("vacancy_type")]:
        for place in [None, *vocabulary("municipality")]:
            for english in (False, True):
                yield VacancyFilter(kind, place, english)


def expected(directory, combination: VacancyFilter) -> list[str]:
    live = sorted(directory.live_vacancies(TODAY), key=lambda v: (-v.date_posted.toordinal(), v.key))
    return [v.key for v in live
            if (combination.type is None or v.type == combination.type)
            and (combination.municipality is None or directory.municipality_of(v) == combination.municipality)
            and (not combination.english or v.english_is_enough)]


def listed(output: Path, path: str) -> tuple[list[str], str]:
    """The vacancy keys on every page of the list at ``path``, following rel=next; and the first page."""
    keys, first, page = [], None, output / path / "index.html"
    while True:
        html = page.read_text(encoding="utf-8")
        first = first or html
        keys += [link.removeprefix("vacancies/") for link in CARD_LINK.findall(html)]
        following = re.search(r'<a rel="next" href="([^"]+)"', html)
        if not following:
            return keys, first
        page = resolve(output, following.group(1))


def test_every_combination_with_vacancies_has_exactly_its_vacancies(demo):
    directory, output = demo
    existing = 0
    for combination in combinations(directory):
        wanted = expected(directory, combination)
        folder = output / combination.path
        if not wanted:
            assert not (folder / "index.html").exists(), f"{combination.path} should not exist"
            continue
        existing += 1
        for prefix in ("", "nl/"):
            keys, _first = listed(output, prefix + combination.path)
            assert keys == wanted, prefix + combination.path
    assert existing > 40


def test_filter_links_lead_to_lists_with_the_count_they_show(demo):
    directory, output = demo
    checked = 0
    for page in sorted((output / "vacancies").rglob("index.html")) + sorted((output / "nl/vacancies").rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        panel = re.search(r'<aside class="browse"(.*?)</aside>', html, re.S)
        if panel is None:
            continue  # a vacancy page
        for href, text, count in re.findall(r'<a href="([^"]+)"[^>]*>([^<]*)</a> <span class="count">(\d+)</span>',
                                             panel.group(1)):
            target = resolve(output, href)
            assert target.is_file(), f"{page}: {href}"
            total = re.search(r'<h2 class="count-line">(\d+) ', target.read_text(encoding="utf-8"))
            assert total and int(total.group(1)) == int(count), f"{page}: {unescape(text)} -> {href}"
            checked += 1
    assert checked > 500


def test_current_filters_are_marked_and_named(demo):
    _directory, output = demo
    html = (output / "vacancies/type/internship/municipality/enschede/index.html").read_text(encoding="utf-8")
    assert "<h1>Vacancies in Enschede</h1>" in html
    assert re.search(r'href="/vacancies/type/internship/municipality/enschede/" aria-current="page">\s*Internship', html)
    assert re.search(r'href="/vacancies/type/internship/municipality/enschede/" aria-current="page">\s*Enschede', html)
    assert re.search(r'href="/vacancies/municipality/enschede/">\s*All kinds', html)
    assert "Filter vacancies</span>: Internship</summary>" in html
    assert "<title>Internship · Vacancies in Enschede · Work in Twente</title>" in html
    dutch = (output / "nl/vacancies/type/internship/english-is-enough/index.html").read_text(encoding="utf-8")
    assert "Vacatures filteren</span>: Stage, Engels is genoeg</summary>" in dutch
    assert re.search(r'href="/nl/vacancies/type/internship/">\s*Elke taal', dutch)


def test_lists_with_several_filters_are_for_visitors_not_search_engines(demo):
    _directory, output = demo
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    single = output / "vacancies/municipality/enschede/index.html"
    double = output / "vacancies/type/internship/municipality/enschede/index.html"
    assert 'name="robots"' not in single.read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, follow">' in double.read_text(encoding="utf-8")
    assert "/vacancies/municipality/enschede/<" in sitemap
    assert "/vacancies/type/internship/municipality/enschede/<" not in sitemap


def test_list_entries_grow_linearly_with_the_vacancies(demo):
    directory, _output = demo
    live = sorted(directory.live_vacancies(TODAY), key=lambda v: (-v.date_posted.toordinal(), v.key))
    lists = filter_lists(directory, live)
    entries = sum(len(items) for items in lists.values())
    english = sum(v.english_is_enough for v in live)
    assert entries == 4 * len(live) + 4 * english  # each vacancy is in 4 lists, or 8 if English is enough
    assert len(lists) <= (len(vocabulary("vacancy_type")) + 1) * (len(vocabulary("municipality")) + 1) * 2
    assert all(items for items in lists.values())


def test_paths_and_slugs():
    assert VacancyFilter().path == "vacancies/"
    assert VacancyFilter("side-job", "Hof van Twente", True).path == \
        "vacancies/type/side-job/municipality/hof-van-twente/english-is-enough/"
    assert municipality_slug("Rijssen-Holten") == "rijssen-holten"


def test_a_site_without_vacancies_still_has_an_empty_vacancies_page(tmp_path):
    content = copy_fixture_site(tmp_path / "content")
    for vacancy in (content / "vacancies").rglob("*.md"):
        vacancy.unlink()
    output = build_site(content, tmp_path / "output")
    html = (output / "vacancies/index.html").read_text(encoding="utf-8")
    assert '<h2 class="count-line">0 open vacancies</h2>' in html
    assert not (output / "vacancies/type").exists()
