#!/usr/bin/env python3
"""Write docs/fields.md, the field reference, from the schema files (never edit it by hand).

    python scripts/schema_docs.py          # rewrite docs/fields.md
    python scripts/schema_docs.py --check  # exit 1 if docs/fields.md is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from content_model import load_schema
from content_model.schema import resolve as _definition

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "fields.md"


def _type(schema: dict) -> str:
    schema = _definition(schema)
    if "enum" in schema:
        return "one of: " + ", ".join(f"`{value}`" for value in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    if "oneOf" in schema:
        return " or ".join(_type(option) for option in schema["oneOf"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if kind == "object" and "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
        return f"mapping of language code to {_type(schema['additionalProperties'])}"
    fmt = {"http-url": "http(s) URL", "https-url": "https URL", "date": "date (YYYY-MM-DD)", "email": "e-mail address",
           "plain-text": "plain text (no `<`, `>`)"}.get(schema.get("format", ""))
    return fmt or {"string": "text", "integer": "whole number", "number": "number", "boolean": "`true`/`false`",
                   "object": "mapping (fields below)"}.get(kind, kind or "see below")


def _rows(schema: dict, prefix: str = "") -> list[str]:
    rows = []
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        prop_def = _definition(prop)
        description = " ".join(str(prop.get("description") or prop_def.get("description", "")).split())
        needed = "yes" if name in required else "no"
        rows.append(f"| `{prefix}{name}` | {needed} | {_type(prop)} | {description} |")
        nested = prop_def if prop_def.get("type") == "object" and "properties" in prop_def else None
        if prop_def.get("type") == "array" and "properties" in _definition(prop_def.get("items", {})):
            nested, prefix_more = _definition(prop_def["items"]), f"{prefix}{name}[]."
        else:
            prefix_more = f"{prefix}{name}."
        if nested:
            rows += _rows(nested, prefix_more)
        if "oneOf" in prop_def:
            for option in prop_def["oneOf"]:
                if option.get("type") == "object":
                    rows += _rows(option, prefix_more)
    return rows


def render() -> str:
    parts = ["# Field reference", "",
             "Generated from `plugins/content_model/schema/*.yaml` by `scripts/schema_docs.py`; "
             "do not edit by hand. Run `make validate` to check your files against it.", ""]
    for kind in ("company", "vacancy", "guide", "event"):
        schema = load_schema(kind)
        parts += [f"## {schema['title']}", "", " ".join(schema["description"].split()), "",
                  "| field | required | value | meaning |", "| --- | --- | --- | --- |", *_rows(schema), ""]
    parts += ["## Vocabularies", ""]
    for name, definition in load_schema("definitions")["$defs"].items():
        labels = definition.get("x-labels")
        if not labels:
            continue
        parts += [f"### {name}", "", " ".join(definition.get("description", "").split()), "",
                  "| value | label |", "| --- | --- |", *[f"| `{v}` | {l} |" for v, l in labels.items()], ""]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/fields.md is out of date: run `make docs`")
            return 1
        return 0
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
