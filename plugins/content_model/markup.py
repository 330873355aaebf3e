"""Markdown written by companies and editors: rendering, sanitizing and checking.

Company text is untrusted. It is rendered with Python-Markdown and then cleaned with nh3
(the Ammonia sanitizer) against the allowlist below. The validator uses the same allowlist
to *reject* anything the sanitizer would silently strip, so authors learn about it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions.toc import TocExtension, slugify
from markdown.treeprocessors import Treeprocessor

from .markdown_source import Spot, line_and_column, spots
from .problems import Problem
from .source_files import Positions, scalar_source

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


@functools.lru_cache(maxsize=65536)
def _markdown_html(text: str) -> str:
    """``_to_html`` kept: the validator (``check``) and ``render`` convert the same texts."""
    return _to_html(text)


# Tags without attributes, of the allowed ones: HTML made of only these and text needs no parser.
_PLAIN_TAG = re.compile(r"</?(?:%s)>" % "|".join(sorted(ALLOWED_TAGS, key=len, reverse=True)))
# Start tags after which plain_text puts a space (``_TextCollector``).
_SPACED_TAG = re.compile(r"<(?:p|li|br|h1|h2|h3|h4|td|th)>")


def _only_plain_tags(html: str) -> bool:
    """True when every ``<`` in ``html`` opens an allowed tag without attributes."""
    return html.count("<") == len(_PLAIN_TAG.findall(html))


class _Kept:
    """The results of a function of one text, kept (up to ``limit`` texts, then started afresh).

    ``keep`` takes results computed elsewhere: worker processes that loaded the content send
    back what they rendered, so that it is not rendered again (``rendered_texts``)."""

    def __init__(self, function, limit: int = 200_000) -> None:
        self.function = function
        self.limit = limit
        self.values: dict[str, str] = {}
        functools.update_wrapper(self, function)

    def __call__(self, text: str) -> str:
        try:
            return self.values[text]
        except KeyError:
            pass
        if len(self.values) >= self.limit:
            self.values.clear()
        value = self.values[text] = self.function(text)
        return value

    def keep(self, values: dict[str, str]) -> None:
        self.values.update(values)


def rendered_texts(texts) -> dict[str, tuple[str, str]]:
    """``render`` and ``plain_text`` of each text, to hand to ``keep_rendered`` in another process."""
    return {text: (render(text), plain_text(text)) for text in texts}


def keep_rendered(rendered: dict[str, tuple[str, str]]) -> None:
    """Take ``rendered_texts`` made by another process (same code, same texts: same results)."""
    render.keep({text: html for text, (html, _plain) in rendered.items()})
    plain_text.keep({text: plain for text, (_html, plain) in rendered.items()})


@_Kept
def render(text: str) -> str:
    """Markdown -> sanitized HTML, safe to put in a page as is.

    Kept: a vacancy's text appears on its page, in feeds, JSON-LD and search data, in
    every language."""
    html = _markdown_html(text)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


# Welcome Guide chapters ------------------------------------------------------------------------
# Written by editors, still sanitized the same way. On top of company text they get anchors on
# their headings (prefixed with the chapter's slug, so ids are unique on the whole-guide print
# page and never clash with the theme's) and links for web and e-mail addresses written as text.

BARE_LINK_CLASS = "bare-link"  # a link whose text is its address (print CSS does not repeat it)
_BARE_ADDRESS = re.compile(
    r"(?P<url>\bhttps?://[^\s<>\"'\x02\x03]+)"
    r"|(?P<email>(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-]))")
_TRAILING = ".,;:!?'\""


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class RenderedGuideText:
    html: str
    headings: tuple[Heading, ...]  # every h2 and h3, in order, with its anchor


def _trim_url(url: str) -> str:
    """Drop sentence punctuation after an address; keep a ')' that closes a '(' in it."""
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def _split_addresses(text: str) -> list[str | etree.Element]:
    """``text`` as plain strings and ``<a>`` elements for every address in it."""
    pieces: list[str | etree.Element] = []
    position = 0
    for match in _BARE_ADDRESS.finditer(text):
        address = _trim_url(match["url"]) if match["url"] else match["email"]
        if not address or address.endswith("://"):
            continue
        link = etree.Element("a", {"href": address if match["url"] else f"mailto:{address}",
                                   "class": BARE_LINK_CLASS})
        link.text = address
        pieces += [text[position:match.start()], link]
        position = match.start() + len(address)
    pieces.append(text[position:])
    return pieces


class _BareAddresses(Treeprocessor):
    """Turns web and e-mail addresses written as plain text into links (not inside links or code)."""

    SKIP = frozenset({"a", "code", "pre"})

    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        for child in list(element):
            if child.tag not in self.SKIP:
                self._walk(child)
            if child.tail:
                pieces = _split_addresses(child.tail)
                if len(pieces) > 1:
                    child.tail = pieces[0]
                    self._insert(element, list(element).index(child) + 1, pieces[1:])
        if element.tag not in self.SKIP and element.text:
            pieces = _split_addresses(element.text)
            if len(pieces) > 1:
                element.text = pieces[0]
                self._insert(element, 0, pieces[1:])

    @staticmethod
    def _insert(parent: etree.Element, index: int, pieces: list) -> None:
        for link, tail in zip(pieces[0::2], pieces[1::2]):
            link.tail = tail
            parent.insert(index, link)
            index += 1


class _GuideExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_BareAddresses(md), "bare_addresses", 15)  # after "inline" (20)


@functools.lru_cache(maxsize=4096)
def render_guide_text(text: str, id_prefix: str, base_level: int = 1) -> RenderedGuideText:
    """A chapter's Markdown -> sanitized HTML with heading anchors and linked addresses.

    ``base_level`` 2 renders ``#`` as ``<h2>`` and so on (for the chapter inside the whole-guide
    page); ``headings`` keep the levels as written (``##`` is 2) either way."""
    shift = base_level - 1
    converter = markdown.Markdown(extensions=[
        *_EXTENSIONS, _GuideExtension(),
        TocExtension(marker="", baselevel=base_level, toc_depth=f"{2 + shift}-{3 + shift}",
                     slugify=lambda value, separator: id_prefix + slugify(value, separator)),
    ], output_format="html")
    try:
        html = converter.convert(text)
    except RecursionError as error:
        raise MarkdownTooDeep("Markdown nested too deeply") from error
    headings = []

    def collect(tokens: list[dict]) -> None:
        for token in tokens:
            headings.append(Heading(token["level"] - shift, token["id"], token["name"]))
            collect(token["children"])

    collect(converter.toc_tokens)
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={**{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
                    **{f"h{level}": {"id"} for level in range(1, 7)}},
        allowed_classes={"a": {BARE_LINK_CLASS}},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return RenderedGuideText(clean, tuple(headings))


@_Kept
def plain_text(text: str) -> str:
    """Markdown -> plain text (for snippets, search and meta descriptions)."""
    html = render(text)
    if _only_plain_tags(html):
        # What _TextCollector gives for such HTML, without parsing: sanitized HTML writes every
        # '&' of its text as a character reference, so none is made by joining two pieces.
        joined = unescape(_PLAIN_TAG.sub("", _SPACED_TAG.sub(" ", html)))
    else:
        collector = _TextCollector()
        collector.feed(html)
        joined = "".join(collector.parts)
    return re.sub(r"\s+", " ", joined).strip()


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("p", "li", "br", "h1", "h2", "h3", "h4", "td", "th"):
            self.parts.append(" ")


@dataclass(frozen=True)
class _Finding:
    """Something the sanitizer would remove, keyed like ``markdown_source.Spot``."""

    kind: str  # "tag" | "attribute" | "link" | "comment"
    key: str
    tag: str = ""
    name: str = ""
    value: str = ""


class _Inspector(HTMLParser):
    """Lists what the sanitizer would remove from rendered HTML, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[_Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.findings.append(_Finding("tag", tag, tag=tag))
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                self.findings.append(_Finding("attribute", f"{tag} {name}", tag=tag, name=name))
            elif name == "href" and value and not _safe_url(value):
                self.findings.append(_Finding("link", value.strip(), tag=tag, value=value.strip()))

    def handle_comment(self, data: str) -> None:
        self.findings.append(_Finding("comment", ""))


def _safe_url(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return not scheme or scheme in ALLOWED_URL_SCHEMES


# Tags whose content is never text a reader should see: say so instead of "write Markdown".
_MEDIA_TAGS = frozenset({"img", "picture", "video", "audio", "source", "figure", "map", "area"})
_ACTIVE_TAGS = frozenset({"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
                          "form", "input", "button", "textarea", "select", "link", "meta", "base",
                          "svg", "math", "noscript", "template", "canvas"})
_IMAGE_PARTS = re.compile(r"!\[([^\]]*)\]\(\s*<?([^\s)>]*)")


def _message(finding: _Finding, spot: Spot | None) -> str:
    if finding.kind == "tag" and spot is not None and spot.markdown_image:
        parts = _IMAGE_PARTS.match(spot.written)
        alt, src = (parts.group(1) or "picture", parts.group(2)) if parts and parts.group(2) \
            else ("picture", "https://...")
        return (f"image {_shorten(spot.written)!r} is not allowed: descriptions show no pictures "
                f"(a company logo goes in the company file's `logo` field); link to it instead: [{alt}]({src})")
    if finding.kind == "tag" and finding.tag in _MEDIA_TAGS:
        return (f"raw HTML <{finding.tag}> is not allowed: descriptions show no pictures or media; "
                "link to it instead: [description](https://...)")
    if finding.kind == "tag" and finding.tag in _ACTIVE_TAGS:
        return (f"raw HTML <{finding.tag}> is not allowed: scripts, styles, forms and embedded content "
                "are never published; remove it")
    if finding.kind == "tag" and ":" in finding.tag:
        return (f"link <{finding.tag}> is not allowed; use an http://, https:// or mailto: link "
                "such as <https://example.com>")
    if finding.kind == "tag":
        return (f"raw HTML <{finding.tag}> is not allowed (the tag would be removed); write Markdown instead: "
                "**bold**, *italic*, '- ' for list items, [text](https://...) for links")
    if finding.kind == "attribute":
        return (f"HTML attribute {finding.name!r} on <{finding.tag}> is not allowed (it would be removed); "
                "remove it")
    if finding.kind == "link":
        written = spot.written.strip("<>") if spot is not None else finding.value
        shown = f"{finding.value!r}" if written == finding.value else f"{finding.value!r} (written {_shorten(written)!r})"
        return f"link to {shown} is not allowed; use an http://, https:// or mailto: link"
    return "HTML comments are not allowed (they would be removed); remove the <!-- ... --> part"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def check(text: str, path: str, first_line: int, field: str = "", indent: int = 0,
          source: list[tuple[int, str]] | None = None) -> list[Problem]:
    """Problems for anything in ``text`` that rendering would drop, at their place in the file.

    ``first_line`` is the file line where the text starts (for YAML block scalars, the line
    after the key). ``source`` gives the text as written there, one ``(column offset, line)``
    per file line, when that differs from ``text`` (folded or quoted YAML); by default it is
    ``text``'s own lines, each indented by ``indent``. Each finding of the rendered HTML is
    matched, in order, with the construct in the source that produces it
    (``markdown_source``): its line and column are those of the offending text.
    """
    prefix = f"{field}: " if field else ""
    source = source if source is not None else [(indent, line) for line in text.split("\n")]
    try:
        html = _markdown_html(text)
    except MarkdownTooDeep:
        return [Problem(path, first_line, 1 + source[0][0],
                        f"{prefix}lists or quotes are nested too deeply; use at most a few levels")]
    if _only_plain_tags(html):
        return []  # only allowed tags, no attributes, no comments: nothing would be removed
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    written = "\n".join(line for _column, line in source)
    available: dict[tuple[str, str], list[Spot]] = {}
    for spot in spots(written):
        available.setdefault((spot.kind, spot.key), []).append(spot)
    problems = []
    for finding in inspector.findings:
        candidates = available.get((finding.kind, finding.key))
        spot = candidates.pop(0) if candidates else None
        if spot is None:
            line_index, column = 0, 0
        else:
            line_index, column = line_and_column(written, spot.offset)
        problems.append(Problem(path, first_line + line_index, source[line_index][0] + column + 1,
                                prefix + _message(finding, spot)))
    return problems


def check_texts_by_language(texts: object, key: str, source: str, positions: Positions, path: str,
                            languages: list[str]) -> list[Problem]:
    """Problems of a field holding a Markdown text per language (``description: {en: ..., nl: ...}``):
    a two-letter key that is not a site language, and in each text what rendering would drop
    (``check``), at its place in the file."""
    problems: list[Problem] = []
    if not isinstance(texts, dict):
        return problems
    for lang, text in texts.items():
        line, column = positions.of_key((key, lang))
        if isinstance(lang, str) and len(lang) == 2 and lang not in languages:
            problems.append(Problem(path, line, column,
                f"{key}.{lang}: {lang!r} is not a language of this site "
                f"(site languages: {', '.join(languages)})"))
        if isinstance(text, str) and text:
            body_line, written = scalar_source(source, positions.of_value((key, lang)))
            problems += check(text, path, body_line, f"{key}.{lang}", source=written)
    return problems
