"""Whole fetch runs against a local server: files, state, removal and failure handling."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from test_fetch_support import (FAST, LANGUAGES, TODAY, FeedServer, Route, fetch, fixture, fixture_route,
                                snapshot, write_company, write_manual)

from content_model import load_directory
from vacancy_feeds.state import STATE_NAME

SR = "/v1/companies/ZorggroepDinkeldal/postings"
SR_IDS = ("744000012345678", "744000012345999", "744000012346111")

# feed type -> (company slug, path of the configured URL, routes to serve: path -> fixture)
ALL_FEEDS = {
    "recruitee": ("kanaal", "/api/offers/", {"/api/offers/": "recruitee-offers.json"}),
    "personio": ("weverij", "/xml?language=nl", {"/xml?language=nl": "personio-positions.xml"}),
    "greenhouse": ("regge", "/v1/boards/regge/jobs", {"/v1/boards/regge/jobs?content=true": "greenhouse-jobs.json"}),
    "lever": ("hofweg", "/v0/postings/hofweg?mode=json&limit=2", {
        "/v0/postings/hofweg?mode=json&limit=2": "lever-page-1.json",
        "/v0/postings/hofweg?mode=json&limit=2&skip=2": "lever-page-2.json"}),
    "workable": ("zwaluw", "/api/v1/widget/accounts/zwaluw", {
        "/api/v1/widget/accounts/zwaluw?details=true": "workable-account.json"}),
    "smartrecruiters": ("dinkeldal", f"{SR}?limit=2", {
        f"{SR}?limit=2": "smartrecruiters-page-1.json", f"{SR}?limit=2&offset=2": "smartrecruiters-page-2.json",
        **{f"{SR}/{posting}": f"smartrecruiters-posting-{posting}.json" for posting in SR_IDS}}),
    "jsonld": ("hoge-esch", "/werken-bij", {"/werken-bij": "careers-jsonld.html"}),
    "rss": ("buurserzand", "/vacatures.rss", {"/vacatures.rss": "jobs-rss.xml"}),
}
# Files each feed writes (after de-duplication and expiry).
EXPECTED_FILES = {"recruitee": 2, "personio": 2, "greenhouse": 2, "lever": 3, "workable": 2,
                  "smartrecruiters": 3, "jsonld": 2, "rss": 2}


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def serve_feed(server: FeedServer, feed_type: str, etag: bool = True) -> str:
    _, path, routes = ALL_FEEDS[feed_type]
    for route_path, name in routes.items():
        server.route(route_path, fixture_route(name, etag=etag))
    return server.url(path)


def vacancy_files(content: Path, company: str) -> dict[str, str]:
    folder = content / "vacancies" / company
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.md"))}


def site(tmp_path: Path, server: FeedServer, feed_types=tuple(ALL_FEEDS)) -> Path:
    content = tmp_path / "content"
    for feed_type in feed_types:
        write_company(content, ALL_FEEDS[feed_type][0], [{"type": feed_type, "url": serve_feed(server, feed_type)}])
    return content


def one_feed_site(tmp_path: Path, server: FeedServer, name: str = "recruitee-offers.json",
                  feed_type: str = "recruitee", path: str = "/api/offers/") -> tuple[Path, str]:
    content = tmp_path / "content"
    url = server.route(path, fixture_route(name, etag=True))
    write_company(content, "kanaal", [{"type": feed_type, "url": url}])
    return content, url


def test_every_adapter_end_to_end_and_the_validator_accepts_the_files(tmp_path, server):
    content = site(tmp_path, server)
    report = fetch(content)
    assert report.exit_code == 0, [feed.error for feed in report.feeds]
    for feed_type, (slug, _, _) in ALL_FEEDS.items():
        files = vacancy_files(content, slug)
        assert len(files) == EXPECTED_FILES[feed_type], (feed_type, list(files))
        for text in files.values():
            assert f"source: {{type: {feed_type}, feed: " in text
    directory, problems = load_directory(content, LANGUAGES, allow_private_feed_hosts=True)
    assert problems == []
    assert len(directory.vacancies) == sum(EXPECTED_FILES.values())
    assert len(directory.live_vacancies(TODAY)) == sum(EXPECTED_FILES.values())
    by_title = {vacancy.title: vacancy for vacancy in directory.vacancies}
    assert by_title["Stagiair embedded software"].type == "internship"
    assert by_title["Trainee procestechnologie"].type == "traineeship"
    assert by_title["Meewerkstage verpleegkunde"].employment_type == ("INTERN",)
    assert by_title["Afstudeeropdracht circulair bouwen"].type == "graduation-project"
    assert by_title["Werkstudent data-analyse energieverbruik"].type == "side-job"
    assert "Closed posting" not in by_title  # its validThrough passed


def test_output_is_deterministic_and_file_names_are_stable(tmp_path, server):
    first, second = site(tmp_path / "a", server), site(tmp_path / "b", server)
    fetch(first)
    fetch(second)
    assert snapshot(first / "vacancies") == snapshot(second / "vacancies")
    names = vacancy_files(first, "kanaal")
    assert sorted(names) == ["junior-robotics-engineer-" + names_hash(first, "kanaal", "1843377"),
                             "stagiair-embedded-software-" + names_hash(first, "kanaal", "1843201")]


def names_hash(content: Path, company: str, posting_id: str) -> str:
    from vacancy_feeds.writer import stable_hash
    url = next(iter(json.loads((content / "vacancies" / STATE_NAME).read_text())["feeds"][company]))
    return stable_hash(url, posting_id)[:8] + ".md"


def test_unchanged_feeds_cost_a_304_and_rewrite_nothing(tmp_path, server):
    content = site(tmp_path, server)
    fetch(content)
    before = snapshot(content)
    mtimes = {path: path.stat().st_mtime_ns for path in (content / "vacancies").rglob("*") if path.is_file()}
    server.reset_counters()
    report = fetch(content)
    assert report.exit_code == 0
    statuses = {feed.type: feed.status for feed in report.feeds}
    assert all(status == "unchanged" for status in statuses.values()), statuses
    assert snapshot(content) == before
    assert mtimes == {path: path.stat().st_mtime_ns for path in (content / "vacancies").rglob("*") if path.is_file()}
    assert all(seen.headers.get("if-none-match") for seen in server.seen)
    assert report.bytes_downloaded == 0


def test_feed_without_validators_is_parsed_again_but_nothing_rewritten(tmp_path, server):
    content = tmp_path / "content"
    write_company(content, "kanaal", [{"type": "recruitee", "url": server.route(
        "/api/offers/", fixture_route("recruitee-offers.json"))}])
    fetch(content)
    before = snapshot(content)
    report = fetch(content)
    assert report.feeds[0].status == "ok" and report.feeds[0].unchanged == 2
    assert report.feeds[0].new == report.feeds[0].changed == 0
    assert snapshot(content) == before


def test_state_file_is_deterministic_json(tmp_path, server):
    content = site(tmp_path, server, ("recruitee", "lever"))
    fetch(content)
    text = (content / "vacancies" / STATE_NAME).read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    state = json.loads(text)
    entry = state["feeds"]["kanaal"][server.url("/api/offers/")]
    assert entry["etag"] and entry["type"] == "recruitee"
    assert set(entry["postings"]) == {"1843201", "1843377"}


def test_changed_posting_updates_the_same_file_and_a_vanished_posting_is_removed(tmp_path, server):
    content, url = one_feed_site(tmp_path, server)
    fetch(content)
    before = vacancy_files(content, "kanaal")
    data = json.loads(fixture("recruitee-offers.json"))
    data["offers"][0]["title"] = "Stagiair embedded software (Enschede)"
    del data["offers"][1:]
    server.route("/api/offers/", Route(json.dumps(data).encode(), etag=True))
    report = fetch(content)
    assert (report.feeds[0].changed, report.feeds[0].removed) == (1, 1)
    after = vacancy_files(content, "kanaal")
    stage = next(name for name in before if name.startswith("stagiair"))
    assert list(after) == [stage]  # renamed title, same file
    assert "title: Stagiair embedded software (Enschede)" in after[stage]


def test_a_listed_posting_that_became_unusable_keeps_its_file(tmp_path, server):
    content, _ = one_feed_site(tmp_path, server)
    fetch(content)
    before = vacancy_files(content, "kanaal")
    data = json.loads(fixture("recruitee-offers.json"))
    data["offers"][0]["title"] = "IT"  # too short for the model
    server.route("/api/offers/", Route(json.dumps(data).encode()))
    report = fetch(content)
    assert report.feeds[0].status == "ok" and report.feeds[0].removed == 0
    assert any("shorter than 3" in skipped["reason"] for skipped in report.feeds[0].skipped)
    assert vacancy_files(content, "kanaal") == before


def test_a_copied_fetched_file_is_cleaned_up(tmp_path, server):
    content, _ = one_feed_site(tmp_path, server)
    fetch(content)
    folder = content / "vacancies" / "kanaal"
    original = sorted(folder.glob("*.md"))[0]
    (folder / ("zz-copy-" + original.name)).write_text(original.read_text())
    report = fetch(content)
    assert report.feeds[0].removed == 1 and not (folder / ("zz-copy-" + original.name)).exists()
    assert original.exists()


@pytest.mark.parametrize("etag", [True, False], ids=["304", "200"])
def test_expired_postings_are_removed(tmp_path, server, etag):
    content = tmp_path / "content"
    url = server.route("/werken-bij", fixture_route("careers-jsonld.html", etag=etag))
    write_company(content, "kanaal", [{"type": "jsonld", "url": url}])
    fetch(content)
    assert len(vacancy_files(content, "kanaal")) == 2
    # The stage posting's own validThrough is 2027-01-31; a fetch after that day removes it.
    report = fetch(content, today=dt.date(2027, 2, 1))
    assert report.feeds[0].status == ("unchanged" if etag else "ok") and report.feeds[0].removed == 1
    remaining = vacancy_files(content, "kanaal")
    assert list(remaining) == [name for name in remaining if name.startswith("motion-designer")]


def test_default_valid_through_is_extended_while_the_posting_is_listed(tmp_path, server):
    content, _ = one_feed_site(tmp_path, server, "careers-jsonld.html", "jsonld", "/werken-bij")
    fetch(content)
    motion = next(name for name in vacancy_files(content, "kanaal") if name.startswith("motion"))
    assert "valid_through: 2027-01-15" in vacancy_files(content, "kanaal")[motion]  # posted + 60 days
    later = dt.date(2027, 1, 15)
    report = fetch(content, today=later)  # 304: still listed, so the default is extended
    assert report.feeds[0].status == "unchanged"
    assert "valid_through: 2027-02-14" in vacancy_files(content, "kanaal")[motion]
    fetch(content, today=later + dt.timedelta(days=3))  # no churn in between
    assert "valid_through: 2027-02-14" in vacancy_files(content, "kanaal")[motion]


def test_duplicates_are_written_once(tmp_path, server):
    content = tmp_path / "content"
    data = json.loads(fixture("recruitee-offers.json"))
    twin = dict(data["offers"][0], id=999, title="Stagiair embedded software (kopie)")  # same apply URL
    data["offers"].append(twin)
    first = server.route("/a/api/offers/", Route(json.dumps(data).encode()))
    second = server.route("/b/api/offers/", fixture_route("recruitee-offers.json"))
    write_company(content, "kanaal", [{"type": "recruitee", "url": first}, {"type": "recruitee", "url": second}])
    report = fetch(content)
    assert report.exit_code == 0
    files = vacancy_files(content, "kanaal")
    assert len(files) == 2  # the second feed lists the same postings: the first feed's files win
    reasons = [skipped["reason"] for feed in report.feeds for skipped in feed.skipped]
    assert any("same posting page as posting 1843201 in this feed" in reason for reason in reasons)
    assert sum("(that file is kept)" in reason for reason in reasons) == 2
    assert fetch(content).exit_code == 0 and vacancy_files(content, "kanaal") == files


def test_hand_written_files_win_and_are_never_touched(tmp_path, server):
    content, _ = one_feed_site(tmp_path, server)
    manual = write_manual(content, "kanaal", "junior-robotics-engineer",
                          server.url("/o/junior-robotics-engineer/"), title="Junior robotics engineer")
    other = write_manual(content, "kanaal", "office-manager", "https://kanaal.example/jobs/office")
    texts = {path: path.read_text() for path in (manual, other)}
    report = fetch(content)
    assert report.feeds[0].new == 1
    assert any("junior-robotics-engineer.md (that file is kept)" in s["reason"] for s in report.feeds[0].skipped)
    server.route("/api/offers/", Route(b'{"offers": []}'))  # then the feed empties ...
    fetch(content)
    server.route("/api/offers/", Route(b"oops", status=500))  # ... and breaks
    fetch(content)
    assert {path: path.read_text() for path in (manual, other)} == texts


def test_files_deleted_by_hand_are_restored_despite_the_state(tmp_path, server):
    content, _ = one_feed_site(tmp_path, server)
    fetch(content)
    victim = next(iter((content / "vacancies" / "kanaal").glob("*.md")))
    text = victim.read_text()
    victim.unlink()
    report = fetch(content)
    assert report.feeds[0].status == "ok" and report.feeds[0].new == 1  # no conditional request was sent
    assert victim.read_text() == text


def test_feed_removed_from_the_profile_takes_its_files_along(tmp_path, server):
    content, _ = one_feed_site(tmp_path, server)
    manual = write_manual(content, "kanaal", "office-manager", "https://kanaal.example/jobs/office")
    fetch(content)
    write_company(content, "kanaal", [])
    report = fetch(content)
    assert len(report.orphans_removed) == 2 and report.exit_code == 0
    assert [path.name for path in (content / "vacancies" / "kanaal").glob("*.md")] == [manual.name]
    assert json.loads((content / "vacancies" / STATE_NAME).read_text())["feeds"] == {}


def test_orphans_wait_until_the_remaining_feeds_are_healthy(tmp_path, server):
    content, old_url = one_feed_site(tmp_path, server)
    fetch(content)
    before = snapshot(content / "vacancies" / "kanaal")
    new_url = server.route("/v2/api/offers/", Route(status=500))  # the company moved its feed ...
    write_company(content, "kanaal", [{"type": "recruitee", "url": new_url}])
    report = fetch(content)
    assert report.exit_code == 3 and report.orphans_removed == []  # ... but the new one fails: keep the old files
    assert snapshot(content / "vacancies" / "kanaal") == before
    server.route("/v2/api/offers/", fixture_route("recruitee-offers.json"))
    report = fetch(content)
    assert report.exit_code == 0 and report.feeds[0].new == 2 and report.feeds[0].removed == 2  # superseded
    files = vacancy_files(content, "kanaal")
    assert len(files) == 2 and all(f"feed: '{new_url}'" in text for text in files.values())


def test_orphans_are_removed_when_the_feeds_are_healthy(tmp_path, server):
    content, old_url = one_feed_site(tmp_path, server)
    fetch(content)
    new_url = server.route("/v2/api/offers/", Route(b'{"offers": []}'))
    write_company(content, "kanaal", [{"type": "recruitee", "url": new_url}])
    report = fetch(content)
    assert report.exit_code == 0 and len(report.orphans_removed) == 2
    assert vacancy_files(content, "kanaal") == {}


# Failures keep the last good files ---------------------------------------------------------------

BREAKAGES = {
    "http 500": lambda: [Route(b"error", status=500)],
    "http 404": lambda: [Route(b"not found", status=404)],
    "malformed json": lambda: [fixture_route("malformed.json")],
    "html instead of json": lambda: [Route(b"<html>maintenance</html>", content_type="text/html")],
    "timeout": lambda: [Route(b"{}", delay=0.5)],
    "50 MB body": lambda: [Route(stream_bytes=50 * 1024 * 1024, declare_length=False)],
    "redirect loop": lambda: [Route(redirect="/api/offers/")],
    "empty feed": lambda: [Route(b'{"offers": []}')],
    "postings without ids": lambda: [Route(b'{"offers": [{"title": "No id"}]}')],
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_a_failing_feed_keeps_its_last_good_files(tmp_path, server, breakage):
    content, _ = one_feed_site(tmp_path, server)
    write_manual(content, "kanaal", "office-manager", "https://kanaal.example/jobs/office")
    assert fetch(content).exit_code == 0
    before = snapshot(content)
    server.route("/api/offers/", *BREAKAGES[breakage]())
    settings = dataclasses.replace(FAST, timeout=0.2, retries=1)
    report = fetch(content, settings=settings)
    outcome = report.feeds[0]
    assert report.exit_code == 3
    expected = {"empty feed": "kept", "postings without ids": "partial"}.get(breakage, "failed")
    assert outcome.status == expected
    assert outcome.kept == 2 and outcome.removed == 0 and outcome.error
    assert snapshot(content) == before  # vacancy files and state untouched
    server.route("/api/offers/", fixture_route("recruitee-offers.json", etag=True))
    recovered = fetch(content)
    assert recovered.exit_code == 0 and snapshot(content) == before


def test_xml_bomb_keeps_the_last_good_files(tmp_path, server):
    content, _ = one_feed_site(tmp_path, server, "personio-positions.xml", "personio", "/xml")
    fetch(content)
    before = snapshot(content)
    server.route("/xml", fixture_route("billion-laughs.xml"))
    report = fetch(content)
    assert report.feeds[0].status == "failed" and "unsafe XML" in report.feeds[0].error
    assert snapshot(content) == before


def test_one_bad_feed_never_stops_the_others(tmp_path, server):
    content = site(tmp_path, server, ("recruitee", "greenhouse"))
    server.route("/broken", Route(status=503))
    write_company(content, "aaa-broken", [{"type": "lever", "url": server.url("/broken")}])
    report = fetch(content)
    assert report.exit_code == 3
    assert {feed.company: feed.status for feed in report.feeds} == {
        "aaa-broken": "failed", "kanaal": "ok", "regge": "ok"}
    broken = report.feeds[0]
    assert "aaa-broken.yaml feeds[0] (lever) http://" in broken.where
    assert "HTTP 503" in broken.error and broken.requests == FAST.retries + 1
    assert len(vacancy_files(content, "kanaal")) == 2 and len(vacancy_files(content, "regge")) == 2


def test_retry_after_in_a_whole_run(tmp_path, server):
    content = tmp_path / "content"
    url = server.route("/api/offers/", Route(status=429, headers={"Retry-After": "0.2"}),
                       fixture_route("recruitee-offers.json"))
    write_company(content, "kanaal", [{"type": "recruitee", "url": url}])
    report = fetch(content)
    assert report.exit_code == 0 and report.retries == 1 and len(vacancy_files(content, "kanaal")) == 2


def test_invalid_company_profile_is_reported_and_its_files_left_alone(tmp_path, server):
    content, _ = one_feed_site(tmp_path, server)
    fetch(content)
    before = snapshot(content / "vacancies" / "kanaal")
    profile = content / "companies" / "kanaal.yaml"
    profile.write_text(profile.read_text().replace("size: \"10-49\"", "size: huge"))
    report = fetch(content)
    assert report.exit_code == 3 and report.feeds == []
    assert "kanaal.yaml" in report.problems[0] and "size" in report.problems[0]
    assert snapshot(content / "vacancies" / "kanaal") == before


def test_last_good_files_survive_any_sequence_of_runs(tmp_path, server):
    """The invariant: hand-written files never change; a failing run never loses a file."""
    content, _ = one_feed_site(tmp_path, server)
    manual = write_manual(content, "kanaal", "office-manager", "https://kanaal.example/jobs/office")
    manual_text = manual.read_text()
    full = fixture("recruitee-offers.json")
    smaller = json.dumps({"offers": json.loads(full)["offers"][:1]}).encode()
    steps = [("good", Route(full, etag=True)), ("bad", Route(status=500)), ("bad", Route(b'{"offers": []}')),
             ("good", Route(smaller, etag=True)), ("bad", fixture_route("malformed.json")),
             ("bad", Route(stream_bytes=3_000_000)), ("good", Route(full, etag=True)), ("good", Route(full, etag=True))]
    last_good: dict[str, str] = {}
    settings = dataclasses.replace(FAST, retries=0)
    for kind, route in steps:
        server.route("/api/offers/", route)
        report = fetch(content, settings=settings)
        files = vacancy_files(content, "kanaal")
        assert files["office-manager.md"] == manual_text
        if kind == "good":
            assert report.exit_code == 0
            last_good = files
        else:
            assert report.exit_code == 3 and files == last_good
    assert len(last_good) == 3
