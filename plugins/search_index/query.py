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
   (with no prefix; a result must match all of them).
   Generic words are searched but never needed: they rank a document that has them above
   one that has not; a query of nothing but generic words (``vacatures``, ``jobs``) lists
   every vacancy, newest first.
3. Each searched word gets its *options*: per site language, the terms ``query_terms``
   gives (trim, fold, split compounds, stem; a compound gives its parts, all of which the
   option needs).  Two neighbouring content words also get the options of the two written
   as one (``clean room``: ``cleanroom``), which match both words.  While a word is being typed (it is the last and the text does not end
   in a separator) and its folded form has at least ``PREFIX_MIN`` characters, it also
   matches any term starting with it (a trailing wildcard, boost ``PREFIX_BOOST``).
4. One lunr query holds every distinct term of every option as an optional clause
   (``usePipeline: false``), plus the prefixes: lunr scores each document with its BM25
   weights for all of them.
5. A document *matches a word* when it holds all terms of one of the word's options, or a
   term starting with its prefix.  The documents that match the most content words (all
   of them, where any does), and among those the most generic words, are all shown,
   first; after them those that match fewer but at least ``required_words`` (half of the
   content words, rounded up), and only the best of these, scoring at least
   ``PARTIAL_SHARE`` of the best score of any result.  So "python amsterdam" shows every
   Python vacancy, "python developer" the Python developers and then the best other
   developers, not every page that mentions one of the words.  Results are ordered by
   content words matched, then generic words matched, then score (rounded to
   ``SCORE_DECIMALS``), then ref (the documents' order).
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
PARTIAL_SHARE = 0.5


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
    # (position of a word, options of it written together with the next: "clean room" ->
    # "cleanroom"); a document holding one matches both words.
    pairs: tuple[tuple[int, tuple[tuple[str, ...], ...]], ...] = ()
    every_vacancy: bool = False  # only generic words: list every vacancy
    stop_words_only: bool = False  # a result must match every one of them

    @property
    def terms(self) -> tuple[str, ...]:
        """Every distinct term of every option, in word and language order, then the pairs'."""
        options = [option for word in self.words for option in word.options]
        options += [option for _position, pair in self.pairs for option in pair]
        return tuple(dict.fromkeys(term for option in options for term in option))

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(word.prefix for word in self.words if word.prefix)

    @property
    def content_words(self) -> int:
        return sum(1 for word in self.words if not word.generic)

    @property
    def required_words(self) -> int:
        if self.stop_words_only:
            return self.content_words
        return max(1, math.ceil(self.content_words / 2))


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
    if not planned:
        return None
    return QueryPlan(tuple(planned), () if keep_stop_words else _pairs(planned, languages),
                     stop_words_only=keep_stop_words)


def _pairs(words: list[Word], languages: Sequence[str]) -> tuple[tuple[int, tuple[tuple[str, ...], ...]], ...]:
    """Options of every two neighbouring content words written as one (``clean room``)."""
    pairs = []
    for position in range(len(words) - 1):
        first, second = words[position], words[position + 1]
        if first.generic or second.generic:
            continue
        joined = trim(first.text) + trim(second.text)
        options = tuple(dict.fromkeys(
            terms for terms in (tuple(query_terms(joined, lang)) for lang in languages) if terms))
        if options:
            pairs.append((position, options))
    return tuple(pairs)


def run_query(index: Index, plan: QueryPlan) -> list[dict]:
    """lunr's results for every term and prefix of ``plan``, each clause optional."""
    query = index.create_query()
    for term in plan.terms:
        query.term(term, use_pipeline=False, presence=QueryPresence.OPTIONAL)
    for prefix in plan.prefixes:
        query.term(prefix, use_pipeline=False, presence=QueryPresence.OPTIONAL,
                   wildcard=Query.WILDCARD_TRAILING, boost=PREFIX_BOOST)
    return index.query(query)


def matched_words(plan: QueryPlan, terms: set[str]) -> tuple[int, int]:
    """How many content words and how many generic words of ``plan`` a document holding
    ``terms`` matches."""
    hit = [any(all(term in terms for term in option) for option in word.options)
           or bool(word.prefix and any(term.startswith(word.prefix) for term in terms)) for word in plan.words]
    for position, options in plan.pairs:
        if any(all(term in terms for term in option) for option in options):
            hit[position] = hit[position + 1] = True
    content = sum(1 for word, found in zip(plan.words, hit) if found and not word.generic)
    return content, sum(1 for word, found in zip(plan.words, hit) if found and word.generic)


@dataclass(frozen=True)
class Match:
    ref: int
    score: float
    words: int  # how many content words of the query the document matches
    extra: int = 0  # how many of its generic words


def search_plan(index: Index, plan: QueryPlan | None, vacancies: range = range(0)) -> list[Match]:
    """The matches of ``plan``; ``vacancies``: the refs of the vacancies (listed by a query of
    generic words only)."""
    if plan is None:
        return []
    if plan.every_vacancy:
        return [Match(ref, 0.0, 0) for ref in vacancies]
    needed = plan.required_words
    results = [(result, *matched_words(plan, set(result["match_data"].metadata)))
               for result in run_query(index, plan)]
    top = max(((words, extra) for _result, words, extra in results), default=(0, 0))
    minimum = needed if plan.stop_words_only else 1
    floor = PARTIAL_SHARE * max((result["score"] for result, _words, _extra in results), default=0.0)
    matches = [Match(int(result["ref"]), result["score"], words, extra) for result, words, extra in results
               if words >= minimum and ((words, extra) == top or (words >= needed and result["score"] >= floor))]
    matches.sort(key=lambda m: (-m.words, -m.extra, -round(m.score, SCORE_DECIMALS), m.ref))
    return matches


def search(index: Index, text: str, languages: Sequence[str], vacancies: range = range(0)) -> list[Match]:
    """Every match of ``text``, best first; refs are the documents' positions."""
    return search_plan(index, plan_query(text, languages), vacancies)
