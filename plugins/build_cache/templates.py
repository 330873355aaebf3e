"""What a template reads: the templates it uses and the variables it looks at, found in its source.

``TemplateReads.of(env, name)`` parses ``name`` and every template it extends, includes or
imports (a template named by a variable counts as using them all) and collects

- ``digest``: of all their sources, so that any change of one of them is seen, and
- ``paths``: every variable they read, as the longest constant access path: ``vacancy.title``
  is ``("vacancy", "title")``, ``directory.companies[vacancy.company]`` is
  ``("directory", "companies")`` (the key is not a constant: the whole mapping counts).

A page's fingerprint digests the values at those paths in its context: the page is made again
when one of them changes, whatever else changes in the content. Reading more than the paths
say is not possible from a template: a variable is only reached through a name, and calling a
helper only passes values of names the template reads (the helper's own code and what it
holds are part of its value).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, meta, nodes

from .fingerprints import Fingerprints, Unfingerprintable, digest

logger = logging.getLogger(__name__)

Path = tuple  # ("name", ("attr", "x"), ("item", 3), ...)


def _access_path(node: nodes.Node) -> tuple | None:
    if isinstance(node, nodes.Name):
        return (node.name,) if node.ctx == "load" else None
    if isinstance(node, nodes.Getattr):
        base = _access_path(node.node)
        return base + (("attr", node.attr),) if base else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _access_path(node.node)
        try:
            hash(node.arg.value)
        except TypeError:
            return None
        return base + (("item", node.arg.value),) if base else None
    return None


def read_paths(template: nodes.Template) -> set[tuple]:
    """Every maximal access path ``template`` reads (see the module docstring)."""
    found: set[tuple] = set()

    def visit(node: nodes.Node, extended: bool = False) -> None:
        path = _access_path(node)
        if path is not None:
            if not extended:
                found.add(path)
            if isinstance(node, (nodes.Getattr, nodes.Getitem)):
                visit(node.node, extended=True)
            return
        if isinstance(node, nodes.Getitem):  # key not constant: the container counts whole
            visit(node.node)
            visit(node.arg)
            return
        for child in node.iter_child_nodes():
            visit(child)

    visit(template)
    return found


def _syntax(environment: Environment) -> tuple:
    """What decides how a template's source parses, besides the source."""
    return (environment.block_start_string, environment.block_end_string, environment.variable_start_string,
            environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
            environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
            environment.lstrip_blocks, tuple(sorted(environment.extensions)))


def _once_per_loader(environment: Environment, kind: str, name: str, make: Callable[[Environment, str], Any]) -> Any:
    """``make(environment, name)``, kept on the loader. Every language's environment of a build
    shares the theme's loader: what is found in a template's source is found once per build (and
    before workers fork), not once per language."""
    kept = environment.loader.__dict__.setdefault(f"_kept_{kind}", {})
    key = (_syntax(environment), name)
    if key not in kept:
        kept[key] = make(environment, name)
    return kept[key]


def _parse(environment: Environment, name: str) -> tuple[str, nodes.Template]:
    source, _filename, _uptodate = environment.loader.get_source(environment, name)
    return source, environment.parse(source, name)


def parsed(environment: Environment, name: str) -> tuple[str, nodes.Template]:
    """The source of template ``name`` and its syntax tree (not to be changed: it is shared)."""
    return _once_per_loader(environment, "parsed", name, _parse)


@dataclass(frozen=True)
class TemplateReads:
    digest: bytes
    paths: frozenset

    @classmethod
    def of(cls, environment: Environment, name: str) -> TemplateReads:
        """What ``name`` reads (kept per loader: templates do not change during a build)."""
        return _once_per_loader(environment, "reads", name, cls._of)

    @classmethod
    def _of(cls, environment: Environment, name: str) -> TemplateReads:
        sources: dict[str, str] = {}
        paths: set[tuple] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in sources:
                continue
            source, tree = parsed(environment, current)
            sources[current] = source
            paths |= read_paths(tree)
            for used in meta.find_referenced_templates(tree):
                if used is None:  # named by a variable: it may be any of them
                    todo += [other for other in environment.list_templates() if other not in sources]
                else:
                    todo.append(used)
        parts = [part for template in sorted(sources) for part in (template.encode(), sources[template].encode())]
        return cls(digest(b"templates", *parts), frozenset(paths))


class _Missing:
    """What a path that leads nowhere reads (Jinja's undefined)."""

    __slots__ = ()

    def __fingerprint__(self) -> str:
        return "<undefined>"


_MISSING = _Missing()


def resolve(environment: Environment, context: dict, path: tuple) -> object:
    """The value at ``path`` in ``context`` as the template sees it (``_MISSING`` when it has none)."""
    value = context.get(path[0], _MISSING)
    for kind, key in path[1:]:
        if value is _MISSING:
            break
        try:
            value = environment.getattr(value, key) if kind == "attr" else environment.getitem(value, key)
        except Exception:  # noqa: BLE001 (what the template would see as undefined)
            return _MISSING
        if isinstance(value, environment.undefined):
            return _MISSING
    return value


def is_missing(value: object) -> bool:
    return value is _MISSING


class PageInputs:
    """The fingerprint of a page: what ``OutputFiles.current`` compares with the last build's.

    Made once per language and piece of work: ``base`` is the context every page of the language
    shares and ``page_names`` every name a page may set on top of it. The values of the paths a
    template reads from ``base`` are digested once per template; per page only the paths into
    the page's own variables are.
    """

    def __init__(self, environment: Environment, base: dict, page_names: set[str], lang: object,
                 build: bytes | None, settings: dict | None = None, settings_digest: bytes | None = None,
                 prints: Fingerprints | None = None) -> None:
        self.environment = environment
        self.base = base
        self.page_names = set(page_names)
        self.prints = prints if prints is not None else Fingerprints()  # the build's (``session.fingerprints``)
        if settings is not None and settings_digest is not None:
            self.prints.known(settings, settings_digest)  # helpers that hold the settings
        self.build = build  # code and settings (None: nothing is reused)
        self.templates: dict[str, tuple[bytes, list] | None] = {}
        try:
            self.lang = self.prints.of(lang)
        except Unfingerprintable as error:
            logger.info("build cache: pages are always made again: %s", error)
            self.build = None

    def _template(self, name: str) -> tuple[bytes, list] | None:
        if name not in self.templates:
            reads = TemplateReads.of(self.environment, name)
            # A path under one read whole adds nothing: vacancy.title when vacancy is passed on.
            paths = [path for path in reads.paths if not any(path[:end] in reads.paths for end in range(1, len(path)))]
            shared = sorted((path for path in paths if path[0] not in self.page_names), key=repr)
            own = [(repr(path).encode(), path)
                   for path in sorted((path for path in paths if path[0] in self.page_names), key=repr)]
            try:
                values = [part for path in shared
                          for part in (repr(path).encode(), self.prints.part(resolve(self.environment, self.base, path)))]
            except Unfingerprintable as error:
                logger.info("build cache: %s is always made again: %s", name, error)
                self.templates[name] = None
            else:
                self.templates[name] = (digest(reads.digest, *values), own)
        return self.templates[name]

    def shell(self, template: str, name: str, context: dict, list_name: str) -> bytes | None:
        """The fingerprint of the page without its list ``list_name``, of which only the length
        counts: what a list page is made from but its cards (``card_lists``)."""
        return self(template, name, {**context, list_name: _Count(len(context[list_name]))}, b"shell")

    def __call__(self, template: str, name: str, context: dict, kind: bytes = b"page") -> bytes | None:
        """The fingerprint of the page ``name`` made with ``template`` from ``context`` (None: always make it)."""
        if self.build is None:
            return None
        found = self._template(template)
        if found is None:
            return None
        shared, own = found
        try:
            values = [part for text, path in own
                      for part in (text, self.prints.part(resolve(self.environment, context, path)))]
        except Unfingerprintable:
            return None
        return digest(kind, self.build, self.lang, name.encode(), shared, *values)


class _Count:
    """A list of which only the length counts (``PageInputs.shell``)."""

    __slots__ = ("length",)

    def __init__(self, length: int) -> None:
        self.length = length

    def __fingerprint__(self) -> str:
        return f"<list of {self.length}>"
