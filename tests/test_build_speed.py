"""The build's speed-ups change nothing: per-language templates, worker processes, the compiled
validator, the direct search index and the parser-free plain text give what the plain way gives.

(How fast the build is, is measured by ``make bench``, not here.)
"""

from __future__ import annotations

import copy
import filecmp
import tempfile
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

import content_model.directory
import directory_site.site_pages
import search_index.generator
import seo_meta.generator
from build_cache.workers import Background, BackgroundError
from content_model import load_directory, markup, schema
from content_model.source_files import parse_front_matter
from directory_site.language_templates import language_environment, theme_assigned_names
from support import FIXTURE_SITE, build_site, copy_fixture_site


def tree(output: Path) -> dict[str, bytes]:
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted(output.rglob("*"))
            if path.is_file()}


def assert_same_tree(first: Path, second: Path) -> None:
    one, other = tree(first), tree(second)
    assert sorted(one) == sorted(other)
    different = [name for name in one if one[name] != other[name]]
    assert not different, f"{len(different)} files differ, e.g. {different[:5]}"


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    """The fixture site built the plain way: Jinja as it is, one process."""
    root = tmp_path_factory.mktemp("plain")
    return build_site(copy_fixture_site(root / "content"), root / "output",
                      DIRECTORY_FAST_TEMPLATES=False, BUILD_WORKERS=1)


def test_per_language_templates_give_the_same_pages(plain_site, tmp_path):
    fast = build_site(copy_fixture_site(tmp_path / "content"), tmp_path / "output", BUILD_WORKERS=1)
    assert_same_tree(plain_site, fast)


def test_worker_processes_give_the_same_site(plain_site, tmp_path, monkeypatch):
    # The fixture is small: make every step use the workers it would use for a big site.
    monkeypatch.setattr(directory_site.site_pages, "PARALLEL_PAGES", 0)
    monkeypatch.setattr(search_index.generator, "PARALLEL_VACANCIES", 0)
    monkeypatch.setattr(content_model.directory, "PARALLEL_FILES", 0)
    monkeypatch.setattr(seo_meta.generator, "PARALLEL_FEEDS", 0)
    # The search indexes are made in the background (build_cache.workers.Background) and the search
    # pages wait for them: rendered before, they would fail (no manifest) or differ.
    output = build_site(copy_fixture_site(tmp_path / "content"), tmp_path / "output", BUILD_WORKERS=2)
    assert_same_tree(plain_site, output)


def _square_or_fail(number: int) -> int:
    if number == 3:
        raise ValueError("three is refused")
    return number * number


def test_background_work_gives_its_results_in_order_and_leaves_no_files(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    work = Background(_square_or_fail, [4, 1, 2], workers=2)
    assert work.running
    assert work.result() == [16, 1, 4]
    assert not work.running and work.result() == [16, 1, 4]
    assert list(tmp_path.iterdir()) == []


def test_one_piece_of_background_work_runs_beside_this_process(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    work = Background(lambda _item: os.getpid(), [None], workers=2)
    assert work.running
    assert work.result() != [os.getpid()]


def test_background_work_that_fails_says_what_failed(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    work = Background(_square_or_fail, [2, 3], workers=2)
    with pytest.raises(BackgroundError, match="ValueError: three is refused"):
        work.result()
    assert list(tmp_path.iterdir()) == []


def test_background_work_with_one_worker_is_done_at_once():
    work = Background(_square_or_fail, [2, 5], workers=1)
    assert not work.running and work.result() == [4, 25]
    with pytest.raises(ValueError, match="three is refused"):
        Background(_square_or_fail, [3], workers=1)


def test_loading_in_workers_gives_the_same_content_and_problems(tmp_path, monkeypatch):
    content = copy_fixture_site(tmp_path / "content")
    broken = content / "vacancies" / "alpha-tech" / "broken.md"
    broken.write_text("---\ntitle: x\ncompany: alpha-tech\n---\nText with <script>x</script>\n", encoding="utf-8")
    alone, problems_alone = load_directory(content, ["en", "nl"], workers=1)
    monkeypatch.setattr(content_model.directory, "PARALLEL_FILES", 0)
    shared, problems_shared = load_directory(content, ["en", "nl"], workers=2)
    assert problems_alone and problems_shared == problems_alone
    assert shared.companies == alone.companies and shared.vacancies == alone.vacancies
    assert shared.guides == alone.guides and shared.events == alone.events


# The compiled validator --------------------------------------------------------------------------
def _mutations(data: dict) -> list[dict]:
    """A valid vacancy changed field by field into values of every kind."""
    values = [None, True, 0, 1.5, -3, "", "x", "<b>", "2026-13-01", "2026-01-01", "en", "EN", "en\n", [], ["en"],
              ["en", "en"], {}, {"min": 5, "max": 2}, "https://example.com", "ftp://x", "a" * 200, float("nan")]
    found = []
    for key in data:
        for value in values:
            changed = copy.deepcopy(data)
            changed[key] = value
            found.append(changed)
        removed = copy.deepcopy(data)
        del removed[key]
        found.append(removed)
    found.append({**data, "unknown": 1})
    return found


def test_the_compiled_validator_never_passes_what_jsonschema_rejects():
    """``check`` trusts a "valid" of the compiled validator; its "not valid" is only a hint (then
    jsonschema looks and words the messages). It may be stricter, never more lenient."""
    path = next((FIXTURE_SITE / "vacancies" / "alpha-tech").glob("*.md"))
    data = parse_front_matter(path.read_text(encoding="utf-8"), str(path)).data
    cases = _mutations(data)
    assert schema.is_valid("vacancy", data)
    verdicts = [(schema.is_valid("vacancy", case), not list(schema._validator("vacancy").iter_errors(case)))
                for case in cases]
    assert not [case for case, (fast, thorough) in zip(cases, verdicts) if fast and not thorough]
    # Stricter only where Python's regular expressions let a pattern's $ match before a final line break.
    stricter = [case for case, (fast, thorough) in zip(cases, verdicts) if thorough and not fast]
    assert all(any(isinstance(value, str) and value.endswith("\n") for value in case.values()) for case in stricter)
    assert sum(not fast for fast, _thorough in verdicts) > len(cases) // 2


def test_plain_text_without_a_parser_is_the_parsers_text():
    texts = [path.read_text(encoding="utf-8").split("---\n", 2)[-1]
             for path in sorted(FIXTURE_SITE.rglob("*.md"))]
    texts += ["a &amp; b *c* &lt;tag&gt; &#x27;q&#x27;", "- one\n- two\n\n1. x\n2. y", "# T\n\n## U\n\ntext  \nbreak",
              "| a | b |\n|---|---|\n| 1 | 2 |", "[link](https://x.example) and **bold**", "> quoted\n\n---\n\ncode: `<b>`",
              "Tom & Jerry < Spike > cat", "    indented code <x>"]
    fast = 0
    for text in texts:
        html = markup.render(text)
        collector = markup._TextCollector()
        collector.feed(html)
        expected = " ".join("".join(collector.parts).split())
        assert markup.plain_text(text) == expected, text
        fast += markup._only_plain_tags(html)
    assert 0 < fast < len(texts)  # both ways were taken


def test_the_markdown_check_finds_the_same_without_a_parser_when_nothing_is_wrong():
    clean = "Plain **text** with a list:\n\n- one\n- two\n"
    assert markup._only_plain_tags(markup._markdown_html(clean)) and markup.check(clean, "x.md", 1) == []
    for hostile in ("<b onclick='x'>hi</b>", "<!-- note -->", "<img src=x>", "[a](javascript:alert(1))"):
        assert markup.check(hostile, "x.md", 1), hostile


# The search index ----------------------------------------------------------------------------------
def test_the_direct_index_terms_are_lunrs(tmp_path):
    import datetime as dt

    from directory_site.site_pages import site_languages
    from search_index.documents import build_documents
    from search_index.indexing import IndexedTerms, build_index, build_terms

    directory, problems = load_directory(FIXTURE_SITE, ["en", "nl"])
    assert not problems
    languages = site_languages({"SITE_LANGUAGES": ["en", "nl"], "THEME": str(Path(__file__).parent.parent / "theme")})
    for lang in languages:
        documents = build_documents(directory, lang, languages, dt.date(2026, 11, 27))
        assert build_terms(documents, lang.code, ["en", "nl"]) == IndexedTerms.from_index(
            build_index(documents, lang.code, ["en", "nl"]))


def test_documents_made_with_another_languages_plain_texts_are_the_same():
    import datetime as dt

    from directory_site.site_pages import site_languages
    from search_index.documents import PlainTexts, build_documents

    directory, problems = load_directory(FIXTURE_SITE, ["en", "nl"])
    languages = site_languages({"SITE_LANGUAGES": ["en", "nl"], "THEME": str(Path(__file__).parent.parent / "theme")})
    shared = PlainTexts()
    for lang in languages:
        alone = build_documents(directory, lang, languages, dt.date(2026, 11, 27))
        assert build_documents(directory, lang, languages, dt.date(2026, 11, 27), texts=shared) == alone, lang.code


def test_the_direct_index_rounds_every_weight_as_python_does(monkeypatch):
    """numpy rounds weight * 1000; where that comes near a half, ``round(weight, 3)`` decides. With
    the margin so wide that every weight is rounded by Python the terms are the same."""
    import datetime as dt

    from directory_site.site_pages import site_languages
    from search_index import indexing
    from search_index.documents import build_documents

    directory, problems = load_directory(FIXTURE_SITE, ["en", "nl"])
    languages = site_languages({"SITE_LANGUAGES": ["en", "nl"], "THEME": str(Path(__file__).parent.parent / "theme")})
    documents = build_documents(directory, languages[0], languages, dt.date(2026, 11, 27))
    fast = indexing.build_terms(documents, "en", ["en", "nl"])
    rounded = []
    original = indexing.scaled_weight
    monkeypatch.setattr(indexing, "ROUNDING_MARGIN", 0.6)  # every |fraction - 0.5| is below it
    monkeypatch.setattr(indexing, "scaled_weight", lambda weight: rounded.append(weight) or original(weight))
    assert indexing.build_terms(documents, "en", ["en", "nl"]) == fast
    assert len(rounded) == sum(len(flat) // 2 for _term, per_field in fast.terms for flat in per_field)


# Per-language templates --------------------------------------------------------------------------
class _Catalogue:
    def gettext(self, message: str) -> str:
        return {"Hello": "Hallo", "%(n)s items": "%(n)s dingen", "Save 100%": "Bewaar 100%"}.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


TEMPLATES = {
    "page.html": ("{% from 'macros.html' import card, stamp with context %}"
                  "<p>{{ _('Hello') }} {{ _('%(n)s items', n=count) }} {{ url('x') }} {{ shout(url('y')) }}</p>"
                  "{% for item in items %}{{ card(item) }}{{ stamp(item) }}{% endfor %}"),
    "macros.html": ("{% macro card(item) %}[{{ item }} {{ url(item) }}]{% endmacro %}"
                    "{% macro stamp(item) %}({{ item }} on {{ page_name }}){% endmacro %}"),
    "percent.html": "{{ _('Save 100%') }}",
}


def _env(constants: set[str]) -> jinja2.Environment:
    base = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), extensions=["jinja2.ext.i18n"], autoescape=True)
    base.install_null_translations(newstyle=True)
    return language_environment(base, _Catalogue(), constants, theme_assigned_names(base))


def test_per_language_templates_fold_translations_and_keep_what_is_the_same(monkeypatch):
    calls = []

    def url(path):
        calls.append(path)
        return f"/nl/{path}"

    env = _env({"url", "shout"})
    site = {"url": url, "shout": lambda text: Markup(f"<b>{text}</b>")}
    first = env.get_template("page.html").render(site, count=2, items=["a", "b"], page_name="one")
    second = env.get_template("page.html").render(site, count=3, items=["b", "c"], page_name="two")
    assert first == "<p>Hallo 2 dingen /nl/x <b>/nl/y</b></p>[a /nl/a](a on one)[b /nl/b](b on one)"
    assert second == "<p>Hallo 3 dingen /nl/x <b>/nl/y</b></p>[b /nl/b](b on two)[c /nl/c](c on two)"
    # url('x') and url('y') once for both pages; the card of "b" made once; stamp reads the page's name.
    assert sorted(calls) == ["a", "b", "c", "x", "y"]


def test_a_page_variable_is_never_taken_for_a_language_constant():
    env = _env(set())  # "url" is set by each page: not a constant
    template = env.get_template("page.html")
    first = template.render(url=lambda path: f"/one/{path}", shout=str, count=1, items=["a"], page_name="p")
    second = template.render(url=lambda path: f"/two/{path}", shout=str, count=1, items=["a"], page_name="p")
    assert "/one/x" in first and "/two/x" in second and "[a /two/a]" in second


def test_a_translation_that_fails_to_format_still_fails_at_render_time():
    with pytest.raises(ValueError):
        _env(set()).get_template("percent.html").render()


def test_runs_keep_the_pages_of_an_item_together_and_share_the_work():
    from directory_site.site_pages import Page, paginate, split_runs

    items = [f"vacancy {number}" for number in range(240)]  # newest first, as every list is
    pages = paginate("vacancies/", "vacancies.html", {}, items, 24)  # 10 pages
    pages += paginate("vacancies/type/job/", "vacancies.html", {}, items[::2], 24)  # 5 pages
    pages += paginate("vacancies/type/job/english/", "vacancies.html", {}, items[200:], 24)  # 2 pages
    pages += [Page(f"companies/c{number}/", "company.html") for number in range(7)]
    runs = split_runs(pages, list(range(len(pages))), 2)
    assert sorted(number for run in runs for number in run) == list(range(len(pages)))  # each page once
    assert runs[0][:5] == [0, 1, 2, 3, 4] and runs[1][:5] == [5, 6, 7, 8, 9]  # newest half, oldest half
    shown = [{item for number in run for item in pages[number].variables.get("listed", [])} for run in runs]
    assert len(shown[0] & shown[1]) <= 24, "an item's pages are split between the runs"
    assert {15, 16} <= set(runs[1])  # the old vacancies' short list goes with the old ones
    assert abs(len(runs[0]) - len(runs[1])) <= 2


def test_the_scale_check_compares_with_the_median_of_the_1x_builds(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "scripts"))
    import bench_build

    def run(seconds: float, cpu: float) -> bench_build.Measured:
        return bench_build.Measured(seconds=seconds, cpu=cpu, peak_bytes=0)

    # 1x: 1.0, 1.5 and 1.2 ms a page (median 1.2); 5x: 1.38 ms a page (+15%)
    line = bench_build.scale_line([(run(10, 20), 10_000), (run(15, 30), 10_000), (run(12, 24), 10_000)],
                                  (run(69, 120), 50_000), 5)
    time_line, cpu_line = line.splitlines()
    assert time_line == ("time per page: 1.000, 1.500, 1.200 ms at 1x (median 1.200), 1.380 ms at 5x: +15.0%"
                         "   (target <= +20%)")
    assert cpu_line == "cpu per page: 2.000, 3.000, 2.400 ms at 1x (median 2.400), 2.400 ms at 5x: +0.0%"


def test_what_waits_for_deferred_context_runs_after_it_is_collected(tmp_path):
    from build_cache.session import BuildSession

    session = BuildSession({"BUILD_CACHE_PATH": str(tmp_path / "cache"), "PATH": str(tmp_path)}, str(tmp_path / "out"))
    done = []
    session.after_pending(lambda: done.append("at once"))  # nothing is pending
    session.defer({"search_manifests"}, lambda: done.append("collected"))
    session.after_pending(lambda: done.append("search page"))
    assert done == ["at once"] and session.pending_names() == {"search_manifests"}
    session.collect_pending()
    assert done == ["at once", "collected", "search page"] and not session.pending_names()
    session.collect_pending()
    assert done == ["at once", "collected", "search page"]
