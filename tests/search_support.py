"""Helpers for the search tests: load a built index, search it like the browser, serve a site."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lunr.index import Index

from search_index.documents import document_id
from search_index.query import search
from search_index.text_pipeline import register_pipelines


class BuiltSearch:
    """The search files of one language of a built site, searched with lunr.py."""

    def __init__(self, output: Path, prefix: str) -> None:
        register_pipelines()
        self.folder = output / prefix / "search"
        self.index_json: dict[str, Any] = json.loads((self.folder / "index.json").read_text(encoding="utf-8"))
        self.payload: dict[str, Any] = json.loads((self.folder / "documents.json").read_text(encoding="utf-8"))
        self.index = Index.load(self.index_json)
        self.docs: list[dict[str, Any]] = self.payload["docs"]
        self.languages: list[str] = self.payload["languages"]
        self.ids = [document_id(doc) for doc in self.docs]

    def search(self, text: str) -> list[tuple[int, float]]:
        return search(self.index, text, self.languages)

    def ids_for(self, text: str) -> list[str]:
        return [self.ids[ref] for ref, _score in self.search(text)]

    def doc(self, doc_id: str) -> dict[str, Any]:
        return self.docs[self.ids.index(doc_id)]


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
