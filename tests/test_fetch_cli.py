"""scripts/fetch_vacancies.py: options, summary, JSON report and exit codes."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_fetch_support import FeedServer, Route, fixture, fixture_route, write_company

from vacancy_feeds.state import STATE_NAME

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "fetch_vacancies.py"
FAST_OPTIONS = ["--today", "2026-11-27", "--timeout", "2", "--retries", "1", "--backoff", "0.01",
                "--allow-private-hosts"]


def load_script():
    spec = importlib.util.spec_from_file_location("fetch_vacancies_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return load_script()


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


@pytest.fixture
def content(tmp_path, server):
    folder = tmp_path / "content"
    write_company(folder, "kanaal", [{"type": "recruitee", "url": server.route(
        "/api/offers/", fixture_route("recruitee-offers.json", etag=True))}])
    write_company(folder, "regge", [{"type": "greenhouse", "url": server.route(
        "/v1/boards/regge/jobs?content=true", fixture_route("greenhouse-jobs.json", etag=True))}])
    write_company(folder, "no-feeds", [])
    return folder


def test_success_prints_progress_and_summary_and_writes_the_report(script, content, tmp_path, capsys):
    report_path = tmp_path / "out" / "report.json"
    code = script.main(["--content", str(content), "--report", str(report_path), *FAST_OPTIONS])
    out, err = capsys.readouterr()
    assert code == 0
    assert "[1/2] fetched" in err and "[2/2] fetched" in err
    assert "2 feeds: 2 ok, 0 unchanged, 0 partial, 0 kept (sudden drop), 0 failed" in out
    assert "files: 4 new" in out
    report = json.loads(report_path.read_text())
    assert report["exit_code"] == 0 and report["today"] == "2026-11-27"
    assert report["totals"]["new"] == 4 and report["totals"]["feeds_by_status"]["ok"] == 2
    assert {feed["company"] for feed in report["feeds"]} == {"kanaal", "regge"}
    assert all(feed["changed_files"] for feed in report["feeds"])
    assert script.main(["--content", str(content), "--quiet", *FAST_OPTIONS]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "2 unchanged" in out


def test_failed_feed_gives_exit_code_3_and_names_feed_and_company_file(script, content, server, tmp_path, capsys):
    assert script.main(["--content", str(content), "--quiet", *FAST_OPTIONS]) == 0
    server.route("/api/offers/", Route(status=502))
    report_path = tmp_path / "report.json"
    code = script.main(["--content", str(content), "--report", str(report_path), *FAST_OPTIONS])
    out, err = capsys.readouterr()
    assert code == 3
    assert "FAILED kanaal recruitee" in err and "kanaal.yaml" in err
    assert "HTTP 502" in out and "the vacancy files they did not confirm were kept (exit code 3)" in out
    failed = [feed for feed in json.loads(report_path.read_text())["feeds"] if feed["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["kept"] == 2
    assert failed[0]["url"] == server.url("/api/offers/") and failed[0]["where"].startswith(failed[0]["company_file"])


def test_company_filter_only_touches_that_company(script, content, capsys):
    assert script.main(["--content", str(content), "--company", "regge", "--quiet", *FAST_OPTIONS]) == 0
    assert not (content / "vacancies" / "kanaal").exists()
    assert len(list((content / "vacancies" / "regge").glob("*.md"))) == 2
    state = json.loads((content / "vacancies" / STATE_NAME).read_text())
    assert list(state["feeds"]) == ["regge"]
    assert script.main(["--content", str(content), "--company", "kanaal", "--quiet", *FAST_OPTIONS]) == 0
    state = json.loads((content / "vacancies" / STATE_NAME).read_text())
    assert sorted(state["feeds"]) == ["kanaal", "regge"]


@pytest.mark.parametrize("arguments", [
    ["--company", "unknown"],
    ["--today", "27-11-2026"],
    ["--concurrency", "0"],
    ["--timeout", "-1"],
    ["--deadline", "0"],
    ["--deadline", "soon"],
    ["--no-such-option"],
])
def test_usage_errors_exit_with_2(script, content, arguments, capsys):
    try:
        code = script.main(["--content", str(content), *arguments])
    except SystemExit as stop:  # argparse reports its own errors by exiting
        code = stop.code
    assert code == 2
    assert "error" in capsys.readouterr().err


def test_missing_content_folder_is_a_usage_error(script, tmp_path, capsys):
    assert script.main(["--content", str(tmp_path / "nowhere")]) == 2


def test_the_script_runs_as_a_program(content, server):
    server.route("/v1/boards/regge/jobs?content=true", Route(b"not json"))
    result = subprocess.run([sys.executable, str(SCRIPT), "--content", str(content), *FAST_OPTIONS],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    assert "unparseable response: malformed JSON" in result.stdout


def test_the_report_says_everything_about_a_partial_feed(script, tmp_path, server, capsys):
    content = tmp_path / "content"
    offers = json.loads(fixture("recruitee-offers.json"))
    offers["offers"][1]["close_at"] = "2026-10-31 23:59:00 UTC"   # expired
    offers["offers"][1]["published_at"] = "2026-09-01 09:00:00 UTC"
    offers["offers"][2]["title"] = ""                                # invalid: no title
    offers["offers"].append({"title": "Werkplaatsmedewerker"})       # no id: the feed is partial
    url = server.route("/api/offers/", Route(json.dumps(offers).encode()))
    write_company(content, "kanaal", [{"type": "recruitee", "url": url}])
    report_path = tmp_path / "report.json"
    code = script.main(["--content", str(content), "--report", str(report_path), "--quiet", *FAST_OPTIONS])
    out = capsys.readouterr().out
    assert code == 3
    (feed,) = json.loads(report_path.read_text())["feeds"]
    assert feed["status"] == "partial" and feed["new"] == 1 and feed["removed"] == 0
    assert feed["problems"] == ["offers[3]: a posting without an id; it cannot be matched to its file"]
    assert sorted(skipped["kind"] for skipped in feed["skipped"]) == ["expired", "invalid"]
    assert isinstance(feed["seconds"], float) and feed["deadline_hit"] is False and feed["requests"] == 1
    assert "partial      1    0    0    0    2" in out
    assert "unreadable: offers[3]: a posting without an id" in out
    assert "skipped expired posting 1843377: its last day, 2026-10-31, has passed" in out
    assert "skipped invalid posting 1843377: invalid: no title in the feed (offers[2])" in out


def test_accept_drops_from_the_command_line(script, content, server, capsys):
    assert script.main(["--content", str(content), "--quiet", *FAST_OPTIONS]) == 0
    server.route("/api/offers/", Route(b'{"offers": []}'))
    assert script.main(["--content", str(content), "--quiet", *FAST_OPTIONS]) == 3
    assert "run again with --accept-drops" in capsys.readouterr().out
    assert len(list((content / "vacancies" / "kanaal").glob("*.md"))) == 2
    assert script.main(["--content", str(content), "--quiet", "--accept-drops", *FAST_OPTIONS]) == 0
    assert list((content / "vacancies" / "kanaal").glob("*.md")) == []
