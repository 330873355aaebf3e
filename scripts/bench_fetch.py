#!/usr/bin/env python3
"""Benchmark the vacancy fetcher: many feeds on local servers with injected latency.

Usage: python scripts/bench_fetch.py [--feeds 200] [--latency 0.2] [--concurrency 20]
           [--per-host 4] [--hosts 20] [--postings 5] [--hanging N] [--deadline S]
           [--timeout S] [--retries N]

Starts ``--hosts`` local HTTP servers in a child process (127.0.0.1, 127.0.0.2, ...; Linux
answers on the whole 127.0.0.0/8 block) that each wait ``--latency`` seconds before
answering, spreads
``--feeds`` Recruitee feeds over them, and runs the fetcher twice into a temporary content
folder: a cold run, then an unchanged run that should cost only 304 responses. It prints
the download time against the ideal ``latency x ceil(feeds / concurrency)``, the whole run
time (including writing and validating the files) and the bytes on the wire.

``--hanging N`` adds N feeds whose server never answers in time, to show what the per-feed
``--deadline`` bounds: the time each hanging feed cost against the deadline and against what
it would cost without one (``(retries + 1) x timeout``), and that the other feeds still
finish in about their own time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import multiprocessing
import sys
import tempfile
import time
from contextlib import ExitStack
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the local feed server is a test tool, not product code
from feed_server import FeedServer, Route  # noqa: E402

from vacancy_feeds import FetchSettings, RunOptions, run  # noqa: E402

COMPANY = """\
name: Bench Company {index}
website: https://bench-{index}.example
municipality: Enschede
sectors: [it-software]
size: "10-49"
languages: [en]
international: {{english_workplace: true, ind_recognised_sponsor: false, relocation_help: false}}
offers: [jobs]
description:
  en: A generated company for the fetch benchmark.
feeds:
  - type: recruitee
    url: {url}
"""


def offers(feed: int, count: int, base: str) -> bytes:
    items = [{
        "id": feed * 1000 + number,
        "title": f"Software engineer {feed}-{number}",
        "description": "<p>We are looking for an engineer who will join our team in Enschede and "
                       "work with us on software for the robots of the future.</p>" * 3,
        "city": "Enschede",
        "careers_url": f"{base}/o/job-{feed}-{number}",
        "published_at": "2026-11-20 09:00:00 UTC",
        "employment_type_code": "fulltime",
    } for number in range(count)]
    return json.dumps({"offers": items}).encode()


def serve(connection: Connection, hosts: int, latency: float, feeds: int, postings: int,
          hanging: int = 0, hang: float = 0.0) -> None:
    """Child process: run the servers, answer "reset", "stats" and "stop" over ``connection``.

    The servers live in their own process so that they do not compete with the fetcher for
    the interpreter lock; the numbers then measure the fetcher, not the test harness.
    """
    with ExitStack() as stack:
        servers = []
        for index in range(hosts):
            try:
                servers.append(stack.enter_context(FeedServer(f"127.0.0.{index + 1}", latency=latency)))
            except OSError:
                break  # this system only answers on 127.0.0.1
        urls = []
        for feed in range(feeds):
            server = servers[feed % len(servers)]
            urls.append(server.route(f"/c{feed}/api/offers/", Route(offers(feed, postings, server.base_url), etag=True)))
        for number in range(hanging):  # on a host of their own, so they do not hold the others' slots
            server = stack.enter_context(FeedServer(f"127.0.1.{number + 1}")) if len(servers) > 1 else servers[0]
            urls.append(server.route(f"/hang{number}/api/offers/", Route(b'{"offers": []}', delay=hang)))
        connection.send((len(servers), urls))
        while True:
            command = connection.recv()
            if command == "reset":
                for server in servers:
                    server.reset_counters()
                connection.send(True)
            elif command == "stats":
                connection.send((sum(server.bytes_sent for server in servers),
                                 sum(len(server.seen) for server in servers),
                                 max(server.max_in_flight for server in servers)))
            else:
                connection.send(True)
                return


def timed_run(options: RunOptions) -> tuple[float, float, object]:
    """(seconds of the concurrent download phase, seconds for the whole run, report)."""
    started = time.monotonic()
    report = run(options)
    return report.download_seconds, time.monotonic() - started, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--postings", type=int, default=5)
    parser.add_argument("--hanging", type=int, default=0, help="extra feeds whose server hangs")
    parser.add_argument("--deadline", type=float, default=FetchSettings.deadline, help="per-feed deadline, seconds")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-attempt timeout, seconds")
    parser.add_argument("--retries", type=int, default=0)
    args = parser.parse_args(argv)

    parent, child = multiprocessing.Pipe()
    hang = 3 * max(args.deadline, (args.retries + 1) * args.timeout)
    process = multiprocessing.Process(target=serve, args=(child, args.hosts, args.latency, args.feeds, args.postings,
                                                          args.hanging, hang), daemon=True)
    process.start()
    hosts, urls = parent.recv()

    def ask(command: str):
        parent.send(command)
        return parent.recv()

    try:
        with tempfile.TemporaryDirectory() as temporary:
            per_host = args.per_host if hosts > 1 else args.concurrency
            content = Path(temporary) / "content"
            (content / "companies").mkdir(parents=True)
            for feed, url in enumerate(urls):
                (content / "companies" / f"bench-{feed:04d}.yaml").write_text(COMPANY.format(index=feed, url=url))
            settings = FetchSettings(concurrency=args.concurrency, per_host=per_host, timeout=args.timeout,
                                     retries=args.retries, deadline=args.deadline,
                                     allow_private_hosts=True)  # the servers are local
            options = RunOptions(content=content, languages=["en", "nl"], today=dt.date(2026, 11, 27),
                                 settings=settings)
            ideal = args.latency * math.ceil(args.feeds / args.concurrency)
            print(f"{args.feeds} feeds x {args.postings} postings on {hosts} local host(s), "
                  f"{args.latency * 1000:.0f} ms latency, concurrency {args.concurrency}, per host {per_host}")
            print(f"ideal download time: {args.latency:g} s x ceil({args.feeds} / {args.concurrency}) = {ideal:.2f} s")
            if args.hanging:
                print(f"plus {args.hanging} hanging feed(s); deadline {args.deadline:g} s, attempts of "
                      f"{args.timeout:g} s, {args.retries} retries")
            for label in ("cold run", "unchanged run"):
                ask("reset")
                download, total, report = timed_run(options)
                sent, requests, peak = ask("stats")
                statuses = report.to_json()["totals"]["feeds_by_status"]
                print(f"{label}: downloads {download:.2f} s ({download / ideal:.2f}x ideal); whole run "
                      f"{total:.2f} s including writing and validating files")
                print(f"    {requests} requests; {sent:,} bytes sent by the servers (status lines, headers, "
                      f"bodies); {report.bytes_downloaded:,} body bytes received")
                print(f"    feeds: {statuses}; peak concurrent requests on one host: {peak}; "
                      f"exit code {report.exit_code}")
                hung = [feed for feed in report.feeds if "/hang" in feed.url]
                if hung:
                    worst = max(feed.seconds for feed in hung)
                    others = max(feed.seconds for feed in report.feeds if feed not in hung)
                    without = (args.retries + 1) * args.timeout
                    print(f"    hanging feeds: at most {worst:.2f} s each ({worst / args.deadline:.2f}x the "
                          f"{args.deadline:g} s deadline; without it {without:g} s); slowest other feed "
                          f"{others:.2f} s; all stopped by the deadline: "
                          f"{all(feed.deadline_hit for feed in hung)}")
    finally:
        ask("stop")
        process.join(timeout=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
