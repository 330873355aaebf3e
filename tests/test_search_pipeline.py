"""The search text pipeline: Dutch search quality, and Python/JavaScript parity.

The parity tests send every word of ``scripts/search_eval_words.py`` (tens of
thousands of Dutch and German forms, every stop word of the ``stop-words`` package, a few
thousand English forms) through ``text_pipeline.py`` and, in one node call,
through ``static/twente-search-pipeline.js``, and fail on any difference.
They need node and ``npm ci`` (lunr.js); without node they are skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "scripts")]

from search_eval_words import dutch_words, english_words, german_words  # noqa: E402
from search_index import text_pipeline as tp  # noqa: E402

from lunr.stop_word_filter import WORDS as LUNR_PY_STOP_WORDS  # noqa: E402

CLI = ROOT / "tests" / "js" / "pipeline_cli.js"
LUNR_JS = ROOT / "node_modules" / "lunr" / "lunr.js"

SENTENCES = {
    "nl": [
        "Wij zoeken een Softwareontwikkelaar (m/v/x) voor ons bedrijf in Enschede.",
        "De bedrijven in Twente ontwikkelen, de ontwikkelaar ontwikkelt; het is ontwikkeld!",
        "Huizen, broodjes en een café: coördinator financiële administratie.",
        "Klantenservicemedewerker/thuiswerk — 32-40 uur, 's-Hertogenbosch of Hengelo?",
        "Ideeën? Geïnteresseerd? Solliciteer nú via www.example.nl of bel 053-1234567.",
        "“Programmeren” en ‘testen’: auto’s, foto's, baby's.",
    ],
    "en": [
        "We are hiring a Python developer (senior) in Enschede.",
        "Developers, nurses & teachers: try the café's jobs, they're trying!",
        "Running, managing and engineering teams — internationalization.",
    ],
    "de": [
        "Straße, Zürich & Œuvre: Ça va? ﬁnanziell İstanbul.",
        "Wir suchen eine Softwareentwicklerin (m/w/d) für unser Büro in Enschede.",
        "Die Häuser der Bäcker; die Praktika und Praktikums-Plätze, Überstunden: Müller/Mueller!",
        "Grenzüberschreitende Praktika in der Grafschaft Bentheim — Deutschkenntnisse erforderlich.",
    ],
}

QUERIES = {
    "nl": [
        "ontwikkelaar",
        "softwareontwikkelaar",
        "software ontwikkelaar",
        "Enschede.",
        "(python)",
        "café",
        "coördinator",
        "de bedrijven van Twente",
        "klantenservice-medewerker",
        "  het  en de ",
        "broodjes huizen",
    ],
    "en": ["Developers in Enschede.", "(python)", "the and of", "trying café"],
    "fr": ["Ça va, (Zürich)!"],
    "de": ["Praktikum", "Praktika in Enschede", "die Stellen und der Job", "Softwareentwickler-Teilzeit",
           "Straße", "Müller", "für über man"],
}

DOCS_NL = [
    {"id": "dev", "title": "Softwareontwikkelaar", "body": "Je ontwikkelt software in Enschede."},
    {"id": "split", "title": "Software ontwikkelaar", "body": "Werken bij een bedrijf in Hengelo."},
    {"id": "cafe", "title": "Medewerker café", "body": "Broodjes smeren voor de coördinator."},
    {"id": "python", "title": "Data engineer", "body": "Ervaring met python (vereist)."},
    {"id": "huis", "title": "Makelaar", "body": "Huizen verkopen voor bedrijven."},
]

SEARCHES_NL = {
    "ontwikkelaar": {"dev", "split"},
    "softwareontwikkelaar": {"dev", "split"},
    "software ontwikkelaar": {"dev", "split"},
    "ontwikkelen": {"dev", "split"},
    "Enschede.": {"dev"},
    "(python)": {"python"},
    "cafe": {"cafe"},
    "coordinator": {"cafe"},
    "broodje": {"cafe"},
    "huis": {"huis"},
    "bedrijf": {"split", "huis"},
}


# --------------------------------------------------------------------------
# Node helper
# --------------------------------------------------------------------------


def require_node() -> str:
    """The node executable; fails without node or lunr.js (CI must run the JS side)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the JS side of search must be tested (install Node.js and npm)")
    assert LUNR_JS.exists(), "lunr.js is missing: run `npm ci` in the repository root"
    return node


def run_js(tasks: dict[str, dict[str, Any]], data: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run tasks in tests/js/pipeline_cli.js (one node process) and return its answers."""
    node = require_node()
    request = {"data": data if data is not None else tp.pipeline_data(), "tasks": tasks}
    proc = subprocess.run(
        [node, str(CLI)], input=json.dumps(request), capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def nl_index_json() -> dict[str, Any]:
    """DOCS_NL indexed by lunr.py, serialised as the site will ship it."""
    builder = tp.make_builder("nl")
    builder.ref("id")
    builder.field("title", boost=2)
    builder.field("body")
    for doc in DOCS_NL:
        builder.add(doc)
    return json.loads(json.dumps(builder.build().serialize()))


@pytest.fixture(scope="module")
def parity() -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Python and JavaScript answers to the same batch of tasks."""
    nl = dutch_words()
    en = english_words()
    de = german_words()
    folded = [tp.fold(tp.trim(w)) for w in nl]
    folded_de = [tp.fold(tp.trim(w)) for w in de]
    en_stop_candidates = sorted(set(en) | LUNR_PY_STOP_WORDS)
    tasks: dict[str, dict[str, Any]] = {
        "trim": {"fn": "trim", "inputs": nl},
        "fold": {"fn": "fold", "inputs": nl},
        "stem_dutch_raw": {"fn": "stemDutch", "inputs": nl},
        "stem_dutch": {"fn": "stemDutch", "inputs": folded},
        "dutch_term": {"fn": "dutchTerm", "inputs": folded},
        "split_compound": {"fn": "splitCompound", "inputs": folded},
        "stem_english": {"fn": "stemEnglish", "inputs": en + folded},
        "stop_en": {"fn": "stopWordFilterEn", "inputs": en_stop_candidates},
        "index_nl": {"fn": "analyseTokens", "lang": "nl", "inputs": [nl]},
        "index_en": {"fn": "analyseTokens", "lang": "en", "inputs": [en + nl]},
        "index_other": {"fn": "analyseTokens", "lang": "fy", "inputs": [nl]},
        "stem_german_raw": {"fn": "stemGerman", "inputs": de},
        "stem_german": {"fn": "stemGerman", "inputs": folded_de},
        "german_term": {"fn": "germanTerm", "inputs": folded_de},
        "index_de": {"fn": "analyseTokens", "lang": "de", "inputs": [de + nl]},
        "pipelines": {"fn": "pipelines"},
    }
    for lang, sentences in SENTENCES.items():
        tasks[f"analyse_{lang}"] = {"fn": "analyse", "lang": lang, "inputs": sentences}
    for lang, queries in QUERIES.items():
        tasks[f"query_{lang}"] = {"fn": "tokenizeQuery", "lang": lang, "inputs": queries}

    python: dict[str, list[Any]] = {
        "trim": [tp.trim(w) for w in nl],
        "fold": [tp.fold(w) for w in nl],
        "stem_dutch_raw": [tp.stem_dutch(w) for w in nl],
        "stem_dutch": [tp.stem_dutch(w) for w in folded],
        "dutch_term": [tp.dutch_term(w) for w in folded],
        "split_compound": [tp.split_compound(w) for w in folded],
        "stem_english": [tp.stem_english(w) for w in en + folded],
        "stop_en": [w not in LUNR_PY_STOP_WORDS for w in en_stop_candidates],
        "index_nl": [tp.analyse_tokens(nl, "nl")],
        "index_en": [tp.analyse_tokens(en + nl, "en")],
        "index_other": [tp.analyse_tokens(nl, "fy")],
        "stem_german_raw": [tp.stem_german(w) for w in de],
        "stem_german": [tp.stem_german(w) for w in folded_de],
        "german_term": [tp.german_term(w) for w in folded_de],
        "index_de": [tp.analyse_tokens(de + nl, "de")],
        "pipelines": [tp.PIPELINES],
    }
    for lang, sentences in SENTENCES.items():
        python[f"analyse_{lang}"] = [tp.analyse(s, lang) for s in sentences]
    for lang, queries in QUERIES.items():
        python[f"query_{lang}"] = [tp.query_terms(q, lang) for q in queries]
    return python, run_js(tasks)


# --------------------------------------------------------------------------
# Parity
# --------------------------------------------------------------------------

PARITY_TASKS = [
    "trim", "fold", "stem_dutch_raw", "stem_dutch", "dutch_term", "split_compound",
    "stem_english", "stop_en", "index_nl", "index_en", "index_other", "pipelines",
    "stem_german_raw", "stem_german", "german_term", "index_de",
    "analyse_nl", "analyse_en", "analyse_de", "query_nl", "query_en", "query_fr", "query_de",
]  # fmt: skip


@pytest.mark.parametrize("task", PARITY_TASKS)
def test_python_and_js_agree(parity: tuple[dict, dict], task: str) -> None:
    python, js = parity
    assert len(js[task]) == len(python[task])
    mismatches = [(i, p, j) for i, (p, j) in enumerate(zip(python[task], js[task])) if p != j]
    assert mismatches == [], f"{len(mismatches)} mismatches, first: {mismatches[:5]}"


def test_word_lists_are_large(parity: tuple[dict, dict]) -> None:
    python, _ = parity
    assert len(python["stem_dutch_raw"]) > 30000
    assert len(python["stem_english"]) > 30000
    changed = sum(w != s for w, s in zip(dutch_words(), python["stem_dutch_raw"]))
    assert changed > 10000, "the Dutch list barely exercises the stemmer"
    assert sum(1 for parts in python["split_compound"] if parts) > 1000
    assert len(python["stem_german_raw"]) > 30000
    changed = sum(w != s for w, s in zip(german_words(), python["stem_german_raw"]))
    assert changed > 10000, "the German list barely exercises the stemmer"
    assert len(set(python["stem_german"]) - set(python["stem_german_raw"])) > 100, "folding must change stems"


def test_english_stop_words_match_lunr_js() -> None:
    """lunr.py's and lunr.js's stopWordFilter hold the same words."""
    require_node()
    source = LUNR_JS.read_text(encoding="utf-8")
    pattern = r"lunr\.stopWordFilter = lunr\.generateStopWordFilter\(\[(.*?)\]\)"
    block = re.search(pattern, source, re.S)
    assert block is not None
    assert set(re.findall(r"'([a-z]+)'", block.group(1))) == LUNR_PY_STOP_WORDS


def test_lunr_py_index_loads_and_searches_alike_in_lunr_js() -> None:
    index = nl_index_json()
    queries = list(SEARCHES_NL)
    js = run_js(
        {
            "search": {"fn": "search", "index": index, "inputs": queries},
            "required": {"fn": "queryRequired", "lang": "nl", "index": index, "inputs": queries},
        }
    )
    from lunr.index import Index

    py_index = Index.load(index)
    for query, refs_search, refs_required in zip(queries, js["search"], js["required"]):
        assert set(refs_search) == {r["ref"] for r in py_index.search(query)}, query
        assert set(refs_required) == SEARCHES_NL[query], query


# --------------------------------------------------------------------------
# Data files
# --------------------------------------------------------------------------


def test_pipeline_data_file_is_up_to_date() -> None:
    """data/pipeline-data.json is what ``python text_pipeline.py`` writes."""
    assert tp.PIPELINE_DATA_PATH.read_text(encoding="utf-8") == tp.render_pipeline_data()


def test_stop_words_come_from_the_stop_words_package() -> None:
    from stop_words import get_stop_words

    data = json.loads(tp.PIPELINE_DATA_PATH.read_text(encoding="utf-8"))
    assert data["nl"]["stopWords"] == sorted(set(get_stop_words("dutch")))
    german = {tp.fold(w) for w in get_stop_words("german")}
    assert data["de"]["stopWords"] == sorted(german - tp.GERMAN_STOP_WORDS_KEPT)
    assert tp.GERMAN_STOP_WORDS_KEPT < german


def test_lexicon_holds_the_base_words_and_only_valid_words() -> None:
    lexicon = tp.read_lexicon_file()
    assert lexicon == sorted(set(lexicon))
    base = tp.build_lexicon(tp.read_lexicon_file(tp.LEXICON_BASE_PATH))
    assert set(base) <= set(lexicon)
    stop = set(tp.dutch_stop_words())
    bad = [
        w for w in lexicon if len(w) < tp.MIN_PART or not (w.isascii() and w.isalpha()) or w in stop
    ]
    assert bad == []


# --------------------------------------------------------------------------
# Dutch search quality (Python; the same terms in JS by the parity tests)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        ("bedrijf", "bedrijven"),
        ("huis", "huizen"),
        ("broodje", "broodjes", "brood"),
        ("ontwikkelen", "ontwikkelt", "ontwikkeld", "ontwikkelde", "ontwikkelend"),
        ("programmeren", "programmeert", "geprogrammeerd"),
        ("werken", "werkt", "gewerkt", "werkte"),
        ("cafe", "café", "CAFÉ"),
        ("coordinator", "coördinator"),
        ("financiele", "financiële"),
        ("auto's", "auto’s", "auto"),
    ],
)
def test_dutch_forms_share_one_term(words: tuple[str, ...]) -> None:
    terms = {tuple(tp.analyse(w, "nl")) for w in words}
    assert len(terms) == 1, terms


def test_snowball_dutch_is_the_new_algorithm() -> None:
    # dutch_porter would give "bedrijv" and "huiz"; the new algorithm undoes f/v and s/z.
    assert tp.stem_dutch("bedrijven") == "bedrijf"
    assert tp.stem_dutch("huizen") == "huis"
    assert tp.stem_dutch("broodjes") == "brood"


def test_punctuation_is_trimmed() -> None:
    assert tp.query_terms("Enschede.", "nl") == ["enschede"]
    assert tp.query_terms("(python)", "nl") == ["python"]
    assert tp.query_terms("„Hengelo”!", "en") == ["hengelo"]
    assert tp.trim("...") == ""
    assert tp.analyse("... — !", "nl") == []


def test_compounds_are_split_at_index_time() -> None:
    assert tp.split_compound("softwareontwikkelaar") == ["software", "ontwikkelaar"]
    assert tp.split_compound("klantenservicemedewerker") == ["klanten", "service", "medewerker"]
    assert tp.split_compound("bedrijfsleven") == ["bedrijf", "leven"]
    assert tp.split_compound("ontwikkelaar") is None
    assert tp.analyse("softwareontwikkelaars", "nl") == [
        "softwareontwikkel", "softwar", "ontwikkel",
    ]  # fmt: skip
    # A query keeps only the parts, so it also finds "software ontwikkelaar".
    assert tp.query_terms("softwareontwikkelaar", "nl") == ["softwar", "ontwikkel"]
    assert tp.query_terms("software ontwikkelaar", "nl") == ["softwar", "ontwikkel"]


def test_dutch_stop_words_are_dropped() -> None:
    assert tp.analyse("de het een en van", "nl") == []
    assert tp.query_terms("de bedrijven van Twente", "nl") == ["bedrijf", "twente"]


def test_lunr_py_search_finds_dutch_variants() -> None:
    from lunr.index import Index

    index = Index.load(nl_index_json())
    for query, expected in SEARCHES_NL.items():
        assert {r["ref"] for r in index.search(query)} == expected, query


def test_english_uses_lunr_js_porter_stemmer() -> None:
    # lunr.py's own stemmer gives "try" and "lai"; lunr.js gives these.
    assert tp.stem_english("try") == "tri"
    assert tp.stem_english("lay") == "lay"
    assert tp.analyse("The developers are running jobs in Café Enschede.", "en") == [
        "develop", "run", "job", "cafe", "enschede",  # a place name is never stemmed
    ]  # fmt: skip


def test_place_names_english_families_and_dutch_agent_nouns() -> None:
    # Delden is a town, not a form of delen (to share); vereist is not ve + reist.
    assert tp.analyse("Delden delen", "nl") == ["delden", "del"]
    assert tp.analyse("vereist", "nl") == ["vereist"]
    assert tp.analyse("bakery baker baking", "en") == ["bake"] * 3
    assert tp.analyse("battery batteries", "en") == ["batteri"] * 2  # not in a family: Porter
    for agent, verb in [("bezorger", "bezorgen"), ("bakker", "bakken"), ("lezer", "lezen"), ("leraar", "leren"),
                        ("programmeur", "programmeren"), ("installateur", "installeren"), ("verkoper", "verkopen")]:
        assert tp.dutch_term(agent) == tp.dutch_term(verb), agent
    for word, other in [("land", "laan"), ("bord", "boren"), ("beeld", "bellen"), ("kamer", "kammen")]:
        assert tp.dutch_term(word) != tp.dutch_term(other), word
    assert tp.dutch_term("vaklieden") == tp.dutch_term("vakman")
    assert tp.dutch_term("werkt") == tp.dutch_term("werken") == tp.dutch_term("gewerkt")
    assert tp.dutch_term("implementeert") == tp.dutch_term("implementeren")  # not listed, but -eert
    assert tp.analyse("pythonontwikkelaar energiecooperatie", "nl")[1:3] == ["python", "ontwikkel"]
    assert tp.dutch_term("cooperatie") in tp.analyse("energiecooperatie", "nl")


def test_other_languages_get_trim_and_fold_only() -> None:
    assert tp.analyse("Ça va, Zürich!", "fr") == ["ca", "va", "zurich"]
    assert tp.pipeline_labels("fy", "index") == [tp.TRIMMER, tp.FOLD]


def test_builders_serialise_registered_labels() -> None:
    from lunr.pipeline import Pipeline

    for lang in ("nl", "en", "de"):
        builder = tp.make_builder(lang)
        assert builder.pipeline.serialize() == tp.pipeline_labels(lang, "index")
        assert builder.search_pipeline.serialize() == tp.pipeline_labels(lang, "search")
        for label in tp.pipeline_labels(lang, "index") + tp.pipeline_labels(lang, "query"):
            assert label in Pipeline.registered_functions


def test_node_test_suite_passes() -> None:
    """tests/js/*.test.js (``npm run test:js``) runs as part of pytest too."""
    node = require_node()
    proc = subprocess.run(
        [node, "--test", "tests/js"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^# pass [1-9]", proc.stdout, re.M), proc.stdout


@pytest.mark.parametrize(("compound", "head"), [
    ("webontwikkelaar", "ontwikkelaar"),   # "web" is too short to be a part
    ("webontwikkelaars", "ontwikkelaar"),
    ("bijbaan", "baan"),
])
def test_index_adds_the_head_of_compounds_that_do_not_split(compound: str, head: str) -> None:
    assert tp.split_compound(compound) is None
    terms = tp.analyse(compound, "nl")
    assert tp.dutch_term(head) in terms and terms[0] == tp.dutch_term(compound)
    # The query side does not split it: the whole word still matches the whole word.
    assert tp.query_terms(compound, "nl") == [tp.dutch_term(compound)]


def test_no_head_for_inflections_of_one_word() -> None:
    assert tp.compound_head("gewerkt") is None
    assert tp.analyse("gewerkt", "nl") == [tp.dutch_term("gewerkt")]


# --------------------------------------------------------------------------
# German (Python; the same terms in JS by the parity tests)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        ("Haus", "Häuser", "Hauses", "haeuser"),
        ("Praktikum", "Praktika", "Praktikums"),
        ("Entwickler", "Entwicklerin", "Entwicklerinnen"),
        ("Abschlussarbeit", "Abschlussarbeiten"),
        ("Nebenjob", "Nebenjobs"),
        ("Straße", "Strasse", "Straßen"),
        ("Müller", "Mueller", "muller"),
        ("Kenntnis", "Kenntnisse"),
        ("arbeiten", "arbeitet", "arbeite"),
    ],
)
def test_german_forms_share_one_term(words: tuple[str, ...]) -> None:
    terms = {tuple(tp.analyse(w, "de")) for w in words}
    assert len(terms) == 1, terms


def test_snowball_german_is_the_current_algorithm() -> None:
    # Snowball 3 handles ae/oe/ue as umlauts (formerly "german2"), except the u of qu.
    assert tp.stem_german("häuser") == tp.stem_german("haeuser") == "haus"
    assert tp.stem_german("quelle") == "quell"
    assert tp.stem_german("systeme") == "system"


def test_german_stop_words_are_dropped_but_not_other_languages_words() -> None:
    assert tp.analyse("die und der mit für", "de") == []
    assert tp.query_terms("die Praktika in Enschede", "de") == ["praktikum", "enschede"]
    # Dutch "weg" (road) and English "man" are no German stop words here: every language
    # analyses every text, so they would vanish from Dutch and English pages.
    assert tp.analyse("weg man", "de") == ["weg", "man"]
    assert tp.analyse("Enschede Hengelo", "de") == ["enschede", "hengelo"]  # place names unstemmed
