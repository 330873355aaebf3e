"""The polite HTTP client against a real local server (and httpx.MockTransport for the limits)."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import time
from email.utils import format_datetime

import httpx
import pytest
from test_fetch_support import FAST, FeedServer, Route

from vacancy_feeds.fetching import USER_AGENT, FetchError, FetchSettings, PoliteClient, _retry_after


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def get(url: str, settings: FetchSettings = FAST, sleeps: list[float] | None = None, **headers):
    async def sleep(delay: float) -> None:
        sleeps.append(delay)

    async def main():
        async with PoliteClient(settings, sleep=sleep if sleeps is not None else asyncio.sleep) as client:
            response = await client.get(url, **headers)
            return response, client.stats
    return asyncio.run(main())


def test_identifying_user_agent_and_conditional_request(server):
    url = server.route("/feed", Route(b'{"offers": []}', etag=True, last_modified="Tue, 03 Nov 2026 10:00:00 GMT"))
    first, _ = get(url)
    assert first.status == 200 and first.etag and first.last_modified
    assert server.seen[0].headers["user-agent"] == USER_AGENT
    second, stats = get(url, etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body == b"" and stats.not_modified == 1
    assert server.seen[1].headers["if-none-match"] == first.etag
    assert server.seen[1].headers["if-modified-since"] == "Tue, 03 Nov 2026 10:00:00 GMT"


def test_500_then_success_is_retried_with_backoff(server):
    url = server.route("/flaky", Route(status=500), Route(status=503), Route(b"ok"))
    sleeps: list[float] = []
    response, stats = get(url, sleeps=sleeps)
    assert response.body == b"ok" and stats.requests == 3 and stats.retries == 2
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0]  # exponential


def test_persistent_500_fails_after_the_retries(server):
    url = server.route("/down", Route(status=500))
    with pytest.raises(FetchError, match=r"HTTP 500.*after 3 attempts") as caught:
        get(url, sleeps=[])
    assert caught.value.status == 500 and len(server.seen) == 3


def test_429_honours_retry_after(server):
    url = server.route("/busy", Route(status=429, headers={"Retry-After": "1"}), Route(b"ok"))
    sleeps: list[float] = []
    response, _ = get(url, sleeps=sleeps)
    assert response.body == b"ok" and sleeps == [1.0]


def test_429_with_real_wait(server):
    url = server.route("/busy", Route(status=429, headers={"Retry-After": "0.3"}), Route(b"ok"))
    started = time.monotonic()
    response, _ = get(url)
    assert response.body == b"ok" and time.monotonic() - started >= 0.3


def test_retry_after_beyond_the_limit_fails_at_once(server):
    url = server.route("/busy", Route(status=429, headers={"Retry-After": "3600"}))
    sleeps: list[float] = []
    with pytest.raises(FetchError, match="retry after 3600 s"):
        get(url, sleeps=sleeps)
    assert sleeps == [] and len(server.seen) == 1


def test_retry_after_http_date():
    soon = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=30)
    assert 25 <= _retry_after(format_datetime(soon, usegmt=True)) <= 30
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert _retry_after("soon") is None and _retry_after("120") == 120


def test_client_errors_are_not_retried(server):
    url = server.route("/gone", Route(status=404))
    with pytest.raises(FetchError, match="HTTP 404"):
        get(url, sleeps=[])
    assert len(server.seen) == 1


def test_timeout_is_retried_then_fails(server):
    url = server.route("/slow", Route(b"late", delay=0.6))
    settings = dataclasses.replace(FAST, timeout=0.15, retries=1)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0.15 s \(after 2 attempts\)"):
        get(url, settings)
    assert time.monotonic() - started < 1.5


def test_slow_then_fast_succeeds(server):
    url = server.route("/slow", Route(b"late", delay=0.6), Route(b"fast"))
    response, _ = get(url, dataclasses.replace(FAST, timeout=0.15))
    assert response.body == b"fast"


def test_connection_refused_is_a_network_error():
    with FeedServer() as closed:
        url = closed.url("/x")
    with pytest.raises(FetchError, match="network error"):
        get(url, sleeps=[])


def test_50_mb_streamed_body_is_abandoned_at_the_cap(server):
    url = server.route("/huge", Route(stream_bytes=50 * 1024 * 1024, declare_length=False))
    started = time.monotonic()
    with pytest.raises(FetchError, match="too large: more than 2,000,000 bytes"):
        get(url)
    assert time.monotonic() - started < 3
    assert server.bytes_sent < 20 * 1024 * 1024  # the server did not get to send it all


def test_declared_length_over_the_cap_is_refused_before_reading(server):
    url = server.route("/huge", Route(stream_bytes=50 * 1024 * 1024))
    with pytest.raises(FetchError, match="52,428,800 bytes declared"):
        get(url)


def test_redirects_are_followed_and_loops_fail(server):
    server.route("/old", Route(redirect="/new"))
    server.route("/new", Route(b"moved"))
    response, _ = get(server.url("/old"))
    assert response.body == b"moved" and response.url.endswith("/new")
    server.route("/a", Route(redirect="/b"))
    server.route("/b", Route(redirect="/a"))
    with pytest.raises(FetchError, match="too many redirects"):
        get(server.url("/a"), sleeps=[])
    assert len(server.requests_to("/a")) + len(server.requests_to("/b")) == FAST.max_redirects + 1


def test_global_and_per_host_limits():
    in_flight: dict[str, int] = {}
    peak: dict[str, int] = {}
    total = {"now": 0, "peak": 0}

    async def handler(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        in_flight[host] = in_flight.get(host, 0) + 1
        total["now"] += 1
        peak[host] = max(peak.get(host, 0), in_flight[host])
        total["peak"] = max(total["peak"], total["now"])
        await asyncio.sleep(0.02)
        in_flight[host] -= 1
        total["now"] -= 1
        return httpx.Response(200, content=b"ok")

    settings = dataclasses.replace(FAST, concurrency=5, per_host=2)

    async def main():
        async with PoliteClient(settings, transport=httpx.MockTransport(handler)) as client:
            urls = [f"https://host{index % 4}.example/feed/{index}" for index in range(40)]
            await asyncio.gather(*(client.get(url) for url in urls))

    asyncio.run(main())
    assert total["peak"] == 5
    assert max(peak.values()) == 2 and len(peak) == 4


def test_slots_are_released_while_waiting_to_retry():
    calls: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/busy" and calls.count("/busy") == 1:
            return httpx.Response(429, headers={"Retry-After": "0.3"})
        return httpx.Response(200, content=b"ok")

    settings = dataclasses.replace(FAST, concurrency=1, per_host=1)

    async def main():
        async with PoliteClient(settings, transport=httpx.MockTransport(handler)) as client:
            await asyncio.gather(client.get("https://a.example/busy"), client.get("https://a.example/other"))

    asyncio.run(main())
    assert calls == ["/busy", "/other", "/busy"]  # /other ran while /busy waited
