#!/usr/bin/env python3
"""Recall of the site search per kind of query and per language, against a naive lunr.py.

    python scripts/search_eval.py [--eval tests/fixtures/search_eval.yaml] [--content content]
                                  [--site OUTPUT] [--misses]

Builds the search documents and indexes of the demo content in-process with the plugin's own
code (``search_index.documents`` + ``indexing``, exactly what the Pelican build writes; or,
with ``--site``, loads ``<prefix>search/*.json`` from a built site) and runs every query of
the evaluation set the way the browser does (``search_index.query``, the port of
``twente-search-core.js``).  For comparison it builds a naive index of the same fields and
text with lunr.py's defaults (English trimmer, stop words and stemmer; no folding, no Dutch,
no compounds) and searches it with lunr's query parser (``index.search``).

Recall = expected documents found / expected documents (anywhere in the results); a
``no-hit`` query scores 1 when nothing is found.  "hits" is the mean number of results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml
from lunr import lunr as naive_lunr
from lunr.exceptions import BaseLunrException
from lunr.index import Index

from content_model import load_or_raise
from directory_site.site_pages import site_languages
from search_index.documents import FIELDS, build_documents, document_id
from search_index.indexing import build_index
from search_index.query import search
from search_index.text_pipeline import register_pipelines

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from site_settings import site_languages as configured_languages  # noqa: E402

KIND_ORDER = ["plural", "diminutive", "verb", "compound", "f/v", "accent", "punctuation",
              "multi-word", "company name", "no-hit"]


class Engine:
    """One language's search: ours and the naive one, over the same documents."""

    def __init__(self, ids: list[str], index: Index, languages: list[str], naive: Index | None) -> None:
        self.ids, self.index, self.languages, self.naive = ids, index, languages, naive

    def ours(self, query: str) -> list[str]:
        return [self.ids[ref] for ref, _ in search(self.index, query, self.languages)]

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
        engines[lang.code] = Engine([d.id for d in documents], index, ordered, naive)
    return engines


def engines_from_site(output: Path) -> dict[str, Engine]:
    engines = {}
    for code in configured_languages():
        prefix = "" if code == configured_languages()[0] else f"{code}/"
        folder = output / prefix / "search"
        payload = json.loads((folder / "documents.json").read_text(encoding="utf-8"))
        index = Index.load(json.loads((folder / "index.json").read_text(encoding="utf-8")))
        engines[code] = Engine([document_id(d) for d in payload["docs"]], index, payload["languages"], None)
    return engines


def recall(found: list[str], expected: list[str]) -> float:
    if not expected:
        return 1.0 if not found else 0.0
    return len(set(found) & set(expected)) / len(expected)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT / "tests" / "fixtures" / "search_eval.yaml")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--site", type=Path, help="evaluate the search files of this built site instead")
    parser.add_argument("--misses", action="store_true", help="list every query that missed something")
    args = parser.parse_args(argv)
    register_pipelines()
    spec = yaml.safe_load(args.eval.read_text(encoding="utf-8"))
    build_date = dt.date.fromisoformat(str(spec["build_date"]))
    engines = engines_from_site(args.site) if args.site else engines_from_content(args.content, build_date)

    problems = []
    for code, queries in spec["queries"].items():
        known = set(engines[code].ids)
        for query in queries:
            problems += [f"{code} {query['q']!r}: unknown document {doc_id}"
                         for doc_id in query["expect"] if doc_id not in known]
            if query["kind"] not in KIND_ORDER:
                problems.append(f"{code} {query['q']!r}: unknown kind {query['kind']!r}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2

    compare = not args.site
    header = f"{'kind':<14}{'queries':>8}{'recall':>9}{'hits':>7}"
    if compare:
        header += f"{'naive recall':>15}{'naive hits':>12}"
    totals: dict[str, dict[str, list[float]]] = {}
    misses = []
    for code, queries in spec["queries"].items():
        engine = engines[code]
        by_kind: dict[str, list[tuple[float, int, float, int]]] = defaultdict(list)
        for query in queries:
            ours = engine.ours(query["q"])
            naive = engine.baseline(query["q"]) if compare else []
            score = recall(ours, query["expect"])
            by_kind[query["kind"]].append((score, len(ours), recall(naive, query["expect"]), len(naive)))
            if score < 1:
                missing = sorted(set(query["expect"]) - set(ours)) or [f"{len(ours)} unexpected hits"]
                misses.append(f"{code} [{query['kind']}] {query['q']!r}: {', '.join(missing)}")
        print(f"\nLanguage: {code} ({len(queries)} queries)")
        print(header)
        rows = []
        for kind in KIND_ORDER:
            if kind not in by_kind:
                continue
            values = by_kind[kind]
            rows.extend(values)
            print(_row(kind, values, compare))
        print(_row("all", rows, compare))
        totals[code] = {"ours": [r[0] for r in rows], "naive": [r[2] for r in rows]}
    if args.misses and misses:
        print("\nMisses:")
        print("\n".join(misses))
    return 0


def _row(kind: str, values: list[tuple[float, int, float, int]], compare: bool) -> str:
    n = len(values)
    text = (f"{kind:<14}{n:>8}{sum(v[0] for v in values) / n:>9.2f}"
            f"{sum(v[1] for v in values) / n:>7.1f}")
    if compare:
        text += f"{sum(v[2] for v in values) / n:>15.2f}{sum(v[3] for v in values) / n:>12.1f}"
    return text


if __name__ == "__main__":
    sys.exit(main())
