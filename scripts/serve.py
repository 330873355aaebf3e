#!/usr/bin/env python3
"""Serve a built site locally the way the published site behaves: `make serve` runs this.

Usage: python scripts/serve.py [OUTPUT_DIR] [--port 8000] [--bind 127.0.0.1]

A missing page gets the site's own 404 page with status 404, in the language of its path
(``/nl/...`` gets ``nl/404.html``), instead of Python's bare error page. Absolute URLs in
the pages (Open Graph, JSON-LD, sitemap, feeds) carry the port the site was built for:
`make serve` builds with ``SEO_LOCAL_SITEURL=http://localhost:$(PORT)`` and serves that
port. A port that is taken is reported with what to do; nothing else is tried silently.
"""

from __future__ import annotations

import argparse
import errno
import functools
import http.server
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_FOUND_PAGE = "404.html"


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from ``directory``; the site's 404 page for anything missing.

    Connections are kept alive (HTTP/1.1), as static hosts keep them, and each response goes
    out at once: with keep-alive, Nagle's algorithm held a response's body back until the
    browser acknowledged its headers, some 40 ms later on Linux."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def not_found_page(self) -> Path | None:
        """``<language>/404.html`` for a path under a language folder that has one, else ``404.html``."""
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0].split("?", 1)[0]
        for candidate in ((root / first / NOT_FOUND_PAGE) if first else None, root / NOT_FOUND_PAGE):
            if candidate is not None and candidate.is_file():
                return candidate
        return None

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def make_server(directory: Path, port: int, bind: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A server for ``directory`` on ``bind:port`` (0 picks a free port); not yet serving."""
    handler = functools.partial(SiteRequestHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((bind, port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=ROOT / "output", help="built site (default: output)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args(argv)
    if not (args.output / "index.html").is_file():
        parser.error(f"{args.output} holds no built site (no index.html): run `make build` first")
    try:
        server = make_server(args.output, args.port, args.bind)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            print(f"port {args.port} is already in use: stop what runs there, or serve on another port "
                  f"with `PORT={args.port + 1} make serve` (the build puts the port into absolute URLs)",
                  file=sys.stderr)
            return 1
        raise
    port = server.server_address[1]
    print(f"Serving {args.output} on http://localhost:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
