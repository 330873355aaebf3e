"""`make serve`: the site's own 404 page per language, and absolute URLs on the port being served."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from support import ROOT, build_site, copy_fixture_site

sys.path.insert(0, str(ROOT / "scripts"))
import serve  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    return build_site(copy_fixture_site(root / "content"), root / "output", SEO_LOCAL_SITEURL="http://localhost:9123")


@pytest.fixture(scope="module")
def base(site):
    server = serve.make_server(site, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_pages_are_served(base):
    status, html = fetch(base + "/vacancies/")
    assert status == 200 and "<h1>Vacancies in Twente</h1>" in html


@pytest.mark.parametrize("path, text, lang", [
    ("/vacancies/gone/", "Page not found", "en"),
    ("/no/such/file.png", "Page not found", "en"),
    ("/nl/vacatures/weg/", "Pagina niet gevonden", "nl"),
])
def test_missing_pages_get_the_sites_404_in_their_language(base, path, text, lang):
    status, html = fetch(base + path)
    assert status == 404
    assert f'<html lang="{lang}">' in html and text in html
    assert 'href="/vacancies/"' in html or 'href="/nl/vacancies/"' in html  # the site's page, not Python's


def test_absolute_urls_name_the_port_that_is_served(site):
    page = (site / "vacancies/alpha-tech/python-developer/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:url" content="http://localhost:9123/vacancies/alpha-tech/python-developer/">' in page
    assert "localhost:8000" not in page


def test_make_serve_builds_for_the_port_it_serves():
    commands = subprocess.run(["make", "-n", "serve", "PORT=9123"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout
    assert """-e 'SEO_LOCAL_SITEURL="http://localhost:9123"'""" in commands
    assert "scripts/serve.py output --port 9123" in commands


def test_a_port_in_use_is_explained(site, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve.main([str(site), "--port", str(port)]) == 1
    error = capsys.readouterr().err
    assert f"port {port} is already in use" in error and f"PORT={port + 1} make serve" in error


def test_serving_a_folder_without_a_site_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit):
        serve.main([str(tmp_path)])
    assert "run `make build` first" in capsys.readouterr().err
