"""Adapters, description conversion, language detection and the mapping defaults (no network)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from test_fetch_support import TODAY, fixture

from content_model import Company, Feed, markup
from vacancy_feeds.adapters import ADAPTERS, FeedFormatError, Posting, adapter_for, parse_date
from vacancy_feeds.description import html_to_markdown, plain_markdown
from vacancy_feeds.language import detect_language
from vacancy_feeds.employment import employment_types, is_employment_phrase
from vacancy_feeds.mapping import (SkipPosting, default_valid_through, education, employment_type, normalize_url,
                                   plain_field, to_vacancy, vacancy_type)
from vacancy_feeds.writer import slugify

BASE = "https://feeds.example"


def body(name: str) -> bytes:
    return fixture(name).replace(b"{base}", BASE.encode())


def by_id(postings: list[Posting]) -> dict[str, Posting]:
    return {posting.id: posting for posting in postings}


def company(**overrides) -> Company:
    fields = dict(slug="acme", path=None, name="Acme", website="https://acme.example", municipality="Hengelo",
                  sectors=("it-software",), size="10-49", languages=("nl", "en"), english_workplace=True,
                  ind_recognised_sponsor=False, relocation_help=False, offers=("jobs",),
                  description={"en": "x"}, address={"street": "A 1", "postcode": "7550 AA", "city": "Hengelo"})
    fields.update(overrides)
    return Company(**fields)


# Adapters ----------------------------------------------------------------------------------------

def test_every_feed_type_of_the_schema_has_an_adapter():
    from content_model import vocabulary
    assert sorted(ADAPTERS) == sorted(vocabulary("feed_type"))
    with pytest.raises(KeyError, match="no adapter"):
        adapter_for("indeed")


def test_recruitee_offers():
    page = adapter_for("recruitee").parse(body("recruitee-offers.json"), f"{BASE}/api/offers/")
    assert page.next_url is None
    intern = page.postings[0]
    assert (intern.id, intern.title, intern.place) == ("1843201", "Stagiair embedded software", "Enschede")
    assert intern.url == f"{BASE}/o/stagiair-embedded-software"
    assert intern.apply_url == f"{BASE}/o/stagiair-embedded-software/c/new"  # careers_apply_url: the form
    assert intern.date_posted == dt.date(2026, 11, 2)
    assert (intern.employment_type, intern.language, intern.remote, intern.hours) == (("internship",), "nl", "on-site", (32, 40))
    assert intern.salary["currency"] == "EUR"
    assert "Wat vragen wij?" in intern.description_html  # requirements are appended
    assert page.postings[1].remote == "hybrid" and page.postings[1].language == "en"


def test_personio_positions():
    url = "https://weverij.jobs.personio.de/xml?language=nl"
    postings = adapter_for("personio").parse(body("personio-positions.xml"), url).postings
    trainee, side_job = postings
    assert (trainee.id, trainee.title, trainee.place) == ("4103", "Trainee procestechnologie", "Almelo")
    assert trainee.url == "https://weverij.jobs.personio.de/job/4103?language=nl" and trainee.apply_url is None
    assert trainee.employment_type == ("trainee", "full-time")
    assert trainee.language is None and trainee.feed_language == "nl"  # ?language= asks, it does not state
    assert trainee.date_posted == dt.date(2026, 11, 5)
    assert "<h3>Wat ga je doen?</h3>" in trainee.description_html
    assert side_job.employment_type == ("permanent", "part-time")


def test_greenhouse_jobs_unescapes_content_and_asks_for_it():
    adapter = adapter_for("greenhouse")
    assert adapter.request_url(f"{BASE}/v1/boards/regge/jobs") == f"{BASE}/v1/boards/regge/jobs?content=true"
    assert adapter.request_url(f"{BASE}/v1/boards/regge/jobs?content=false") == f"{BASE}/v1/boards/regge/jobs?content=false"
    engineer, graduation = adapter.parse(body("greenhouse-jobs.json"), BASE).postings
    assert engineer.id == "5012345" and engineer.language == "en"
    assert engineer.description_html.startswith("<p>Regge Datalab")
    assert engineer.date_posted == dt.date(2026, 11, 3)  # first_published, in its own offset
    assert engineer.place == "Enschede, Netherlands"
    assert graduation.date_posted == dt.date(2026, 11, 21) and graduation.place == "Remote"


def test_lever_postings_and_paging():
    adapter = adapter_for("lever")
    assert adapter.request_url(f"{BASE}/v0/postings/hofweg") == f"{BASE}/v0/postings/hofweg?mode=json"
    url = f"{BASE}/v0/postings/hofweg?mode=json&limit=2"
    page = adapter.parse(body("lever-page-1.json"), url)
    planner = page.postings[0]
    assert planner.title == "Transport planner" and planner.place == "Hengelo, NL"
    assert planner.url.endswith("/hofweg/0c2d9a5e-1b7f-4c3e-9d7a-5e8f1a2b3c4d")  # hostedUrl
    assert planner.apply_url.endswith("/hofweg/0c2d9a5e-1b7f-4c3e-9d7a-5e8f1a2b3c4d/apply")  # applyUrl: the form
    assert planner.date_posted == dt.date(2026, 11, 7)  # createdAt in epoch milliseconds
    assert planner.remote == "on-site" and planner.employment_type == ("Full-time",)
    assert "<h3>Requirements</h3><ul><li>" in planner.description_html
    assert planner.salary == {"min": 42000, "max": 52000, "currency": "EUR", "period": "per-year-salary"}
    assert page.next_url == f"{BASE}/v0/postings/hofweg?mode=json&limit=2&skip=2"
    last = adapter.parse(body("lever-page-2.json"), page.next_url)
    assert last.next_url is None and len(last.postings) == 1
    assert adapter.parse(body("lever-page-1.json"), f"{BASE}/v0/postings/hofweg?mode=json").next_url is None


def test_workable_jobs():
    adapter = adapter_for("workable")
    assert adapter.request_url(f"{BASE}/api/v1/widget/accounts/zwaluw").endswith("?details=true")
    lead, student = adapter.parse(body("workable-account.json"), BASE).postings
    assert (lead.id, lead.place, lead.employment_type) == ("A1B2C3D4E5", "Hengelo", ("Full-time",))
    assert lead.url == f"{BASE}/j/A1B2C3D4E5" and lead.date_posted == dt.date(2026, 11, 4)
    assert student.remote == "remote" and student.place is None


def test_smartrecruiters_paging_and_details():
    adapter = adapter_for("smartrecruiters")
    list_url = f"{BASE}/v1/companies/ZorggroepDinkeldal/postings"
    assert adapter.request_url(list_url) == f"{list_url}?limit=100"
    page = adapter.parse(body("smartrecruiters-page-1.json"), f"{list_url}?limit=2")
    assert page.next_url == f"{list_url}?offset=2&limit=2"
    nurse = page.postings[0]
    assert nurse.detail_url == f"{list_url}/744000012345678"
    assert (nurse.language, nurse.place, nurse.employment_type) == ("nl", "Oldenzaal", ("Part-time", "permanent"))
    assert nurse.date_posted == dt.date(2026, 11, 6)
    assert adapter.parse(body("smartrecruiters-page-2.json"), page.next_url).next_url is None
    detailed = adapter.parse_detail(body("smartrecruiters-posting-744000012345678.json"), nurse)
    assert "Functieomschrijving" in detailed.description_html
    assert "Over Zorggroep Dinkeldal" not in detailed.description_html  # company blurb left out
    assert detailed.url.endswith("/ZorggroepDinkeldal/744000012345678") and detailed.detail_url is None
    with pytest.raises(FeedFormatError, match="jobAd.sections"):
        adapter.parse_detail(b'{"id": "1"}', nurse)


def test_jsonld_job_postings_in_a_graph():
    page_url = f"{BASE}/werken-bij"
    postings = by_id(adapter_for("jsonld").parse(body("careers-jsonld.html"), page_url).postings)
    stage = postings["SHE-2026-07"]
    assert stage.place == "Haaksbergen" and stage.valid_through == dt.date(2027, 1, 31)
    assert stage.employment_type == ("INTERN", "PART_TIME")
    assert stage.description_html.startswith("<p>Tijdens")  # entity-escaped HTML was unescaped
    motion = postings[f"{BASE}/vacatures/motion-designer"]  # no identifier: the URL is the id
    assert motion.remote == "remote" and motion.salary["period"] == "MONTH"
    assert len(postings) == 3


def test_jsonld_page_without_postings_is_empty_but_all_broken_blocks_are_an_error():
    adapter = adapter_for("jsonld")
    assert adapter.parse(b"<html><body>Geen vacatures</body></html>", BASE).postings == []
    with pytest.raises(FeedFormatError, match="malformed"):
        adapter.parse(b'<script type="application/ld+json">{"@type": </script>', BASE)


def test_rss_items():
    postings = adapter_for("rss").parse(body("jobs-rss.xml"), BASE).postings
    planner, graduation = postings
    assert planner.id == "bb-2026-031" and planner.place == "Haaksbergen"  # job:location element
    assert planner.feed_language == "nl" and planner.date_posted == dt.date(2026, 11, 10)
    assert "uitvoerders op de bouwplaats" in planner.description_html  # content:encoded preferred
    assert graduation.id == f"{BASE}/vacatures/afstuderen-circulair" and graduation.place is None


def test_atom_entries():
    research, graduation = adapter_for("rss").parse(body("jobs-atom.xml"), BASE).postings
    assert research.feed_language == "en" and research.date_posted == dt.date(2026, 11, 12)
    assert research.description_html.startswith("<div><p>You will run")  # xhtml content, namespace dropped
    assert graduation.url == f"{BASE}/careers/graduation-sensors"
    assert graduation.date_posted == dt.date(2026, 11, 19)  # falls back to <updated>


@pytest.mark.parametrize("feed_type, payload, message", [
    ("recruitee", fixture("malformed.json"), "malformed JSON"),
    ("recruitee", b'[{"id": 1}]', "expected an object"),
    ("recruitee", b'{"offers": {"id": 1}}', "expected an array"),
    ("greenhouse", b"<html>Service unavailable</html>", "malformed JSON"),
    ("lever", b'{"ok": false, "error": "Document not found"}', "expected an array"),
    ("workable", b"[" * 100_000 + b"]" * 100_000, "malformed JSON"),  # nesting bomb
    ("smartrecruiters", b'{"content": null}', "expected an array"),
    ("personio", b"<html><body>Page not found</body></html>", "workzag-jobs"),
    ("personio", b"<workzag-jobs><position>", "malformed XML"),
    ("rss", b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', "not supported"),
    ("rss", b"<html/>", "expected an RSS 2.0"),
])
def test_bodies_of_the_wrong_shape_raise_feed_format_error(feed_type, payload, message):
    with pytest.raises(FeedFormatError, match=message):
        adapter_for(feed_type).parse(payload, BASE)


@pytest.mark.parametrize("feed_type", ["personio", "rss"])
def test_billion_laughs_is_refused_quickly(feed_type):
    started = time.monotonic()
    with pytest.raises(FeedFormatError, match="unsafe XML"):
        adapter_for(feed_type).parse(fixture("billion-laughs.xml"), BASE)
    assert time.monotonic() - started < 1


def test_external_entities_are_refused():
    payload = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b"<rss><channel><item><title>&x;</title></item></channel></rss>")
    with pytest.raises(FeedFormatError, match="unsafe XML"):
        adapter_for("rss").parse(payload, BASE)


@pytest.mark.parametrize("value, expected", [
    ("2026-11-02", dt.date(2026, 11, 2)),
    ("2026-11-02T23:30:00-05:00", dt.date(2026, 11, 2)),
    ("2026-11-02 09:30:00 UTC", dt.date(2026, 11, 2)),
    ("Tue, 10 Nov 2026 09:00:00 +0100", dt.date(2026, 11, 10)),
    (1794009600000, dt.date(2026, 11, 7)),
    ("2026-13-45", None), ("soon", None), (None, None), (True, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


# Description ----------------------------------------------------------------------------------------

def test_html_is_sanitized_then_stored_as_markdown_that_passes_the_markup_check():
    html = ('<div><h2>Over ons</h2><p onclick="x()">Tekst met <b>nadruk</b> en <a href="javascript:alert(1)">'
            'een link</a>, <a href="https://ok.example/a_b">een goede link</a>.</p><script>evil()</script>'
            '<style>p{}</style><img src=x onerror=alert(1)><iframe src="https://x"></iframe>'
            '<p>1 &lt; 2 &amp; [niet](javascript:alert(2)) *geen* _nadruk_</p><ul><li>een</li><li>twee</li></ul></div>')
    text = html_to_markdown(html)
    assert markup.check(text, "x", 1) == []
    assert "## Over ons" in text and "**nadruk**" in text and "- een\n- twee" in text
    assert "[een goede link](https://ok.example/a_b)" in text
    assert "(javascript:alert(1))" not in text and "en een link," in text  # the bad link became text
    for gone in ("evil", "onclick", "onerror", "<img", "<iframe", "p{}"):
        assert gone not in text
    rendered = markup.render(text)
    assert "1 &lt; 2 &amp;" in rendered and "<em>" not in rendered and "href=\"javascript" not in rendered


def test_plain_markdown_fallback_escapes_everything():
    text = plain_markdown("<p>a <b>b</b></p><p>[x](javascript:y) &lt;script&gt;</p>")
    assert markup.check(text, "x", 1) == []
    assert "<script" not in markup.render(text)


# Language -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Wij zoeken een collega die graag met ons werkt aan de robots van de toekomst.", "nl"),
    ("We are looking for an engineer who will join our team and work with the robots.", "en"),
    ("Wir suchen eine Kollegin, die mit uns an der Zukunft der Robotik arbeitet und sich für Technik begeistert.", "de"),
    ("Python developer", None),
    ("", None),
])
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_language_precedence():
    acme = company()
    dutch_text = "<p>Wij zoeken een collega die graag met ons werkt aan de robots van de toekomst.</p>"
    posting = Posting("1", "Engineer", "https://acme.example/1", dutch_text)
    assert to_vacancy(posting, acme, Feed("rss", "https://acme.example/feed"), TODAY).fields["language"] == "nl"
    assert to_vacancy(posting, acme, Feed("rss", "https://acme.example/feed", "de"), TODAY).fields["language"] == "de"
    stated = Posting("1", "Engineer", "https://acme.example/1", dutch_text, language="en")
    assert to_vacancy(stated, acme, Feed("rss", "https://acme.example/feed", "de"), TODAY).fields["language"] == "en"
    short = Posting("1", "Engineer", "https://acme.example/1", "<p>C++</p>")
    assert to_vacancy(short, company(languages=("en", "nl")), Feed("rss", "https://a.example"), TODAY).fields["language"] == "en"


# Mapping defaults --------------------------------------------------------------------------------

@pytest.mark.parametrize("title, feed_employment, kind", [
    ("Afstudeeropdracht vision", None, "graduation-project"),
    ("Graduation assignment: soft gripper", None, "graduation-project"),
    ("Afstudeerstage logistiek", None, "graduation-project"),
    ("Stage marketing", None, "internship"),
    ("Stagiair(e) HR", None, "internship"),
    ("Software intern", None, "internship"),
    ("Data analyst", "Intern", "internship"),
    ("Early-stage product manager", None, "job"),
    ("Trainee procestechnologie", None, "traineeship"),
    ("Procestechnoloog", "trainee", "traineeship"),
    ("Bijbaan magazijn", None, "side-job"),
    ("Student job test hall", None, "side-job"),
    ("Werkstudent IT", None, "side-job"),
    ("Vakantiewerk productie", None, "side-job"),
    ("Zomerbaan productiemedewerker", None, "side-job"),
    ("Internal auditor", None, "job"),
    ("Python developer", None, "job"),
])
def test_vacancy_type_from_title(title, feed_employment, kind):
    assert vacancy_type(title, (feed_employment,) if feed_employment else ()) == kind


@pytest.mark.parametrize("wording, expected", [
    (["FULL_TIME"], ["FULL_TIME"]), (["INTERN", "PART_TIME"], ["PART_TIME", "INTERN"]),
    (["Full-time"], ["FULL_TIME"]), (["permanent", "part-time"], ["PART_TIME"]), (["permanent"], ["FULL_TIME"]),
    (["permanent", "full-or-part-time"], ["FULL_TIME", "PART_TIME"]),
    (["fulltime_fixed_term"], ["FULL_TIME", "TEMPORARY"]), (["fulltime_permanent"], ["FULL_TIME"]),
    (["internship"], ["INTERN"]), (["Contract"], ["CONTRACTOR"]), (["Permanent contract"], ["FULL_TIME"]),
    (["Fixed-term contract"], ["TEMPORARY"]), (["freelance"], ["CONTRACTOR"]), (["Stage"], ["INTERN"]),
    (["Vollzeit"], ["FULL_TIME"]), (["Voltijd &amp; deeltijd"], ["FULL_TIME", "PART_TIME"]),
    (["Vrijwilliger"], ["VOLUNTEER"]), (["Internal sales"], []), (["whatever"], []), ([], []),
])
def test_employment_wording_becomes_schema_org_values(wording, expected):
    assert employment_types(wording) == expected


@pytest.mark.parametrize("category, expected", [
    ("Part-time", True), ("Stage", True), ("Full Time", True), ("FULL_TIME", True), ("Vast", True),
    ("Sales", False), ("Contract management", False), ("Internal audit", False), ("Engineering", False),
])
def test_only_whole_employment_phrases_count_as_categories(category, expected):
    assert is_employment_phrase(category) is expected


def test_employment_type_defaults():
    assert employment_type("internship", "Stage", ("Full-time",)) == ["INTERN", "FULL_TIME"]
    assert employment_type("internship", "Stage") == ["INTERN"]
    assert employment_type("job", "Developer", ("Full-time", "Part-time")) == ["FULL_TIME", "PART_TIME"]
    assert employment_type("job", "Developer (part-time)") == ["PART_TIME"]
    assert employment_type("job", "ZZP installateur") == ["CONTRACTOR"]
    assert employment_type("side-job", "Bijbaan") == ["PART_TIME"]
    assert employment_type("job", "Developer") == ["FULL_TIME"]
    assert employment_type("job", "Developer", ("Sales",)) == ["FULL_TIME"]  # unknown wording: the default


def test_education_defaults_to_hbo_wo():
    assert education("Python developer") == ["hbo", "wo"]
    assert education("Je hebt een mbo-diploma") == ["mbo"]
    assert education("HBO/WO werk- en denkniveau") == ["hbo", "wo"]
    assert education("Wo du arbeitest, entscheidest du") == ["hbo", "wo"]  # German "wo" is not WO


def test_default_valid_through():
    posted = dt.date(2026, 11, 1)
    assert default_valid_through(posted, TODAY, None) == dt.date(2026, 12, 31)  # date_posted + 60
    old = dt.date(2026, 8, 1)
    assert default_valid_through(old, TODAY, None) == TODAY + dt.timedelta(days=30)  # never before today + 1
    assert default_valid_through(old, TODAY, dt.date(2026, 12, 10)) == dt.date(2026, 12, 10)  # keep, no churn
    assert default_valid_through(old, TODAY, TODAY) == TODAY + dt.timedelta(days=30)


def test_mapping_places_titles_salary_and_invalid_postings():
    feed = Feed("rss", "https://acme.example/feed")
    draft = to_vacancy(Posting("1", "  Developer \n Twente ", "/jobs/1", "", place="Remote"), company(), feed, TODAY)
    assert draft.fields["title"] == "Developer Twente"
    assert draft.fields["place"] == "Hengelo" and draft.fields["remote"] == "remote"  # the company's city
    for place, remote in (("Remote - Netherlands", "remote"), ("Hybrid (Enschede)", "hybrid"),
                          ("Fully remote", "remote")):
        mapped = to_vacancy(Posting("1b", "Developer", "/jobs/1b", place=place), company(), feed, TODAY).fields
        assert (mapped["place"], mapped["remote"]) == ("Hengelo", remote), place
    assert draft.fields["apply_url"] == "https://acme.example/jobs/1"  # relative link resolved
    assert draft.fields["source"] == {"type": "rss", "feed": feed.url, "id": "1"}
    assert draft.body.endswith("<https://acme.example/jobs/1>")  # no description: link to the posting
    long = to_vacancy(Posting("2", "x" * 300, "https://a.example/2"), company(), feed, TODAY)
    assert len(long.fields["title"]) == 140
    dollars = Posting("3", "Engineer", "https://a.example/3", salary={"min": 1, "max": 2, "currency": "USD", "period": "year"})
    assert to_vacancy(dollars, company(), feed, TODAY).fields["salary"] is None
    with pytest.raises(SkipPosting, match="shorter than 3"):
        to_vacancy(Posting("4", "IT", "https://a.example/4"), company(), feed, TODAY)
    with pytest.raises(SkipPosting, match="not an http"):
        to_vacancy(Posting("5", "Engineer", "mailto:jobs@a.example"), company(), feed, TODAY)
    backwards = Posting("6", "Engineer", "https://a.example/6", date_posted=dt.date(2026, 11, 20),
                        valid_through=dt.date(2026, 11, 10))
    with pytest.raises(SkipPosting, match="before the posting date"):
        to_vacancy(backwards, company(), feed, TODAY)


@pytest.mark.parametrize("raw, plain", [
    ("R&amp;D engineer", "R&D engineer"),
    ("Sales &amp;amp; marketing", "Sales & marketing"),            # encoded twice
    ("Developer&#8217;s job &#8211; Enschede", "Developer\u2019s job \u2013 Enschede"),
    ("<b>Senior</b> engineer<br/>", "Senior engineer"),             # an HTML title
    ("Salary &lt; 3000 &gt; 2000", "Salary \u2039 3000 \u203a 2000"),  # plain text has no < >
    ("Tab\tand\nline \u202eflip", "Tab and line flip"),
    ("Engineer (m/v/x)", "Engineer (m/v/x)"),
])
def test_plain_fields_are_decoded_and_made_plain_text(raw, plain):
    assert plain_field(raw) == plain


def test_slugs_and_url_comparison():
    assert slugify("Stagiair(e) Marketing – Enschede") == "stagiair-e-marketing-enschede"
    assert slugify("Ingénieur façade") == "ingenieur-facade"
    assert slugify("数据工程师") == "vacancy"
    assert len(slugify("word " * 40)) <= 60
    assert normalize_url("HTTPS://Jobs.Example:443/a/?utm_source=x&b=1#apply") == normalize_url("https://jobs.example/a?b=1")
