"""Events (content/events/<slug>.yaml): validation, the event pages, sheets, posters and home page links."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from content_model import load_directory
from support import build_site, copy_fixture_site

LANGS = ["en", "nl"]
E = "content/events/spring-fair.yaml"
PUBLISHED = "https://work-in-twente.example"

EVENT = """\
name: Spring Fair
starts: 2027-03-11
hours: "10:00-16:00"
place: Campus Hall
municipality: Enschede
url: https://spring-fair.example
companies:
  - {company: alpha-tech, stand: A1}
  - beta-zorg
"""


def event(replace: tuple[str, str] | None = None, append: str = "") -> str:
    text = EVENT if replace is None else EVENT.replace(*replace)
    assert replace is None or text != EVENT, f"fixture text {replace[0]!r} not found"
    return text + append


CASES = {
    "unknown company with hint": (event(("  - beta-zorg", "  - beta-zrog")),
        [f"{E}:9:5: companies: 'beta-zrog' does not exist (no content/companies/beta-zrog.yaml); "
         "did you mean 'beta-zorg'?"]),
    "company listed twice": (event(append="  - {company: alpha-tech, stand: A2}\n"),
        [f"{E}:10:5: companies[2]: 'alpha-tech' is already listed (companies[0]); list each company once"]),
    "stand given twice": (event(("  - beta-zorg", "  - {company: beta-zorg, stand: A1}")),
        [f"{E}:9:33: companies[1].stand: stand 'A1' is also given to 'alpha-tech'; each company has its own stand"]),
    "ends before starts": (event(("starts: 2027-03-11", "starts: 2027-03-11\nends: 2027-03-10")),
        [f"{E}:3:7: ends (2027-03-10) is before starts (2027-03-11); the last day must be on or after the first"]),
    "closing before opening": (event(('hours: "10:00-16:00"', 'hours: "16:00-10:00"')),
        [f"{E}:3:8: hours: the event closes (10:00) before it opens (16:00); write e.g. '10:00-16:00'"]),
    "hours in another form": (event(('hours: "10:00-16:00"', 'hours: 10 to 4')),
        [f"{E}:3:8: hours: expected opening hours as shown to visitors, e.g. \"10:00-16:00\" (optional); "
         "found '10 to 4'"]),
    "slug that is not a slug": (event(("  - beta-zorg", "  - Beta Zorg")),
        [f"{E}:9:5: companies[1]: expected lower-case letters, digits and single hyphens; found 'Beta Zorg'"]),
    "unknown field in a company entry": (event(("stand: A1}", "stan: A1}")),
        [f"{E}:8:27: unknown field 'stan' in companies[0]; did you mean 'stand'? (allowed: company, stand)"]),
    "missing fields": ("name: Spring Fair\ncompanies: []\n",
        [f"{E}:1:1: missing required field 'municipality'",
         f"{E}:1:1: missing required field 'place'",
         f"{E}:1:1: missing required field 'starts'",
         f"{E}:1:1: missing required field 'url'",
         f"{E}:2:12: companies: expected at least 1 item; found an empty list"]),
    "description in a language the site lacks": (event(append="description:\n  fr: Bonjour\n"),
        [f"{E}:11:3: description.fr: 'fr' is not a language of this site (site languages: en, nl)"]),
}


@pytest.fixture
def content(tmp_path, monkeypatch):
    copy_fixture_site(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


@pytest.mark.parametrize("name", list(CASES))
def test_bad_event_is_reported_exactly(content, name):
    text, expected = CASES[name]
    (content / "events" / "spring-fair.yaml").write_text(text, encoding="utf-8")
    directory, problems = load_directory(content, LANGS)
    assert [str(problem) for problem in problems] == expected
    assert "spring-fair" not in directory.events


def test_event_with_a_wrong_extension_is_refused(content):
    (content / "events" / "spring-fair.yml").write_text(EVENT, encoding="utf-8")
    _directory, problems = load_directory(content, LANGS)
    assert [str(p) for p in problems] == [
        "content/events/spring-fair.yml:1:1: events must be YAML files named '<slug>.yaml' in content/events/; "
        "move or rename this file"]


def test_fixture_events_load(content):
    directory, problems = load_directory(content, LANGS)
    assert problems == []
    fair = directory.events["campus-fair"]
    assert fair.companies == ("alpha-tech", "beta-zorg")
    assert [p.stand for p in fair.participants] == ["A1", None]
    assert fair.ends == fair.starts
    import datetime as dt
    assert [e.slug for e in directory.current_events(dt.date(2026, 11, 27))] == ["campus-fair"]
    assert directory.current_events(dt.date(2026, 12, 4)) == []


# The built site ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("events")
    content = copy_fixture_site(root / "content")
    return build_site(content, root / "output", SEO_LOCAL_SITEURL=PUBLISHED)


def read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_event_page_lists_its_companies_with_stands_and_live_vacancies(site, prefix):
    page = read(site, f"{prefix}events/campus-fair/index.html")
    assert f'<html lang="{"nl" if prefix else "en"}">' in page
    assert "<h1>Campus Fair</h1>" in page
    companies = re.findall(r'data-event-company="([a-z-]+)"', page)
    assert companies == ["alpha-tech", "beta-zorg"]
    alpha = page.split('data-event-company="alpha-tech"')[1].split('data-event-company="beta-zorg"')[0]
    assert "Stand A1" in alpha
    assert f'href="/{prefix}vacancies/alpha-tech/python-developer/"' in alpha
    assert f'href="/{prefix}vacancies/alpha-tech/stage-softwareontwikkeling/"' in alpha
    assert "expired-tester" not in page  # expired vacancies are never listed
    assert ("English is enough" if not prefix else "Engels is genoeg") in alpha
    assert ("IND recognised sponsor" if not prefix else "Erkend referent IND") in alpha
    beta = page.split('data-event-company="beta-zorg"')[1]
    assert f'href="/{prefix}vacancies/beta-zorg/afstuderen-zorgdata/"' in beta


def test_event_page_is_translated(site):
    english, dutch = read(site, "events/campus-fair/index.html"), read(site, "nl/events/campus-fair/index.html")
    assert "December 3, 2026, 10:00–16:00" in english and "3 december 2026, 10:00–16:00" in dutch
    assert "2 companies take part" in english and "2 bedrijven doen mee" in dutch
    # The event text exists in English only: the Dutch page shows it with the usual notice.
    assert "A fictional fair for tests." in dutch and 'class="notice" role="note"' in dutch


def test_home_page_links_to_current_events_only(site):
    for prefix in ("", "nl/"):
        home = read(site, f"{prefix}index.html")
        assert f'href="/{prefix}events/campus-fair/"' in home
        assert "old-fair" not in home


def test_past_event_keeps_its_page_with_a_notice(site):
    page = read(site, "events/old-fair/index.html")
    assert "This event has taken place." in page
    events = read(site, "events/index.html")
    upcoming, past = events.split("Past events")
    assert 'href="/events/campus-fair/"' in upcoming and 'href="/events/old-fair/"' in past


def test_home_page_after_the_event_has_no_event(tmp_path):
    output = build_site(copy_fixture_site(tmp_path / "content"), tmp_path / "output", BUILD_DATE="2026-12-04")
    assert "events/campus-fair/" not in (output / "index.html").read_text(encoding="utf-8")
    assert "This event has taken place." in (output / "events/campus-fair/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["events/campus-fair/print/index.html", "companies/alpha-tech/poster/index.html"])
def test_print_sheets_are_a4_noindex_and_carry_a_qr_code(site, path):
    for prefix in ("", "nl/"):
        page = read(site, prefix + path)
        assert '<meta name="robots" content="noindex">' in page
        assert "/theme/css/print-sheets.css" in page
        assert page.count('<svg role="img"') == 1
    assert "@page { size: A4;" in read(site, "theme/css/print-sheets.css")
    sitemap = read(site, "sitemap.xml")
    assert "/print/" not in sitemap and "/poster/" not in sitemap
    assert f"{PUBLISHED}/events/campus-fair/</loc>" in sitemap and f"{PUBLISHED}/nl/events/</loc>" in sitemap


def test_event_sheet_lists_stands(site):
    page = read(site, "events/campus-fair/print/index.html")
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>(\d+)</td></tr>", page)
    assert rows == [("A1", "Alpha Tech Testbedrijf", "2"), ("–", "Beta Zorg &amp; Co", "1")]


QR_URL = re.compile(r'<svg role="img" data-qr-url="([^"]+)"')


def test_qr_codes_hold_the_absolute_published_url_of_the_page_in_its_language(site):
    expected = {
        "events/campus-fair/index.html": f"{PUBLISHED}/events/campus-fair/",
        "nl/events/campus-fair/index.html": f"{PUBLISHED}/nl/events/campus-fair/",
        "nl/events/campus-fair/print/index.html": f"{PUBLISHED}/nl/events/campus-fair/",
        "companies/alpha-tech/index.html": f"{PUBLISHED}/companies/alpha-tech/",
        "nl/companies/beta-zorg/index.html": f"{PUBLISHED}/nl/companies/beta-zorg/",
        "nl/companies/beta-zorg/poster/index.html": f"{PUBLISHED}/nl/companies/beta-zorg/",
    }
    for path, url in expected.items():
        assert QR_URL.findall(read(site, path)) == [url], path
        assert "?" not in url and "utm_" not in read(site, path)


def test_qr_code_svg_is_well_formed_and_titled(site):
    page = read(site, "companies/alpha-tech/index.html")
    svg = re.search(r"<svg role=\"img\".*?</svg>", page, re.S).group(0)
    root = ET.fromstring(svg)
    assert root.get("viewBox") and root.find("title").text == "QR code of the page of Alpha Tech Testbedrijf"
    # The company page keeps it behind the share/print control.
    assert re.search(r'<details class="share">\s*<summary>Share or print</summary>\s*<figure class="qr">', page)
    assert 'href="/companies/alpha-tech/poster/"' in page


def test_qr_code_refuses_relative_urls():
    from directory_site.qr_codes import QRCodeError, qr_svg
    with pytest.raises(QRCodeError, match="absolute http"):
        qr_svg("/companies/x/", "x")
