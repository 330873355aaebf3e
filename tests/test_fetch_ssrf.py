"""No internal addresses: literal ones are refused by the validator, resolved ones when the
fetcher connects (first request and every redirect), IPv4 and IPv6."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path

import pytest
from test_fetch_support import FAST, FeedServer, Route, fetch, fixture_route, snapshot, write_company

from content_model import load_directory
from content_model.addresses import literal_address, refusal
from vacancy_feeds.fetching import FetchError, PoliteClient

# The production default: nothing internal is reachable.
STRICT = dataclasses.replace(FAST, allow_private_hosts=False, retries=2)


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def get(url: str, settings=STRICT, resolver=None):
    async def main():
        options = {"resolver": resolver} if resolver else {}
        async with PoliteClient(settings, **options) as client:
            return await client.get(url)
    return asyncio.run(main())


def refused(url: str, settings=STRICT, resolver=None) -> FetchError:
    with pytest.raises(FetchError) as caught:
        get(url, settings, resolver)
    assert caught.value.attempts == 1, "a refusal is not retried"
    return caught.value


# The rule ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("host, reason", [
    ("127.0.0.1", "a loopback address"), ("127.9.9.9", "a loopback address"),
    ("2130706433", "a loopback address"), ("0x7f.1", "a loopback address"),
    ("10.1.2.3", "a private address"), ("172.20.0.5", "a private address"), ("192.168.1.10", "a private address"),
    ("169.254.169.254", "a link-local address"), ("100.100.100.200", "a shared (carrier-grade NAT) address"),
    ("0.0.0.0", "an unspecified address"), ("224.0.0.251", "a multicast address"),
    ("240.0.0.1", "a private address"),
    ("[::1]", "a loopback address"), ("[::]", "an unspecified address"), ("[fe80::1%25eth0]", "a link-local address"),
    ("[fd12:3456::1]", "a unique-local address"), ("[ff02::1]", "a multicast address"),
    ("[::ffff:127.0.0.1]", "a loopback address (IPv4 127.0.0.1 inside IPv6)"),
    ("[::ffff:169.254.169.254]", "a link-local address (IPv4 169.254.169.254 inside IPv6)"),
    ("[64:ff9b::a00:1]", "a private address (IPv4 10.0.0.1 inside IPv6)"),
    ("[2002:c0a8:101::1]", "a private address (IPv4 192.168.1.1 inside IPv6)"),
])
def test_internal_addresses_are_recognised(host, reason):
    assert refusal(literal_address(host)) == reason


@pytest.mark.parametrize("host", ["93.184.216.34", "[2606:4700:4700::1111]", "8.8.8.8"])
def test_public_addresses_pass(host):
    assert refusal(literal_address(host)) is None


def test_host_names_are_not_literal_addresses():
    assert literal_address("careers.example") is None and literal_address("localhost") is None


# The validator -------------------------------------------------------------------------------------

def test_the_validator_refuses_internal_feed_addresses_and_other_schemes_with_file_and_line(tmp_path):
    content = tmp_path / "content"
    urls = ["http://127.0.0.1:8080/api/offers/", "http://169.254.169.254/latest/meta-data/",
            "https://[fd00::1]/jobs", "http://2130706433/xml", "ftp://feeds.example/jobs.xml",
            "file:///etc/passwd", "https://jobs.example/api/offers/"]
    path = write_company(content, "kanaal", [{"type": "recruitee", "url": url} for url in urls])
    _directory, problems = load_directory(content, ["en", "nl"])
    shown = [str(problem).split("companies/", 1)[1] for problem in problems]
    public = "; feeds must be on a public host, the fetcher never reaches internal addresses. " \
             "Write the public URL of the company's careers feed"
    assert shown == [
        f"kanaal.yaml:14:10: feeds[0].url: 127.0.0.1 is a loopback address{public}",
        f"kanaal.yaml:16:10: feeds[1].url: 169.254.169.254 is a link-local address{public}",
        f"kanaal.yaml:18:10: feeds[2].url: fd00::1 is a unique-local address{public}",
        f"kanaal.yaml:20:10: feeds[3].url: 2130706433 is a loopback address{public}",
        "kanaal.yaml:22:10: feeds[4].url: expected an http:// or https:// URL; found 'ftp://feeds.example/jobs.xml'",
        "kanaal.yaml:24:10: feeds[5].url: expected an http:// or https:// URL; found 'file:///etc/passwd'",
    ]
    assert path.read_text().splitlines()[13] == f"    url: {urls[0]}"
    assert load_directory(content, ["en", "nl"], allow_private_feed_hosts=True)[1] == [
        problem for problem in problems if "expected an http" in problem.message]


def test_the_fetcher_refuses_a_profile_with_an_internal_feed_without_the_flag(tmp_path, server):
    content = tmp_path / "content"
    url = server.route("/api/offers/", fixture_route("recruitee-offers.json"))
    write_company(content, "kanaal", [{"type": "recruitee", "url": url}])
    report = fetch(content, settings=STRICT)
    assert report.exit_code == 3 and report.feeds == []
    assert "127.0.0.1 is a loopback address" in report.problems[0]
    assert server.seen == [], "nothing was requested"
    assert fetch(content).exit_code == 0  # the tests' settings allow private hosts


# At connect time ---------------------------------------------------------------------------------

def test_a_literal_loopback_url_is_refused_without_a_request(server):
    url = server.route("/feed", Route(b"{}"))
    error = refused(url)
    assert str(error).startswith("refused: 127.0.0.1 is a loopback address; feeds are only fetched from public")
    assert "--allow-private-hosts" in str(error)
    assert server.seen == []
    assert get(url, FAST).body == b"{}"  # allowed with the flag


def test_the_cloud_metadata_address_is_refused_at_once():
    started = time.monotonic()
    error = refused("http://169.254.169.254/latest/meta-data/iam/security-credentials/")
    assert "169.254.169.254 is a link-local address" in str(error)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize("url, reason", [
    ("http://[::1]:9/feed", "::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]:9/feed", "::ffff:127.0.0.1 (::ffff:7f00:1) is a loopback address (IPv4 127.0.0.1"),
    ("http://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254 is a unique-local address"),
    ("http://[fe80::a9fe:a9fe]/latest/", "fe80::a9fe:a9fe is a link-local address"),
    ("http://0x7f000001:9/feed", "0x7f000001 (127.0.0.1) is a loopback address"),
])
def test_internal_ipv6_and_odd_ipv4_forms_are_refused(url, reason):
    assert f"refused: {reason}" in str(refused(url))


def test_a_name_that_resolves_to_loopback_is_refused(server):
    port = server.base_url.rsplit(":", 1)[1]
    error = refused(f"http://localhost:{port}/feed")
    assert "refused: localhost resolves to" in str(error) and "a loopback address" in str(error)
    assert server.seen == []


def test_every_resolved_address_is_checked_not_only_the_first():
    async def resolver(host: str, port: int) -> list[str]:
        return {"careers.example": ["93.184.216.34", "10.0.0.7"]}[host]

    error = refused("https://careers.example/api/offers/", resolver=resolver)
    assert "careers.example resolves to 10.0.0.7, which is a private address" in str(error)


def test_the_connection_goes_to_the_checked_address_and_keeps_the_host_name(server):
    """The fetcher connects to the address it checked (no second lookup to rebind), with Host intact."""
    lookups: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    port = server.base_url.rsplit(":", 1)[1]
    server.route("/feed", Route(b"ok"))
    allowed = dataclasses.replace(STRICT, allowed_networks=("127.0.0.1/32",))
    assert get(f"http://jobs.kanaal.test:{port}/feed", allowed, resolver).body == b"ok"
    assert lookups == ["jobs.kanaal.test"]
    assert server.seen[0].headers["host"] == f"jobs.kanaal.test:{port}"


def test_redirects_to_internal_addresses_are_refused(server):
    """The first server is let through (allowed_networks); where it redirects to is checked anew."""
    allowed = dataclasses.replace(STRICT, allowed_networks=("127.0.0.1/32",))
    try:
        other = FeedServer("127.0.0.2")
    except OSError:
        pytest.skip("this system answers only on 127.0.0.1")  # Linux answers on all of 127.0.0.0/8
    with other:
        other.route("/internal", Route(b"secret"))
        server.route("/to-other", Route(redirect=other.url("/internal")))
        server.route("/to-metadata", Route(redirect="http://169.254.169.254/latest/meta-data/"))
        server.route("/to-v6", Route(redirect=f"http://[::1]:{other.base_url.rsplit(':', 1)[1]}/internal"))
        assert "refused: 127.0.0.2 is a loopback address" in str(refused(server.url("/to-other"), allowed))
        assert "refused: 169.254.169.254 is a link-local address" in str(refused(server.url("/to-metadata"), allowed))
        assert "refused: ::1 is a loopback address" in str(refused(server.url("/to-v6"), allowed))
        assert other.seen == [], "the internal server was never reached"
        assert len(server.seen) == 3


def test_a_feed_on_an_internal_host_fails_in_a_run_and_keeps_its_files(tmp_path, server):
    content = tmp_path / "content"
    port = server.base_url.rsplit(":", 1)[1]
    server.route("/api/offers/", fixture_route("recruitee-offers.json"))
    write_company(content, "kanaal", [{"type": "recruitee", "url": f"http://localhost:{port}/api/offers/"}])
    assert fetch(content).exit_code == 0 and len(list((content / "vacancies" / "kanaal").glob("*.md"))) == 2
    before = snapshot(content)
    server.reset_counters()
    report = fetch(content, settings=STRICT)
    outcome = report.feeds[0]
    assert report.exit_code == 3 and outcome.status == "failed" and outcome.requests == 1
    assert outcome.error.startswith("refused: localhost resolves to")
    assert snapshot(content) == before and server.seen == []


def test_proxies_from_the_environment_are_not_used(server, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://169.254.169.254:3128")
    monkeypatch.setenv("ALL_PROXY", "http://169.254.169.254:3128")
    server.route("/feed", Route(b"direct"))
    assert get(server.url("/feed"), FAST).body == b"direct"


def test_the_flag_is_documented_in_the_cli(capsys):
    import importlib.util
    script = Path(__file__).resolve().parent.parent / "scripts" / "fetch_vacancies.py"
    spec = importlib.util.spec_from_file_location("fetch_vacancies_help", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    help_text = module.parser().format_help()
    assert "--allow-private-hosts" in help_text and "never in production" in help_text
