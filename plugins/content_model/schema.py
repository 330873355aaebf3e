"""The written schema (``schema/*.yaml``, JSON Schema 2020-12) and its error messages.

The schema files are the single source of truth for fields, vocabularies and labels; the
validator, the build, the fetcher and the generated field reference all read them here.
"""

from __future__ import annotations

import difflib
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import jsonschema_rs
import yaml
from referencing import Registry, Resource

from .problems import Problem
from .source_files import FieldPath, Positions

SCHEMA_DIR = Path(__file__).parent / "schema"
KINDS = ("company", "vacancy", "guide", "event")

_TYPE_NAMES = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "a mapping of fields", "null": "nothing",
}


@cache
def load_schema(name: str) -> dict:
    """One schema file as a dict (``name`` without extension, e.g. ``"company"``)."""
    with open(SCHEMA_DIR / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def _registry() -> Registry:
    resources = [(f"{name}.yaml", Resource.from_contents(load_schema(name)))
                 for name in ("definitions", *KINDS)]
    return Registry().with_resources(resources)


def resolve(node: dict) -> dict:
    """A schema node with its ``$ref`` into definitions.yaml replaced by the definition (keys of
    the node itself win, e.g. a more specific ``description``)."""
    ref = node.get("$ref", "")
    if ref.startswith("definitions.yaml#/$defs/"):
        base = load_schema("definitions")["$defs"][ref.rsplit("/", 1)[1]]
        return {**base, **{key: value for key, value in node.items() if key != "$ref"}}
    return node


def vocabulary(name: str) -> list[str]:
    """Allowed values of a shared enum, in schema order (e.g. ``vocabulary("sector")``)."""
    return list(load_schema("definitions")["$defs"][name]["enum"])


def labels(name: str) -> dict[str, str]:
    """English display labels (also gettext msgids) of a shared enum's values."""
    definition = load_schema("definitions")["$defs"][name]
    return dict(definition.get("x-labels") or {value: value for value in definition["enum"]})


def is_http_url(value: object) -> bool:
    """True for absolute http(s) URLs with a host and no white space."""
    if not isinstance(value, str) or any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def is_https_url(value: object) -> bool:
    """True for absolute https URLs with a host and no white space."""
    return is_http_url(value) and urlsplit(value).scheme == "https"


def plain_text_problem(value: str) -> str | None:
    """What keeps ``value`` from being plain text (``'<'``, a tab, ...), or None.

    A block scalar's final line break is not counted: ``title: |`` gives ``"Title\\n"``."""
    for character in value.removesuffix("\n"):
        if character in "<>":
            return repr(character)
        if character in _DIRECTION_MARKS:
            return f"an invisible direction mark (U+{ord(character):04X})"
        if unicodedata.category(character) == "Cc":
            name = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}.get(character)
            return name or f"the control character U+{ord(character):04X}"
    return None


# Invisible marks that reorder text, so that a name can read as something else.
_DIRECTION_MARKS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_plain_text(value: object) -> bool:
    return not isinstance(value, str) or plain_text_problem(value) is None


_format_checker = jsonschema.FormatChecker()
_format_checker.checks("http-url")(is_http_url)
_format_checker.checks("https-url")(is_https_url)
_format_checker.checks("plain-text")(is_plain_text)


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(load_schema(kind))
    return cls(load_schema(kind), registry=_registry(), format_checker=_format_checker)


_SCHEMA_BASE = "https://schema.work-in-twente.invalid/"  # resolves the files' relative $id and $ref
_FORMATS = ("date", "email", "http-url", "https-url", "plain-text")


def _conforms(name: str):
    return lambda value: _format_checker.conforms(value, name)


@cache
def _compiled(kind: str) -> jsonschema_rs.Validator:
    """The ``kind`` schema compiled once (jsonschema-rs), with the same format checks as ``_validator``.

    It only answers "valid or not": the messages always come from ``jsonschema`` (``check``)."""
    registry = jsonschema_rs.Registry([(f"{_SCHEMA_BASE}{name}.yaml", load_schema(name))
                                       for name in ("definitions", *KINDS)])
    return jsonschema_rs.validator_for(load_schema(kind), registry=registry, base_uri=f"{_SCHEMA_BASE}{kind}.yaml",
                                       formats={name: _conforms(name) for name in _FORMATS},
                                       validate_formats=True)


def is_valid(kind: str, data: object) -> bool:
    """True when ``data`` has no mistake at all (fast: one compiled validator per kind).

    Anything it cannot tell (a value JSON has no room for, such as NaN) counts as not valid,
    so that ``check`` looks at it the slow and thorough way."""
    try:
        return _compiled(kind).is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return False


def field_name(path: FieldPath) -> str:
    """``("feeds", 0, "url")`` -> ``feeds[0].url``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _quote(value: object) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        kind = _TYPE_NAMES["object" if isinstance(value, dict) else "array"]
        return f"an empty {kind.removeprefix('a ')}" if not value else kind
    return str(value)


def _found(value: object) -> str:
    kind = {bool: "boolean", int: "integer", float: "number", str: "string",
            list: "array", dict: "object", type(None): "null"}.get(type(value), "string")
    return f"{_TYPE_NAMES[kind]} ({_quote(value)})" if kind not in ("object", "array") else _TYPE_NAMES[kind]


def _did_you_mean(word: str, choices: list[str]) -> str:
    def normal(text: str) -> str:
        return "".join(ch for ch in text.casefold() if ch.isalnum())

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close and isinstance(word, str):
        same = [choice for choice in choices if normal(choice) == normal(word)]
        close = same[:1]
    return f"; did you mean {close[0]!r}?" if close else ""


def _expected(schema: dict) -> str:
    text = schema.get("description", "").rstrip(".") or "a value matching the schema"
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def _messages(error: jsonschema.ValidationError, path: FieldPath) -> list[tuple[FieldPath, bool, str]]:
    """Turn one jsonschema error into (field path, points-at-key, message) triples."""
    name = field_name(path)
    prefix = f"{name}: " if name else ""
    keyword, schema, value = error.validator, error.schema, error.instance
    if keyword == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        unknown = [key for key in value if key not in allowed]
        where = f" in {name}" if name else ""
        return [(path + (key,), True,
                 f"unknown field {key!r}{where}{_did_you_mean(key, allowed)} "
                 f"(allowed: {', '.join(allowed)})") for key in unknown]
    if keyword == "required":
        missing = error.validator_value
        absent = [key for key in missing if key not in value]
        where = f" in {name}" if name else ""
        return [(path, False, f"missing required field {key!r}{where}") for key in absent]
    if keyword == "enum":
        choices = [str(choice) for choice in error.validator_value]
        hint = _did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return [(path, False, f"{prefix}expected one of: {', '.join(choices)}; "
                              f"found {_quote(value)}{hint}")]
    if keyword == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        names = " or ".join(_TYPE_NAMES.get(item, item) for item in wanted)
        return [(path, False, f"{prefix}expected {names}; found {_found(value)}")]
    if keyword == "format" and error.validator_value == "plain-text":
        return [(path, False, f"{prefix}{plain_text_problem(value)} is not allowed in plain text "
                              f"(found {_quote(value)}); text is published exactly as written, "
                              "so write it without < and > or control characters")]
    if keyword == "format":
        fmt = error.validator_value
        expected = {"http-url": "an http:// or https:// URL", "https-url": "an https:// URL",
                    "date": "a date written as YYYY-MM-DD",
                    "email": "an e-mail address"}.get(fmt, fmt)
        return [(path, False, f"{prefix}expected {expected}; found {_quote(value)}")]
    if keyword == "pattern":
        return [(path, False, f"{prefix}expected {_expected(schema)}; found {_quote(value)}")]
    if keyword in ("oneOf", "anyOf") and error.context and not (path and path[-1] == "source"):
        # Report the option the value was meant for: the one whose type it has.
        options: dict[object, list[jsonschema.ValidationError]] = {}
        for sub in error.context:
            options.setdefault(sub.relative_schema_path[0], []).append(sub)
        meant = [sub for subs in options.values() if not any(sub.validator == "type" for sub in subs)
                 for sub in subs]
        if meant:
            return sorted({found for sub in meant for found in _messages(sub, tuple(sub.absolute_path))})
        kinds: list[str] = []
        for sub in error.context:
            if sub.validator == "type":
                wanted = [sub.validator_value] if isinstance(sub.validator_value, str) else list(sub.validator_value)
                kinds += [name for name in (_TYPE_NAMES.get(item, item) for item in wanted) if name not in kinds]
        return [(path, False, f"{prefix}expected {' or '.join(kinds)}; found {_found(value)}")]
    if keyword == "oneOf" and path and path[-1] == "source":
        return [(path, False, f"{prefix}expected 'manual' or a feed record with type, feed and id; "
                              f"found {_quote(value)}")]
    if keyword == "propertyNames":
        return [(path, False, f"{prefix}{error.message}")]
    if keyword in ("minItems", "maxItems", "uniqueItems", "minLength", "maxLength",
                   "minimum", "maximum", "minProperties"):
        limit = error.validator_value
        text = {
            "minItems": f"expected at least {limit} item{'s' if limit != 1 else ''}",
            "maxItems": f"expected at most {limit} items",
            "uniqueItems": "expected each item only once",
            "minLength": f"expected at least {limit} character{'s' if limit != 1 else ''}",
            "maxLength": f"expected at most {limit} characters",
            "minimum": f"expected at least {limit}",
            "maximum": f"expected at most {limit}",
            "minProperties": f"expected at least {limit} entr{'ies' if limit != 1 else 'y'}",
        }[keyword]
        return [(path, False, f"{prefix}{text}; found {_quote(value)}")]
    return [(path, False, f"{prefix}{error.message}")]


def check(kind: str, data: object, positions: Positions, path: str) -> list[Problem]:
    """Validate ``data`` against the ``kind`` schema; one Problem per mistake, all of them."""
    if is_valid(kind, data):
        return []
    problems: list[Problem] = []
    for error in _validator(kind).iter_errors(data):
        if "propertyNames" in error.schema_path:
            # The error is about a key; point at the key itself.
            key_path = tuple(error.absolute_path) + (error.instance,)
            line, column = positions.of_key(key_path)
            problems.append(Problem(path, line, column,
                f"{field_name(tuple(error.absolute_path))}: {_quote(error.instance)} is not a "
                "language code (expected two lower-case letters such as 'en' or 'nl')"))
            continue
        field_path = tuple(error.absolute_path)
        for where, at_key, message in _messages(error, field_path):
            line, column = positions.of_key(where) if at_key else positions.of_value(where)
            problems.append(Problem(path, line, column, message))
    return sorted(set(problems))
