"""Never lose data: partial feeds, truncated bodies, failed pages and details, sudden drops.

Every case starts from a good run, breaks the feed the way real servers break, and checks
that no file the feed did not positively re-read is removed, that the feed is reported with
the reason, and that the exit code is 3.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from test_fetch_support import FAST, FeedServer, Route, fetch, fixture, fixture_route, snapshot, write_company

from vacancy_feeds.state import STATE_NAME

SR = "/v1/companies/ZorggroepDinkeldal/postings"
SR_IDS = ("744000012345678", "744000012345999", "744000012346111")
LEVER = "/v0/postings/hofweg"


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def files_of(content: Path, company: str = "kanaal") -> dict[str, str]:
    folder = content / "vacancies" / company
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.md"))}


def jsonld_page(server: FeedServer, *postings: dict, tail: str = "</body>\n</html>\n") -> bytes:
    """A careers page with one JSON-LD block per posting (the way many CMS plugins write them)."""
    blocks = "".join(f'<script type="application/ld+json">\n{json.dumps(posting, indent=2)}\n</script>\n'
                     for posting in postings)
    return (f"<!doctype html>\n<html lang=\"nl\">\n<head><meta charset=\"utf-8\"><title>Werken bij</title>\n{blocks}"
            f"</head>\n<body><h1>Vacatures</h1><p>Kom bij ons werken.</p>\n{tail}").encode()


def job_posting(number: int, title: str) -> dict:
    return {"@context": "https://schema.org", "@type": "JobPosting", "title": title,
            "description": f"<p>Wij zoeken een collega voor ons team in Enschede. Vacature {number}.</p>",
            "identifier": {"@type": "PropertyValue", "value": f"KZ-{number}"},
            "datePosted": "2026-11-10", "validThrough": "2027-01-31",
            "employmentType": "FULL_TIME", "url": f"https://kanaal.example/vacatures/{number}",
            "jobLocation": {"@type": "Place", "address": {"addressLocality": "Enschede"}}}


POSTINGS = [job_posting(1, "Monteur elektrotechniek"), job_posting(2, "Werkvoorbereider installaties"),
            job_posting(3, "Projectleider utiliteitsbouw")]


def jsonld_site(tmp_path: Path, server: FeedServer) -> tuple[Path, str]:
    content = tmp_path / "content"
    url = server.route("/werken-bij", Route(jsonld_page(server, *POSTINGS), content_type="text/html; charset=utf-8"))
    write_company(content, "kanaal", [{"type": "jsonld", "url": url}])
    assert fetch(content).exit_code == 0
    assert len(files_of(content)) == 3
    return content, url


# JSON-LD and truncated pages ---------------------------------------------------------------------

def test_a_truncated_json_ld_block_keeps_every_file_and_makes_the_feed_partial(tmp_path, server):
    content, _ = jsonld_site(tmp_path, server)
    before = snapshot(content)
    broken = json.dumps(POSTINGS[2], indent=2)[:150]  # the CMS cut the third block short
    changed = dict(POSTINGS[0], title="Monteur elektrotechniek (32-40 uur)")
    page = jsonld_page(server, changed, POSTINGS[1]).replace(
        b"</head>", f'<script type="application/ld+json">\n{broken}\n</script>\n</head>'.encode())
    server.route("/werken-bij", Route(page, content_type="text/html"))
    report = fetch(content)
    outcome = report.feeds[0]
    assert report.exit_code == 3
    assert outcome.status == "partial" and outcome.removed == 0
    assert any("JSON-LD block 3 of 3 is not valid JSON" in problem for problem in outcome.problems)
    assert outcome.changed == 1 and outcome.kept == 1  # the readable postings are still brought up to date
    after = snapshot(content)
    assert set(after) == set(before)  # no file lost; the state file is left as it was
    assert after["vacancies/.feed-state.json"] == before["vacancies/.feed-state.json"]
    assert any("(32-40 uur)" in text for text in files_of(content).values())


def test_a_page_cut_off_by_a_real_server_keeps_every_file(tmp_path, server):
    """The server closes the connection part-way through a close-delimited page."""
    content, _ = jsonld_site(tmp_path, server)
    before = files_of(content)
    page = jsonld_page(server, *POSTINGS)
    cut = page.index(b"Projectleider")  # inside the third block
    server.route("/werken-bij", Route(page, content_type="text/html", declare_length=False, truncate_to=cut))
    report = fetch(content)
    assert report.exit_code == 3 and report.feeds[0].status == "partial"
    assert "cut off" in report.feeds[0].problems[0]
    assert files_of(content) == before


def test_a_page_cut_between_blocks_is_noticed_by_its_missing_end(tmp_path, server):
    content, _ = jsonld_site(tmp_path, server)
    before = files_of(content)
    page = jsonld_page(server, *POSTINGS)
    cut = page.index(b'<script type="application/ld+json">\n{\n  "@context": "https://schema.org",\n'
                     b'  "@type": "JobPosting",\n  "title": "Projectleider')
    server.route("/werken-bij", Route(page, content_type="text/html", declare_length=False, truncate_to=cut))
    report = fetch(content)
    assert report.feeds[0].status == "partial" and "no closing </html>" in report.feeds[0].problems[0]
    assert files_of(content) == before


def test_a_body_shorter_than_its_content_length_fails_the_feed_and_keeps_its_files(tmp_path, server):
    content, _ = jsonld_site(tmp_path, server)
    before = snapshot(content)
    page = jsonld_page(server, *POSTINGS)
    server.route("/werken-bij", Route(page, content_type="text/html", truncate_to=len(page) // 2))
    report = fetch(content, settings=dataclasses.replace(FAST, retries=1))
    outcome = report.feeds[0]
    assert report.exit_code == 3 and outcome.status == "failed" and "network error" in outcome.error
    assert outcome.kept == 3 and snapshot(content) == before


def test_a_truncated_json_api_body_fails_the_feed_and_keeps_its_files(tmp_path, server):
    content = tmp_path / "content"
    url = server.route("/api/offers/", fixture_route("recruitee-offers.json", etag=True))
    write_company(content, "kanaal", [{"type": "recruitee", "url": url}])
    fetch(content)
    before = snapshot(content)
    body = fixture("recruitee-offers.json")
    server.route("/api/offers/", Route(body, declare_length=False, truncate_to=len(body) - 40))
    report = fetch(content)
    assert report.feeds[0].status == "failed" and "malformed JSON" in report.feeds[0].error
    assert snapshot(content) == before


# Paged APIs and detail requests -------------------------------------------------------------------

def lever_site(tmp_path: Path, server: FeedServer) -> Path:
    content = tmp_path / "content"
    server.route(f"{LEVER}?mode=json&limit=2", fixture_route("lever-page-1.json"))
    server.route(f"{LEVER}?mode=json&limit=2&skip=2", fixture_route("lever-page-2.json"))
    write_company(content, "kanaal", [{"type": "lever", "url": server.url(f"{LEVER}?mode=json&limit=2")}])
    assert fetch(content).exit_code == 0
    assert len(files_of(content)) == 3
    return content


@pytest.mark.parametrize("page_two", [Route(b"upstream error", status=500),
                                      Route(b'<html><body>Maintenance</body></html>', content_type="text/html"),
                                      Route(b'[{"id": "x", "text": "Cut off', content_type="application/json")],
                         ids=["500", "html with 200", "malformed"])
def test_a_failed_second_page_makes_the_feed_partial_and_keeps_its_postings(tmp_path, server, page_two):
    content = lever_site(tmp_path, server)
    before = files_of(content)
    server.route(f"{LEVER}?mode=json&limit=2&skip=2", page_two)
    report = fetch(content, settings=dataclasses.replace(FAST, retries=0))
    outcome = report.feeds[0]
    assert report.exit_code == 3 and outcome.status == "partial"
    assert outcome.problems[0].startswith("page 2 (http://") and "later pages were not re-read" in outcome.problems[0]
    assert outcome.unchanged == 2 and outcome.kept == 1 and outcome.removed == 0
    assert files_of(content) == before


def smartrecruiters_site(tmp_path: Path, server: FeedServer) -> Path:
    content = tmp_path / "content"
    server.route(f"{SR}?limit=2", fixture_route("smartrecruiters-page-1.json"))
    server.route(f"{SR}?limit=2&offset=2", fixture_route("smartrecruiters-page-2.json"))
    for posting in SR_IDS:
        server.route(f"{SR}/{posting}", fixture_route(f"smartrecruiters-posting-{posting}.json"))
    write_company(content, "kanaal", [{"type": "smartrecruiters", "url": server.url(f"{SR}?limit=2")}])
    assert fetch(content).exit_code == 0
    assert len(files_of(content)) == 3
    return content


def test_a_failed_detail_request_keeps_that_postings_file(tmp_path, server):
    content = smartrecruiters_site(tmp_path, server)
    before = files_of(content)
    server.route(f"{SR}/{SR_IDS[1]}", Route(b'{"message": "internal error"}', status=503))
    report = fetch(content, settings=dataclasses.replace(FAST, retries=1))
    outcome = report.feeds[0]
    assert report.exit_code == 3 and outcome.status == "partial" and outcome.removed == 0
    assert outcome.skipped == [{"id": SR_IDS[1], "kind": "unread",
                                "reason": f"its details ({server.url(f'{SR}/{SR_IDS[1]}')}) could not be read: "
                                          "HTTP 503 Service Unavailable (after 2 attempts)"}]
    assert files_of(content) == before


def test_a_detail_of_the_wrong_shape_keeps_that_postings_file(tmp_path, server):
    content = smartrecruiters_site(tmp_path, server)
    before = files_of(content)
    server.route(f"{SR}/{SR_IDS[0]}", Route(b'{"id": "744000012345678", "jobAd": null}'))
    report = fetch(content)
    assert report.feeds[0].status == "partial" and "no jobAd.sections" in report.feeds[0].problems[0]
    assert files_of(content) == before


# Items the feed lists but that cannot be read ------------------------------------------------------

def test_an_item_without_an_id_makes_the_feed_partial(tmp_path, server):
    content = tmp_path / "content"
    data = json.loads(fixture("recruitee-offers.json"))
    url = server.route("/api/offers/", Route(json.dumps(data).encode()))
    write_company(content, "kanaal", [{"type": "recruitee", "url": url}])
    fetch(content)
    before = files_of(content)
    del data["offers"][0]["id"], data["offers"][0]["slug"]
    server.route("/api/offers/", Route(json.dumps(data).encode()))
    report = fetch(content)
    assert report.feeds[0].status == "partial"
    assert report.feeds[0].problems == ["offers[0]: a posting without an id; it cannot be matched to its file"]
    assert files_of(content) == before


def test_an_item_without_a_title_is_reported_and_its_file_kept(tmp_path, server):
    content = tmp_path / "content"
    data = json.loads(fixture("recruitee-offers.json"))
    url = server.route("/api/offers/", Route(json.dumps(data).encode()))
    write_company(content, "kanaal", [{"type": "recruitee", "url": url}])
    fetch(content)
    before = files_of(content)
    data["offers"][0]["title"] = "   "
    data["offers"].append("not an offer")
    server.route("/api/offers/", Route(json.dumps(data).encode()))
    report = fetch(content)
    outcome = report.feeds[0]
    assert outcome.status == "partial" and outcome.problems == ["offers[3]: expected an object, found a string"]
    assert {"id": "1843201", "kind": "invalid", "reason": "invalid: no title in the feed (offers[0])"} in outcome.skipped
    assert files_of(content) == before


def test_expired_and_invalid_postings_are_listed_in_the_summary(tmp_path, server):
    from vacancy_feeds import summary_lines

    content = tmp_path / "content"
    expired = dict(job_posting(4, "Calculator installatietechniek"), datePosted="2026-09-01",
                   validThrough="2026-10-31")
    short = dict(job_posting(5, "IT"))
    url = server.route("/werken-bij", Route(jsonld_page(server, POSTINGS[0], expired, short), content_type="text/html"))
    write_company(content, "kanaal", [{"type": "jsonld", "url": url}])
    report = fetch(content)
    kinds = {skipped["id"]: (skipped["kind"], skipped["reason"]) for skipped in report.feeds[0].skipped}
    assert kinds["KZ-4"] == ("expired", "its last day, 2026-10-31, has passed")
    assert kinds["KZ-5"] == ("invalid", "invalid: title 'IT' is shorter than 3 characters")
    text = "\n".join(summary_lines(report))
    assert "skipped expired posting KZ-4: its last day, 2026-10-31, has passed" in text
    assert "skipped invalid posting KZ-5" in text


# Sudden drops ---------------------------------------------------------------------------------------

def test_a_feed_that_loses_more_than_half_its_postings_keeps_its_files(tmp_path, server):
    content, _ = jsonld_site(tmp_path, server)
    before = snapshot(content)
    server.route("/werken-bij", Route(jsonld_page(server, POSTINGS[0]), content_type="text/html"))
    report = fetch(content)
    outcome = report.feeds[0]
    assert report.exit_code == 3 and outcome.status == "kept" and outcome.removed == 0 and outcome.kept == 2
    assert "2 of its 3 current vacancy file(s) are no longer in the feed" in outcome.error
    assert "--accept-drops" in outcome.error
    assert snapshot(content) == before
    accepted = fetch(content, accept_drops=True)
    assert accepted.exit_code == 0 and accepted.feeds[0].removed == 2
    assert len(files_of(content)) == 1


def test_losing_half_or_less_is_an_ordinary_change(tmp_path, server):
    content = tmp_path / "content"
    url = server.route("/werken-bij", Route(jsonld_page(server, *POSTINGS[:2]), content_type="text/html"))
    write_company(content, "kanaal", [{"type": "jsonld", "url": url}])
    fetch(content)
    server.route("/werken-bij", Route(jsonld_page(server, POSTINGS[0]), content_type="text/html"))
    report = fetch(content)
    assert report.exit_code == 0 and report.feeds[0].status == "ok" and report.feeds[0].removed == 1


def test_a_drop_is_not_remembered_as_the_new_baseline(tmp_path, server):
    """After a kept drop the next run fetches in full again instead of trusting a 304."""
    content, _ = jsonld_site(tmp_path, server)
    state = (content / "vacancies" / STATE_NAME).read_text()
    server.route("/werken-bij", Route(jsonld_page(server, POSTINGS[0]), content_type="text/html", etag=True))
    fetch(content)
    assert (content / "vacancies" / STATE_NAME).read_text() == state
    server.reset_counters()
    again = fetch(content)
    assert again.feeds[0].status == "kept" and "if-none-match" not in server.seen[0].headers


# The invariant over a sequence of faults -----------------------------------------------------------

FAULTS = {
    "500": Route(b"Internal Server Error", status=500),
    "timeout": Route(b'{"offers": []}', delay=0.6),
    "malformed body": Route(b'{"offers": [{"id": 1843201, "title": "Stagiair', content_type="application/json"),
    "truncated page": Route(fixture("recruitee-offers.json"), truncate_to=700),
    "empty list": Route(b'{"offers": []}'),
    "HTML error page with 200": Route(b"<!doctype html><html><body><h1>Onderhoud</h1></body></html>",
                                      content_type="text/html"),
}


def test_no_fault_after_a_good_run_loses_a_file(tmp_path, server):
    content = tmp_path / "content"
    url = server.route("/api/offers/", fixture_route("recruitee-offers.json", etag=True))
    write_company(content, "kanaal", [{"type": "recruitee", "url": url}])
    assert fetch(content).exit_code == 0
    good = snapshot(content)
    settings = dataclasses.replace(FAST, timeout=0.2, retries=0)
    for name, route in FAULTS.items():
        server.route("/api/offers/", route)
        report = fetch(content, settings=settings)
        assert report.exit_code == 3, name
        assert report.feeds[0].removed == 0 and report.feeds[0].kept == 2, name
        assert snapshot(content) == good, name
