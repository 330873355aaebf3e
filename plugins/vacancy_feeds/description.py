"""Posting descriptions: feed HTML -> sanitized HTML -> Markdown that passes ``markup.check``.

1. The HTML is cleaned with nh3 against the content model's allowlist
   (``content_model.markup.ALLOWED_TAGS``/``ALLOWED_ATTRIBUTES``/``ALLOWED_URL_SCHEMES``):
   scripts, styles, images, iframes, event handlers and ``javascript:`` links disappear,
   unknown wrappers (``div``, ``span``) are unwrapped.
2. markdownify turns the clean HTML into Markdown (ATX headings, ``-`` bullets). Text is
   escaped so that nothing in it can become raw HTML or a link when the Markdown is
   rendered again: ``<`` becomes ``&lt;``, ``[``/``]``, ``*`` and ``_`` are backslash-escaped.
3. The result must pass ``content_model.markup.check`` (no raw HTML, safe links). If it
   does not, the description falls back to its plain text, escaped the same way; if even
   that fails, ``DescriptionError`` is raised and the posting is skipped.
"""

from __future__ import annotations

import html as html_lib
import re

import nh3
from markdownify import MarkdownConverter

from content_model import markup

MAX_BLANK_LINES = re.compile(r"\n{3,}")


class DescriptionError(ValueError):
    """The description cannot be stored as safe Markdown."""


class _Converter(MarkdownConverter):
    def escape(self, text: str, parent_tags: set[str]) -> str:  # type: ignore[override]
        text = super().escape(text, parent_tags)
        return _escape_markup(text)


def _escape_markup(text: str) -> str:
    return text.replace("<", "&lt;").replace("[", r"\[").replace("]", r"\]")


def sanitize_html(html: str) -> str:
    """The HTML reduced to what the site allows (same allowlist as the build's renderer)."""
    return nh3.clean(
        html,
        tags=set(markup.ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in markup.ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(markup.ALLOWED_URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def html_to_markdown(html: str) -> str:
    """Feed HTML as Markdown accepted by ``content_model.markup.check``; may be empty."""
    clean = sanitize_html(html)
    converted = _Converter(heading_style="ATX", bullets="-", escape_misc=False).convert(clean)
    converted = _tidy(converted)
    if _is_safe(converted):
        return converted
    fallback = plain_markdown(clean)
    if _is_safe(fallback):
        return fallback
    raise DescriptionError("the description cannot be converted to safe Markdown")


def plain_markdown(html: str) -> str:
    """The text of ``html`` as escaped Markdown paragraphs (no formatting kept)."""
    text = nh3.clean(re.sub(r"(?i)</(p|div|li|h[1-6]|tr)>|<br\s*/?>", "\n\n", html), tags=set())
    text = html_lib.unescape(text)
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    escaped = [_escape_markup(p.replace("\\", "\\\\").replace("*", r"\*").replace("_", r"\_"))
               for p in paragraphs if p]
    return "\n\n".join(escaped)


def _tidy(text: str) -> str:
    lines = [line.rstrip() if not line.endswith("  ") else line for line in text.splitlines()]
    return MAX_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _is_safe(text: str) -> bool:
    return not markup.check(text, "<feed>", 1)
