"""Build one lunr index per site language from ``SearchDocument``s.

Multilingual analysis
    A Dutch vacancy is listed on the English site and an English one on the Dutch site,
    and visitors type words of either language in either site.  So every field of every
    document is analysed with the index pipeline of *every* site language
    (``text_pipeline.PIPELINES``: ``nl`` = Dutch stop words, compounds, Snowball Dutch;
    ``en`` = lunr's stop words and Porter stemmer; others = trim + fold) and each word
    contributes the union of its terms (``bedrijven`` -> ``bedrijf`` and ``bedrijven``);
    a stop word of any site language is not indexed at all.
    ``query.search`` (and ``twente-search-core.js``) analyse the query once per site
    language, every term required, and merge the hits: a query matches when all its words
    match in one language's analysis.  Words that analyse alike in both languages (names,
    places, numbers) become one term, so the index grows far less than twice.

The builder comes from ``text_pipeline.make_builder(site language)`` so the index carries
the site language's search pipeline; its index pipeline is emptied because field values
arrive already analysed (lists of terms).  Text is normalised first with
``query.normalise`` (unusual white space, slashes, brackets... become spaces), exactly as
queries are.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from lunr import __TARGET_JS_VERSION__
from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.token import Token

from .documents import FIELDS, SearchDocument
from .split_index import scaled_weight, term_postings
from .query import normalise
from .text_pipeline import is_acronym, make_builder, pipeline_labels, register_pipelines


@cache
def _index_pipeline(lang: str, keep_stop_words: bool) -> Pipeline:
    register_pipelines()
    pipeline = Pipeline()
    pipeline.add(*(Pipeline.registered_functions[label]
                   for label in pipeline_labels(lang, "index", keep_stop_words)))
    return pipeline


WHITE_SPACE = re.compile(r"[ \t\n\r\f\v\xa0]+")
"""lunr's tokenizer separators (``lunr.tokenizer.SEPARATOR_CHARS``) but the hyphen."""
MAX_JOINED_PARTS = 3


def analyse_multilingual(text: str, languages: Sequence[str]) -> list[str]:
    """Index terms of ``text`` under every language's index pipeline, word by word.

    Each word gives the distinct terms its analyses produce, in language order.  A word
    that some language's pipeline drops (a stop word of any site language: ``the``, ``de``,
    ``en``) gives none: queries drop such words too (``query.plan_query``), so indexing them
    would only make the index bigger.  A stop word written as an acronym (``IT``, see
    ``text_pipeline.is_acronym``) is indexed all the same.  Words joined by hyphens are
    indexed one by one and joined too (``full-stack``: ``full``, ``stack``, ``fullstack``),
    as a query for ``fullstack`` or ``full stack`` may write them.
    """
    languages = tuple(languages)
    terms: list[str] = []
    for chunk in WHITE_SPACE.split(normalise(text)):
        terms += _chunk_terms(chunk, languages)
    return terms


@lru_cache(maxsize=500_000)
def _chunk_terms(chunk: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    # What one white-space separated chunk gives; chunks repeat as much as words do.
    terms: list[str] = []
    parts = [part for part in chunk.split("-") if part]
    for part in parts:
        terms += _word_terms(part.lower(), languages, is_acronym(part))
    if 1 < len(parts) <= MAX_JOINED_PARTS:
        terms += _word_terms("".join(parts).lower(), languages, False)
    return tuple(terms)


@lru_cache(maxsize=500_000)
def _word_terms(word: str, languages: tuple[str, ...], acronym: bool = False) -> tuple[str, ...]:
    # Every pipeline function works on one token at a time, so a word's terms do not
    # depend on its neighbours and can be cached: that makes big builds several times faster.
    terms: list[str] = []
    for lang in languages:
        found = _language_terms(word, lang, acronym)
        if not found:
            return ()
        terms.extend(found)
    return tuple(dict.fromkeys(terms))


@lru_cache(maxsize=1_000_000)
def _language_terms(word: str, lang: str, acronym: bool) -> tuple[str, ...]:
    # One language's analysis of one word. Every index analyses its words in every site
    # language, in its own order: cached per language, a process that builds the indexes of
    # several languages analyses each word once per language, not once per language and index
    # (with three languages: three analyses of a word instead of nine).
    return tuple(str(term) for term in _index_pipeline(lang, acronym).run([Token(word, {})]))


def build_index(documents: Sequence[SearchDocument], lang: str, languages: Sequence[str]) -> Index:
    """A lunr index of ``documents`` for site language ``lang``; refs are list positions."""
    return _filled_builder(documents, lang, languages).build()


class KnownTexts:
    """Term counts of analysed field texts, by a digest of the text and the site languages: kept
    from one build to the next (``BuildSession.load_store``), so a rebuild analyses only the
    texts that changed (a vacancy's title, body, company name...), and each language's index in
    one build only the texts no other index analysed in the same process.

    A word's terms are those of every site language's pipeline (``analyse_multilingual``), in
    whichever order the languages come: a text's counts are the same for every site language.
    ``new`` and ``used`` are what this process added and looked up (for the next build's store).
    """

    def __init__(self, known: dict | None = None) -> None:
        self.known: dict[bytes, tuple[tuple[str, ...], tuple[int, ...]]] = known if known is not None else {}
        self.new: dict = {}
        self.used: set[bytes] = set()

    def analysed(self, text: str, analyses: Sequence[str]) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The distinct terms of ``text`` (in order of appearance) and how often each comes."""
        key = hashlib.blake2b("\0".join([text, *sorted(analyses)]).encode("utf-8"), digest_size=16).digest()
        found = self.known.get(key)
        if found is None:
            frequencies = Counter(analyse_multilingual(text, analyses))
            found = self.known[key] = self.new[key] = (tuple(frequencies), tuple(frequencies.values()))
        self.used.add(key)
        return found


def build_terms(documents: Sequence[SearchDocument], lang: str, languages: Sequence[str],
                known: KnownTexts | None = None) -> IndexedTerms:
    """What ``build_index`` gives as the split index needs it (``IndexedTerms.from_index``), made
    without lunr's builder: the same weights (``_scored_terms``), from term counts per field.
    ``known``: texts analysed before (the term counts do not depend on their order)."""
    fields = list(FIELDS)
    analyses = [lang, *(code for code in languages if code != lang)]
    known = known if known is not None else KnownTexts()
    terms: list[str] = []  # every (document, field)'s distinct terms, one after the other
    counts: list[int] = []  # how often each comes in its field
    sizes: list[int] = []  # how many distinct terms each (document, field) has
    seen: dict[str, tuple] = {}  # texts repeat (a company's name, a place, labels): looked up once
    for document in documents:
        for name in fields:
            text = document.fields.get(name, "")
            found = seen.get(text)
            if found is None:
                found = seen[text] = known.analysed(text, analyses)
            found_terms, found_counts = found
            terms += found_terms
            counts += found_counts
            sizes.append(len(found_terms))
    builder = make_builder(lang)
    return IndexedTerms(fields=fields, pipeline=builder.search_pipeline.serialize(), version=__TARGET_JS_VERSION__,
                        terms=_scored_terms(terms, counts, sizes, len(documents), builder._k1, builder._b))


@dataclass
class IndexedTerms:
    """A lunr index as the split index writes it: every term (sorted, code-point order) with its
    postings per field, ``[ref gap, weight * 1000, ...]`` (``split_index.term_postings``)."""

    fields: list[str]
    pipeline: list[str]
    version: str
    terms: list[tuple[str, list[list[int]]]]

    @classmethod
    def from_index(cls, index: Index) -> IndexedTerms:
        serialised = index.serialize()
        return cls(serialised["fields"], serialised["pipeline"], serialised["version"], term_postings(serialised))


ROUNDING_MARGIN = 1e-6
"""How close to a half a weight * 1000 may come before ``_scored_terms`` rounds it as Python does."""


def _scored_terms(terms: list[str], counts: list[int], sizes: list[int], documents: int,
                  k1: float, b: float) -> list[tuple[str, list[list[int]]]]:
    """lunr's ``Builder._create_field_vectors`` (BM25), ``Vector.serialize``'s rounding and
    ``term_postings``, for every posting at once (numpy).  The same floating-point operations in
    the same order give the same floats: IEEE 754 rounds each operation alike in numpy and in
    Python.  Only the logarithm (lunr's idf) is left to ``math.log``, once per term, and the
    rounding to three decimals to ``round`` where a weight comes near a half (numpy rounds
    ``weight * 1000``, which is not exactly what ``round(weight, 3)`` rounds).

    ``terms`` and ``counts``: the distinct terms of each (document, field), document after
    document, fields in ``FIELDS`` order; ``sizes``: how many terms each (document, field) has.
    """
    if not terms:
        return []
    boosts = np.array(list(FIELDS.values()))  # as they are: a whole-number boost multiplies as an int
    field_count = len(boosts)
    vocabulary = sorted(set(terms))  # code-point order, as lunr sorts
    number = {term: position for position, term in enumerate(vocabulary)}
    term_of = np.fromiter(map(number.__getitem__, terms), dtype=np.int64, count=len(terms))
    tf = np.array(counts, dtype=np.int64)
    sizes_array = np.array(sizes, dtype=np.int64)
    segment = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes_array)  # (document, field) of each posting
    ref, field_of = np.divmod(segment, field_count)
    # lunr's field length: all of a field's terms, repeats included; its average over every document
    ends = np.cumsum(sizes_array)
    running = np.concatenate(([0], np.cumsum(tf)))
    lengths = running[ends] - running[ends - sizes_array]
    totals = lengths.reshape(documents, field_count).sum(axis=0)
    average = np.array([int(total) / documents for total in totals])
    with np.errstate(divide="ignore", invalid="ignore"):  # a field empty everywhere has no postings
        # k1 * (1 - b + b * (length / average)), once per field of a document
        norm = k1 * (1 - b + b * (lengths / np.tile(average, documents)))
    # lunr.idf.idf of each term: the number of (document, field) pairs that hold it
    with_term = np.bincount(term_of, minlength=len(vocabulary))
    idf_of = {int(n): math.log(1 + abs((documents - n + 0.5) / (n + 0.5))) for n in np.unique(with_term)}
    idf = np.array([idf_of[int(n)] for n in with_term])[term_of]
    score = idf * ((k1 + 1) * tf) / (norm[segment] + tf)
    score = score * boosts[field_of]
    # round(round(score, 3), 3) * 1000 as a whole number (insertion, then Vector.serialize)
    scaled = score * 1000
    weight = np.rint(scaled).astype(np.int64)
    near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < ROUNDING_MARGIN)
    for position in near_half.tolist():
        weight[position] = scaled_weight(round(round(float(score[position]), 3), 3))
    # postings by term, then field, then document: [ref gap, weight, ...] per term and field
    order = np.lexsort((ref, field_of, term_of))
    ref, group = ref[order], (term_of * field_count + field_of)[order]
    starts = np.ones(len(group), dtype=bool)
    starts[1:] = group[1:] != group[:-1]
    gap = ref.copy()
    gap[1:] -= np.where(starts[1:], 0, ref[:-1])
    flat = np.empty(2 * len(ref), dtype=np.int64)
    flat[0::2], flat[1::2] = gap, weight[order]
    flat_list = flat.tolist()
    bounds = (2 * np.concatenate(([0], np.cumsum(np.bincount(group, minlength=len(vocabulary) * field_count))))).tolist()
    return [(term, [flat_list[bounds[slot]:bounds[slot + 1]]
                    for slot in range(position * field_count, (position + 1) * field_count)])
            for position, term in enumerate(vocabulary)]


def _filled_builder(documents: Sequence[SearchDocument], lang: str, languages: Sequence[str]) -> Builder:
    builder = make_builder(lang)
    builder.pipeline = Pipeline()  # values are analysed already: see analyse_multilingual
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    analyses = [lang, *(code for code in languages if code != lang)]
    for position, document in enumerate(documents):
        add_analysed(builder, str(position), {
            name: analyse_multilingual(document.fields.get(name, ""), analyses) for name in FIELDS})
    return builder


def add_analysed(builder: Builder, ref: str, fields: dict[str, list[str]]) -> None:
    """``builder.add`` for field values that are lists of finished terms.

    lunr.py's ``Builder.add`` would wrap every term in a Token with a deep-copied metadata
    dict and run the (empty) pipeline: a third of the build time at 10,000 vacancies.
    This fills the same structures directly (lunr 0.8.0, no metadata whitelisted);
    ``tests/test_search_index.py`` checks the serialised index is identical.
    """
    if builder.metadata_whitelist:
        raise ValueError("add_analysed stores no term metadata; use Builder.add")
    builder._documents[ref] = {}
    builder.document_count += 1
    inverted_index = builder.inverted_index
    for field_name in builder._fields:
        terms = fields.get(field_name) or []
        field_ref = str(FieldRef(ref, field_name))
        frequencies: dict[str, int] = defaultdict(int)
        for term in terms:
            frequencies[term] += 1
        builder.field_term_frequencies[field_ref] = frequencies
        builder.field_lengths[field_ref] = len(terms)
        for term in frequencies:
            posting = inverted_index.get(term)
            if posting is None:
                posting = {name: {} for name in builder._fields}
                posting["_index"] = builder.term_index
                builder.term_index += 1
                inverted_index[term] = posting
            posting[field_name][ref] = {}
