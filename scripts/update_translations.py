#!/usr/bin/env python3
"""Extract UI strings into theme/translations/messages.pot and update every catalogue.

Sources: the theme's Jinja templates (``_()``, ``ngettext()``, ``{% trans %}``), the
``gettext("...")`` calls of the site plugin's Python (``plugins/directory_site``: labels built
in code, such as "%(language)s required"), the issue forms' questions and answers (``N_()``
and ``_()`` in plugins/contributions/{issue_forms,form_bodies,submissions}.py) and the display
labels of the controlled vocabularies in the schema (``x-labels``, in any schema file). Run
after changing any of them:

    python scripts/update_translations.py            # extract + update all catalogues
    python scripts/update_translations.py --init de  # start a catalogue for a new language
    python scripts/update_translations.py --check    # exit 1 if the .pot is stale or a
                                                     # catalogue has untranslated/fuzzy entries
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from content_model.schema import KINDS, load_schema

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "theme" / "translations"
TEMPLATES = ROOT / "theme" / "templates"
PYTHON_SOURCES = ROOT / "plugins" / "directory_site"
FORM_SOURCES = ROOT / "plugins" / "contributions"
FORM_METHOD_MAP = [(name, "python") for name in ("issue_forms.py", "form_bodies.py", "submissions.py")]
METHOD_MAP = [("**.html", "jinja2")]
OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


def vocabulary_labels(node: object, name: str = ""):
    """(vocabulary name, value, label) of every ``x-labels`` entry anywhere in a schema."""
    if isinstance(node, dict):
        for value, label in (node.get("x-labels") or {}).items():
            yield name, value, label
        for key, child in node.items():
            if key != "x-labels":
                yield from vocabulary_labels(child, key)
    elif isinstance(node, list):
        for child in node:
            yield from vocabulary_labels(child, name)


def extract() -> Catalog:
    catalog = Catalog(project="Work in Twente", version="1", msgid_bugs_address="",
                      copyright_holder="Work in Twente", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(TEMPLATES), METHOD_MAP, OPTIONS, strip_comment_tags=True):
        catalog.add(message, None, [(f"theme/templates/{filename}", lineno)],
                    auto_comments=comments, context=context)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PYTHON_SOURCES), [("**.py", "python")], {}, keywords={"gettext": None, "ngettext": (1, 2)},
            strip_comment_tags=True):
        catalog.add(message, None, [(f"plugins/directory_site/{filename}", lineno)],
                    auto_comments=comments, context=context)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(FORM_SOURCES), FORM_METHOD_MAP, comment_tags=("Translators:",), strip_comment_tags=True):
        catalog.add(message, None, [(f"plugins/contributions/{filename}", lineno)],
                    auto_comments=comments, context=context)
    for schema in ("definitions", *KINDS):
        for name, value, label in vocabulary_labels(load_schema(schema)):
            catalog.add(label, None, [(f"plugins/content_model/schema/{schema}.yaml", 0)],
                        auto_comments=[f"{name}: {value}"])
    return catalog


def render_po(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=False, sort_output=True, width=100, include_lineno=False)
    return buffer.getvalue().decode("utf-8")


def catalogue_paths() -> dict[str, Path]:
    return {path.parent.parent.name: path for path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))}


def _strip_dates(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "-Date:" not in line and "Generated-By" not in line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--init", metavar="LANG", help="create a catalogue for a new language code")
    parser.add_argument("--check", action="store_true", help="report stale or incomplete catalogues")
    args = parser.parse_args(argv)
    template = extract()
    pot_path = TRANSLATIONS / "messages.pot"
    new_pot = render_po(template)
    problems: list[str] = []
    if args.check:
        if not pot_path.is_file() or _strip_dates(pot_path.read_text(encoding="utf-8")) != _strip_dates(new_pot):
            problems.append(f"{pot_path.relative_to(ROOT)} is out of date: run `make messages`")
        for lang, path in catalogue_paths().items():
            with open(path, "rb") as handle:
                catalog = read_po(handle, locale=lang)
            for message in template:
                if not message.id:
                    continue
                found = catalog.get(message.id, context=message.context)
                shown = message.id if isinstance(message.id, str) else message.id[0]
                if found is None:
                    problems.append(f"{path.relative_to(ROOT)}: missing {shown!r}: run `make messages`")
                elif found.fuzzy or not (found.string if isinstance(found.string, str) else all(found.string)):
                    problems.append(f"{path.relative_to(ROOT)}: untranslated or fuzzy {shown!r}")
        for problem in problems:
            print(problem)
        print(f"{len(problems)} translation problem{'s' if len(problems) != 1 else ''}")
        return 1 if problems else 0

    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    pot_path.write_text(new_pot, encoding="utf-8")
    paths = catalogue_paths()
    if args.init:
        path = TRANSLATIONS / args.init / "LC_MESSAGES" / "messages.po"
        if path.exists():
            parser.error(f"{path.relative_to(ROOT)} already exists")
        path.parent.mkdir(parents=True)
        catalog = Catalog(locale=args.init, project="Work in Twente", charset="utf-8")
        catalog.update(template)
        path.write_text(render_po(catalog), encoding="utf-8")
        print(f"created {path.relative_to(ROOT)}: translate it, then add {args.init!r} to SITE_LANGUAGES")
        return 0
    for lang, path in paths.items():
        with open(path, "rb") as handle:
            catalog = read_po(handle, locale=lang)
        catalog.update(template, no_fuzzy_matching=True)
        path.write_text(render_po(catalog), encoding="utf-8")
        untranslated = sum(1 for message in catalog if message.id and not message.string)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {untranslated} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
