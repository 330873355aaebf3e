"""XML written as text: escaping for character data and attribute values, as ElementTree does.

The feeds and the sitemap are tens of thousands of small elements; building ElementTree
elements and serialising them took most of their time. They are written as text instead, with
the same escaping (``&``, ``<``, ``>`` in text; also ``"`` and line breaks and tabs in
attribute values) and the same layout (two spaces per level), so the bytes are what
``ElementTree.tostring`` of ``ElementTree.indent``'s tree gives.
"""

from __future__ import annotations

DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def text(value: str) -> str:
    """``value`` as character data."""
    # str.replace runs in C; str.translate with a table looks up every character in Python
    # (feeds carry whole vacancy texts). "&" first, so that no reference is escaped again.
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """``value`` as an attribute value in double quotes."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;"))


def element(indent: str, tag: str, content: str | None = None, **attributes: str) -> str:
    """One line: ``<tag a="1">content</tag>`` (``<tag a="1" />`` without content), indented."""
    attrs = "".join(f' {name}="{attribute(value)}"' for name, value in attributes.items())
    if not content:
        return f"{indent}<{tag}{attrs} />\n"
    return f"{indent}<{tag}{attrs}>{text(content)}</{tag}>\n"
