"""Full builds of the small fixture site: both languages, links, expiry, sanitizing, languages as data."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import content_model.companies
from content_model import ContentError
from support import ROOT, SITE_LANGUAGES, build_site, copy_fixture_site, parse_links, plain_text_check_off, resolve

EXPECTED_PAGES = [
    "index.html", "companies/index.html", "companies/alpha-tech/index.html", "companies/beta-zorg/index.html",
    "companies/sector/it-software/index.html", "companies/municipality/hof-van-twente/index.html",
    "vacancies/index.html", "vacancies/type/internship/index.html",
    "vacancies/alpha-tech/python-developer/index.html",
    "vacancies/alpha-tech/stage-softwareontwikkeling/index.html",
    "vacancies/beta-zorg/afstuderen-zorgdata/index.html",
    "guide/index.html", "guide/registration/index.html", "guide/cycling/index.html",
    "search/index.html", "for-employers/index.html", "404.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("build")
    content = copy_fixture_site(root / "content")
    return build_site(content, root / "output")


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


@pytest.mark.parametrize("prefix", ["", "nl/"])
@pytest.mark.parametrize("page", EXPECTED_PAGES)
def test_every_page_exists_in_both_languages(site, prefix, page):
    path = site / prefix / page
    assert path.is_file(), f"missing {prefix}{page}"
    lang = "nl" if prefix else "en"
    assert f'<html lang="{lang}">' in path.read_text(encoding="utf-8")


def test_pages_are_translated(site):
    english = (site / "vacancies/index.html").read_text(encoding="utf-8")
    dutch = (site / "nl/vacancies/index.html").read_text(encoding="utf-8")
    assert "<h1>Vacancies in Twente</h1>" in english
    assert "<h1>Vacatures in Twente</h1>" in dutch
    assert "3 open vacancies" in english and "3 openstaande vacatures" in dutch
    company = (site / "nl/companies/alpha-tech/index.html").read_text(encoding="utf-8")
    assert "Erkend referent IND" in company and "IT en software" in company


def test_numbers_and_dates_follow_the_language(site):
    english = (site / "vacancies/alpha-tech/python-developer/index.html").read_text(encoding="utf-8")
    dutch = (site / "nl/vacancies/alpha-tech/python-developer/index.html").read_text(encoding="utf-8")
    assert "€ 3,000–€ 4,000 per month" in english and "€ 3.000–€ 4.000 per maand" in dutch
    assert "January 31, 2027" in english and "31 januari 2027" in dutch


def test_language_switch_leads_to_the_same_page_in_every_other_language(site):
    languages = SITE_LANGUAGES
    prefixes = {code: "" if number == 0 else f"{code}/" for number, code in enumerate(languages)}
    for page in html_files(site):
        relative = page.relative_to(site).as_posix()
        links = parse_links(page)
        own = next((code for code, prefix in prefixes.items() if prefix and relative.startswith(prefix)), languages[0])
        path = relative.removeprefix(prefixes[own])
        for other in languages:
            if other == own:
                continue
            assert other in links.switch, f"{relative} has no language switch to {other}"
            target = resolve(site, links.switch[other])
            assert target is not None and target.is_file(), f"{relative}: switch to {other} is broken"
            assert target.relative_to(site).as_posix() == prefixes[other] + path
        # hreflang alternates name every language and point at the same page in each.
        assert set(links.alternates) == {*languages, "x-default"}


def test_no_broken_internal_links(site):
    broken = []
    for page in html_files(site):
        for link in parse_links(page).links:
            target = resolve(site, link)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert broken == []
    assert (site / "theme/css/site.css").is_file()


def test_company_logo_is_published_resized(site):
    page = (site / "companies/alpha-tech/index.html").read_text(encoding="utf-8")
    assert ('<img class="logo logo-page" src="/companies/logos/alpha-tech-64.webp" '
            'srcset="/companies/logos/alpha-tech-128.webp 2x" width="64" height="43" loading="lazy" alt="">') in page
    assert (site / "companies/logos/alpha-tech-64.webp").read_bytes()[8:12] == b"WEBP"
    assert not (site / "companies/logos/alpha-tech.png").exists(), "the original file is never published"


def test_expired_vacancies_are_not_published(site):
    assert not (site / "vacancies/alpha-tech/expired-tester").exists()
    assert not (site / "nl/vacancies/alpha-tech/expired-tester").exists()
    for page in html_files(site):
        text = page.read_text(encoding="utf-8")
        assert "expired-tester" not in text and "Expired tester" not in text, page


def test_missing_translation_is_announced_in_the_readers_language(site):
    company_en = (site / "companies/beta-zorg/index.html").read_text(encoding="utf-8")
    assert "This text has not been translated into English yet. It is shown in Dutch." in company_en
    assert '<div class="prose" lang="nl">' in company_en
    chapter_nl = (site / "nl/guide/cycling/index.html").read_text(encoding="utf-8")
    assert "Deze tekst is nog niet vertaald in het Nederlands. Hieronder staat hij in het Engels." in chapter_nl
    assert "Everyone cycles" in chapter_nl
    vacancy_en = (site / "vacancies/alpha-tech/stage-softwareontwikkeling/index.html").read_text(encoding="utf-8")
    assert "This vacancy is written in Dutch." in vacancy_en
    translated = (site / "nl/guide/registration/index.html").read_text(encoding="utf-8")
    assert "nog niet vertaald" not in translated and "Inschrijven bij de gemeente" in translated


def test_plain_text_fields_are_escaped(site):
    page = (site / "companies/beta-zorg/index.html").read_text(encoding="utf-8")
    assert "Beta Zorg &amp; Co" in page and "Beta Zorg & Co" not in page


def test_plain_text_fields_are_escaped_even_if_validation_were_skipped(tmp_path):
    content = copy_fixture_site(tmp_path / "content")
    company = content / "companies" / "beta-zorg.yaml"
    company.write_text(company.read_text().replace('"Beta Zorg & Co"', '"Beta <Zorg> & Co"'))
    with plain_text_check_off():
        output = build_site(content, tmp_path / "output")
    page = (output / "companies/beta-zorg/index.html").read_text(encoding="utf-8")
    assert "Beta &lt;Zorg&gt; &amp; Co" in page and "<Zorg>" not in page


def test_build_refuses_invalid_content(tmp_path):
    content = copy_fixture_site(tmp_path / "content")
    company = content / "companies" / "alpha-tech.yaml"
    company.write_text(company.read_text().replace("municipality: Enschede", "municipality: Utrecht"))
    with pytest.raises(ContentError, match="municipality: expected one of"):
        build_site(content, tmp_path / "output")
    assert not (tmp_path / "output" / "index.html").exists()


HOSTILE = """Welcome! <script>alert('owned')</script>

<img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">click</a>

[also click](javascript:alert(3)) <iframe src="https://evil.example"></iframe>
"""


def test_sanitizer_holds_even_if_validation_were_skipped(tmp_path, monkeypatch):
    # Defence in depth: switch off the validator's Markdown check and build hostile text.
    monkeypatch.setattr(content_model.companies.markup, "check", lambda *args, **kwargs: [])
    content = copy_fixture_site(tmp_path / "content")
    company = content / "companies" / "alpha-tech.yaml"
    text = company.read_text()
    hostile = "\n".join("    " + line for line in HOSTILE.splitlines())
    company.write_text(text.replace("    Alpha Tech builds **test software** for a fictional test suite.", hostile))
    output = build_site(content, tmp_path / "output")
    page = (output / "companies/alpha-tech/index.html").read_text(encoding="utf-8")
    assert "Welcome!" in page and "click" in page
    # The theme's own scripts (JSON-LD, search) are allowed; hostile text must not add one.
    clean = build_site(copy_fixture_site(tmp_path / "clean"), tmp_path / "clean-output")
    script_tags = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
    assert script_tags.findall(page) == script_tags.findall(
        (clean / "companies/alpha-tech/index.html").read_text(encoding="utf-8"))
    lowered = page.lower()
    assert "onerror" not in lowered
    assert "javascript:" not in lowered
    prose = re.search(r'<div class="prose" lang="en">(.*?)</div>', page, re.S).group(1)
    assert "<iframe" not in lowered and "<img" not in prose


def test_another_language_takes_only_config_and_a_catalogue(tmp_path):
    """French: add the code to SITE_LANGUAGES and a catalogue; no template or code changes."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    catalogue = theme / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
        'msgid "Vacancies in Twente"\nmsgstr "Emplois en Twente"\n', encoding="utf-8")
    content = copy_fixture_site(tmp_path / "content")
    output = build_site(content, tmp_path / "output", SITE_LANGUAGES=[*SITE_LANGUAGES, "fr"], THEME=str(theme))
    french = (output / "fr/vacancies/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in french
    assert "<h1>Emplois en Twente</h1>" in french
    assert re.search(r'hreflang="fr" href="/fr/vacancies/"', (output / "vacancies/index.html").read_text())
    # Untranslated French falls back to the English source text, and the notice names the language.
    chapter = (output / "fr/guide/registration/index.html").read_text(encoding="utf-8")
    assert "It is shown in anglais." in chapter


def test_german_pages_have_a_german_interface(site):
    for page in ("index.html", "vacancies/index.html", "companies/alpha-tech/index.html", "events/campus-fair/index.html",
                 "stats/index.html", "shortlist/index.html", "guide/registration/index.html", "search/index.html"):
        german = (site / "de" / page).read_text(encoding="utf-8")
        assert '<html lang="de">' in german, page
        assert "Kostenlos ins Verzeichnis" in german and "Zum Inhalt springen" in german, page
    assert "<h1>Stellen in Twente</h1>" in (site / "de/vacancies/index.html").read_text(encoding="utf-8")
    chapter = (site / "de/guide/registration/index.html").read_text(encoding="utf-8")
    assert "Dieser Text liegt noch nicht auf Deutsch vor. Er wird auf Englisch gezeigt." in chapter


def test_long_lists_are_paginated(tmp_path):
    content = copy_fixture_site(tmp_path / "content")
    output = build_site(content, tmp_path / "output", LIST_PAGE_SIZE=2)
    first = (output / "vacancies/index.html").read_text(encoding="utf-8")
    second = (output / "nl/vacancies/page/2/index.html").read_text(encoding="utf-8")
    assert "3 open vacancies" in first and "Page 1 of 2" in first
    assert 'rel="next" href="/vacancies/page/2/"' in first
    assert "Pagina 2 van 2" in second and 'rel="prev" href="/nl/vacancies/"' in second
    assert first.count('class="card vacancy-card"') == 2 and second.count('class="card vacancy-card"') == 1
    assert (output / "companies/index.html").is_file() and not (output / "companies/page/2").exists()
    assert 'href="/nl/vacancies/page/2/"' in (output / "vacancies/page/2/index.html").read_text(encoding="utf-8")


def test_pelican_run_directly_prints_every_problem_and_no_traceback(tmp_path):
    content = copy_fixture_site(tmp_path / "content")
    company = content / "companies" / "alpha-tech.yaml"
    company.write_text(company.read_text().replace("municipality: Enschede", "municipality: Utrecht")
                       .replace("size: 50-249", "size: huge"))
    vacancy = content / "vacancies" / "alpha-tech" / "python-developer.md"
    vacancy.write_text(vacancy.read_text().replace("type: job", "type: stage"))
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
         "-o", str(tmp_path / "output"), "--fatal", "warnings"],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "COLUMNS": "80"})
    output = result.stdout + result.stderr
    assert result.returncode == 1
    lines = output.splitlines()
    for expected in ("content/companies/alpha-tech.yaml:3:15: municipality: expected one of:",
                     "content/companies/alpha-tech.yaml:5:7: size: expected one of:",
                     "content/vacancies/alpha-tech/python-developer.md:4:7: type: expected one of:"):
        assert any(line.startswith(expected) for line in lines), output  # whole, unwrapped lines
    assert "3 problems found in content" in output
    assert "Traceback" not in output and "RuntimeError" not in output
    assert not (tmp_path / "output" / "index.html").exists()


def test_one_salary_amount_is_shown_once(tmp_path):
    content = copy_fixture_site(tmp_path / "content")
    vacancy = content / "vacancies" / "alpha-tech" / "python-developer.md"
    vacancy.write_text(vacancy.read_text().replace("salary: {min: 3000, max: 4000", "salary: {min: 500, max: 500"))
    output = build_site(content, tmp_path / "output")
    english = (output / "vacancies/alpha-tech/python-developer/index.html").read_text(encoding="utf-8")
    dutch = (output / "nl/vacancies/alpha-tech/python-developer/index.html").read_text(encoding="utf-8")
    assert "<dd>€ 500 per month</dd>" in english and "<dd>€ 500 per maand</dd>" in dutch
