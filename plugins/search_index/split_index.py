"""A lunr index written as term-range shards, and put back together (whole or in part).

A lunr score depends only on the precomputed weights of the query's own terms: the
dot product of the query vector with a document's field vector touches only the
entries of the terms the query expands to, and the query vector's magnitude depends on
the query alone.  So an index that holds just the postings (and field-vector entries) of
the query's terms answers that query exactly like the whole index.  The browser loads
only the shards that hold its query's terms and assembles a partial ``lunr.Index``
(``twente-search-core.js``, ``createSplitIndex``); ``SplitIndex`` below does the same in
Python for the tests and the evaluation script.

Files, per site language, below ``<prefix>search/`` (names from ``layout``):

``manifest.json``
    ``{"version", "lang", "languages", "fields", "pipeline", "documents", "terms",
    "shards": [[first term, hash], ...], "facets": file, "records": folder}``.  Shard
    ``i`` holds the terms from its first term (inclusive) to the next shard's first term
    (exclusive), in code-point order (lunr's own order; every term is in the BMP, so
    JavaScript compares them the same way).
``shards/<hash>.json``
    ``{"start": n, "terms": [[term, postings of field 0, postings of field 1, ...], ...]}``.
    The k-th term of the shard has term index ``start + k`` (its position in the sorted
    term list: lunr's own term numbers are insertion positions and do not survive a
    split, but scores do not depend on them).  Postings are a flat list
    ``[ref gap, weight * 1000, ref gap, weight * 1000, ...]`` with refs ascending: lunr
    stores weights rounded to three decimals, so ``n / 1000`` is the same float.
``facets.<hash>.json`` and ``records/<version>/<ref>.json``
    the filter table and the result cards, written by the generator (``documents``).

Every file name but the manifest's carries a hash of what it holds, so a browser may
cache them for good; the manifest is small and fetched again.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.token_set_builder import TokenSetBuilder
from lunr.vector import Vector

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
SHARD_FOLDER = "shards"
DEFAULT_SHARD_BYTES = 6_000
"""Target size of one shard, gzipped (a term whose postings are bigger gets a shard of its own)."""

WEIGHT_SCALE = 1000


def content_hash(data: bytes, length: int = 10) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def compact_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def scaled_weight(weight: float) -> int:
    scaled = round(weight * WEIGHT_SCALE)
    if scaled / WEIGHT_SCALE != weight:
        raise ValueError(f"weight {weight!r} has more than three decimals; lunr rounds them to three")
    return scaled


def term_postings(serialised: dict[str, Any]) -> list[tuple[str, list[list[int]]]]:
    """Every term of a serialised lunr index, sorted, with its flat postings per field."""
    fields = serialised["fields"]
    field_number = {name: number for number, name in enumerate(fields)}
    inverted = serialised["invertedIndex"]
    position = {posting["_index"]: number for number, (_term, posting) in enumerate(inverted)}
    pairs: list[list[list[tuple[int, int]]]] = [[[] for _ in fields] for _ in inverted]
    for field_ref, elements in serialised["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        column = field_number[name]
        for offset in range(0, len(elements), 2):
            pairs[position[elements[offset]]][column].append((int(ref), scaled_weight(elements[offset + 1])))
    return [(term, [flat_postings(entries) for entries in per_field])
            for (term, _posting), per_field in zip(inverted, pairs)]


def flat_postings(entries: list[tuple[int, int]]) -> list[int]:
    """One term's (ref, scaled weight) pairs in one field as the shards store them: sorted by
    ref, flat, each ref as its distance from the one before ([ref delta, weight, ...])."""
    entries.sort()
    flat: list[int] = []
    previous = 0
    for ref, weight in entries:
        flat += (ref - previous, weight)
        previous = ref
    return flat


def canonical(serialised: dict[str, Any]) -> dict[str, Any]:
    """The same serialised index with terms numbered in sorted order, as the shards number
    them: scores are then computed with the very same floating-point operations."""
    position = {posting["_index"]: number for number, (_term, posting) in enumerate(serialised["invertedIndex"])}
    vectors = []
    for field_ref, elements in serialised["fieldVectors"]:
        pairs = sorted((position[elements[i]], elements[i + 1]) for i in range(0, len(elements), 2))
        vectors.append([field_ref, [value for pair in pairs for value in pair]])
    inverted = [[term, {**posting, "_index": position[posting["_index"]]}]
                for term, posting in serialised["invertedIndex"]]
    return {**serialised, "fieldVectors": vectors, "invertedIndex": inverted}


def plan_shards(encoded: list[bytes], target_bytes: int, costs: dict[bytes, int] | None = None) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` term ranges of about ``target_bytes`` gzipped each;
    ``encoded``: ``compact_json([term, *postings])`` of every term, in order.  ``costs``: gzipped
    sizes of terms measured before (another language's index has many of the same terms)."""
    costs = costs if costs is not None else {}
    ranges = []
    start, size = 0, 0
    for number, data in enumerate(encoded):
        cost = costs.get(data)
        if cost is None:
            cost = costs[data] = len(gzip.compress(data, compresslevel=6))
        if number > start and size + cost > target_bytes:
            ranges.append((start, number))
            start, size = number, 0
        size += cost
    if encoded:
        ranges.append((start, len(encoded)))
    return ranges


@dataclass
class WrittenIndex:
    """What ``split`` produced: the manifest's shard list and the shard files' bytes."""

    shards: list[list[str]]  # [[first term, hash of the shard], ...]
    files: dict[str, bytes] = field(default_factory=dict)  # file name -> content
    terms: int = 0


def split(serialised: dict[str, Any], target_bytes: int = DEFAULT_SHARD_BYTES) -> WrittenIndex:
    """Cut a serialised lunr index into term-range shards (see the module docstring)."""
    return split_terms(term_postings(serialised), target_bytes)


def split_terms(terms: list[tuple[str, list[list[int]]]], target_bytes: int = DEFAULT_SHARD_BYTES,
                costs: dict[bytes, int] | None = None) -> WrittenIndex:
    """``split`` of the index's ``term_postings``; ``costs`` as for ``plan_shards``."""
    written = WrittenIndex(shards=[], terms=len(terms))
    encoded = [compact_json([term, *postings]) for term, postings in terms]  # each term once
    for start, end in plan_shards(encoded, target_bytes, costs):
        # compact_json({"start": start, "terms": [...]}), from the terms' own JSON
        data = b'{"start":%d,"terms":[' % start + b",".join(encoded[start:end]) + b"]}"
        digest = content_hash(data)
        written.shards.append([terms[start][0], digest])
        written.files[shard_name(digest)] = data
    return written


def manifest(serialised: dict[str, Any], written: WrittenIndex, **extra: Any) -> dict[str, Any]:
    """``serialised``: a serialised lunr index, or just its ``fields``, ``pipeline`` and ``version``."""
    return {
        "version": FORMAT_VERSION,
        **extra,
        "fields": serialised["fields"],
        "pipeline": serialised["pipeline"],
        "lunr": serialised["version"],
        "terms": written.terms,
        "shards": written.shards,
    }


def shard_name(digest: str) -> str:
    return f"{SHARD_FOLDER}/{digest}.json"


def shards_for(first_terms: list[str], terms: Iterable[str], prefixes: Iterable[str] = ()) -> list[int]:
    """Numbers of the shards that hold ``terms`` and every term starting with a prefix."""
    needed: set[int] = set()
    for term in terms:
        needed.add(max(bisect.bisect_right(first_terms, term) - 1, 0))
    for prefix in prefixes:
        low = max(bisect.bisect_right(first_terms, prefix) - 1, 0)
        high = max(bisect.bisect_right(first_terms, prefix + "\uffff") - 1, 0)
        needed.update(range(low, high + 1))
    return sorted(needed)


class SplitIndex:
    """Shards of one language's index, assembled into a lunr.py ``Index`` on demand.

    ``read(name)`` returns the parsed JSON of a file below the search folder.  ``index_for``
    loads just the shards a query needs (what the browser does); ``whole`` loads them all.
    """

    def __init__(self, read: Callable[[str], Any]) -> None:
        self.read = read
        self.manifest: dict[str, Any] = read(MANIFEST)
        self.first_terms = [first for first, _name in self.manifest["shards"]]
        self.loaded: dict[int, dict[str, Any]] = {}

    @classmethod
    def from_folder(cls, folder: Path) -> SplitIndex:
        return cls(lambda name: json.loads((Path(folder) / name).read_text(encoding="utf-8")))

    def load(self, numbers: Iterable[int]) -> None:
        for number in numbers:
            if number not in self.loaded:
                self.loaded[number] = self.read(shard_name(self.manifest["shards"][number][1]))

    def index_for(self, terms: Iterable[str], prefixes: Iterable[str] = ()) -> Index:
        self.load(shards_for(self.first_terms, terms, prefixes))
        return self.assemble()

    def whole(self) -> Index:
        self.load(range(len(self.first_terms)))
        return self.assemble()

    def assemble(self) -> Index:
        fields = self.manifest["fields"]
        inverted: dict[str, dict] = {}
        vectors: dict[str, list[float]] = {}
        builder = TokenSetBuilder()
        for number in sorted(self.loaded):
            shard = self.loaded[number]
            for offset, (term, *postings) in enumerate(shard["terms"]):
                term_index = shard["start"] + offset
                posting: dict[str, Any] = {"_index": term_index}
                for name, flat in zip(fields, postings):
                    refs: dict[str, dict] = {}
                    ref = 0
                    for position in range(0, len(flat), 2):
                        ref += flat[position]
                        refs[str(ref)] = {}
                        vectors.setdefault(f"{name}/{ref}", []).extend(
                            (term_index, flat[position + 1] / WEIGHT_SCALE))
                    posting[name] = refs
                inverted[term] = posting
                builder.insert(term)
        builder.finish()
        return Index(inverted_index=inverted, field_vectors={ref: Vector(elements) for ref, elements in vectors.items()},
                     token_set=builder.root, fields=fields, pipeline=Pipeline.load(self.manifest["pipeline"]))
