"""How a query typed in the search box becomes one lunr query and a ranked list: the Python
twin of ``static/twente-search-core.js`` (``analyseQuery`` / ``searchIndex``), used by the
evaluation script, the benchmarks and the tests.  ``tests/test_search_index.py`` and
``tests/js/`` check that lunr.js with the JS code returns the same results.

For a query text and the site's languages (the page's language first):

1. ``normalise``: unusual white space, slashes, brackets, quotes, commas... become spaces
   (the indexed text went through the same function); split into words on white space and
   hyphens.
2. Each word is *content*, a *stop word* (of any site language: ``de`` or ``the`` would
   otherwise match every page written in the other language) or *generic* (a job
   directory's own words, ``jobs``, ``vacatures``, ``werk``: ``text_pipeline.generic_words``).
   An acronym typed in capitals (``IT``, ``HR``, ``AI``) is always content: its stop-word
   twin (``it``) is indexed only where the text writes it in capitals.  Stop words are
   dropped while other words remain; a query of nothing but stop words searches them
   (with no prefix).
   Generic words are searched but never needed (they only add to the score); a query of
   nothing but generic words (``vacatures``, ``jobs``) lists every vacancy, newest first.
3. Each searched word gets its *options*: per site language, the terms ``query_terms``
   gives (trim, fold, split compounds, stem; a compound gives its parts, all of which the
   option needs).  While a word is being typed (it is the last and the text does not end
   in a separator) and its folded form has at least ``PREFIX_MIN`` characters, it also
   matches any term starting with it (a trailing wildcard, boost ``PREFIX_BOOST``).
4. One lunr query holds every distinct term of every option as an optional clause
   (``usePipeline: false``), plus the prefixes: lunr scores each document with its BM25
   weights for all of them.
5. A document *matches a word* when it holds all terms of one of the word's options, or a
   term starting with its prefix.  Documents that match every content word come first,
   then those that match fewer: at least ``required_words`` (half of them, rounded up),
   and only the best of them, scoring at least ``PARTIAL_SHARE`` of the best score of any
   result (so that "python amsterdam" still shows the Python vacancies, but not every
   page that mentions one of the words).  Within each group results are ordered by score
   (rounded to ``SCORE_DECIMALS``), then by ref (the documents' order).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lunr.index import Index
from lunr.query import Query, QueryPresence

from .text_pipeline import QUERY_SEPARATOR, fold, generic_words, is_acronym, query_terms, trim

SPLIT_CHARS = (
    "\t\n\v\f\r \u001c-\u001f\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
    "/\\\\|()\\[\\]{},;:\"\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2022\u00b7"
)
SPLIT = re.compile(f"[{SPLIT_CHARS}]+")
"""Characters that separate words, besides the hyphen (same class in the JS file)."""

PREFIX_MIN = 3
PREFIX_BOOST = 0.5
SCORE_DECIMALS = 6
PARTIAL_SHARE = 0.25


def normalise(text: str) -> str:
    """Replace separators lunr's tokenizer does not know with a plain space."""
    return SPLIT.sub(" ", text)


@dataclass(frozen=True)
class Word:
    """One word of a query: the term sets that match it, and its prefix while typed."""

    text: str
    options: tuple[tuple[str, ...], ...]
    prefix: str | None = None
    generic: bool = False  # searched, never needed


@dataclass(frozen=True)
class QueryPlan:
    """The words of a query and how many of them a result must match."""

    words: tuple[Word, ...]
    every_vacancy: bool = False  # only generic words: list every vacancy

    @property
    def terms(self) -> tuple[str, ...]:
        """Every distinct term of every option, in word and language order."""
        return tuple(dict.fromkeys(term for word in self.words for option in word.options for term in option))

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(word.prefix for word in self.words if word.prefix)

    @property
    def content_words(self) -> int:
        return sum(1 for word in self.words if not word.generic)

    @property
    def required_words(self) -> int:
        return math.ceil(self.content_words / 2)


def _word_kind(word: str, languages: Sequence[str], generic: frozenset[str]) -> str:
    if is_acronym(word):
        return "content"
    if not all(query_terms(word, lang) for lang in languages):
        return "stop"
    if fold(trim(word)) in generic:
        return "generic"
    return "content"


def plan_query(text: str, languages: Sequence[str]) -> QueryPlan | None:
    """The words of ``text`` to search, or None when nothing is left to search."""
    text = normalise(text)
    words = [w for w in QUERY_SEPARATOR.split(text) if w]
    if not words:
        return None
    generic = generic_words(languages)
    kinds = [_word_kind(word, languages, generic) for word in words]
    if "content" not in kinds and "generic" in kinds:
        return QueryPlan((), every_vacancy=True)
    searched = {"content", "generic"} if "content" in kinds else {"stop"}
    keep_stop_words = searched == {"stop"}
    # A query of stop words gets no prefix: "the" would find "theatre" and "and" "android".
    typing = kinds[-1] in searched and not keep_stop_words and not QUERY_SEPARATOR.fullmatch(text[-1])
    planned: list[Word] = []
    for position, (word, kind) in enumerate(zip(words, kinds)):
        if kind not in searched:
            continue
        keep = keep_stop_words or is_acronym(word)
        options = tuple(dict.fromkeys(
            terms for terms in (tuple(query_terms(word, lang, keep_stop_words=keep)) for lang in languages) if terms))
        prefix = fold(trim(word)) if typing and position == len(words) - 1 else ""
        prefix = prefix if len(prefix) >= PREFIX_MIN else None
        if options or prefix:
            planned.append(Word(word, options, prefix, generic=kind == "generic"))
    return QueryPlan(tuple(planned)) if planned else None


def run_query(index: Index, plan: QueryPlan) -> list[dict]:
    """lunr's results for every term and prefix of ``plan``, each clause optional."""
    query = index.create_query()
    for term in plan.terms:
        query.term(term, use_pipeline=False, presence=QueryPresence.OPTIONAL)
    for prefix in plan.prefixes:
        query.term(prefix, use_pipeline=False, presence=QueryPresence.OPTIONAL,
                   wildcard=Query.WILDCARD_TRAILING, boost=PREFIX_BOOST)
    return index.query(query)


def matched_words(plan: QueryPlan, terms: set[str]) -> int:
    """How many content words of ``plan`` a document holding ``terms`` matches."""
    count = 0
    for word in plan.words:
        if not word.generic and (
                any(all(term in terms for term in option) for option in word.options)
                or (word.prefix and any(term.startswith(word.prefix) for term in terms))):
            count += 1
    return count


@dataclass(frozen=True)
class Match:
    ref: int
    score: float
    words: int  # how many content words of the query the document matches


def search_plan(index: Index, plan: QueryPlan | None, vacancies: range = range(0)) -> list[Match]:
    """The matches of ``plan``; ``vacancies``: the refs of the vacancies (listed by a query of
    generic words only)."""
    if plan is None:
        return []
    if plan.every_vacancy:
        return [Match(ref, 0.0, 0) for ref in vacancies]
    needed, content = plan.required_words, plan.content_words
    results = run_query(index, plan)
    floor = PARTIAL_SHARE * max((result["score"] for result in results), default=0.0)
    matches = []
    for result in results:
        words = matched_words(plan, set(result["match_data"].metadata))
        if words == content or (words >= needed and result["score"] >= floor):
            matches.append(Match(int(result["ref"]), result["score"], words))
    matches.sort(key=lambda m: (-m.words, -round(m.score, SCORE_DECIMALS), m.ref))
    return matches


def search(index: Index, text: str, languages: Sequence[str], vacancies: range = range(0)) -> list[Match]:
    """Every match of ``text``, best first; refs are the documents' positions."""
    return search_plan(index, plan_query(text, languages), vacancies)
