"""Bounded time: one feed's deadline covers all its attempts, retries, pages and details.

The real defaults are a 30 s attempt timeout, 3 retries and a 45 s deadline; these tests keep
the same proportions at a hundredth of the time so that they stay fast.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time

import pytest
from test_fetch_support import FAST, FeedServer, Route, fetch, fixture, fixture_route, snapshot, write_company

from vacancy_feeds import FetchSettings, summary_lines
from vacancy_feeds.fetching import Deadline, FetchError, PoliteClient

SCALED = dataclasses.replace(FAST, timeout=0.30, retries=3, backoff=0.01, max_backoff=0.3, deadline=0.45)
LEVER = "/v0/postings/hofweg"


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def get(url: str, settings: FetchSettings, deadline: Deadline | None = None):
    async def main():
        async with PoliteClient(settings) as client:
            return await client.get(url, deadline=deadline)
    return asyncio.run(main())


def test_the_default_deadline_bounds_a_hanging_host_well_under_a_minute():
    defaults = FetchSettings()
    assert defaults.deadline == 45
    without = (defaults.retries + 1) * defaults.timeout  # what a hanging host cost before: 4 x 30 s
    assert without == 120 and defaults.deadline < 60


def test_a_hanging_host_costs_the_deadline_not_every_attempt(server):
    url = server.route("/hang", Route(b"late", delay=5))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"stopped at the feed's 0.45 s deadline") as caught:
        get(url, SCALED)
    spent = time.monotonic() - started
    assert caught.value.deadline and 0.40 <= spent < 0.9
    # One full attempt, then at most a second cut short by the deadline (on a busy machine the
    # backoff may already reach the deadline): never the four attempts of old.
    assert 1 <= len(server.seen) <= 2


def test_a_body_that_stalls_half_way_is_cut_off_by_the_deadline(server):
    body = fixture("recruitee-offers.json")
    url = server.route("/stall", Route(body, truncate_to=len(body) // 2, stall=5))
    started = time.monotonic()
    with pytest.raises(FetchError, match="deadline"):
        get(url, dataclasses.replace(SCALED, timeout=5, deadline=0.3))
    assert time.monotonic() - started < 0.8


def test_no_retry_is_started_that_the_deadline_would_cut(server):
    url = server.route("/busy", Route(status=503, headers={"Retry-After": "1"}), Route(b"ok"))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"HTTP 503 Service Unavailable; no retry: stopped at the feed's"):
        get(url, dataclasses.replace(SCALED, deadline=0.5))
    assert time.monotonic() - started < 0.3 and len(server.seen) == 1


def test_the_deadline_is_shared_by_a_feeds_requests(server):
    url = server.route("/slow", Route(b"ok", delay=0.2))
    deadline = Deadline(0.5)

    async def main():
        async with PoliteClient(dataclasses.replace(SCALED, timeout=2, retries=0)) as client:
            await client.get(url, deadline=deadline)
            await client.get(url, deadline=deadline)
            return await client.get(url, deadline=deadline)

    with pytest.raises(FetchError, match="deadline"):
        asyncio.run(main())
    assert 0.45 <= deadline.elapsed < 0.8


def test_a_hanging_feed_fails_alone_and_keeps_its_files(tmp_path, server):
    content = tmp_path / "content"
    hanging = server.route("/a/api/offers/", fixture_route("recruitee-offers.json", etag=True))
    write_company(content, "aaa-hangt", [{"type": "recruitee", "url": hanging}])
    fine = server.route("/b/api/offers/", fixture_route("recruitee-offers.json"))
    write_company(content, "kanaal", [{"type": "recruitee", "url": fine}])
    assert fetch(content).exit_code == 0
    before = snapshot(content / "vacancies" / "aaa-hangt")
    server.route("/a/api/offers/", Route(b"{}", delay=5))
    started = time.monotonic()
    report = fetch(content, settings=SCALED)
    assert time.monotonic() - started < 1.5
    hung, other = report.feeds
    assert report.exit_code == 3 and hung.status == "failed" and hung.deadline_hit and not other.deadline_hit
    assert "stopped at the feed's 0.45 s deadline" in hung.error and 0.4 <= hung.seconds < 1
    assert other.status == "ok"
    assert snapshot(content / "vacancies" / "aaa-hangt") == before
    text = "\n".join(summary_lines(report))
    assert f"1 feed(s) hit the 0.45 s deadline: aaa-hangt {hanging}" in text
    assert report.to_json()["totals"]["deadline_hit"] == 1


def test_a_deadline_during_the_second_page_makes_the_feed_partial(tmp_path, server):
    content = tmp_path / "content"
    server.route(f"{LEVER}?mode=json&limit=2", fixture_route("lever-page-1.json"))
    server.route(f"{LEVER}?mode=json&limit=2&skip=2", fixture_route("lever-page-2.json"))
    write_company(content, "kanaal", [{"type": "lever", "url": server.url(f"{LEVER}?mode=json&limit=2")}])
    assert fetch(content).exit_code == 0
    before = snapshot(content / "vacancies")
    server.route(f"{LEVER}?mode=json&limit=2&skip=2", Route(b"[]", delay=5))
    report = fetch(content, settings=SCALED)
    outcome = report.feeds[0]
    assert outcome.status == "partial" and outcome.deadline_hit
    assert "page 2" in outcome.problems[0] and "deadline" in outcome.problems[0]
    assert set(snapshot(content / "vacancies")) == set(before) and outcome.removed == 0
