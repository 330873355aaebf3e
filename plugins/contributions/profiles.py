"""Company profiles written by tools, laid out like the hand-written ones.

``company_yaml`` writes a whole profile in schema order; ``replace_fields`` changes some
top-level fields of an existing profile and leaves every other line (comments included) as
it was, so a form's update is a small diff.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from content_model import load_schema

FIELD_ORDER = tuple(load_schema("company")["properties"])
_QUOTED = {"size"}  # written quoted like the demo profiles: 10-49 is text, not a number


def slugify(name: str) -> str:
    """Company name -> file name slug ('Café De Wever B.V.' -> 'cafe-de-wever-b-v')."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def scalar(value: object) -> str:
    """One YAML scalar or flow collection, quoted only where YAML needs it."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return text.removesuffix("\n...\n").strip()


def block(text: str, indent: str) -> str:
    """A literal block scalar (``|``) holding ``text``, its lines indented by ``indent``."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "|\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)


def field_lines(name: str, value: object) -> list[str]:
    """The lines of one top-level field."""
    if name in _QUOTED and isinstance(value, str):
        return [f'{name}: "{value}"']
    if name == "description" and isinstance(value, dict):
        return [f"{name}:"] + [f"  {lang}: {block(text, '    ')}" for lang, text in value.items()]
    if name == "feeds" and isinstance(value, list):
        lines = [f"{name}:"]
        for feed in value:
            items = list(feed.items())
            lines.append(f"  - {items[0][0]}: {scalar(items[0][1])}")
            lines += [f"    {key}: {scalar(item)}" for key, item in items[1:]]
        return lines
    if name == "geo" or not isinstance(value, dict):
        return [f"{name}: {scalar(value)}"]
    return [f"{name}:"] + [f"  {key}: {scalar(item)}" for key, item in value.items()]


def company_yaml(fields: dict) -> str:
    """A profile's text: the fields in schema order, unknown fields refused."""
    unknown = set(fields) - set(FIELD_ORDER)
    if unknown:
        raise ValueError(f"unknown company fields: {', '.join(sorted(unknown))}")
    lines: list[str] = []
    for name in FIELD_ORDER:
        if fields.get(name) not in (None, {}, []):
            lines += field_lines(name, fields[name])
    return "\n".join(lines) + "\n"


_TOP_LEVEL = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:")


def replace_fields(text: str, changes: dict) -> str:
    """``text`` with the top-level fields in ``changes`` replaced (or added in schema order).

    A field's lines run from its key to the next line that starts in the first column, so
    comments between fields stay where they are. Only top-level fields are replaced whole:
    to change one language of the description, pass the whole merged ``description``.
    """
    lines = text.splitlines()
    for name, value in changes.items():
        if name not in FIELD_ORDER:
            raise ValueError(f"unknown company field: {name}")
        new = field_lines(name, value)
        starts = {match["key"]: index for index, line in enumerate(lines) if (match := _TOP_LEVEL.match(line))}
        if name in starts:
            start = starts[name]
            end = next((index for index in range(start + 1, len(lines))
                        if lines[index] and not lines[index][0].isspace()), len(lines))
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1  # keep the blank lines that separate it from the next field
            lines[start:end] = new
            continue
        later = [starts[key] for key in FIELD_ORDER[FIELD_ORDER.index(name) + 1:] if key in starts]
        position = min(later) if later else len(lines)
        lines[position:position] = new
    return "\n".join(lines) + "\n"
