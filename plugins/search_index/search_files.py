"""The files of one language's search, and reading them back (tests, evaluation, benchmarks).

Below ``<prefix>search/`` (see ``split_index`` for the index's own format):

- ``manifest.json``: what to load, with the index's fields, pipeline and shard ranges, the
  page languages (the page's own first), the number of documents, and the names of
- ``facets.<hash>.json``: every document's filter values (``documents.facet_table``) and
- ``records/<hash>/<ref>.json``: one result card per document (``SearchDocument.record``).

The records' folder is named after a hash of the documents' identities in ref order (kind
and address of each), so that within a folder a ref always means the same document: a browser
that loaded one build's manifest never shows another document's card for a result, and a
build that only changed some documents' texts rewrites only their records (the rest keep
their bytes and mtimes: a deploy uploads what changed).  A card fetched after a newer build
shows that document's newer text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lunr.index import Index

from .documents import SearchDocument, decode_facets, document_id, facet_table
from .indexing import IndexedTerms
from .split_index import (DEFAULT_SHARD_BYTES, MANIFEST, SplitIndex, compact_json, content_hash, manifest,
                          split_terms)


def search_files(documents: Sequence[SearchDocument], index: Index | IndexedTerms, lang: str,
                 languages: Sequence[str], facets: dict[str, list[str]],
                 shard_bytes: int = DEFAULT_SHARD_BYTES, costs: dict[bytes, int] | None = None) -> dict[str, bytes]:
    """Every file of one language's search: relative name -> content.  ``index``: the lunr index
    of ``documents`` (``indexing.build_index``) or its terms (``indexing.build_terms``, the same
    files sooner); ``facets``: every value of every filter (``documents.facet_values``);
    ``costs``: see ``split_index.plan_shards``."""
    indexed = index if isinstance(index, IndexedTerms) else IndexedTerms.from_index(index)
    serialised = {"fields": indexed.fields, "pipeline": indexed.pipeline, "version": indexed.version}
    written = split_terms(indexed.terms, shard_bytes, costs)
    files = dict(written.files)
    table = compact_json(facet_table(documents, facets))
    facets_name = f"facets.{content_hash(table)}.json"
    files[facets_name] = table
    records = [compact_json(document.record()) for document in documents]
    version = hashlib.sha256()
    for document in documents:
        version.update(f"{document.kind}\t{document.url}\n".encode("utf-8"))
    folder = f"records/{version.hexdigest()[:12]}/"
    for ref, data in enumerate(records):
        files[f"{folder}{ref}.json"] = data
    files[MANIFEST] = compact_json(manifest(
        serialised, written, lang=lang, languages=[lang, *(code for code in languages if code != lang)],
        documents=len(documents), kinds=kind_ranges(documents), facets=facets_name, records=folder))
    return files


def kind_ranges(documents: Sequence[SearchDocument]) -> dict[str, list[int]]:
    """``{kind: [first ref, last ref + 1]}``: documents come grouped by kind."""
    ranges: dict[str, list[int]] = {}
    for ref, document in enumerate(documents):
        if document.kind in ranges and ranges[document.kind][1] != ref:
            raise ValueError(f"search documents of kind {document.kind!r} are not together (at {ref})")
        ranges.setdefault(document.kind, [ref, ref])[1] = ref + 1
    return ranges


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` below ``folder``, leaving a file alone when its bytes are unchanged."""
    for name, data in files.items():
        path = folder / name
        try:
            if path.read_bytes() == data:
                continue
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@dataclass
class LoadedSearch:
    """One language's search files read back: the whole index, records and filter values."""

    manifest: dict[str, Any]
    index: Index
    records: list[dict[str, Any]]
    facets: list[dict[str, list[str]]]

    @property
    def languages(self) -> list[str]:
        return self.manifest["languages"]

    @property
    def vacancies(self) -> range:
        return range(*self.manifest["kinds"].get("vacancy", [0, 0]))

    @property
    def ids(self) -> list[str]:
        return [document_id(record) for record in self.records]


def load_search(folder: Path) -> LoadedSearch:
    """Read the search files in ``folder`` (a built ``<prefix>search/``)."""
    split_index = SplitIndex.from_folder(folder)
    found = split_index.manifest
    table = json.loads((folder / found["facets"]).read_text(encoding="utf-8"))
    records = [json.loads((folder / f"{found['records']}{ref}.json").read_text(encoding="utf-8"))
               for ref in range(found["documents"])]
    return LoadedSearch(found, split_index.whole(), records,
                        [decode_facets(table, ref) for ref in range(found["documents"])])
