#!/usr/bin/env python3
"""Search at scale: bytes and time to the first result in Chromium, re-render time, index build.

    python scripts/bench_search.py [--companies 1000] [--vacancies 10000] [--no-smaller]
                                   [--keep DIR] [--body-words N]

Builds, with the real command line (``pelican ... --fatal warnings``), the demo site, a site
of generated content at 2,000 vacancies (200 companies) and one at ``--vacancies`` (default
10,000, ``--companies`` 1,000; ``--no-smaller`` skips the first two).  For each site and each
language, in headless Chromium (Debian's ``/usr/bin/chromium``) with a fresh browser context
per query (cold cache), served by ``scripts/serve.py`` (what ``make serve`` runs) in a process
of its own on 127.0.0.1, it opens
``<prefix>search/?q=...`` for typical queries and measures:

- ``bytes_gz``: every file downloaded from opening the page to the first rendered result
  (the page, CSS, lunr.js, the search scripts, pipeline data, manifest, filter table,
  index shards, result records), each counted gzipped (level 6, what a server sends);
- ``first_ms``: from the search scripts being loaded (the page script's start) to the first
  rendered result (with when the pipeline data was in, the query's shards assembled and
  the query run, in ms after the same start; the bench waits for it with a timer in the
  page's own script world, not with Playwright's selector engine, which would run in the
  page during the measured search);
- ``next_ms``: each later keystroke's search (a word typed after the first result, one key
  at a time), from its start (after the 120 ms debounce) to its first result on screen,
  shards and records included;

and, in this process, the seconds ``build_documents`` + ``build_index`` + writing the search
files take per language (``build_s``).  Medians over the queries; every query's figures are
printed too.  The bench ends with one line per language for the largest site:

    search-budget LANG bytes_gz=N first_ms=N build_s=N

(the smaller sites print the same line with their name in brackets).  The budgets of issue 8
are bytes_gz <= 150 kB, first_ms <= 100 ms (median), next_ms <= 20 ms and build_s <= 10 s;
this script prints figures, it does not judge them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from content_model import load_or_raise
from directory_site.site_pages import site_languages
from search_index.documents import build_documents, facet_values
from search_index.generator import DEFAULT_BODY_WORDS
from search_index.indexing import build_index
from search_index.search_files import search_files

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT / "scripts"))
from bench_build import run  # noqa: E402
from site_settings import site_languages as configured_languages  # noqa: E402

QUERIES = {
    "en": [("developer", " enschede"), ("software engineer", " hengelo"), ("internship enschede", " data"),
           ("nurse", " almelo"), ("marketing assistant", " part time"), ("data analyst", " python")],
    "nl": [("softwareontwikkelaar", " enschede"), ("stage enschede", " data"), ("verpleegkundige", " almelo"),
           ("data analist", " hengelo"), ("logistiek planner hengelo", " stage"), ("bijbaan", " weekend")],
}
# Waits, in the page's own script world, until the search has rendered, told by a
# MutationObserver on the search page's attributes: Playwright's wait_for_selector would first
# evaluate its selector engine in the page (about 20 ms of main thread here, in the middle of
# the measured search), and polling with a timer ran a few ms of queries in it too; a person's
# browser runs neither.
READY = """(limit) => new Promise((resolve, reject) => {
    let observer = null
    const timer = setTimeout(() => {
        if (observer) observer.disconnect()
        reject(new Error('the search did not render within ' + limit + ' ms'))
    }, limit)
    const watch = () => {  // once the page is parsed (the bench opens it at its first byte)
        const root = document.querySelector('[data-search-page]')
        if (!root) { clearTimeout(timer); reject(new Error('this is not the search page')); return }
        const check = () => {
            const state = root.getAttribute('data-search-ready')
            if (state !== 'true' && state !== 'error') return
            clearTimeout(timer)
            if (observer) observer.disconnect()
            if (state === 'true') resolve()
            else reject(new Error('the search failed to load'))
        }
        observer = new MutationObserver(check)
        observer.observe(root, { attributes: true, attributeFilter: ['data-search-ready'] })
        check()
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch)
    else watch()
})"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def static_server(output: Path) -> tuple[subprocess.Popen, str]:
    """``scripts/serve.py`` for ``output`` on a free port of 127.0.0.1, as a process of its own (a
    server thread in this process would wait for the GIL while Playwright's client handles
    the page's events, which added tens of ms to each request): (the process, its base URL)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([PYTHON, str(ROOT / "scripts" / "serve.py"), str(output), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(f"the bench's static server did not start on port {port}") from None
            time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def gzipped_size(output: Path, url: str, cache: dict[str, int]) -> int:
    path = urlsplit(url).path
    if path not in cache:
        file = output / path.lstrip("/")
        if file.is_dir() or not path or path.endswith("/"):
            file = file / "index.html"
        # A file the site does not have (the browser's /favicon.ico) was a small 404.
        cache[path] = len(gzip.compress(file.read_bytes(), compresslevel=6)) if file.is_file() else 0
    return cache[path]


def browser_figures(output: Path, prefixes: dict[str, str]) -> dict[str, list[dict]]:
    """Per language, per query: bytes_gz, first_ms, next_ms (list), results, status."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    server, base = static_server(output)
    sizes: dict[str, int] = {}
    figures: dict[str, list[dict]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for code, prefix in prefixes.items():
                figures[code] = []
                for query, more in QUERIES.get(code, QUERIES["en"]):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"{base}/{prefix}search/?q={quote(query)}", wait_until="commit")
                    page.evaluate(READY, 120_000)
                    found = page.evaluate("""() => {
                        const at = (name) => (performance.getEntriesByName(name)[0] || {}).startTime;
                        const first = at('twente-search:first-render');
                        const urls = performance.getEntriesByType('resource')
                            .filter((e) => e.responseEnd <= first).map((e) => e.name);
                        return {scripts: at('twente-search:scripts'), first: first, urls: urls,
                                phases: ['loaded', 'index-ready', 'matched'].map((n) => at('twente-search:' + n)),
                                results: document.querySelectorAll('[data-search-results] > li, [data-search-partial] > li').length,
                                status: document.querySelector('[data-search-status]').textContent};
                    }""")
                    urls = [page.url, *found["urls"]]
                    total = sum(gzipped_size(output, url, sizes) for url in urls)
                    box = page.locator("#search-q")
                    box.press("End")
                    renders = []
                    for char in more:
                        before = page.evaluate("performance.getEntriesByName('twente-search:render').length")
                        box.press(char if char != " " else "Space")
                        page.wait_for_function(
                            "n => performance.getEntriesByName('twente-search:render').length > n", arg=before,
                            timeout=60_000)
                        renders.append(page.evaluate(
                            "performance.getEntriesByName('twente-search:render').slice(-1)[0].duration"))
                        page.wait_for_timeout(150)  # a person types a few keys a second; the debounce is 120 ms
                    phases = "/".join(f"{(at or 0) - found['scripts']:.0f}" for at in found["phases"])
                    figures[code].append({"query": query, "bytes_gz": total, "files": len(urls), "phases": phases,
                                          "first_ms": found["first"] - found["scripts"], "next_ms": renders,
                                          "results": found["results"], "status": found["status"]})
                    context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return figures


def index_build_seconds(content: Path, today: dt.date, body_words: int | None) -> dict[str, float]:
    codes = configured_languages()
    languages = site_languages({"SITE_LANGUAGES": codes, "THEME": str(ROOT / "theme")})
    directory = load_or_raise(content, codes)
    seconds = {}
    for lang in languages:
        start = time.perf_counter()
        documents = build_documents(directory, lang, languages, today, body_words)
        index = build_index(documents, lang.code, codes)
        search_files(documents, index, lang.code, codes, facet_values(directory))
        seconds[lang.code] = time.perf_counter() - start
    return seconds


def bench_site(label: str, content: Path, output: Path, body_words: int, last: bool) -> None:
    seconds = run([PYTHON, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
                   "--fatal", "warnings", "-e", f"SEARCH_BODY_WORDS={body_words}"])
    codes = configured_languages()
    prefixes = {code: "" if i == 0 else f"{code}/" for i, code in enumerate(codes)}
    shards = {code: len(list((output / prefix / "search" / "shards").iterdir())) for code, prefix in prefixes.items()}
    print(f"\n== {label}: site build {seconds:.1f} s; "
          + ", ".join(f"{code} {count} shards" for code, count in shards.items()))
    build = index_build_seconds(content, dt.date.today(), body_words or None)
    figures = browser_figures(output, prefixes)
    summary = []
    for code in prefixes:
        print(f"  [{code}]")
        for row in figures[code]:
            print(f"    {row['query']!r:<30} {row['bytes_gz'] / 1000:6.1f} kB gz in {row['files']:2d} files   "
                  f"first result {row['first_ms']:6.1f} ms (ready/index/matched {row['phases']})   next keys "
                  f"{'/'.join(f'{ms:.0f}' for ms in row['next_ms'])} ms   ({row['status']})")
        rows = figures[code]
        bytes_gz = statistics.median(row["bytes_gz"] for row in rows)
        first = statistics.median(row["first_ms"] for row in rows)
        nexts = [ms for row in rows for ms in row["next_ms"]]
        print(f"    median {bytes_gz / 1000:.1f} kB gz (max {max(r['bytes_gz'] for r in rows) / 1000:.1f}), "
              f"first result {first:.1f} ms, next key median {statistics.median(nexts):.1f} ms "
              f"(max {max(nexts):.1f}), index build {build[code]:.1f} s")
        summary.append(f"search-budget{'' if last else f'[{label}]'} {code} bytes_gz={max(r['bytes_gz'] for r in rows)} "
                       f"first_ms={first:.0f} build_s={build[code]:.1f}")
    print("\n".join(summary))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--vacancies", type=int, default=10000)
    parser.add_argument("--no-smaller", action="store_true", help="only the largest site (skip demo and 2,000)")
    parser.add_argument("--body-words", type=int, default=DEFAULT_BODY_WORDS,
                        help=f"SEARCH_BODY_WORDS for the build (default {DEFAULT_BODY_WORDS}; 0 = all)")
    parser.add_argument("--keep", type=Path, help="keep generated content and output in this folder")
    args = parser.parse_args(argv)
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="witw-bench-search-") as scratch:
        base = args.keep or Path(scratch)
        sites = [] if args.no_smaller else [("demo", None, None), ("2000 vacancies", 200, 2000)]
        sites.append((f"{args.vacancies} vacancies", args.companies, args.vacancies))
        for number, (label, companies, vacancies) in enumerate(sites):
            content = ROOT / "content"
            if companies is not None:
                content = base / f"content-{vacancies}"
                seconds = run([PYTHON, "scripts/generate_content.py", str(content), "--force",
                               "--today", today.isoformat(), "--companies", str(companies),
                               "--vacancies", str(vacancies)])
                print(f"generated {companies} companies + {vacancies} vacancies in {seconds:.1f} s")
            bench_site(label, content, base / f"output-{number}", args.body_words, number == len(sites) - 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
