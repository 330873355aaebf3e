"""How a query typed in the search box becomes lunr queries: the Python twin of
``static/twente-search-core.js`` (``plan`` / ``search``), used by the evaluation script,
the benchmarks and the tests.  ``tests/test_search_index.py`` checks that lunr.js with the
JS code returns the same results for the built index.

For a query text and the site's languages (the page's language first):

1. ``normalise``: unusual white space, slashes, brackets, quotes, commas... become spaces
   (the indexed text went through the same function).
2. Split into words on white space and hyphens; drop every word that is a stop word (or
   mere punctuation) in *any* site language: ``de`` or ``the`` would otherwise match every
   page written in the other language.
3. For every language, one *exact* plan: ``query_terms(words, lang)`` (stage 1: trim, fold,
   split compounds, stem), every term REQUIRED, no pipeline (``usePipeline: false``).
4. While a word is being typed (the text does not end in a separator) and its folded form
   has at least ``PREFIX_MIN`` characters, one *prefix* plan per language as well: the
   earlier words' terms REQUIRED plus the last word, folded but not stemmed, as a REQUIRED
   trailing wildcard with boost ``PREFIX_BOOST``.
5. Identical plans run once; a document's score is its best score in any plan; results
   are ordered by score (rounded to ``SCORE_DECIMALS``), then by ref (documents.json order).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lunr.index import Index
from lunr.query import Query, QueryPresence

from .text_pipeline import QUERY_SEPARATOR, fold, query_terms, trim

SPLIT_CHARS = (
    "\t\n\v\f\r \u001c-\u001f\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
    "/\\\\|()\\[\\]{},;:\"\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2022\u00b7"
)
SPLIT = re.compile(f"[{SPLIT_CHARS}]+")
"""Characters that separate words, besides the hyphen (same class in the JS file)."""

PREFIX_MIN = 3
PREFIX_BOOST = 0.5
SCORE_DECIMALS = 6


def normalise(text: str) -> str:
    """Replace separators lunr's tokenizer does not know with a plain space."""
    return SPLIT.sub(" ", text)


@dataclass(frozen=True)
class Plan:
    """One lunr query: every term required, plus an optional required prefix."""

    terms: tuple[str, ...]
    prefix: str | None = None


def plans(text: str, languages: Sequence[str]) -> list[Plan]:
    """The distinct lunr queries for ``text``, in order (see the module docstring)."""
    text = normalise(text)
    words = [w for w in QUERY_SEPARATOR.split(text) if w]
    kept = [w for w in words if all(query_terms(w, lang) for lang in languages)]
    typing = bool(kept) and kept[-1] == words[-1] and not QUERY_SEPARATOR.fullmatch(text[-1])
    prefix = fold(trim(kept[-1])) if typing else ""
    found: dict[Plan, None] = {}
    for lang in languages:
        terms = tuple(query_terms(" ".join(kept), lang))
        if terms:
            found[Plan(terms)] = None
        if len(prefix) >= PREFIX_MIN:
            found[Plan(tuple(query_terms(" ".join(kept[:-1]), lang)), prefix)] = None
    return list(found)


def run_plan(index: Index, plan: Plan) -> list[dict]:
    query = index.create_query()
    for term in plan.terms:
        query.term(term, use_pipeline=False, presence=QueryPresence.REQUIRED)
    if plan.prefix is not None:
        query.term(plan.prefix, use_pipeline=False, presence=QueryPresence.REQUIRED,
                   wildcard=Query.WILDCARD_TRAILING, boost=PREFIX_BOOST)
    return index.query(query)


def search(index: Index, text: str, languages: Sequence[str]) -> list[tuple[int, float]]:
    """(ref, score) of every match of ``text``, best first; refs are documents.json positions."""
    best: dict[int, float] = {}
    for plan in plans(text, languages):
        for match in run_plan(index, plan):
            ref = int(match["ref"])
            best[ref] = max(best.get(ref, 0.0), match["score"])
    return sorted(best.items(), key=lambda item: (-round(item[1], SCORE_DECIMALS), item[0]))
