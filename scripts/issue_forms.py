#!/usr/bin/env python3
"""Write the GitHub issue forms (.github/ISSUE_TEMPLATE/) from their declaration and the schema.

    python scripts/issue_forms.py          # rewrite the forms (also part of `make docs`)
    python scripts/issue_forms.py --check  # exit 1 if a form is missing, stale or left over

One form per kind (add a company, update a company, post a vacancy, report a vacancy) and site
language: ``<kind>.<lang>.yml``, plus ``config.yml`` for the chooser. Questions are declared in
plugins/contributions/issue_forms.py; choices come from the schema's vocabularies and the text
from the translation catalogues (`make messages`). Never edit the generated files by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_settings import ROOT, TRANSLATIONS, site_languages, site_setting  # noqa: E402

from contributions.issue_forms import (FORMS_FOLDER, GENERATED_HEADER, build_forms, chooser_config,  # noqa: E402
                                       form_languages)


def expected_files(languages: list[str] | None = None, repository_url: str | None = None) -> dict[str, str]:
    """File name -> text of every generated file."""
    languages = form_languages(languages or site_languages(), TRANSLATIONS)
    repository_url = repository_url or str(site_setting("REPOSITORY_URL"))
    files = {form.file_name: form.to_yaml() for form in build_forms(languages, repository_url)}
    files["config.yml"] = chooser_config(languages, repository_url)
    return files


def generated_files(folder: Path) -> list[Path]:
    """Files in ``folder`` that this script wrote (they start with its header); others are left alone."""
    return [path for path in sorted(folder.glob("*.yml"))
            if path.read_text(encoding="utf-8").startswith(GENERATED_HEADER.splitlines()[0])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report forms that are out of date; write nothing")
    parser.add_argument("--folder", type=Path, default=ROOT / FORMS_FOLDER, help=f"default: {FORMS_FOLDER}")
    args = parser.parse_args(argv)
    files = expected_files()
    leftover = [path for path in generated_files(args.folder) if path.name not in files] \
        if args.folder.is_dir() else []
    stale = [name for name, text in files.items()
             if not (args.folder / name).is_file() or (args.folder / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in stale:
            print(f"{FORMS_FOLDER}/{name} is out of date: run `make docs`")
        for path in leftover:
            print(f"{FORMS_FOLDER}/{path.name} belongs to no form or language any more: run `make docs`")
        return 1 if stale or leftover else 0
    args.folder.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (args.folder / name).write_text(files[name], encoding="utf-8")
        print(f"wrote {FORMS_FOLDER}/{name}")
    for path in leftover:  # only files with the generated header: a hand-written template is never removed
        path.unlink()
        print(f"removed {FORMS_FOLDER}/{path.name} (no such form or language any more)")
    if not stale and not leftover:
        print(f"{FORMS_FOLDER}: {len(files)} files up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
