"""Markdown written by companies and editors: rendering, sanitizing and checking.

Company text is untrusted. It is rendered with Python-Markdown and then cleaned with nh3
(the Ammonia sanitizer) against the allowlist below. The validator uses the same allowlist
to *reject* anything the sanitizer would silently strip, so authors learn about it.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3

from .problems import Problem

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
_EXTENSIONS = ["sane_lists", "tables", "fenced_code"]
_CONVERTER = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


class MarkdownTooDeep(ValueError):
    """The text nests lists or quotes deeper than the Markdown parser can follow."""


def _to_html(text: str) -> str:
    """Markdown -> unsanitized HTML, reusing one converter (building one costs more than converting)."""
    global _CONVERTER
    try:
        return _CONVERTER.reset().convert(text)
    except RecursionError as error:
        # The parser's state is left half-way; start afresh for the next text.
        _CONVERTER = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        raise MarkdownTooDeep("Markdown nested too deeply") from error


@functools.lru_cache(maxsize=32768)
def render(text: str) -> str:
    """Markdown -> sanitized HTML, safe to put in a page as is.

    Cached: a vacancy's text appears on its page, in feeds, JSON-LD and search data, in
    every language."""
    html = _to_html(text)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@functools.lru_cache(maxsize=32768)
def plain_text(text: str) -> str:
    """Markdown -> plain text (for snippets, search and meta descriptions)."""
    html = render(text)
    collector = _TextCollector()
    collector.feed(html)
    return re.sub(r"\s+", " ", "".join(collector.parts)).strip()


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("p", "li", "br", "h1", "h2", "h3", "h4", "td", "th"):
            self.parts.append(" ")


class _Inspector(HTMLParser):
    """Lists what the sanitizer would remove from rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[tuple[str, str]] = []  # (needle to find in source, message)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.findings.append((f"<{tag}", f"raw HTML <{tag}> is not allowed; "
                                  "write Markdown instead (the tag would be removed)"))
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                self.findings.append((name, f"HTML attribute {name!r} on <{tag}> is not allowed "
                                      "(it would be removed)"))
            elif name == "href" and value and not _safe_url(value):
                self.findings.append((value, f"link to {value!r} is not allowed; "
                                      "use an http://, https:// or mailto: link"))

    def handle_comment(self, data: str) -> None:
        self.findings.append(("<!--", "HTML comments are not allowed (they would be removed)"))


def _safe_url(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return not scheme or scheme in ALLOWED_URL_SCHEMES


def check(text: str, path: str, first_line: int, field: str = "", indent: int = 0) -> list[Problem]:
    """Problems for anything in ``text`` that rendering would drop; positions point into the file.

    ``first_line`` is the file line where ``text`` starts (for YAML block scalars, the line
    after the key) and ``indent`` how far the text is indented there. Each finding is located by searching the source for what caused it.
    """
    inspector = _Inspector()
    prefix = f"{field}: " if field else ""
    try:
        inspector.feed(_to_html(text))
    except MarkdownTooDeep:
        return [Problem(path, first_line, 1 + indent,
                        f"{prefix}lists or quotes are nested too deeply; use at most a few levels")]
    inspector.close()
    lines = text.splitlines() or [""]
    cursor = {}
    problems = []
    for needle, message in inspector.findings:
        line_index, column = _locate(lines, needle, cursor.get(needle, (0, 0)))
        cursor[needle] = (line_index, column + 1)
        problems.append(Problem(path, first_line + line_index, column + 1 + indent, prefix + message))
    return problems


def _locate(lines: list[str], needle: str, start: tuple[int, int]) -> tuple[int, int]:
    """(line index, column index) of ``needle`` (case-insensitive) at or after ``start``."""
    lowered = needle.lower()
    line_index, column = start
    for index in range(line_index, len(lines)):
        found = lines[index].lower().find(lowered, column if index == line_index else 0)
        if found >= 0:
            return index, found
    for index, line in enumerate(lines):  # fall back to the first occurrence
        found = line.lower().find(lowered)
        if found >= 0:
            return index, found
    return 0, 0
