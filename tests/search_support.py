"""Helpers for the search tests: load a built index, search it like the browser, serve a site."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lunr.index import Index

from search_index.query import Match, search
from search_index.search_files import load_search
from search_index.text_pipeline import register_pipelines


class BuiltSearch:
    """The search files of one language of a built site, searched with lunr.py."""

    def __init__(self, output: Path, prefix: str) -> None:
        register_pipelines()
        self.folder = output / prefix / "search"
        loaded = load_search(self.folder)
        self.manifest: dict[str, Any] = loaded.manifest
        self.index: Index = loaded.index
        self.docs: list[dict[str, Any]] = loaded.records
        self.facets: list[dict[str, list[str]]] = loaded.facets
        self.languages: list[str] = loaded.languages
        self.ids = loaded.ids
        self.vacancies = loaded.vacancies

    def search(self, text: str) -> list[Match]:
        return search(self.index, text, self.languages, self.vacancies)

    def ids_for(self, text: str) -> list[str]:
        return [self.ids[match.ref] for match in self.search(text)]

    def doc(self, doc_id: str) -> dict[str, Any]:
        return self.docs[self.ids.index(doc_id)]

    def facets_of(self, doc_id: str) -> dict[str, list[str]]:
        return self.facets[self.ids.index(doc_id)]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
