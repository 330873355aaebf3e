"""A small threaded HTTP server on 127.0.0.1 serving canned feed responses (a test tool).

Used by the fetcher tests and by ``scripts/bench_fetch.py``; never by a real fetch, and not
part of the product package. Each path is mapped to a ``Route`` (or a list of routes served
in turn, the last one repeating), which can add latency, answer with any status and
headers, honour ``If-None-Match`` and ``If-Modified-Since``, redirect, stream a large body
without holding it in memory, or break off a body part-way (``truncate_to``), optionally
after hanging (``stall``).
The server counts every byte it sends (status line, headers and body) so a benchmark can
show what a run costs on the wire.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

CHUNK = 64 * 1024


@dataclass
class Route:
    """How to answer one request."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0            # seconds to wait before answering (on top of the server latency)
    etag: bool = False            # send an ETag (hash of the body) and answer 304 when it matches
    last_modified: str | None = None  # send Last-Modified and answer 304 to an equal If-Modified-Since
    redirect: str | None = None   # answer 302 to this location (relative to the server)
    stream_bytes: int = 0         # instead of ``body``, stream this many filler bytes
    declare_length: bool = True   # send Content-Length (False: close-delimited body)
    truncate_to: int | None = None  # send only this many body bytes, then close the connection
    stall: float = 0.0            # with ``truncate_to``: hang this long before closing


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


def _normalize(path: str) -> str:
    parts = urlsplit(path)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + ("?" + query if query else "")


class FeedServer:
    """``with FeedServer() as server: server.route("/feed", Route(b"..."))``."""

    def __init__(self, host: str = "127.0.0.1", latency: float = 0.0):
        self.latency = latency
        self.routes: dict[str, list[Route]] = {}
        self.seen: list[Seen] = []
        self.bytes_sent = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str, *routes: Route) -> str:
        """Serve ``routes`` at ``path`` (in turn, the last repeating); returns the full URL.

        ``path`` may include a query; query parameter order does not matter when matching.
        """
        with self._lock:
            self.routes[_normalize(path)] = list(routes)
        return self.url(path)

    def requests_to(self, path: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path == path]

    def reset_counters(self) -> None:
        with self._lock:
            self.seen.clear()
            self.bytes_sent = 0
            self.max_in_flight = 0

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_route(self, path: str) -> Route | None:
        with self._lock:
            routes = self.routes.get(_normalize(path)) or self.routes.get(urlsplit(path).path)
            if not routes:
                return None
            return routes.pop(0) if len(routes) > 1 else routes[0]

    def _count(self, size: int) -> None:
        with self._lock:
            self.bytes_sent += size

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
                pass

            def end_headers(self) -> None:
                server._count(sum(len(part) for part in getattr(self, "_headers_buffer", [])) + 2)
                super().end_headers()

            def handle_one_request(self) -> None:
                try:
                    super().handle_one_request()
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def do_GET(self) -> None:  # noqa: N802 - stdlib naming
                with server._lock:
                    server.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._answer()
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self) -> None:
                route = server._next_route(self.path)
                if server.latency:
                    time.sleep(server.latency)
                if route is None:
                    self._send(404, b'{"error": "not found"}', "application/json", {})
                    return
                if route.delay:
                    time.sleep(route.delay)
                base = f"http://{self.headers.get('Host', '')}"
                body = route.body.replace(b"{base}", base.encode())
                headers = dict(route.headers)
                if route.redirect:
                    headers["Location"] = route.redirect
                    self._send(302, b"", "text/plain", headers)
                    return
                if route.etag:
                    tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                    headers["ETag"] = tag
                    if self.headers.get("If-None-Match") == tag:
                        self._send(304, b"", None, headers)
                        return
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                    if self.headers.get("If-Modified-Since") == route.last_modified and not route.etag:
                        self._send(304, b"", None, headers)
                        return
                if route.stream_bytes:
                    self._stream(route, headers)
                    return
                if route.truncate_to is not None:
                    self._truncated(route, body, headers)
                    return
                self._send(route.status, body, route.content_type, headers)

            def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body and status != 304:
                    self.wfile.write(body)
                    server._count(len(body))

            def _truncated(self, route: Route, body: bytes, headers: dict[str, str]) -> None:
                """The start of ``body`` only; the connection then closes (a server that died mid-body)."""
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                if route.declare_length:
                    self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.close_connection = True
                self.end_headers()
                try:
                    self.wfile.write(body[:route.truncate_to])
                    self.wfile.flush()
                    server._count(min(len(body), route.truncate_to or 0))
                    if route.stall:
                        time.sleep(route.stall)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _stream(self, route: Route, headers: dict[str, str]) -> None:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                if route.declare_length:
                    self.send_header("Content-Length", str(route.stream_bytes))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                filler = b"[" + b" " * (CHUNK - 1)
                left = route.stream_bytes
                try:
                    while left > 0:
                        piece = filler[:min(CHUNK, left)]
                        self.wfile.write(piece)
                        server._count(len(piece))
                        left -= len(piece)
                        filler = b" " * CHUNK
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        return Handler
