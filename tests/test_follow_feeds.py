"""Follow a search: Atom feeds per kind of position, sector, municipality and event.

Every feed is checked against RFC 4287 (``atom_rules``) and holds exactly the live vacancies
of what it follows, newest first; the browse pages link to them; the search page offers the
feed of its one chosen filter (in Chromium).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from atom_rules import atom_problems
from content_model import load_directory, vocabulary
from directory_site.vacancy_filters import municipality_slug
from search_support import serve
from support import BUILD_DATE, SITE_LANGUAGES, build_site, copy_fixture_site

ATOM = "{http://www.w3.org/2005/Atom}"
PUBLISHED = "https://work-in-twente.example"
TODAY = dt.date.fromisoformat(BUILD_DATE)

# A second company in Enschede's IT sector with one live and one expired vacancy, and a vacancy
# of alpha-tech (Enschede) whose workplace is in Hengelo.
EXTRA_COMPANY = """\
name: Gamma Software
website: https://gamma.example
municipality: Borne
sectors: [it-software, logistics]
size: 10-49
languages: [en]
international: {english_workplace: true, ind_recognised_sponsor: false, relocation_help: false}
offers: [jobs]
description:
  en: A fictional company for the feed tests.
"""


def vacancy(title: str, company: str, kind: str, posted: str, through: str, municipality: str = "") -> str:
    return (f"---\ntitle: {title}\ncompany: {company}\ntype: {kind}\nemployment_type: FULL_TIME\n"
            "education: [hbo]\nlanguage: en\nlanguages_required: [en]\nplace: Somewhere\n"
            + (f"municipality: {municipality}\n" if municipality else "")
            + f"date_posted: {posted}\nvalid_through: {through}\napply_url: https://x.example/apply\n"
            "source: manual\n---\nA fictional vacancy for the feed tests.\n")


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds")
    content = copy_fixture_site(root / "content")
    (content / "companies" / "gamma-software.yaml").write_text(EXTRA_COMPANY, encoding="utf-8")
    folder = content / "vacancies" / "gamma-software"
    folder.mkdir()
    (folder / "live-dispatcher.md").write_text(
        vacancy("Live dispatcher", "gamma-software", "job", "2026-11-20", "2027-01-31"), encoding="utf-8")
    (folder / "old-dispatcher.md").write_text(
        vacancy("Old dispatcher", "gamma-software", "job", "2026-09-01", "2026-10-31"), encoding="utf-8")
    (folder / "future-intern.md").write_text(
        vacancy("Future intern", "gamma-software", "internship", "2026-12-20", "2027-02-28"), encoding="utf-8")
    (content / "vacancies" / "alpha-tech" / "hengelo-tester.md").write_text(
        vacancy("Hengelo tester", "alpha-tech", "side-job", "2026-11-25", "2027-01-31", "Hengelo"), encoding="utf-8")
    events = content / "events" / "campus-fair.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "  - gamma-software\n", encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(content, tmp_path_factory):
    return build_site(content, tmp_path_factory.mktemp("feeds-out") / "output", SEO_LOCAL_SITEURL=PUBLISHED)


@pytest.fixture(scope="module")
def directory(content):
    directory, problems = load_directory(content, ["en", "nl"])
    assert problems == []
    return directory


def entries(path) -> list[str]:
    """The vacancy keys (company/slug) of a feed's entries, in order."""
    root = ET.fromstring(path.read_bytes())
    return ["/".join(entry.find(f"{ATOM}link").get("href").rstrip("/").split("/")[-2:])
            for entry in root.findall(f"{ATOM}entry")]


def newest_first(vacancies) -> list[str]:
    return [v.key for v in sorted(vacancies, key=lambda v: (-v.date_posted.toordinal(), v.key))]


def all_feeds(site):
    return sorted(site.rglob("*.atom"))


def test_every_feed_is_valid_atom(site):
    feeds = all_feeds(site)
    # site + 3 companies + 2 events + 5 kinds + 15 sectors + 14 municipalities, in each language
    assert len(feeds) == len(SITE_LANGUAGES) * (1 + 3 + 2 + len(vocabulary("vacancy_type")) + len(vocabulary("sector"))
                              + len(vocabulary("municipality")))
    for feed in feeds:
        assert atom_problems(feed.read_bytes()) == [], feed.relative_to(site)


def test_atom_rules_catch_broken_feeds():
    broken = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>not-an-iri</id>'
              b'<updated>2026-11-27</updated><entry><title>e</title><id>https://x.example/e</id>'
              b'<updated>2026-11-27T00:00:00Z</updated><updated>2026-11-27T00:00:00Z</updated></entry></feed>')
    assert atom_problems(broken) == [
        "feed: atom:id 'not-an-iri' is not an absolute IRI",
        "feed: atom:updated '2026-11-27' is not an RFC 3339 date-time",
        'feed: no rel="self" link',
        "entry 1: more than one atom:updated",
        "entry 1: no atom:author, and the feed has none",
        "entry 1: neither atom:content nor an alternate link",
    ]


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_feeds_hold_exactly_the_live_vacancies_they_follow(site, directory, prefix):
    live = directory.live_vacancies(TODAY)
    assert {"gamma-software/old-dispatcher", "gamma-software/future-intern", "alpha-tech/expired-tester"} \
        .isdisjoint(v.key for v in live)
    for kind in vocabulary("vacancy_type"):
        assert entries(site / prefix / f"feeds/type/{kind}.atom") == newest_first(v for v in live if v.type == kind), kind
    for sector in vocabulary("sector"):
        expected = newest_first(v for v in live if sector in directory.companies[v.company].sectors)
        assert entries(site / prefix / f"feeds/sector/{sector}.atom") == expected, sector
    for place in vocabulary("municipality"):
        expected = newest_first(v for v in live if directory.municipality_of(v) == place)
        assert entries(site / prefix / f"feeds/municipality/{municipality_slug(place)}.atom") == expected, place
    fair = directory.events["campus-fair"]
    assert entries(site / prefix / "feeds/events/campus-fair.atom") == newest_first(
        v for v in live if v.company in fair.companies)
    # Spot checks against the fixture itself, so that an empty model cannot pass.
    assert entries(site / prefix / "feeds/type/job.atom") == ["gamma-software/live-dispatcher", "alpha-tech/python-developer"]
    assert "alpha-tech/hengelo-tester" in entries(site / prefix / "feeds/municipality/hengelo.atom")
    assert "alpha-tech/hengelo-tester" not in entries(site / prefix / "feeds/municipality/enschede.atom")
    assert entries(site / prefix / "feeds/sector/logistics.atom") == ["gamma-software/live-dispatcher"]


def test_feed_titles_and_pages_follow_the_language(site):
    def head(path):
        root = ET.fromstring(path.read_bytes())
        alternate = next(link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate")
        return root.find(f"{ATOM}title").text, alternate, root.get("{http://www.w3.org/XML/1998/namespace}lang")

    assert head(site / "feeds/type/internship.atom") == (
        "New vacancies: Internship", f"{PUBLISHED}/vacancies/type/internship/", "en")
    assert head(site / "nl/feeds/type/internship.atom") == (
        "Nieuwe vacatures: Stage", f"{PUBLISHED}/nl/vacancies/type/internship/", "nl")
    # A kind with no vacancies has no list of its own: its feed belongs to the whole list.
    assert head(site / "feeds/type/traineeship.atom")[1] == f"{PUBLISHED}/vacancies/"
    assert head(site / "nl/feeds/sector/it-software.atom")[:2] == (
        "Nieuwe vacatures in IT en software", f"{PUBLISHED}/nl/companies/sector/it-software/")
    assert head(site / "feeds/events/campus-fair.atom")[:2] == (
        "New vacancies of the companies at Campus Fair", f"{PUBLISHED}/events/campus-fair/")


@pytest.mark.parametrize(("page", "feed"), [
    ("vacancies/type/internship/index.html", "feeds/type/internship.atom"),
    ("vacancies/municipality/enschede/index.html", "feeds/municipality/enschede.atom"),
    ("companies/sector/it-software/index.html", "feeds/sector/it-software.atom"),
    ("companies/municipality/hof-van-twente/index.html", "feeds/municipality/hof-van-twente.atom"),
    ("events/campus-fair/index.html", "feeds/events/campus-fair.atom"),
])
@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_browse_pages_link_their_feed(site, page, feed, prefix):
    html = (site / prefix / page).read_text(encoding="utf-8")
    assert f'<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="/{prefix}{feed}"' in html.split("</head>")[0]
    body = html.split("</head>")[1]
    assert f'<a href="/{prefix}{feed}" type="application/atom+xml"' in body
    assert (site / prefix / feed).is_file()


def test_combined_filters_have_no_follow_link(site):
    html = (site / "vacancies/type/internship/municipality/enschede/index.html").read_text(encoding="utf-8")
    assert "data-follow-feed" not in html


@pytest.mark.browser
def test_search_page_offers_the_feed_of_its_one_filter(site, page):
    with serve(site) as base:
        page.goto(f"{base}/nl/search/?type=internship")
        follow = page.locator("[data-search-follow]")
        follow.wait_for(state="visible")
        assert follow.locator("a").get_attribute("href") == "/nl/feeds/type/internship.atom"
        assert "Nieuwe vacatures: Stage" in follow.inner_text()
        page.goto(f"{base}/search/?q=python&municipality=Enschede")
        page.wait_for_selector("[data-search-ready]")
        assert follow.locator("a").get_attribute("href") == "/feeds/municipality/enschede.atom"
        page.goto(f"{base}/search/?type=internship&municipality=Enschede")
        page.wait_for_selector("[data-search-ready]")
        assert follow.is_hidden()  # two filters: no feed follows both
        page.goto(f"{base}/search/?type=company")
        page.wait_for_selector("[data-search-ready]")
        assert follow.is_hidden()  # companies are not vacancies
