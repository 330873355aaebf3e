"""Reading YAML and Markdown-with-front-matter files while remembering where each value is.

PyYAML's ``safe_load`` forgets line numbers. Here the document is composed into nodes once;
the plain data is built from those nodes, and a table maps every field path (a tuple of keys
and list indexes) to the line and column of its value and, for mapping entries, of its key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

FieldPath = tuple[str | int, ...]
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 1_000_000


@dataclass
class Positions:
    """Line/column (1-based) of values and keys, by field path."""

    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    start: tuple[int, int] = (1, 1)

    def of_value(self, path: FieldPath) -> tuple[int, int]:
        """Where the value at ``path`` is; falls back to the nearest enclosing value."""
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), self.start)

    def of_key(self, path: FieldPath) -> tuple[int, int]:
        """Where the key of the entry at ``path`` is (or its value, for list items)."""
        return self.keys.get(path) or self.of_value(path)


@dataclass
class SourceDocument:
    """Parsed data plus positions; ``problems`` holds parse errors (then ``data`` is None)."""

    data: object
    positions: Positions
    problems: list[Problem]
    body: str = ""
    body_line: int = 1


class _Builder:
    def __init__(self, path: str, line_offset: int):
        self.path = path
        self.offset = line_offset
        self.positions = Positions(start=(1 + line_offset, 1))
        self.problems: list[Problem] = []
        self._scalar = yaml.SafeLoader("")
        self._seen: set[int] = set()

    def mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: FieldPath) -> object:
        self.positions.values[path] = self.mark(node)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            # An alias makes the same node appear twice; nested aliases would expand
            # exponentially ("billion laughs"), so content may not reuse collections.
            if id(node) in self._seen:
                line, column = self.mark(node)
                problem = Problem(self.path, line, column, "YAML anchors and aliases (&name, *name) "
                                  "are not supported; write the value out where it is used")
                if problem not in self.problems:
                    self.problems.append(problem)
                return None
            self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            seen: dict[object, int] = {}
            for key_node, value_node in node.value:
                key = self.build_key(key_node)
                line, column = self.mark(key_node)
                if key in seen:
                    self.problems.append(Problem(
                        self.path, line, column,
                        f"duplicate key '{key}' (first given on line {seen[key]}); "
                        "remove one of them"))
                    continue
                seen[key] = line
                self.positions.keys[path + (key,)] = (line, column)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        try:
            value = self._scalar.construct_object(node, deep=True)
        except ValueError:
            # Looks like a date but is none (2026-13-01): keep the text, the schema says why.
            value = node.value
        except yaml.constructor.ConstructorError as error:
            line, column = self.mark(node)
            self.problems.append(Problem(self.path, line, column,
                f"unsupported YAML: {error.problem}; write plain text, numbers, true/false or dates"))
            value = node.value
        if isinstance(value, (dt.date, dt.datetime)):
            # Schemas describe dates as ISO strings; the model converts them back.
            value = value.isoformat() if not isinstance(value, dt.datetime) else value.date().isoformat()
        return value

    def build_key(self, node: yaml.Node) -> object:
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar.construct_object(node)
            return value if isinstance(value, str) else str(value)
        line, column = self.mark(node)
        self.problems.append(Problem(self.path, line, column, "keys must be plain text"))
        return f"<key at line {line}>"


def scalar_source(text: str, position: tuple[int, int]) -> tuple[int, list[tuple[int, str]]]:
    """A YAML string value as written in the file, for pointing into it.

    ``position`` is where the value starts (1-based line, column). Returns the file line
    where its text starts and ``(column offset, text)`` for each of its lines: a block
    scalar (``|`` or ``>``) starts on the next line and loses its indentation; a plain or
    quoted value starts at ``position`` and may go on over more-indented lines.
    """
    lines = text.splitlines()
    line, column = position
    first = lines[line - 1] if line <= len(lines) else ""
    key_indent = len(first) - len(first.lstrip(" "))
    if first[column - 1:column] in ("|", ">"):
        body = []
        indent = None
        for following in lines[line:]:
            if following.strip() and indent is None:
                indent = len(following) - len(following.lstrip(" "))
            if following.strip() and len(following) - len(following.lstrip(" ")) < (indent or 0):
                break
            if following.strip() and indent is not None and indent <= key_indent:
                break
            body.append(following)
        while body and not body[-1].strip():
            body.pop()
        indent = indent or 0
        return line + 1, [(indent, following[indent:]) for following in body] or [(indent, "")]
    written = [(column - 1, first[column - 1:])]
    for following in lines[line:]:
        lead = len(following) - len(following.lstrip(" "))
        if not following.strip() or lead <= key_indent:
            break
        written.append((lead, following[lead:]))
    return line, written


def read_text(file: Path, path: str) -> tuple[str | None, list[Problem]]:
    """A content file's text, or a problem pointing at the first byte that is not UTF-8."""
    if file.stat().st_size > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB; "
                                          "content files are short texts")]
    data = file.read_bytes()
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(path, line, column,
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} here); "
            "save it with UTF-8 encoding")]


def read_mapping(file: Path, path: str, example: str, empty: str
                 ) -> tuple[str | None, SourceDocument | None, list[Problem]]:
    """A YAML content file read and parsed as a mapping of fields: ``(source, document,
    problems)``, with ``source`` and ``document`` None when there is nothing to check further
    (unreadable, malformed, not a mapping, or empty). ``example`` shows the first fields in
    the "expected a mapping" message (``name: ..., starts: ...``); ``empty`` ends the message
    for an empty file (what to write there)."""
    source, unreadable = read_text(file, path)
    if source is None:
        return None, None, unreadable
    document = parse_yaml(source, path)
    if document.data is None:
        return None, None, document.problems
    problems = list(document.problems)
    if not isinstance(document.data, dict):
        return None, None, problems + [Problem(path, 1, 1, f"expected a mapping of fields ({example})")]
    if not document.data and not source.strip():
        return None, None, problems + [Problem(path, 1, 1, f"the file is empty: {empty}")]
    return source, document, problems


def parse_yaml(text: str, path: str, line_offset: int = 0) -> SourceDocument:
    """Parse one YAML document, reporting syntax errors with their position."""
    builder = _Builder(path, line_offset)
    try:
        # libyaml composes about ten times faster; the pure-Python parser is only used
        # to word the error message the same way on every machine.
        node = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        node = None
    try:
        node = node if node is not None else yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        column = (mark.column + 1) if mark else 1
        reason = error.problem or error.context or "could not be read"
        if error.problem and error.context and error.context_mark and error.context_mark is not mark:
            reason += (f" ({error.context} started at line {error.context_mark.line + 1 + line_offset}, "
                       f"column {error.context_mark.column + 1})")
        return SourceDocument(None, builder.positions, [
            Problem(path, line, column, f"malformed YAML: {reason}")])
    except yaml.YAMLError as error:
        return SourceDocument(None, builder.positions, [
            Problem(path, 1 + line_offset, 1, f"malformed YAML: {error}")])
    except RecursionError:
        return SourceDocument(None, builder.positions, [
            Problem(path, 1 + line_offset, 1, "malformed YAML: nested too deeply")])
    if node is None:
        return SourceDocument({}, builder.positions, [])
    try:
        data = builder.build(node, ())
    except RecursionError:
        return SourceDocument(None, builder.positions, [
            Problem(path, 1 + line_offset, 1, "malformed YAML: nested too deeply")])
    return SourceDocument(data, builder.positions, builder.problems)


def parse_front_matter(text: str, path: str) -> SourceDocument:
    """Split ``---``-delimited YAML front matter from a Markdown body and parse both."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return SourceDocument(None, Positions(), [Problem(
            path, 1, 1, "expected front matter: the file must start with a line '---', "
                        "then YAML fields, then another '---' line, then the Markdown text")])
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            document = parse_yaml("".join(lines[1:index]), path, line_offset=1)
            document.body = "".join(lines[index + 1:])
            document.body_line = index + 2
            return document
    return SourceDocument(None, Positions(), [Problem(
        path, 1, 1, "front matter is not closed: add a line '---' after the YAML fields")])
