"""The local nightly pipeline (scripts/nightly.py): fetch, validate, build, publish atomically.

Most cases use a stub fetcher (a tiny script with the fetcher's CLI and exit codes), so they
test the pipeline alone. ``test_end_to_end_with_the_real_fetcher`` runs the real
scripts/fetch_vacancies.py against a Recruitee-shaped feed served on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from support import ROOT, copy_fixture_site

sys.path.insert(0, str(ROOT / "scripts"))
import nightly  # noqa: E402

TODAY = "2026-11-27"
FETCHER = ROOT / "scripts" / "fetch_vacancies.py"

STUB_FETCHER = """\
import argparse, json, sys
parser = argparse.ArgumentParser()
parser.add_argument("--content"); parser.add_argument("--report"); parser.add_argument("--today")
args = parser.parse_args()
with open(args.report, "w") as handle:
    json.dump({"stub": True}, handle)
sys.exit(EXIT)
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SITEURL", "https://wit.example")
    copy_fixture_site(tmp_path / "content")
    (tmp_path / "public").mkdir()
    return tmp_path


def stub_fetcher(folder: Path, exit_code: int) -> Path:
    script = folder / f"fetch_exit_{exit_code}.py"
    script.write_text(STUB_FETCHER.replace("EXIT", str(exit_code)), encoding="utf-8")
    return script


def run_nightly(project: Path, *extra: str, fetcher: Path | None = None) -> int:
    args = ["--target", str(project / "public" / "site"), "--content", str(project / "content"),
            "--report", str(project / "fetch-report.json"), "--today", TODAY,
            "--history", str(project / "data" / "stats-history.csv"),
            "--setting", f'BUILD_CACHE_PATH="{project / "build-cache"}"', *extra]
    args += ["--fetcher", str(fetcher)] if fetcher else ["--skip-fetch"]
    return nightly.main(args)


def published(project: Path) -> Path:
    """The folder the site link points at."""
    link = project / "public" / "site"
    assert link.is_symlink(), "the published site must be a symbolic link"
    return link.resolve()


def releases(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "public").iterdir() if p.name.startswith(".site-"))


def test_publishes_into_a_link_and_keeps_one_previous_build(project):
    assert run_nightly(project) == 0
    first = published(project)
    assert (first / "index.html").is_file() and (first / "nl" / "index.html").is_file()
    assert (project / "public" / "site" / "sitemap.xml").is_file()
    assert os.readlink(project / "public" / "site") == first.name, "the link must be relative"
    assert run_nightly(project) == 0
    second = published(project)
    assert second != first and first.is_dir(), "the previous build stays for rollback"
    assert run_nightly(project) == 0
    assert not first.exists(), "builds older than --keep are removed"
    assert len(releases(project)) == 2
    assert oct(published(project).stat().st_mode & 0o777) == "0o755"


def test_failing_build_keeps_the_old_site(project):
    assert run_nightly(project) == 0
    before = published(project)
    theme = project / "theme"
    shutil.copytree(ROOT / "theme", theme)
    vacancy = theme / "templates" / "vacancy.html"
    vacancy.write_text(vacancy.read_text(encoding="utf-8") + "{{ broken( }}\n", encoding="utf-8")
    assert run_nightly(project, "--setting", f'THEME="{theme}"') == 1
    assert published(project) == before
    assert (before / "index.html").is_file()
    assert releases(project) == [before.name], "the half-built site is removed"


def test_invalid_content_keeps_the_old_site(project, capsys):
    assert run_nightly(project) == 0
    before = published(project)
    company = project / "content" / "companies" / "alpha-tech.yaml"
    company.write_text(company.read_text().replace("municipality: Enschede", "municipality: Utrecht"))
    assert run_nightly(project) == 1
    out = capsys.readouterr().out
    assert "municipality: expected one of" in out and "the old site stays" in out
    assert published(project) == before and releases(project) == [before.name]


def test_broken_feed_still_publishes(project, capsys):
    assert run_nightly(project, fetcher=stub_fetcher(project, 3)) == 0
    assert (published(project) / "index.html").is_file()
    assert "WARNING: some feeds failed" in capsys.readouterr().out
    assert json.loads((project / "fetch-report.json").read_text()) == {"stub": True}


def test_fetcher_crash_stops_before_publishing(project):
    assert run_nightly(project) == 0
    before = published(project)
    assert run_nightly(project, fetcher=stub_fetcher(project, 1)) == 1
    assert published(project) == before


def test_missing_fetcher_is_reported(project, capsys):
    assert run_nightly(project, fetcher=project / "nope.py") == 1
    assert "--skip-fetch" in capsys.readouterr().out
    assert not (project / "public" / "site").exists()


def test_an_old_site_folder_is_switched_to_a_link(project):
    old = project / "public" / "site"
    old.mkdir()
    (old / "index.html").write_text("old site")
    assert run_nightly(project) == 0
    assert "Work in Twente" in (published(project) / "index.html").read_text()
    moved = [name for name in releases(project) if name.endswith("-was-folder")]
    assert moved and (project / "public" / moved[0] / "index.html").read_text() == "old site"


# End to end with the real fetcher -------------------------------------------------------------
RECRUITEE_OFFERS = {"offers": [{
    "id": 4242, "slug": "robot-tester", "title": "Robot tester",
    "description": "<p>You test <strong>robots</strong> in our Enschede lab.</p>",
    "requirements": "<ul><li>Curious</li></ul>",
    "city": "Enschede", "careers_url": "http://127.0.0.1/robot-tester",
    "published_at": "2026-11-20 09:30:00 UTC", "close_at": "2027-01-31 23:59:00 UTC",
    "employment_type_code": "fulltime_permanent", "translations": {"en": {}},
    "min_hours": 32, "max_hours": 40,
}]}


class FeedHandler(BaseHTTPRequestHandler):
    """Serves ``server.feed_body`` with ``server.feed_status`` at any path."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.server.feed_body  # type: ignore[attr-defined]
        self.send_response(self.server.feed_status)  # type: ignore[attr-defined]
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def feed_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    server.daemon_threads = True
    server.feed_body = json.dumps(RECRUITEE_OFFERS).encode()  # type: ignore[attr-defined]
    server.feed_status = 200  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_end_to_end_with_the_real_fetcher(project, feed_server, capsys):
    """DEPENDS ON scripts/fetch_vacancies.py: its CLI (--content, --report, --today) and exit 3."""
    port = feed_server.server_address[1]
    company = project / "content" / "companies" / "alpha-tech.yaml"
    company.write_text(company.read_text(encoding="utf-8")
                       + f"feeds:\n  - type: recruitee\n    url: http://localhost:{port}/api/offers/\n",
                       encoding="utf-8")
    quick = ["--fetch-arg=--retries=0", "--fetch-arg=--timeout=5", "--fetch-arg=--quiet",
             "--fetch-arg=--allow-private-hosts"]  # the test feed is local
    assert run_nightly(project, *quick, fetcher=FETCHER) == 0
    fetched = list((project / "content" / "vacancies" / "alpha-tech").glob("*robot-tester*.md"))
    assert len(fetched) == 1, "the fetcher writes the feed's vacancy"
    page = published(project) / "vacancies" / "alpha-tech" / fetched[0].stem / "index.html"
    assert "Robot tester" in page.read_text(encoding="utf-8")
    assert "Robot tester" in (published(project) / "feeds" / "vacancies.atom").read_text(encoding="utf-8")
    report = json.loads((project / "fetch-report.json").read_text(encoding="utf-8"))
    assert report, "the fetcher wrote its report"

    # The feed breaks: the fetcher exits 3, keeps the vacancy, and the site is still published.
    feed_server.feed_status = 500  # type: ignore[attr-defined]
    before = published(project)
    assert run_nightly(project, *quick, fetcher=FETCHER) == 0
    assert "WARNING: some feeds failed" in capsys.readouterr().out
    assert published(project) != before
    page = published(project) / "vacancies" / "alpha-tech" / fetched[0].stem / "index.html"
    assert "Robot tester" in page.read_text(encoding="utf-8")


def test_each_published_build_appends_one_row_of_figures(project):
    history = project / "data" / "stats-history.csv"
    assert run_nightly(project) == 0
    first = history.read_text(encoding="utf-8")
    assert first.splitlines()[1].startswith(f"{TODAY},2,3,")
    stats_page = (published(project) / "stats" / "index.html").read_text(encoding="utf-8")
    assert 'data-figure="vacancies">3<' in stats_page
    assert run_nightly(project) == 0
    second = history.read_text(encoding="utf-8")
    assert second.startswith(first) and len(second.splitlines()) == 3, "appended, never rewritten"


def test_a_failed_build_appends_no_figures(project):
    history = project / "data" / "stats-history.csv"
    (project / "content" / "companies" / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    assert run_nightly(project) == 1
    assert not history.exists()
