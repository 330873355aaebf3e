"""The search index built with the site: documents, filters, lunr.py queries, lunr.js parity."""

from __future__ import annotations

import dataclasses
import filecmp
import json
import sys
import shutil
import subprocess
from pathlib import Path

import pytest

from search_index.documents import snippet
from search_index.generator import SearchBuildError
from search_index.indexing import analyse_multilingual
from search_index.query import plan_query
from search_index.text_pipeline import render_pipeline_data
from search_support import BuiltSearch
from support import ROOT, build_site, copy_fixture_site

sys.path.insert(0, str(ROOT / "scripts"))
from search_eval import SETS as SEARCH_EVAL_SETS  # noqa: E402

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
    assert en.manifest["lang"] == "en" and en.languages == ["en", "nl", "de"]
    assert nl.manifest["lang"] == "nl" and nl.languages == ["nl", "en", "de"]
    assert en.manifest["kinds"] == {"vacancy": [0, 3], "company": [3, 5], "guide": [5, 7]}


def test_expired_vacancies_are_neither_listed_nor_indexed(site, en, nl):
    for search in (en, nl):
        assert not any("expired" in doc["url"] for doc in search.docs)
        terms = set(search.index.inverted_index)
        # "expired" only occurs in the expired vacancy ("This vacancy has expired ...").
        assert "expir" not in terms and "expired" not in terms
        assert search.ids_for("expired") == []
    for path in (site / "search").rglob("*.json"):
        assert "Expired tester" not in path.read_text(encoding="utf-8"), path


def test_result_records_and_filter_values(en, nl):
    python = en.doc("vacancy:alpha-tech/python-developer")
    assert python == {
        "kind": "vacancy", "url": "vacancies/alpha-tech/python-developer/", "title": "Python developer",
        "type_label": "Job", "lang": "en",
        "snippet": "You write Python for the test suite of a fictional company.",
        "company": "Alpha Tech Testbedrijf", "place": "Enschede", "english_ok": True,
        "markers": ["English is enough"],
    }
    assert en.facets_of("vacancy:alpha-tech/python-developer") == {
        "type": ["job"], "municipality": ["Enschede"], "sector": ["high-tech-systems", "it-software"],
        "education": ["hbo", "wo"], "language": ["english"], "ind": ["sponsor"]}
    assert nl.doc("vacancy:alpha-tech/python-developer")["type_label"] == "Baan"
    assert nl.doc("vacancy:alpha-tech/python-developer")["markers"] == ["Engels is genoeg"]
    thesis = nl.doc("vacancy:beta-zorg/afstuderen-zorgdata")
    assert thesis["place"] == "Goor" and "english_ok" not in thesis
    assert thesis["markers"] == ["Nederlands vereist"]
    assert nl.facets_of("vacancy:beta-zorg/afstuderen-zorgdata")["municipality"] == ["Hof van Twente"]
    assert nl.facets_of("vacancy:beta-zorg/afstuderen-zorgdata")["language"] == ["nl"]
    assert nl.facets_of("vacancy:beta-zorg/afstuderen-zorgdata")["ind"] == []
    assert thesis["company"] == "Beta Zorg & Co"  # raw text; the page escapes it
    company = nl.doc("company:alpha-tech")
    assert company["kind"] == "company" and company["type_label"] == "Bedrijf"
    assert nl.facets_of("company:alpha-tech")["type"] == ["company"]
    assert nl.facets_of("company:alpha-tech")["language"] == ["english"]
    assert company["snippet"] == "Alpha Tech maakt testsoftware voor een verzonnen testsuite."
    assert en.doc("company:beta-zorg")["lang"] == "nl"  # only a Dutch description
    guide = nl.doc("guide:registration")
    assert guide["title"] == "Inschrijven bij de gemeente" and guide["type_label"] == "Welkomstgids"
    assert "english_ok" not in guide and nl.facets_of("guide:registration")["municipality"] == []
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
    ("afstudeeropdracht", "vacancy:beta-zorg/afstuderen-zorgdata"),
])
def test_queries_find_the_expected_document(site, prefix, query, expected):
    search = BuiltSearch(site, prefix)
    found = search.ids_for(query)
    assert expected in found, f"{query!r} on /{prefix}: {found}"


def test_labels_are_searched_as_the_page_shows_them(en, nl):
    # The kind of position is a label on the card: "Internship" on the English site, "Stage"
    # on the Dutch one.  A label's translation is not on the page, so it finds nothing there.
    assert "vacancy:alpha-tech/stage-softwareontwikkeling" in en.ids_for("internship")
    # The company's sector, shown on its vacancies too: "Hightech systemen" on the Dutch site.
    assert "vacancy:alpha-tech/python-developer" in nl.ids_for("hightech")
    assert "vacancy:beta-zorg/afstuderen-zorgdata" not in nl.ids_for("graduation")
    assert "vacancy:beta-zorg/afstuderen-zorgdata" in en.ids_for("graduation")


def test_title_matches_rank_first(en):
    assert en.ids_for("python")[0] == "vacancy:alpha-tech/python-developer"
    assert en.ids_for("alpha tech")[0] == "company:alpha-tech"


@pytest.mark.parametrize("query", ["xyzzy", "the", "de het", "the of and", "", "   ", "---", "xyzzy plugh"])
def test_queries_without_hits(en, query):
    assert en.search(query) == []


def test_documents_matching_every_word_come_before_those_matching_some(en):
    # No document has "xyzzy": the Python vacancy still shows, as a match of one word of two.
    partial = en.search("python xyzzy")
    assert [en.ids[m.ref] for m in partial][:1] == ["vacancy:alpha-tech/python-developer"]
    assert {m.words for m in partial} == {1}
    both = en.search("python enschede")
    assert en.ids[both[0].ref] == "vacancy:alpha-tech/python-developer" and both[0].words == 2
    assert [m.words for m in both] == sorted((m.words for m in both), reverse=True)
    # Of those with one of the two words, only the best follow.
    from search_index.query import PARTIAL_SHARE
    everything = en.search("enschede")
    weak = [m for m in everything if m.score < PARTIAL_SHARE * both[0].score]
    assert weak and not {m.ref for m in weak} & {m.ref for m in both if m.words == 1}
    # Of three words a result needs two.
    assert all(m.words >= 2 for m in en.search("python enschede xyzzy"))


def test_generic_words_never_need_to_match(en, nl):
    assert en.ids_for("python jobs") == en.ids_for("python")
    assert nl.ids_for("vacatures python") == nl.ids_for("python")
    # A query of nothing else lists every vacancy, newest first.
    assert nl.ids_for("vacatures") == LIVE
    assert en.ids_for("jobs") == LIVE and en.ids_for("werk in") == LIVE


def test_acronyms_are_never_stop_words(tmp_path):
    content = copy_fixture_site(tmp_path / "content")
    vacancy = content / "vacancies/alpha-tech/python-developer.md"
    vacancy.write_text(vacancy.read_text(encoding="utf-8").replace(
        "You write Python", "You write Python for our IT department. It is", 1), encoding="utf-8")
    search = BuiltSearch(build_site(content, tmp_path / "output"), "")
    # The vacancy's "IT department"; the company, in the sector "IT & software", and so its
    # other vacancy too (vacancies carry their company's sectors).
    it = {"vacancy:alpha-tech/python-developer", "company:alpha-tech", "vacancy:alpha-tech/stage-softwareontwikkeling"}
    assert set(search.ids_for("IT")) == it
    assert set(search.ids_for("it")) == it  # only stop words: searched
    best = search.search("IT python")[0]
    assert search.ids[best.ref] == "vacancy:alpha-tech/python-developer" and best.words == 2
    # Lower case "it" among other words is a stop word: "it stage" is "stage".
    assert search.ids_for("it stage") == search.ids_for("stage")
    assert search.ids_for("IT stage")[0] == "vacancy:alpha-tech/stage-softwareontwikkeling"
    assert search.ids_for("it") == search.ids_for("IT")


def test_every_word_is_analysed_in_every_language():
    assert analyse_multilingual("bedrijven", ["en", "nl"]) == ["bedrijven", "bedrijf"]
    # Unusual white space and slashes separate words, as they do in queries.
    assert analyse_multilingual("HBO/WO\u2003Enschede\u2028(python)", ["nl"]) == ["hbo", "wo", "enschede", "python"]
    # A stop word of any site language is not indexed (queries drop it too) ...
    assert analyse_multilingual("the de en python it", ["en", "nl"]) == ["python"]
    assert analyse_multilingual("the", ["nl"]) == ["the"]
    # ... unless it is written as an acronym.
    assert analyse_multilingual("IT-afdeling, It is, it", ["en", "nl"]) == ["it", "afdel", "itafdel"]
    # Hyphenated words are also indexed as one (a query may write "fullstack").
    assert analyse_multilingual("full-stack", ["en"]) == ["full", "stack", "fullstack"]


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
    assert plan_query("", ["en", "nl"]) is None
    assert plan_query("---", ["en", "nl"]) is None
    exact = plan_query("Enschede. ", ["en", "nl"])
    assert [(w.options, w.prefix) for w in exact.words] == [((("enschede",),), None)]  # a place name: never stemmed
    typing = plan_query("python ontw", ["en", "nl"])
    assert [(w.text, w.prefix) for w in typing.words] == [("python", None), ("ontw", "ontw")]
    assert typing.terms == ("python", "ontw", "pythonontw") and typing.prefixes == ("ontw",)
    assert plan_query("clean room", ["en"]).pairs == ((0, (("cleanroom",),)),)
    # Stop words go while other words remain; a query of nothing else searches them, no prefix.
    assert [w.text for w in plan_query("the python", ["en", "nl"]).words] == ["python"]
    stop = plan_query("the de", ["en", "nl"])
    assert [(w.options, w.prefix) for w in stop.words] == [((("the",),), None), ((("de",),), None)]
    # Acronyms are content; generic words are searched but not needed.
    acronym = plan_query("IT jobs", ["en", "nl"])
    assert [(w.text, w.generic) for w in acronym.words] == [("IT", False), ("jobs", True)]
    assert acronym.required_words == 1
    assert plan_query("vacatures", ["nl", "en"]).every_vacancy
    # A compound's option needs all its parts.
    assert plan_query("softwareontwikkelaar ", ["nl"]).words[0].options == (("softwar", "ontwikkel"),)
    assert plan_query("a b c d e", ["xx"]).required_words == 3


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
    # The word lists of the browser's pipeline come inline in each search page, not as a file.
    assert not (js / "search-pipeline-data.json").exists()
    for prefix in ("", "nl/"):
        assert inline_json(site / prefix / "search/index.html", "search-pipeline-data") == json.loads(render_pipeline_data())


def inline_json(page: Path, element_id: str):
    """The JSON block ``<script type="application/json" id=element_id>`` of a built page."""
    html = page.read_text(encoding="utf-8")
    return json.loads(html.split(f'<script type="application/json" id="{element_id}">')[1].split("</script>")[0])


def test_pages_point_at_their_own_languages_index(site):
    for prefix, lang in (("", "en"), ("nl/", "nl")):
        for page in ("index.html", "search/index.html", "vacancies/index.html"):
            config = inline_json(site / prefix / page, "search-config")
            assert config["manifest"] == f"/{prefix}search/manifest.json"
            assert config["languages"][0] == lang
            assert (site / config["manifest"].lstrip("/")).is_file()
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
    assert (output / "de/search/manifest.json").is_file() and (output / "nl/search/manifest.json").is_file()


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


def run_node_cases(tmp_path, sites: list[dict], **spec) -> str:
    """Run tests/js/search_index.test.js on ``sites``; returns its output."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the JS side of search must be tested (install Node.js and npm)")
    assert (ROOT / "node_modules" / "lunr").is_dir(), "lunr.js is missing: run `npm ci`"
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps({"sites": sites, **spec}), encoding="utf-8")
    proc = subprocess.run([node, "--test", "tests/js/search_index.test.js"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env={"PATH": "", "WIT_SEARCH_CASES": str(cases)})
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "# pass 1" in proc.stdout and "# skipped 0" in proc.stdout, proc.stdout
    return proc.stdout


def plan_json(plan):
    return None if plan is None else dataclasses.asdict(plan)


def test_lunr_js_returns_what_lunr_py_returns(site, demo, tmp_path):
    sites = []
    for name, output in (("fixture", site), ("demo", demo)):
        for prefix in ("", "nl/"):
            search = BuiltSearch(output, prefix)
            queries = []
            for query in PARITY_QUERIES:
                results = search.search(query)
                queries.append({
                    "q": query, "plan": plan_json(plan_query(query, search.languages)),
                    "refs": [m.ref for m in results], "scores": [m.score for m in results],
                    "words": [[m.words, m.extra] for m in results],
                })
            data = tmp_path / f"pipeline-data-{len(sites)}.json"
            data.write_text(json.dumps(inline_json(output / prefix / "search/index.html", "search-pipeline-data")),
                            encoding="utf-8")
            sites.append({"name": f"{name} /{prefix}", "pipelineData": str(data),
                          "folder": str(search.folder), "queries": queries})
    demo_hits = sum(1 for s in sites[2:] for q in s["queries"] if q["refs"])
    assert demo_hits > 60, "the parity queries should mostly find something in the demo content"
    run_node_cases(tmp_path, sites, minimum=len(PARITY_QUERIES) * 4)


def scale_queries() -> list[dict]:
    """Queries a student types, for the generated content: words, prefixes while typing,
    several words, acronyms, generic and stop words, and filters."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from generate_content import ROLES, SENTENCES, TOWNS

    words = sorted({w.strip(".,'").lower() for text in [*ROLES["en"], *ROLES["nl"], *SENTENCES["en"],
                                                        *SENTENCES["nl"]] for w in text.split()
                    if len(w.strip(".,'")) > 3})
    towns = sorted({*TOWNS, *TOWNS.values()})
    single = words[::3][:45] + [t.lower() for t in towns[:10]]
    prefixes = [w[:n] for w in words[1::5][:25] for n in (3, 5)]
    multi = [f"{role} {town.lower()}" for role, town in zip(ROLES["en"] + ROLES["nl"], towns * 3)][:30]
    multi += [f"{a} {b}" for a, b in zip(words[::7], words[3::7])][:20]
    multi += ["software engineer", "internship enschede", "data analist hengelo", "stage xyzzy",
              "marketing assistant almelo", "logistiek planner ", "werktuigbouwkundige stage enschede"]
    special = ["IT", "it", "HR afdeling", "ICT stage", "jobs", "vacatures", "python jobs", "werk in de zorg",
               "the of and", "de het een", "astronaut", "synthetic company 0042", "Synthetic company 04",
               "company", "bedrijf", "café", "coördinator", "(data)", "“stage”", "softwareontwikkelaars"]
    filters = [{}, {"type": ["internship"]}, {"municipality": ["Enschede", "Hengelo"]},
               {"language": ["english"]}, {"type": ["job"], "ind": ["sponsor"]},
               {"sector": ["it-software"], "education": ["hbo"]}, {"type": ["company"]}]
    queries = [{"q": q} for q in single + prefixes + multi + special]
    queries += [{"q": q, "filters": f} for q, f in zip(single[::2] + multi[::3] + ["", ""], filters * 20) if f]
    return queries


def test_a_changed_text_rewrites_only_its_own_record():
    """Records sit in a folder named after the documents' identities: a build where one
    vacancy's title changed rewrites that record and the shards, not every card (a deploy
    uploads what changed); a document added or removed moves every ref, and the folder."""
    import dataclasses as dc
    import datetime as dt

    from content_model import load_or_raise
    from directory_site.site_pages import site_languages
    from search_index.documents import build_documents, facet_values
    from search_index.indexing import build_terms
    from search_index.search_files import search_files

    codes = ["en", "nl"]
    languages = site_languages({"SITE_LANGUAGES": codes, "THEME": str(ROOT / "theme")})
    directory = load_or_raise(ROOT / "content", codes)
    documents = build_documents(directory, languages[0], languages, dt.date(2026, 11, 27), 250)

    def files_of(docs):
        return search_files(docs, build_terms(docs, "en", codes), "en", codes, facet_values(directory))

    before = files_of(documents)
    changed = list(documents)
    changed[3] = dc.replace(changed[3], title=changed[3].title + " (updated)")
    after = files_of(changed)
    differ = sorted(name for name in before.keys() & after.keys() if before[name] != after[name])
    records = [name for name in differ if name.startswith("records/")]
    assert len(records) == 1 and records[0].endswith("/3.json")
    assert json.loads(after[records[0]])["title"].endswith(" (updated)")
    assert {name for name in before if name.startswith("records/")} == {
        name for name in after if name.startswith("records/")}
    fewer = files_of(documents[1:])
    folder = lambda files: json.loads(files["manifest.json"])["records"]  # noqa: E731
    assert folder(fewer) != folder(before) == folder(after)


def test_the_split_index_answers_like_the_whole_index_at_10000_vacancies(tmp_path):
    """For 10,000 generated vacancies, lunr.js over just the shards a query needs returns the
    same refs, in the same order, with the same scores as over the whole index."""
    import datetime as dt

    from content_model import load_or_raise
    from directory_site.site_pages import site_languages
    from search_index.documents import build_documents, facet_values
    from search_index.indexing import build_index
    from search_index.search_files import search_files, write_files
    from search_index.split_index import canonical, compact_json

    today = dt.date(2026, 11, 27)
    content = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "scripts/generate_content.py"), str(content), "--companies", "1000",
                    "--vacancies", "10000", "--today", today.isoformat()], check=True, capture_output=True)
    codes = ["en", "nl"]
    languages = site_languages({"SITE_LANGUAGES": codes, "THEME": str(ROOT / "theme")})
    directory = load_or_raise(content, codes)
    documents = build_documents(directory, languages[0], languages, today, 250)
    assert len(documents) > 10_000
    index = build_index(documents, "en", codes)
    folder = tmp_path / "search"
    write_files(folder, search_files(documents, index, "en", codes, facet_values(directory)))
    whole = tmp_path / "whole.json"
    whole.write_bytes(compact_json(canonical(index.serialize())))
    data = tmp_path / "pipeline-data.json"
    data.write_text(render_pipeline_data(), encoding="utf-8")
    queries = scale_queries()
    assert len(queries) >= 200
    out = run_node_cases(tmp_path, [{"name": "10,000 vacancies /", "pipelineData": str(data), "folder": str(folder),
                                     "whole": str(whole), "queries": queries}],
                         minimum=200, minimumWhole=200)
    assert "against the whole index: " in out


# Evaluation set -------------------------------------------------------------------------------

@pytest.mark.parametrize("eval_set", [entry[1:] for entry in SEARCH_EVAL_SETS if entry[1].is_file()],
                         ids=[entry[0] for entry in SEARCH_EVAL_SETS if entry[1].is_file()])
def test_evaluation_set_recall(eval_set):
    """On the stranger-written evaluation sets (scripts/search_eval.py): recall stays high,
    queries that should find nothing mostly do, and the naive lunr index finds less.  The
    sets' own figures, false hits included, are in `make search-eval`."""
    import datetime as dt

    import yaml

    from search_eval import KIND_ORDER, engines_from_content, recall

    eval_path, content = eval_set
    spec = yaml.safe_load(eval_path.read_text(encoding="utf-8"))
    engines = engines_from_content(content, dt.date.fromisoformat(str(spec["build_date"])))
    for code, queries in spec["queries"].items():
        scores, empty = [], []
        for query in queries:
            assert query["kind"] in KIND_ORDER, query
            found = engines[code].ours(query["q"])
            scores.append(recall(found, query["expect"]))
            if query["kind"] == "no-hit":
                empty.append(found == [])
        assert sum(scores) / len(scores) >= 0.92, code
        assert empty and sum(empty) / len(empty) >= 0.8, f"{code}: too many no-hit queries find something"
        naive = [recall(engines[code].baseline(q["q"]), q["expect"]) for q in queries]
        assert sum(naive) < sum(scores)


def test_texts_analysed_for_one_language_give_every_language_the_same_index():
    """``KnownTexts`` (the rebuild's store of analysed texts) is filled by whichever language's
    index comes first; each language's index is the one made without it, term for term."""
    import datetime as dt

    from content_model import load_or_raise
    from directory_site.site_pages import site_languages
    from search_index.documents import build_documents
    from search_index.indexing import KnownTexts, build_terms

    codes = ["en", "nl", "de"]
    languages = site_languages({"SITE_LANGUAGES": codes, "THEME": str(ROOT / "theme")})
    directory = load_or_raise(ROOT / "content", codes)
    known = KnownTexts()
    for lang in languages:
        documents = build_documents(directory, lang, languages, dt.date(2026, 11, 27), 250)
        plain = build_terms(documents, lang.code, codes)
        assert build_terms(documents, lang.code, codes, known) == plain, lang.code
    assert known.new and known.used == set(known.known)
    again = KnownTexts(dict(known.known))
    documents = build_documents(directory, languages[1], languages, dt.date(2026, 11, 27), 250)
    assert build_terms(documents, "nl", codes, again) == build_terms(documents, "nl", codes)
    assert again.new == {}  # every text came from the store


def test_a_shard_is_the_compact_json_of_its_terms():
    """Shards are put together from each term's JSON; the bytes are those of the whole object's."""
    from search_index.split_index import compact_json, shard_name, split_terms

    terms = [(f"term{number}é", [[0, 1500, 3, 250], [], [7, 1000]]) for number in range(300)]
    terms += [("ĳsselmonde\u2028", [[1, 2], [2, 3], [4, 5]]), ('qu"ote\\', [[], [], [9, 9]])]
    terms.sort()
    written = split_terms(terms, target_bytes=200)
    assert len(written.files) > 10
    start = 0
    for first, digest in written.shards:
        data = written.files[shard_name(digest)]
        shard = json.loads(data)
        assert shard["start"] == start and shard["terms"][0][0] == first
        assert data == compact_json({"start": start, "terms": shard["terms"]})
        start += len(shard["terms"])
    assert start == len(terms)
