"""Where, in Markdown source, the things are that render to HTML the sanitizer would remove.

``markup.check`` renders a text and lists what the sanitizer would drop (an ``<img>``, an
``onclick`` attribute, a ``javascript:`` link). Rendered HTML has no positions, so this module
scans the source for the constructs that can produce each finding and tells where they are:

- raw HTML start tags, their attributes and ``href`` values, and HTML comments;
- Markdown images (``![alt](src)``, which render to ``<img>``);
- Markdown link destinations: inline ``[text](url)`` and reference definitions ``[id]: url``.

Code (fenced blocks, indented blocks, inline code spans) renders as text, so nothing in it
is a spot. Link values are compared after decoding character references, as a browser
would: ``&#106;avascript:`` is found as ``javascript:``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])(?: |\t|$)")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_START_TAG = re.compile(r"<([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_COMMENT = re.compile(r"<!--")
_IMAGE = re.compile(r"!\[")
_INLINE_LINK = re.compile(r"\]\(\s*")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*", re.M)


@dataclass(frozen=True)
class Spot:
    """One construct in the source: ``kind`` + ``key`` say which finding it explains."""

    kind: str  # "tag" | "attribute" | "link" | "comment"
    key: str  # tag name, "<tag> <attribute>", decoded URL, or ""
    offset: int  # where it starts in the text
    written: str  # the source text, as the author wrote it
    markdown_image: bool = False


def code_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of fenced and indented code blocks and inline code spans."""
    ranges: list[tuple[int, int]] = []
    offset = 0
    fence: str | None = None
    previous_blank = True
    in_list = False
    block_start = None
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        end = offset + len(line)
        if fence is not None:
            if stripped.startswith(fence) and set(stripped) <= set(fence[0]):
                ranges.append((block_start, end))
                fence = None
        elif _FENCE.match(line):
            fence = _FENCE.match(line).group(1)
            block_start = offset
        elif (line.startswith("    ") or line.startswith("\t")) and stripped and not in_list \
                and (previous_blank or (ranges and ranges[-1][1] == offset)):
            ranges.append((offset, end))
        else:
            if stripped and _LIST_ITEM.match(line):
                in_list = True
            elif stripped and not line[:1].isspace() and previous_blank:
                in_list = False
        previous_blank = not stripped
        offset = end
    if fence is not None:  # an unclosed fence runs to the end
        ranges.append((block_start, len(text)))
    for match in _CODE_SPAN.finditer(text):
        if not _inside(match.start(), ranges):
            ranges.append((match.start(), match.end()))
    return sorted(ranges)


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


def _destination(text: str, start: int) -> str:
    """The link destination written at ``start``: ``<...>`` or up to white space / unbalanced ``)``."""
    if text.startswith("<", start):
        end = text.find(">", start)
        return text[start:end + 1] if end >= 0 else text[start:]
    depth, index = 0, start
    while index < len(text) and not text[index].isspace():
        character = text[index]
        if character == "\\":
            index += 2
            continue
        if character == "(":
            depth += 1
        elif character == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    return text[start:index]


def decode(written: str) -> str:
    """A written URL as the browser gets it: ``<>`` removed, character references decoded."""
    value = written[1:-1] if written.startswith("<") and written.endswith(">") else written
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return html.unescape(value).strip()


def spots(text: str) -> list[Spot]:
    """Every spot in ``text`` outside code, in source order."""
    code = code_ranges(text)
    found: list[Spot] = []
    for match in _START_TAG.finditer(text):
        if _inside(match.start(), code):
            continue
        tag = match.group(1).lower()
        found.append(Spot("tag", tag, match.start(), match.group(0)))
        body_start = match.start(2)
        for attribute in _ATTRIBUTE.finditer(match.group(2)):
            name = attribute.group(1).lower()
            found.append(Spot("attribute", f"{tag} {name}", body_start + attribute.start(1), attribute.group(1)))
            value = attribute.group(2)
            if name == "href" and value:
                quoted = value[0] in "\"'"
                found.append(Spot("link", decode(value), body_start + attribute.start(2) + quoted,
                                  value[1:-1] if quoted else value))
    for match in _COMMENT.finditer(text):
        if not _inside(match.start(), code):
            found.append(Spot("comment", "", match.start(), "<!--"))
    for match in _IMAGE.finditer(text):
        if not _inside(match.start(), code):
            close = text.find(")", match.end())
            written = text[match.start():close + 1] if close >= 0 and "\n\n" not in text[match.start():close] \
                else text[match.start():match.end()]
            found.append(Spot("tag", "img", match.start(), written, markdown_image=True))
    for pattern in (_INLINE_LINK, _REFERENCE):
        for match in pattern.finditer(text):
            if _inside(match.start(), code):
                continue
            written = _destination(text, match.end())
            if written:
                found.append(Spot("link", decode(written), match.end(), written))
    return sorted(found, key=lambda spot: spot.offset)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """0-based (line index, column index) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)
