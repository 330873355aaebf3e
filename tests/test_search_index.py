"""The search index built with the site: documents, filters, lunr.py queries, lunr.js parity."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess

import pytest

from search_index.documents import snippet
from search_index.generator import SearchBuildError
from search_index.indexing import analyse_multilingual
from search_index.query import plans
from search_index.text_pipeline import render_pipeline_data
from search_support import BuiltSearch
from support import ROOT, build_site, copy_fixture_site

LIVE = ["vacancy:beta-zorg/afstuderen-zorgdata", "vacancy:alpha-tech/python-developer",
        "vacancy:alpha-tech/stage-softwareontwikkeling"]  # newest first
COMPANIES = ["company:alpha-tech", "company:beta-zorg"]
GUIDE = ["guide:registration", "guide:cycling"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-build")
    return build_site(copy_fixture_site(root / "content"), root / "output")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-demo")
    return build_site(ROOT / "content", root / "output")


@pytest.fixture(scope="module")
def en(site):
    return BuiltSearch(site, "")


@pytest.fixture(scope="module")
def nl(site):
    return BuiltSearch(site, "nl/")


# Documents ---------------------------------------------------------------------------------

def test_every_language_has_every_live_document(en, nl):
    assert en.ids == LIVE + COMPANIES + GUIDE
    assert nl.ids == LIVE + COMPANIES + GUIDE
    assert en.payload["lang"] == "en" and en.languages == ["en", "nl"]
    assert nl.payload["lang"] == "nl" and nl.languages == ["nl", "en"]


def test_expired_vacancies_are_neither_listed_nor_indexed(site, en, nl):
    for search in (en, nl):
        assert not any("expired" in doc["url"] for doc in search.docs)
        terms = {term for term, _posting in search.index_json["invertedIndex"]}
        # "expired" only occurs in the expired vacancy ("This vacancy has expired ...").
        assert "expir" not in terms and "expired" not in terms
        assert search.ids_for("expired") == []
    assert "Expired tester" not in (site / "search/documents.json").read_text(encoding="utf-8")


def test_display_and_filter_data(en, nl):
    python = en.doc("vacancy:alpha-tech/python-developer")
    assert python == {
        "kind": "vacancy", "url": "vacancies/alpha-tech/python-developer/", "title": "Python developer",
        "type": "job", "type_label": "Job", "lang": "en",
        "snippet": "You write Python for the test suite of a fictional company.",
        "company": "Alpha Tech Testbedrijf", "place": "Enschede", "municipality": "Enschede",
        "sectors": ["it-software", "high-tech-systems"], "education": ["hbo", "wo"],
        "english_ok": True, "markers": ["English is enough"], "ind_sponsor": True,
    }
    assert nl.doc("vacancy:alpha-tech/python-developer")["type_label"] == "Baan"
    assert nl.doc("vacancy:alpha-tech/python-developer")["markers"] == ["Engels is genoeg"]
    thesis = nl.doc("vacancy:beta-zorg/afstuderen-zorgdata")
    assert thesis["municipality"] == "Hof van Twente" and thesis["place"] == "Goor"
    assert thesis["english_ok"] is False and thesis["ind_sponsor"] is False
    assert thesis["requires"] == ["nl"] and thesis["markers"] == ["Nederlands vereist"]
    assert thesis["company"] == "Beta Zorg & Co"  # raw text; the page escapes it
    company = nl.doc("company:alpha-tech")
    assert company["type"] == "company" and company["type_label"] == "Bedrijf"
    assert company["english_ok"] is True and company["ind_sponsor"] is True
    assert company["snippet"] == "Alpha Tech maakt testsoftware voor een verzonnen testsuite."
    assert en.doc("company:beta-zorg")["lang"] == "nl"  # only a Dutch description
    guide = nl.doc("guide:registration")
    assert guide["title"] == "Inschrijven bij de gemeente" and guide["type_label"] == "Welkomstgids"
    assert "english_ok" not in guide and "municipality" not in guide
    assert nl.doc("guide:cycling")["lang"] == "en"  # not translated: the English chapter


def test_snippets_are_short_plain_text():
    text = "Word " * 100
    cut = snippet(text)
    assert len(cut) <= 161 and cut.endswith("…") and "  " not in cut
    assert snippet("Short text.") == "Short text."


# Queries (lunr.py, the browser's query construction) --------------------------------------

@pytest.mark.parametrize("prefix", ["", "nl/"])
@pytest.mark.parametrize("query, expected", [
    ("softwareontwikkelaar", "vacancy:alpha-tech/stage-softwareontwikkeling"),  # compound
    ("software ontwikkeling", "vacancy:alpha-tech/stage-softwareontwikkeling"),
    ("bedrijf", "vacancy:alpha-tech/stage-softwareontwikkeling"),  # body says "bedrijven"
    ("stages", "vacancy:alpha-tech/stage-softwareontwikkeling"),  # plural of the title's word
    ("ontwikkelt", "vacancy:alpha-tech/stage-softwareontwikkeling"),  # verb form
    ("Python developers!", "vacancy:alpha-tech/python-developer"),
    ("pyth", "vacancy:alpha-tech/python-developer"),  # typing: prefix of the last word
    ("zorgdata", "vacancy:beta-zorg/afstuderen-zorgdata"),
    ("Goor", "vacancy:beta-zorg/afstuderen-zorgdata"),
    ("hof van twente", "company:beta-zorg"),
    ("alpha tech", "company:alpha-tech"),
    ("burgerservicenummer", "guide:registration"),
    ("town hall", "guide:registration"),  # English text of a chapter shown in Dutch too
    ("internship", "vacancy:alpha-tech/stage-softwareontwikkeling"),  # type label, any language
    ("afstudeeropdracht", "vacancy:beta-zorg/afstuderen-zorgdata"),
])
def test_queries_find_the_expected_document(site, prefix, query, expected):
    search = BuiltSearch(site, prefix)
    found = search.ids_for(query)
    assert expected in found, f"{query!r} on /{prefix}: {found}"


def test_title_matches_rank_first(en):
    assert en.ids_for("python")[0] == "vacancy:alpha-tech/python-developer"
    assert en.ids_for("alpha tech")[0] == "company:alpha-tech"


@pytest.mark.parametrize("query", ["xyzzy", "the", "de het", "", "   ", "---", "python xyzzy"])
def test_queries_without_hits(en, query):
    assert en.search(query) == []


def test_every_word_is_analysed_in_every_language():
    assert analyse_multilingual("bedrijven", ["en", "nl"]) == ["bedrijven", "bedrijf"]
    # Unusual white space and slashes separate words, as they do in queries.
    assert analyse_multilingual("HBO/WO\u2003Enschede\u2028(python)", ["nl"]) == ["hbo", "wo", "enschede", "python"]
    # A stop word of any site language is not indexed (queries drop it too).
    assert analyse_multilingual("the de en python", ["en", "nl"]) == ["python"]
    assert analyse_multilingual("the", ["nl"]) == ["the"]


def test_adding_analysed_terms_builds_what_builder_add_builds(site):
    from search_index.indexing import add_analysed
    from search_index.text_pipeline import make_builder
    from lunr.pipeline import Pipeline

    docs = [{"ref": "0", "title": ["python", "develop"], "body": ["python", "python", "test"]},
            {"ref": "1", "title": ["stag"], "body": []},
            {"ref": "2", "title": ["develop", "enschede"], "body": ["test", "ensched"]}]
    builders = []
    for direct in (False, True):
        builder = make_builder("en")
        builder.pipeline = Pipeline()
        builder.ref("ref")
        builder.field("title", boost=10)
        builder.field("body")
        for doc in docs:
            if direct:
                add_analysed(builder, doc["ref"], {"title": doc["title"], "body": doc["body"]})
            else:
                builder.add(doc)
        builders.append(json.dumps(builder.build().serialize(), sort_keys=True))
    assert builders[0] == builders[1]


def test_query_plans():
    assert plans("", ["en", "nl"]) == []
    assert plans("the de", ["en", "nl"]) == []
    exact = [p for p in plans("Enschede. ", ["en", "nl"])]
    assert [(p.terms, p.prefix) for p in exact] == [(("ensched",), None), (("enschede",), None)]
    typing = [(p.terms, p.prefix) for p in plans("python ontw", ["en", "nl"]) if p.prefix]
    assert typing == [(("python",), "ontw")]


def test_body_text_can_be_capped(tmp_path):
    output = build_site(copy_fixture_site(tmp_path / "content"), tmp_path / "output", SEARCH_BODY_WORDS=3)
    search = BuiltSearch(output, "")
    assert "vacancy:alpha-tech/python-developer" in search.ids_for("write python")
    assert search.ids_for("fictional") == []  # the 8th word of the body


# Files --------------------------------------------------------------------------------------

def test_scripts_come_from_npm_and_the_plugin(site):
    js = site / "theme" / "js"
    assert filecmp.cmp(js / "lunr.min.js", ROOT / "node_modules" / "lunr" / "lunr.min.js", shallow=False)
    for name in ("twente-search-pipeline.js", "twente-search-core.js", "twente-search-ui.js"):
        assert filecmp.cmp(js / name, ROOT / "plugins" / "search_index" / "static" / name, shallow=False)
    assert (js / "search-pipeline-data.json").read_text(encoding="utf-8") == render_pipeline_data()


def test_pages_point_at_their_own_languages_index(site):
    for prefix, lang in (("", "en"), ("nl/", "nl")):
        for page in ("index.html", "search/index.html", "vacancies/index.html"):
            html = (site / prefix / page).read_text(encoding="utf-8")
            config = json.loads(html.split('<script type="application/json" id="search-config">')[1].split("</script>")[0])
            assert config["index"] == f"/{prefix}search/index.json"
            assert config["documents"] == f"/{prefix}search/documents.json"
            assert config["languages"][0] == lang
            assert (site / config["index"].lstrip("/")).is_file()
        search_page = (site / prefix / "search/index.html").read_text(encoding="utf-8")
        assert 'lunr.min.js" defer></script>' in search_page and "data-no-js" in search_page
        # Other pages load only the small page script; lunr.js and the index wait for the search page.
        home = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert 'lunr.min.js" defer></script>' not in home and "twente-search-ui.js" in home
    messages = (site / "nl/search/index.html").read_text(encoding="utf-8")
    assert "Geen resultaten voor" in messages and "{count} resultaten" in messages


def test_a_third_language_gets_its_own_index(tmp_path):
    output = build_site(copy_fixture_site(tmp_path / "content"), tmp_path / "output",
                        SITE_LANGUAGES=["en", "nl", "de"])
    german = BuiltSearch(output, "de/")
    assert german.languages == ["de", "en", "nl"]
    assert "vacancy:alpha-tech/stage-softwareontwikkeling" in german.ids_for("stages")
    assert (output / "de/search/documents.json").is_file() and (output / "nl/search/index.json").is_file()


def test_build_stops_without_lunr_js(tmp_path):
    empty = tmp_path / "node_modules"
    empty.mkdir()
    with pytest.raises(SearchBuildError, match="run `npm ci`"):
        build_site(copy_fixture_site(tmp_path / "content"), tmp_path / "output",
                   SEARCH_NODE_MODULES=str(empty))
    assert not (tmp_path / "output" / "index.html").exists()


# lunr.js on the built index -----------------------------------------------------------------

PARITY_QUERIES = [
    "softwareontwikkelaar", "software ontwikkelaar", "bedrijven", "stages", "stage", "python",
    "Python developers!", "pyth", "ontw", "zorgdata", "hof van twente", "Enschede.", "enschede ",
    "alpha tech", "burgerservicenummer", "internship", "afstudeeropdracht", "xyzzy", "the",
    "verpleegkundigen", "verpleegkundige wijkteam", "developer", "engineer", "café", "cafe",
    "Werktuigbouwkundig", "graduation project", "zonnepanelen", "zonne-energie", "data",
    "HBO/WO", "health insurance", "zorgverzekering", "huisvesting", "kamers", "kamer",
    "bakker", "broodjes", "tukkercode", "gronau", "stage enschede", "robot", "robots",
    "python\u2003developer", "zorg\u00a0data", "(hbo)|wo", "“stage”", "bijbaantje", "de het",
    "energie-", "kanaalzicht rob", "'s-hertogenbosch", "Zürich", "coördinator",
]


def test_lunr_js_returns_what_lunr_py_returns(site, demo, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the JS side of search must be tested (install Node.js and npm)")
    assert (ROOT / "node_modules" / "lunr").is_dir(), "lunr.js is missing: run `npm ci`"
    sites = []
    for name, output in (("fixture", site), ("demo", demo)):
        for prefix in ("", "nl/"):
            search = BuiltSearch(output, prefix)
            queries = []
            for query in PARITY_QUERIES:
                results = search.search(query)
                queries.append({
                    "q": query,
                    "plans": [{"terms": list(p.terms), "prefix": p.prefix} for p in plans(query, search.languages)],
                    "refs": [ref for ref, _ in results], "scores": [score for _, score in results],
                })
            sites.append({"name": f"{name} /{prefix}", "pipelineData": str(output / "theme/js/search-pipeline-data.json"),
                          "index": str(search.folder / "index.json"), "documents": str(search.folder / "documents.json"),
                          "queries": queries})
    demo_hits = sum(1 for s in sites[2:] for q in s["queries"] if q["refs"])
    assert demo_hits > 60, "the parity queries should mostly find something in the demo content"
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps({"sites": sites}), encoding="utf-8")
    proc = subprocess.run([node, "--test", "tests/js/search_index.test.js"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={"PATH": "", "WIT_SEARCH_CASES": str(cases)})
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "# pass 1" in proc.stdout and "# skipped 0" in proc.stdout, proc.stdout


# Evaluation set -------------------------------------------------------------------------------

def test_evaluation_set_recall():
    """scripts/search_eval.py's numbers stay high; every no-hit query finds nothing."""
    import datetime as dt
    import sys

    import yaml

    sys.path.insert(0, str(ROOT / "scripts"))
    from search_eval import engines_from_content, recall

    spec = yaml.safe_load((ROOT / "tests/fixtures/search_eval.yaml").read_text(encoding="utf-8"))
    engines = engines_from_content(ROOT / "content", dt.date.fromisoformat(str(spec["build_date"])))
    kinds = set()
    for code, queries in spec["queries"].items():
        scores = []
        for query in queries:
            kinds.add(query["kind"])
            found = engines[code].ours(query["q"])
            scores.append(recall(found, query["expect"]))
            if query["kind"] == "no-hit":
                assert found == [], f"{code} {query['q']!r} should find nothing: {found}"
        assert sum(scores) / len(scores) >= 0.95, code
        naive = [recall(engines[code].baseline(q["q"]), q["expect"]) for q in queries]
        assert sum(naive) < sum(scores)
    assert kinds == {"plural", "diminutive", "verb", "compound", "f/v", "accent", "punctuation",
                     "multi-word", "company name", "no-hit"}
