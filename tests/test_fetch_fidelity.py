"""Keep what the feed says: entities decoded, employment type, remote status and language per
posting, one file per job, and the application form as ``apply_url`` beside the posting page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import build_site, copy_fixture_site
from test_fetch_support import FeedServer, Route, fetch, fixture, fixture_route, write_company

from content_model import load_directory
from content_model.vacancies import load_vacancy

LANGUAGES = ["en", "nl"]


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def vacancies(content: Path, company: str = "kanaal") -> dict:
    """The company's vacancies by title, as the content model reads them."""
    directory, problems = load_directory(content, LANGUAGES, allow_private_feed_hosts=True)
    assert problems == []
    return {vacancy.title: vacancy for vacancy in directory.vacancies if vacancy.company == company}


def one_feed(tmp_path: Path, server: FeedServer, feed_type: str, path: str, name: str, **feed) -> Path:
    content = tmp_path / "content"
    url = server.route(path, fixture_route(name))
    write_company(content, "kanaal", [{"type": feed_type, "url": url, **feed}])
    report = fetch(content)
    assert report.exit_code == 0, [(f.error, f.problems) for f in report.feeds]
    return content


# Entities and HTML in plain-text fields ----------------------------------------------------------

def test_entities_in_wordpress_titles_are_decoded_in_the_title_and_the_file_name(tmp_path, server):
    content = one_feed(tmp_path, server, "rss", "/?feed=job_feed", "wpjobmanager-rss.xml")
    found = vacancies(content)
    assert set(found) == {"Medewerker planning – 24 uur", "Stagiair(e) marketing & communicatie",
                          "Allround monteur W&E", "Service engineer heat pumps (English speaking)"}
    names = sorted(path.name for path in (content / "vacancies" / "kanaal").glob("*.md"))
    assert [name.rsplit("-", 1)[0] for name in names] == [
        "allround-monteur-w-e", "medewerker-planning-24-uur", "service-engineer-heat-pumps-english-speaking",
        "stagiair-e-marketing-communicatie"]
    assert found["Allround monteur W&E"].place == "Albergen"


def test_html_titles_of_atom_entries_are_decoded_and_their_tags_dropped(tmp_path, server):
    content = one_feed(tmp_path, server, "rss", "/vacatures/feed.atom", "jobs-atom-html.xml")
    assert set(vacancies(content)) == {"Werkvoorbereider E&I – 32-40 uur", "Embedded developer C++ (remote)",
                                       "Vertriebsingenieur (m/w/d) für Norddeutschland"}


def test_json_titles_and_places_are_decoded_and_made_plain_text(tmp_path, server):
    content = tmp_path / "content"
    offers = {"offers": [{
        "id": 77, "title": "R&amp;D engineer &lt;sensors&gt; \u202eevil", "city": "Enschede &amp; Hengelo",
        "careers_url": "https://kanaal.example/o/rd-engineer", "published_at": "2026-11-20 09:00:00 UTC",
        "description": "<p>We are looking for an engineer who will join our team and work with our customers.</p>"}]}
    url = server.route("/api/offers/", Route(json.dumps(offers).encode()))
    write_company(content, "kanaal", [{"type": "recruitee", "url": url}])
    assert fetch(content).exit_code == 0
    (vacancy,) = vacancies(content).values()
    assert vacancy.title == "R&D engineer \u2039sensors\u203a evil" and vacancy.place == "Enschede & Hengelo"


# Employment type, remote status and language per posting ------------------------------------------

def test_wp_job_manager_job_types(tmp_path, server):
    found = vacancies(one_feed(tmp_path, server, "rss", "/?feed=job_feed", "wpjobmanager-rss.xml"))
    assert found["Medewerker planning – 24 uur"].employment_type == ("PART_TIME",)
    intern = found["Stagiair(e) marketing & communicatie"]
    assert (intern.type, intern.employment_type) == ("internship", ("INTERN",))
    assert found["Allround monteur W&E"].employment_type == ("FULL_TIME",)


def test_atom_categories_give_employment_type_remote_status_and_both_schedules(tmp_path, server):
    content = one_feed(tmp_path, server, "rss", "/vacatures/feed.atom", "jobs-atom-html.xml")
    found = vacancies(content)
    both = found["Werkvoorbereider E&I – 32-40 uur"]
    assert both.employment_type == ("FULL_TIME", "PART_TIME") and both.remote is None
    text = next(path.read_text() for path in (content / "vacancies" / "kanaal").glob("werkvoorbereider*"))
    assert "employment_type: [FULL_TIME, PART_TIME]\n" in text
    embedded = found["Embedded developer C++ (remote)"]
    assert (embedded.employment_type, embedded.remote, embedded.language) == (("CONTRACTOR",), "remote", "en")
    german = found["Vertriebsingenieur (m/w/d) für Norddeutschland"]
    assert (german.language, german.employment_type) == ("de", ("FULL_TIME",))  # the entry's xml:lang


def test_teamtailor_remote_status_locations_and_languages(tmp_path, server):
    found = vacancies(one_feed(tmp_path, server, "rss", "/jobs.rss", "teamtailor-rss.xml"))
    coordinator, analyst, manager = (found["Warehouse coordinator"], found["Data-analist supply chain"],
                                     found["Customer success manager DACH"])
    assert (coordinator.place, coordinator.remote, coordinator.language) == ("Hengelo", "on-site", "en")
    assert (analyst.place, analyst.remote, analyst.language) == ("Enschede", "hybrid", "nl")
    assert (manager.place, manager.remote, manager.language) == ("Enschede", "remote", "de")  # place: the company's


def test_a_multilingual_personio_board_is_not_marked_with_the_requested_language(tmp_path, server):
    found = vacancies(one_feed(tmp_path, server, "personio", "/xml?language=nl", "personio-multilingual.xml"))
    by_language = {vacancy.title: (vacancy.language, vacancy.employment_type) for vacancy in found.values()}
    assert by_language == {
        "Verfahrensmechaniker Kunststofftechnik (m/w/d)": ("de", ("FULL_TIME",)),
        "Process engineer injection moulding": ("en", ("FULL_TIME", "PART_TIME")),
        "Operator spuitgieten": ("nl", ("PART_TIME",)),
        "Stage kwaliteitsdienst": ("nl", ("INTERN", "FULL_TIME")),  # too short to tell: the ?language=
    }


def test_greenhouse_custom_fields_for_employment_and_workplace(tmp_path, server):
    found = vacancies(one_feed(tmp_path, server, "greenhouse", "/v1/boards/kanaal/jobs?content=true",
                               "greenhouse-reposts.json"))
    backend = found["Backend developer (Python)"]
    assert (backend.employment_type, backend.remote) == (("FULL_TIME", "PART_TIME"), "hybrid")


# One file per job ---------------------------------------------------------------------------------

def test_greenhouse_reposts_of_one_job_are_written_once_per_place(tmp_path, server):
    content = one_feed(tmp_path, server, "greenhouse", "/v1/boards/kanaal/jobs?content=true", "greenhouse-reposts.json")
    directory, _ = load_directory(content, LANGUAGES, allow_private_feed_hosts=True)
    support = [vacancy for vacancy in directory.vacancies if vacancy.title == "Customer support specialist"]
    assert sorted((vacancy.place, vacancy.source["id"]) for vacancy in support) == [
        ("Enschede", "7301001"), ("Hengelo", "7304420")]
    report = fetch(content)
    skipped = report.feeds[0].skipped
    assert skipped == [{"id": "7304417", "kind": "duplicate",
                        "reason": "a re-post of posting 7301001 (the same job, 6120044, in the same place)"}]
    # The ATS lists the newer re-post first: the posting that has a file keeps it, nothing churns.
    data = json.loads(fixture("greenhouse-reposts.json"))
    data["jobs"][0], data["jobs"][1] = data["jobs"][1], data["jobs"][0]
    server.route("/v1/boards/kanaal/jobs", Route(json.dumps(data).encode()))
    again = fetch(content)
    assert (again.feeds[0].new, again.feeds[0].removed) == (0, 0)
    assert again.feeds[0].skipped[0]["id"] == "7304417"


def test_reposts_written_twice_before_are_cleaned_up(tmp_path, server):
    content = tmp_path / "content"
    data = json.loads(fixture("greenhouse-reposts.json"))
    data["jobs"] = data["jobs"][:2]
    data["jobs"][1]["internal_job_id"] = 6129999  # as if the ATS had not linked them yet
    url = server.route("/v1/boards/kanaal/jobs", Route(json.dumps(data).encode()))
    write_company(content, "kanaal", [{"type": "greenhouse", "url": url}])
    fetch(content)
    assert len(list((content / "vacancies" / "kanaal").glob("*.md"))) == 2
    data["jobs"][1]["internal_job_id"] = 6120044
    server.route("/v1/boards/kanaal/jobs", Route(json.dumps(data).encode()))
    report = fetch(content)
    assert report.exit_code == 0 and report.feeds[0].removed == 1
    assert len(list((content / "vacancies" / "kanaal").glob("*.md"))) == 1


# Application form and posting page --------------------------------------------------------------

SR = "/v1/companies/ZorggroepDinkeldal/postings"


@pytest.mark.parametrize("feed_type, path, routes, title, page, form", [
    ("recruitee", "/api/offers/", {"/api/offers/": "recruitee-offers.json"}, "Stagiair embedded software",
     "/o/stagiair-embedded-software", "/o/stagiair-embedded-software/c/new"),
    ("lever", "/v0/postings/hofweg", {"/v0/postings/hofweg?mode=json": "lever-page-1.json"}, "Transport planner",
     "/hofweg/0c2d9a5e-1b7f-4c3e-9d7a-5e8f1a2b3c4d", "/hofweg/0c2d9a5e-1b7f-4c3e-9d7a-5e8f1a2b3c4d/apply"),
    ("workable", "/api/v1/widget/accounts/zwaluw",
     {"/api/v1/widget/accounts/zwaluw?details=true": "workable-account.json"}, "Projectleider warmtenetten",
     "/j/A1B2C3D4E5", "/j/A1B2C3D4E5/apply"),
    ("smartrecruiters", f"{SR}?limit=2", {
        f"{SR}?limit=2": "smartrecruiters-page-1.json", f"{SR}?limit=2&offset=2": "smartrecruiters-page-2.json",
        **{f"{SR}/{posting}": f"smartrecruiters-posting-{posting}.json"
           for posting in ("744000012345678", "744000012345999", "744000012346111")}},
     "Verpleegkundige wijkzorg", "/jobs.smartrecruiters.com/ZorggroepDinkeldal/744000012345678",
     "/jobs.smartrecruiters.com/ZorggroepDinkeldal/744000012345678?oga=true"),
])
def test_the_application_form_is_apply_url_and_the_posting_page_is_url(tmp_path, server, feed_type, path, routes,
                                                                         title, page, form):
    content = tmp_path / "content"
    for route, name in routes.items():
        server.route(route, fixture_route(name))
    write_company(content, "kanaal", [{"type": feed_type, "url": server.url(path)}])
    assert fetch(content).exit_code == 0
    vacancy = vacancies(content)[title]
    assert vacancy.apply_url == server.url(form) and vacancy.url == server.url(page)


def test_feeds_without_a_separate_form_write_only_apply_url(tmp_path, server):
    found = vacancies(one_feed(tmp_path, server, "rss", "/jobs.rss", "teamtailor-rss.xml"))
    coordinator = found["Warehouse coordinator"]
    assert coordinator.apply_url == server.url("/jobs/4512873-warehouse-coordinator") and coordinator.url is None


def test_a_hand_written_vacancy_with_the_form_url_wins_over_the_feed(tmp_path, server):
    from test_fetch_support import write_manual

    content = tmp_path / "content"
    write_manual(content, "kanaal", "stage-embedded", server.url("/o/stagiair-embedded-software/c/new"))
    url = server.route("/api/offers/", fixture_route("recruitee-offers.json"))
    write_company(content, "kanaal", [{"type": "recruitee", "url": url}])
    report = fetch(content)
    assert any(skipped["id"] == "1843201" and "stage-embedded.md (that file is kept)" in skipped["reason"]
               for skipped in report.feeds[0].skipped)


# The content model and its consumers ----------------------------------------------------------------

VACANCY = """\
---
title: Procesoperator
company: kanaal
type: job
employment_type: {value}
education: [mbo]
language: nl
languages_required: [nl]
place: Enschede
date_posted: 2026-11-01
valid_through: 2027-01-31
apply_url: https://kanaal.example/jobs/1/apply
url: https://kanaal.example/jobs/1
source: manual
---
Je bedient de machines.
"""


@pytest.mark.parametrize("value, message", [
    ("[FULL_TIME, PART_TIME]", None),
    ("FULL_TIME", None),
    ("[FULL_TIME, part-time]", "5:30: employment_type[1]: expected one of: FULL_TIME, PART_TIME, CONTRACTOR, "
                               "TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER; found 'part-time'; "
                               "did you mean 'PART_TIME'?"),
    ("[FULL_TIME, FULL_TIME]", "5:18: employment_type: expected each item only once; found a list"),
    ("[]", "5:18: employment_type: expected at least 1 item; found an empty list"),
    ("3", "5:18: employment_type: expected text or a list; found a whole number (3)"),
])
def test_employment_type_is_one_value_or_a_list(tmp_path, value, message):
    path = tmp_path / "procesoperator.md"
    path.write_text(VACANCY.format(value=value), encoding="utf-8")
    vacancy, problems = load_vacancy(path, "procesoperator.md", LANGUAGES)
    if message is None:
        assert problems == [] and vacancy.url == "https://kanaal.example/jobs/1"
        assert vacancy.employment_type == (("FULL_TIME", "PART_TIME") if "[" in value else ("FULL_TIME",))
    else:
        assert [str(problem) for problem in problems] == [f"procesoperator.md:{message}"]


def test_the_built_page_and_its_json_ld_show_every_employment_type_and_apply_on_the_form(tmp_path, server):
    content = copy_fixture_site(tmp_path / "content")
    postings = [{
        "id": "5b2f0c1e-aaaa-4bbb-8ccc-0d1e2f3a4b5c", "text": "Service desk medewerker", "createdAt": 1794009600000,
        "categories": {"commitment": "Full-time or part-time", "location": "Enschede"},
        "description": "<div>Je helpt onze klanten met hun vragen over onze software, telefonisch en per mail.</div>",
        "lists": [], "additional": "", "workplaceType": "hybrid",
        "hostedUrl": "https://jobs.lever.example/alpha/5b2f0c1e",
        "applyUrl": "https://jobs.lever.example/alpha/5b2f0c1e/apply"}]
    server.route("/v0/postings/alpha?mode=json", Route(json.dumps(postings).encode()))
    company = content / "companies" / "alpha-tech.yaml"
    port = server.base_url.rsplit(":", 1)[1]
    company.write_text(company.read_text(encoding="utf-8")
                       + f"feeds:\n  - type: lever\n    url: http://localhost:{port}/v0/postings/alpha\n",
                       encoding="utf-8")
    assert fetch(content).exit_code == 0
    output = build_site(content, tmp_path / "output")
    (page,) = [path for path in (output / "vacancies" / "alpha-tech").glob("service-desk-medewerker-*/index.html")]
    html = page.read_text(encoding="utf-8")
    assert "<dt>Employment</dt><dd>Full-time, Part-time</dd>" in html
    assert '<a class="button" href="https://jobs.lever.example/alpha/5b2f0c1e/apply"' in html
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block)["employmentType"] == ["FULL_TIME", "PART_TIME"]


def test_the_fidelity_corpus_meets_the_goal():
    """scripts/fetch_fidelity.py: fields right against the reference normalisation of a corpus."""
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "fetch_fidelity.py"
    spec = importlib.util.spec_from_file_location("fetch_fidelity", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    mismatches, right, checked = module.measure(module.CORPUS)
    assert sum(checked.values()) == 210
    assert sum(right.values()) / sum(checked.values()) >= 0.97, mismatches
