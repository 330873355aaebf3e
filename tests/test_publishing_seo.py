"""What search engines and link previews see: JSON-LD, Open Graph, sitemap, robots.txt, Atom feeds.

Built twice: the small fixture site and the demo site (content/), both with a public SITEURL.
JSON-LD is read back with extruct, XML with defusedxml.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import extruct
import pytest
from defusedxml import ElementTree

from content_model import Directory, load_directory
from seo_meta.json_ld import dumps
from support import BUILD_DATE, ROOT, build_site, copy_fixture_site, plain_text_check_off

SITEURL = "https://wit.example"
LANGS = {"en": "", "nl": "nl/", "de": "de/"}
OG_LOCALES = {"en": "en_US", "nl": "nl_NL", "de": "de_DE"}


def language_of(relative: str) -> str:
    """The site language of a path in the output, from its prefix."""
    return next((code for code, prefix in LANGS.items() if prefix and relative.startswith(prefix)), "en")


def without_prefix(relative: str) -> str:
    return relative.removeprefix(LANGS[language_of(relative)])
EMPLOYMENT_TYPES = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
TODAY = dt.date.fromisoformat(BUILD_DATE)


class Site:
    """A built site with the content it was built from."""

    def __init__(self, content: Path, output: Path) -> None:
        self.content = content
        self.output = output
        directory, problems = load_directory(content, list(LANGS))
        assert problems == []
        self.directory: Directory = directory

    def file_of(self, url: str) -> Path:
        assert url.startswith(SITEURL + "/"), url
        path = url.removeprefix(SITEURL + "/")
        return self.output / (path + "index.html" if path.endswith("/") or path == "" else path)

    def html_pages(self) -> list[Path]:
        return sorted(path for path in self.output.rglob("*.html")
                      if not path.relative_to(self.output).as_posix().startswith("theme/"))


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("seo-fixture")
    content = copy_fixture_site(root / "content")
    return Site(content, build_site(content, root / "output", SITEURL=SITEURL))


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("seo-demo")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    return Site(content, build_site(content, root / "output", SITEURL=SITEURL))


@pytest.fixture(params=["fixture_site", "demo_site"])
def site(request) -> Site:
    return request.getfixturevalue(request.param)


class HeadCollector(HTMLParser):
    """<meta property/name> values, <link rel=canonical>, Atom links and script types."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: str | None = None
        self.feeds: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        if tag == "link" and a.get("rel") == "alternate" and a.get("type") == "application/atom+xml":
            self.feeds.append(a["href"])
        if tag == "script":
            self.scripts.append(a.get("type", ""))


def head(page: Path) -> HeadCollector:
    collector = HeadCollector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def json_ld(page: Path) -> list[dict]:
    return extruct.extract(page.read_text(encoding="utf-8"), base_url=SITEURL, syntaxes=["json-ld"])["json-ld"]


# JobPosting -------------------------------------------------------------------------------------
def test_every_live_vacancy_has_a_complete_job_posting(site):
    live = site.directory.live_vacancies(TODAY)
    assert live
    for vacancy in live:
        company = site.directory.companies[vacancy.company]
        for lang, prefix in LANGS.items():
            url = f"{SITEURL}/{prefix}vacancies/{vacancy.company}/{vacancy.slug}/"
            page = site.file_of(url)
            postings = [item for item in json_ld(page) if item.get("@type") == "JobPosting"]
            assert len(postings) == 1, page
            posting = postings[0]
            where = f"{vacancy.key} ({lang})"
            # Required by Google.
            assert posting["@context"] == "https://schema.org"
            assert posting["title"] == vacancy.title, where
            assert posting["description"].startswith("<") and len(posting["description"]) > 20, where
            assert posting["datePosted"] == vacancy.date_posted.isoformat(), where
            organization = posting["hiringOrganization"]
            assert organization["@type"] == "Organization" and organization["name"] == company.name, where
            assert organization["sameAs"] == company.website
            assert organization["url"] == f"{SITEURL}/{prefix}companies/{company.slug}/"
            if company.logo:
                assert site.file_of(organization["logo"]).is_file(), organization["logo"]
            else:
                assert "logo" not in organization
            address = posting["jobLocation"]["address"]
            assert posting["jobLocation"]["@type"] == "Place"
            assert address["@type"] == "PostalAddress"
            assert address["addressLocality"] == vacancy.place
            assert address["addressRegion"] == "Overijssel" and address["addressCountry"] == "NL"
            same_town = bool(company.address) and company.address["city"] == vacancy.place
            if same_town:
                assert address["streetAddress"] == company.address["street"], where
                assert address["postalCode"] == company.address["postcode"], where
            else:
                assert "streetAddress" not in address and "postalCode" not in address, where
            if vacancy.remote == "remote":
                assert posting["jobLocationType"] == "TELECOMMUTE", where
                assert posting["applicantLocationRequirements"]["@type"] == "Country"
            else:
                assert "jobLocationType" not in posting, where
            # Recommended, where the data has them.
            through = dt.datetime.fromisoformat(posting["validThrough"])
            assert through.date() == vacancy.valid_through and through.tzinfo is not None, where
            stated = posting["employmentType"]
            stated = [stated] if isinstance(stated, str) else stated  # one value, or a list of several
            assert set(stated) <= set(EMPLOYMENT_TYPES), where
            assert tuple(stated) == vacancy.employment_type, where
            assert posting["identifier"] == {"@type": "PropertyValue", "name": company.name, "value": vacancy.key}
            assert posting["directApply"] is False
            assert posting["url"] == url == head(page).canonical
            if vacancy.salary:
                salary = posting["baseSalary"]
                assert salary["@type"] == "MonetaryAmount" and salary["currency"] == "EUR"
                value = salary["value"]
                assert value["@type"] == "QuantitativeValue"
                if vacancy.salary["min"] == vacancy.salary["max"]:  # one amount: schema.org "value"
                    assert value["value"] == vacancy.salary["min"] and "minValue" not in value, where
                else:
                    assert value["minValue"] == vacancy.salary["min"] < value["maxValue"] == vacancy.salary["max"]
                assert value["unitText"] in {"HOUR", "MONTH", "YEAR"}
            else:
                assert "baseSalary" not in posting, where


def test_demo_site_covers_remote_salary_and_street_cases(demo_site):
    live = demo_site.directory.live_vacancies(TODAY)
    assert any(v.remote == "remote" for v in live)
    assert any(v.salary for v in live)
    companies = demo_site.directory.companies
    places = [(v.place, companies[v.company].address) for v in live]
    assert any(a and a["city"] == p for p, a in places) and any(a and a["city"] != p for p, a in places)


def test_company_pages_have_organization_json_ld(site):
    for company in site.directory.companies.values():
        for lang, prefix in LANGS.items():
            url = f"{SITEURL}/{prefix}companies/{company.slug}/"
            items = [item for item in json_ld(site.file_of(url)) if item.get("@type") == "Organization"]
            assert len(items) == 1
            organization = items[0]
            assert organization["name"] == company.name and organization["url"] == company.website
            assert organization["@id"] == url + "#organization" and organization["mainEntityOfPage"] == url
            assert organization["address"]["addressRegion"] == "Overijssel"
            assert organization["address"]["addressCountry"] == "NL"
            if company.address:
                assert organization["address"]["postalCode"] == company.address["postcode"]
            assert organization.get("description"), f"{company.slug} ({lang})"


def test_json_ld_cannot_break_out_of_its_script(tmp_path):
    content = copy_fixture_site(tmp_path / "content")
    hostile = "</script><script>alert('x')</script><!-- & café"
    vacancy = content / "vacancies" / "alpha-tech" / "python-developer.md"
    vacancy.write_text(vacancy.read_text().replace("title: Python developer", f"title: \"Dev {hostile}\""))
    company = content / "companies" / "alpha-tech.yaml"
    company.write_text(company.read_text().replace("name: Alpha Tech Testbedrijf", f"name: \"Alpha {hostile}\""))
    with plain_text_check_off():  # the validator refuses such names; the JSON-LD must hold anyway
        output = build_site(content, tmp_path / "output", SITEURL=SITEURL)
    for relative in ("vacancies/alpha-tech/python-developer/index.html", "companies/alpha-tech/index.html"):
        page = output / relative
        html = page.read_text(encoding="utf-8")
        assert "<script>alert('x')" not in html and "<!--" not in html
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
        assert len(scripts) == 1 and "<" not in scripts[0] and scripts[0].isascii()
        names = {item.get("title") or item.get("name") for item in json_ld(page)}
        assert f"Dev {hostile}" in names or f"Alpha {hostile}" in names, "the text survives intact"


def test_json_ld_text_is_ascii_with_html_characters_escaped():
    text = dumps({"name": "a</script>\u2028<!--&é"})
    assert text.isascii() and not set("<>&") & set(text)
    assert json.loads(text) == {"name": "a</script>\u2028<!--&é"}


def combined_filters(relative: str) -> bool:
    """A vacancy list with more than one filter set: for visitors, not for search engines."""
    parts = without_prefix(relative).split("/")
    return parts[0] == "vacancies" and sum(
        part in ("type", "municipality", "english-is-enough") for part in parts) > 1


# Open Graph, canonical, feed links ------------------------------------------------------------------
# Pages for people, not search engines: not in the sitemap, and marked noindex (per language).
NOINDEX = ("404.html", "guide/print/index.html", "guide/status/index.html", "shortlist/index.html")
# Printable sheets: an event's A4 sheet and a company's poster.
NOINDEX_ENDINGS = ("/print/index.html", "/poster/index.html")


def is_noindex(relative: str) -> bool:
    relative = without_prefix(relative)
    return relative in NOINDEX or relative.endswith(NOINDEX_ENDINGS)


def test_every_page_has_open_graph_and_feed_links(site):
    for page in site.html_pages():
        relative = page.relative_to(site.output).as_posix()
        lang = language_of(relative)
        others = [OG_LOCALES[code] for code in LANGS if code != lang]
        found = head(page)
        for name in ("og:title", "og:description", "og:url", "og:type", "og:site_name", "og:locale"):
            assert found.meta.get(name) and found.meta[name][0].strip(), f"{relative}: no {name}"
        assert found.meta["og:url"] == [found.canonical], relative
        assert found.meta["og:locale"] == [OG_LOCALES[lang]]
        assert found.meta["og:locale:alternate"] == others
        assert found.meta["og:site_name"] == ["Work in Twente"]
        site_feed = f"{SITEURL}/{LANGS[lang]}feeds/vacancies.atom"
        assert site_feed in found.feeds, relative
        for feed in found.feeds:
            assert site.file_of(feed).is_file(), f"{relative}: {feed} missing"
        if is_noindex(relative):
            assert found.meta.get("robots") == ["noindex"]
        elif combined_filters(relative):
            assert found.meta.get("robots") == ["noindex, follow"], relative
        else:
            assert "robots" not in found.meta


def test_company_and_vacancy_pages_link_the_company_feed(fixture_site):
    for prefix in LANGS.values():
        for path in ("companies/alpha-tech/", "vacancies/alpha-tech/python-developer/"):
            feeds = head(fixture_site.file_of(f"{SITEURL}/{prefix}{path}")).feeds
            assert f"{SITEURL}/{prefix}feeds/companies/alpha-tech.atom" in feeds


def test_vacancy_description_meta_is_a_snippet_of_the_posting(fixture_site):
    found = head(fixture_site.file_of(f"{SITEURL}/vacancies/alpha-tech/python-developer/"))
    assert found.meta["description"] == ["You write Python for the test suite of a fictional company."]
    assert found.meta["og:description"] == found.meta["description"]


# Sitemap and robots.txt -----------------------------------------------------------------------------
def live_urls(site: Site) -> set[str]:
    return {f"{SITEURL}/{prefix}vacancies/{v.company}/{v.slug}/"
            for v in site.directory.live_vacancies(TODAY) for prefix in LANGS.values()}


def expired_paths(site: Site) -> set[str]:
    return {f"vacancies/{v.company}/{v.slug}/" for v in site.directory.vacancies if not v.is_live(TODAY)}


def test_sitemap_lists_every_page_in_every_language_with_alternates(site):
    root = ElementTree.parse(site.output / "sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    locs = []
    for url in root.findall(f"{SM}url"):
        loc = url.find(f"{SM}loc").text
        locs.append(loc)
        assert site.file_of(loc).is_file(), loc
        links = url.findall(f"{XHTML}link")
        alternates = {link.get("hreflang"): link.get("href") for link in links}
        assert all(link.get("rel") == "alternate" for link in links)
        assert set(alternates) == {*LANGS, "x-default"}, loc
        assert loc in alternates.values()
        for href in alternates.values():
            assert href and site.file_of(href).is_file(), f"{loc}: alternate {href}"
        path = without_prefix(loc.removeprefix(SITEURL + "/"))
        assert all(alternates[code] == f"{SITEURL}/{prefix}{path}" for code, prefix in LANGS.items())
        assert alternates["x-default"] == alternates["en"]
    assert len(locs) == len(set(locs))
    pages = {SITEURL + "/" + p.relative_to(site.output).as_posix().removesuffix("index.html")
             for p in site.html_pages()
             if not is_noindex(p.relative_to(site.output).as_posix())
             and not combined_filters(p.relative_to(site.output).as_posix())}
    assert set(locs) == pages
    assert live_urls(site) <= set(locs)
    assert not any(path in loc for loc in locs for path in expired_paths(site))


def test_sitemap_alternates_use_href_attributes(fixture_site):
    text = (fixture_site.output / "sitemap.xml").read_text(encoding="utf-8")
    links = re.findall(r"<xhtml:link [^>]*/>", text)
    assert links and all(re.search(r' href="https://wit\.example/[^"]*"', link) for link in links)


def test_robots_txt_points_at_the_sitemap(site):
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots.splitlines()
    assert not (site.output / "nl" / "robots.txt").exists()


# Atom feeds -------------------------------------------------------------------------------------------
def feed_entries(path: Path) -> tuple[ElementTree.Element, list[ElementTree.Element]]:
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("title", "id", "updated"):
        assert root.find(f"{ATOM}{name}") is not None and root.find(f"{ATOM}{name}").text
    return root, root.findall(f"{ATOM}entry")


def test_site_feeds_hold_live_vacancies_only(site):
    for lang, prefix in LANGS.items():
        feed, entries = feed_entries(site.output / prefix / "feeds" / "vacancies.atom")
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
        expected = {url for url in live_urls(site) if url.startswith(f"{SITEURL}/{prefix}vacancies/")}
        assert links == expected or (len(links) == 50 and links < expected)
        for entry in entries:
            for name in ("title", "id", "updated", "published", "summary", "content"):
                assert entry.find(f"{ATOM}{name}") is not None, name
            assert entry.find(f"{ATOM}author/{ATOM}name").text
            assert site.file_of(entry.find(f"{ATOM}link").get("href")).is_file()
        published = [entry.find(f"{ATOM}published").text for entry in entries]
        assert published == sorted(published, reverse=True), "newest first"
        assert not any(path in link for link in links for path in expired_paths(site))


def test_company_feeds_hold_that_companys_live_vacancies(site):
    for company in site.directory.companies.values():
        for prefix in LANGS.values():
            _feed, entries = feed_entries(site.output / prefix / "feeds" / "companies" / f"{company.slug}.atom")
            links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
            assert links == {f"{SITEURL}/{prefix}vacancies/{v.company}/{v.slug}/"
                             for v in site.directory.vacancies_of(company.slug, TODAY)}


def test_feed_titles_are_translated(fixture_site):
    english, _ = feed_entries(fixture_site.output / "feeds" / "vacancies.atom")
    dutch, _ = feed_entries(fixture_site.output / "nl" / "feeds" / "vacancies.atom")
    assert english.find(f"{ATOM}title").text == "New vacancies on Work in Twente"
    assert dutch.find(f"{ATOM}title").text == "Nieuwe vacatures op Work in Twente"
    company, _ = feed_entries(fixture_site.output / "nl" / "feeds" / "companies" / "beta-zorg.atom")
    assert company.find(f"{ATOM}title").text == "Nieuwe vacatures bij Beta Zorg & Co"


def test_expired_vacancy_is_in_no_feed_sitemap_or_page(fixture_site):
    for path in fixture_site.output.rglob("*"):
        if path.is_file() and path.suffix in (".xml", ".atom", ".html", ".txt"):
            assert "expired-tester" not in path.read_text(encoding="utf-8"), path


def test_local_builds_fall_back_to_localhost(tmp_path):
    content = copy_fixture_site(tmp_path / "content")
    output = build_site(content, tmp_path / "output")  # SITEURL = "" as in pelicanconf.py
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: http://localhost:8000/sitemap.xml" in robots
    page = head(output / "vacancies" / "alpha-tech" / "python-developer" / "index.html")
    assert page.meta["og:url"] == ["http://localhost:8000/vacancies/alpha-tech/python-developer/"]
