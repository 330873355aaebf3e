#!/usr/bin/env python3
"""Recall and false hits of the site search per kind of query and per language, against a
naive lunr.py.

    python scripts/search_eval.py [--set EVAL_YAML CONTENT_DIR]... [--site OUTPUT] [--misses]

Without ``--set``, both committed sets are evaluated: the demo content (``content/`` with
``tests/fixtures/search_eval.yaml``) and held-out content the search was never tuned on
(``tests/fixtures/search_unseen/``).  For each, the search documents and indexes are built
in-process with the plugin's own code (``search_index.documents`` + ``indexing``, exactly
what the Pelican build writes; or, with ``--site``, read back from a built site's
``<prefix>search/`` files) and every query runs the way the browser runs it
(``search_index.query``, the twin of ``twente-search-core.js``).  For comparison a naive
index of the same fields and text is built with lunr.py's defaults (English trimmer, stop
words and stemmer; no folding, no Dutch, no compounds) and searched with lunr's query
parser (``index.search``).

Per query: *recall* = expected documents found / expected documents (anywhere in the
results); a ``no-hit`` query (nothing expected) scores 1 when nothing is found, else 0.
*False hits* = results that are not expected (every result counts, including those that
match only some of the words); ``false@10`` counts them among the first ten.  The tables
show means per query.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path

import yaml
from lunr import lunr as naive_lunr
from lunr.exceptions import BaseLunrException
from lunr.index import Index

from content_model import load_or_raise
from directory_site.site_pages import site_languages
from search_index.documents import FIELDS, build_documents
from search_index.indexing import build_index
from search_index.query import search
from search_index.search_files import kind_ranges, load_search
from search_index.text_pipeline import register_pipelines

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from site_settings import site_languages as configured_languages  # noqa: E402

SETS = [
    ("demo content", ROOT / "tests" / "fixtures" / "search_eval.yaml", ROOT / "content"),
    ("held-out content", ROOT / "tests" / "fixtures" / "search_unseen" / "search_eval.yaml",
     ROOT / "tests" / "fixtures" / "search_unseen" / "content"),
]
KIND_ORDER = ["plural", "diminutive", "verb", "derivation", "compound", "compound-part", "irregular-plural",
              "f/v", "accent", "punctuation", "multi-word", "partial-words", "acronym", "stop-words",
              "generic-words", "cross-language", "company name", "place", "no-hit"]
TOP = 10


class Engine:
    """One language's search: ours and the naive one, over the same documents."""

    def __init__(self, ids: list[str], index: Index, languages: list[str], vacancies: range,
                 naive: Index | None) -> None:
        self.ids, self.index, self.languages, self.vacancies, self.naive = ids, index, languages, vacancies, naive

    def ours(self, query: str) -> list[str]:
        return [self.ids[match.ref] for match in search(self.index, query, self.languages, self.vacancies)]

    def baseline(self, query: str) -> list[str]:
        try:
            return [self.ids[int(r["ref"])] for r in self.naive.search(query)]
        except (BaseLunrException, ValueError, KeyError, IndexError):
            return []  # lunr's query parser rejects some input ("thin-film", "a:b")


def engines_from_content(content: Path, build_date: dt.date) -> dict[str, Engine]:
    codes = configured_languages()
    settings = {"SITE_LANGUAGES": codes, "THEME": str(ROOT / "theme")}
    languages = site_languages(settings)
    directory = load_or_raise(content, codes)
    engines = {}
    for lang in languages:
        documents = build_documents(directory, lang, languages, build_date)
        index = build_index(documents, lang.code, codes)
        fields = [{"field_name": name, "boost": boost} for name, boost in FIELDS.items()]
        records = [{"ref": str(i), **{name: doc.fields.get(name, "") for name in FIELDS}}
                   for i, doc in enumerate(documents)]
        naive = naive_lunr(ref="ref", fields=fields, documents=records)
        ordered = [lang.code, *(code for code in codes if code != lang.code)]
        vacancies = range(*kind_ranges(documents).get("vacancy", [0, 0]))
        engines[lang.code] = Engine([d.id for d in documents], index, ordered, vacancies, naive)
    return engines


def engines_from_site(output: Path) -> dict[str, Engine]:
    engines = {}
    codes = configured_languages()
    for code in codes:
        prefix = "" if code == codes[0] else f"{code}/"
        loaded = load_search(output / prefix / "search")
        engines[code] = Engine(loaded.ids, loaded.index, loaded.languages, loaded.vacancies, None)
    return engines


def recall(found: list[str], expected: list[str]) -> float:
    if not expected:
        return 1.0 if not found else 0.0
    return len(set(found) & set(expected)) / len(expected)


def false_hits(found: list[str], expected: list[str], top: int | None = None) -> int:
    wanted = set(expected)
    return sum(1 for doc_id in found[:top] if doc_id not in wanted)


def check_spec(spec: dict, engines: dict[str, Engine]) -> list[str]:
    problems = []
    for code, queries in spec["queries"].items():
        known = set(engines[code].ids)
        for query in queries:
            problems += [f"{code} {query['q']!r}: unknown document {doc_id}"
                         for doc_id in query["expect"] if doc_id not in known]
            if query["kind"] not in KIND_ORDER:
                problems.append(f"{code} {query['q']!r}: unknown kind {query['kind']!r}")
    return problems


def evaluate(spec: dict, engines: dict[str, Engine], compare: bool) -> dict[str, dict[str, list[tuple]]]:
    """Per language, per kind: (recall, hits, false hits, false@10, naive recall, naive false) per query."""
    rows: dict[str, dict[str, list[tuple]]] = {}
    for code, queries in spec["queries"].items():
        engine = engines[code]
        by_kind: dict[str, list[tuple]] = defaultdict(list)
        for query in queries:
            ours = engine.ours(query["q"])
            naive = engine.baseline(query["q"]) if compare else []
            expect = query["expect"]
            by_kind[query["kind"]].append((
                recall(ours, expect), len(ours), false_hits(ours, expect), false_hits(ours, expect, TOP),
                recall(naive, expect), false_hits(naive, expect), query["q"], ours))
        rows[code] = by_kind
    return rows


def report(title: str, spec: dict, rows: dict[str, dict[str, list[tuple]]], compare: bool, misses: bool) -> None:
    print(f"\n=== {title} ===")
    header = f"{'kind':<17}{'queries':>8}{'recall':>8}{'hits':>7}{'false':>7}{'false@10':>9}"
    if compare:
        header += f"{'naive recall':>14}{'naive false':>12}"
    for code, by_kind in rows.items():
        print(f"\nLanguage: {code} ({sum(len(v) for v in by_kind.values())} queries)")
        print(header)
        every = []
        for kind in KIND_ORDER:
            if kind in by_kind:
                every += by_kind[kind]
                print(_row(kind, by_kind[kind], compare))
        print(_row("all", every, compare))
        print(f"search-eval {code} queries={len(every)} recall={_mean(every, 0):.3f} "
              f"false={_mean(every, 2):.2f} false@10={_mean(every, 3):.2f}")
    if misses:
        expected = {(code, q["q"]): q["expect"] for code, queries in spec["queries"].items() for q in queries}
        print("\nMisses and false hits in the first ten:")
        for code, by_kind in rows.items():
            for kind in KIND_ORDER:
                for values in by_kind.get(kind, []):
                    query, found = values[6], values[7]
                    missing = sorted(set(expected[(code, query)]) - set(found))
                    false = [d for d in found[:TOP] if d not in set(expected[(code, query)])]
                    if missing or false:
                        print(f"  {code} [{kind}] {query!r}: missing {missing or '-'}; false {false or '-'}")


def _mean(values: list[tuple], column: int) -> float:
    return sum(v[column] for v in values) / len(values) if values else 0.0


def _row(kind: str, values: list[tuple], compare: bool) -> str:
    text = (f"{kind:<17}{len(values):>8}{_mean(values, 0):>8.2f}{_mean(values, 1):>7.1f}"
            f"{_mean(values, 2):>7.1f}{_mean(values, 3):>9.2f}")
    if compare:
        text += f"{_mean(values, 4):>14.2f}{_mean(values, 5):>12.1f}"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", nargs=2, action="append", metavar=("EVAL_YAML", "CONTENT_DIR"), type=Path,
                        help="an evaluation set and its content (repeatable; default: both committed sets)")
    parser.add_argument("--site", type=Path, help="evaluate the search files of this built site (one --set)")
    parser.add_argument("--misses", action="store_true", help="list every miss and every false hit in the first ten")
    args = parser.parse_args(argv)
    register_pipelines()
    sets = [(f"{eval_path}", eval_path, content) for eval_path, content in args.set] if args.set else \
        [entry for entry in SETS if entry[1].is_file()]
    for title, eval_path, content in sets:
        spec = yaml.safe_load(eval_path.read_text(encoding="utf-8"))
        build_date = dt.date.fromisoformat(str(spec["build_date"]))
        engines = engines_from_site(args.site) if args.site else engines_from_content(content, build_date)
        problems = check_spec(spec, engines)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 2
        compare = not args.site
        report(title, spec, evaluate(spec, engines, compare), compare, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
