#!/usr/bin/env python3
"""Search at scale: index size, index build time and time to first result in Chromium.

    python scripts/bench_search.py [--companies 1000] [--vacancies 10000] [--keep DIR]
                                   [--body-words N] [--no-browser]

Generates content with ``scripts/generate_content.py`` (default 1,000 companies + 10,000
vacancies), builds the site with the real command line (``pelican ... --fatal warnings``),
then prints per site language:

- ``index.json`` and ``documents.json`` bytes, raw and gzipped (what a server sends),
- the seconds ``build_documents`` + ``build_index`` + serialising take (in this process),
- in headless Chromium (Debian's ``/usr/bin/chromium``), for a few queries opened as
  ``<prefix>search/?q=...`` in a fresh browser context (nothing cached): milliseconds from
  navigation start to the index being loaded and to the first results on screen, and the
  cost of one more search typed after loading.  The output is served by a local
  ``http.server`` thread on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from content_model import load_or_raise
from directory_site.site_pages import site_languages
from search_index.documents import build_documents
from search_index.generator import DEFAULT_BODY_WORDS
from search_index.indexing import build_index, documents_payload, serialise

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT / "scripts"))
from bench_build import run  # noqa: E402
from site_settings import site_languages as configured_languages  # noqa: E402

QUERIES = {
    "en": ["developer", "software engineer", "internship enschede", "verpleegkundige"],
    "nl": ["softwareontwikkelaar", "stage enschede", "verpleegkundigen", "data analist"],
}
FOLLOW_UP = {"en": "marketing assistant", "nl": "logistiek planner hengelo"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


def index_build_seconds(content: Path, today: dt.date, body_words: int | None) -> dict[str, float]:
    codes = configured_languages()
    languages = site_languages({"SITE_LANGUAGES": codes, "THEME": str(ROOT / "theme")})
    directory = load_or_raise(content, codes)
    seconds = {}
    for lang in languages:
        start = time.perf_counter()
        documents = build_documents(directory, lang, languages, today, body_words)
        index = build_index(documents, lang.code, codes)
        serialise(index.serialize())
        serialise(documents_payload(documents, lang.code, codes))
        seconds[lang.code] = time.perf_counter() - start
    return seconds


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def browser_timings(output: Path, prefixes: dict[str, str]) -> dict[str, list[str]]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    lines: dict[str, list[str]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for code, prefix in prefixes.items():
                lines[code] = []
                for query in QUERIES.get(code, QUERIES["en"]):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"{base}/{prefix}search/?q={quote(query)}")
                    page.wait_for_selector('[data-search-ready="true"]', timeout=120_000)
                    marks = page.evaluate("""() => {
                        const at = (name) => (performance.getEntriesByName(name)[0] || {}).startTime;
                        return {fetched: at('twente-search:fetched'), loaded: at('twente-search:loaded'),
                                first: at('twente-search:first-render'),
                                results: document.querySelectorAll('[data-search-results] > li').length,
                                status: document.querySelector('[data-search-status]').textContent};
                    }""")
                    follow = FOLLOW_UP.get(code, FOLLOW_UP["en"])
                    page.fill("#search-q", follow)
                    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=follow)
                    again = page.evaluate("() => performance.getEntriesByName('twente-search:render').pop().duration")
                    lines[code].append(
                        f"    {query!r:<26} fetched {marks['fetched']:7.0f} ms   index loaded {marks['loaded']:7.0f} ms"
                        f"   first results {marks['first']:7.0f} ms   ({marks['status']}, {marks['results']} shown)"
                        f"   next search {again:5.0f} ms")
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--vacancies", type=int, default=10000)
    parser.add_argument("--body-words", type=int, default=DEFAULT_BODY_WORDS,
                        help=f"SEARCH_BODY_WORDS for the build (default {DEFAULT_BODY_WORDS}; 0 = all)")
    parser.add_argument("--keep", type=Path, help="keep generated content and output in this folder")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    args = parser.parse_args(argv)
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="witw-bench-search-") as scratch:
        base = args.keep or Path(scratch)
        content, output = base / "generated-content", base / "generated-output"
        seconds = run([PYTHON, "scripts/generate_content.py", str(content), "--force", "--today", today.isoformat(),
                       "--companies", str(args.companies), "--vacancies", str(args.vacancies)])
        print(f"generated {args.companies} companies + {args.vacancies} vacancies in {seconds:.1f} s")
        settings = ROOT / "pelicanconf.py"
        seconds = run([PYTHON, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output),
                       "--fatal", "warnings", "-e", f'SEARCH_BODY_WORDS={args.body_words}'])
        print(f"site build (pelican, both languages, including search): {seconds:.1f} s")
        codes = configured_languages()
        prefixes = {code: "" if i == 0 else f"{code}/" for i, code in enumerate(codes)}
        build = index_build_seconds(content, today, args.body_words or None)
        for code, prefix in prefixes.items():
            index_raw, index_gz = sizes(output / prefix / "search" / "index.json")
            docs_raw, docs_gz = sizes(output / prefix / "search" / "documents.json")
            print(f"\n[{code}] index.json {index_raw / 1e6:6.2f} MB raw {index_gz / 1e6:6.2f} MB gzip   "
                  f"documents.json {docs_raw / 1e6:6.2f} MB raw {docs_gz / 1e6:6.2f} MB gzip   "
                  f"index build {build[code]:5.1f} s")
        shared = sum(p.stat().st_size for p in (output / "theme" / "js").iterdir())
        print(f"\nscripts + pipeline data (theme/js, shared): {shared / 1e3:.0f} kB raw")
        if not args.no_browser:
            print("\nChromium, cold load of <lang>/search/?q=... (times since navigation start):")
            for code, lines in browser_timings(output, prefixes).items():
                print(f"  [{code}]")
                print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
