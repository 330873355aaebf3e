#!/usr/bin/env python3
"""Create a company profile (content/companies/<slug>.yaml) from a few answers or flags.

Interactive: run it without flags in a terminal and answer the questions.
Non-interactive (flags; everything the schema requires must be given):

    python scripts/new_company.py --name "Gamma Systems" --website https://gamma.example \\
        --municipality Hengelo --sector it-software --size 10-49 --language en \\
        --offer jobs --description-en "Gamma builds ..." --maintainer your-github-name

The profile is validated with the content model before it is written; an existing file is
never overwritten. Every field is described in docs/fields.md.

Exit status: 0 when the file was written, 1 when the answers do not make a valid new profile,
2 on bad usage (for example missing flags without a terminal to ask in).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_settings import ROOT, site_languages  # noqa: E402

from content_model import vocabulary  # noqa: E402
from content_model.companies import load_company  # noqa: E402
from content_model.directory import SLUG  # noqa: E402
from content_model.schema import is_http_url  # noqa: E402
from contributions.profiles import company_yaml, slugify  # noqa: E402

SIZES = vocabulary("size")
SECTORS = vocabulary("sector")
OFFERS = vocabulary("offer")
MUNICIPALITIES = vocabulary("municipality")
GITHUB_NAME = re.compile(r"^[A-Za-z0-9](-?[A-Za-z0-9]){0,38}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


class Answers(dict):
    """Field values collected from flags and prompts, keyed by flag name."""


def split_list(values: list[str] | str | None) -> list[str]:
    """Repeated and/or comma-separated values as one list, without duplicates."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else values
    return list(dict.fromkeys(part.strip() for item in items for part in item.split(",") if part.strip()))


# Checks of single answers: each returns an error message or None --------------------------------
def check_choice(allowed: list[str], many: bool = False, most: int | None = None) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        values = value if isinstance(value, list) else [value]
        if not values or values == [""]:
            return "give at least one value"
        wrong = [v for v in values if v not in allowed]
        if wrong:
            return f"{', '.join(map(str, wrong))} not allowed; choose from: {', '.join(allowed)}"
        if most and len(values) > most:
            return f"at most {most} values"
        return None
    return check


def check_name(value: object) -> str | None:
    return None if isinstance(value, str) and 2 <= len(value.strip()) <= 120 else "2 to 120 characters"


def check_url(value: object) -> str | None:
    return None if is_http_url(value) else "an absolute http:// or https:// address, e.g. https://example.nl"


def check_languages(value: object) -> str | None:
    bad = [code for code in value if not LANGUAGE_CODE.match(code)] if isinstance(value, list) else [value]
    return f"not ISO 639-1 codes: {', '.join(map(str, bad))} (write e.g. nl, en, de)" if bad or not value else None


def check_maintainers(value: object) -> str | None:
    bad = [name for name in value if not GITHUB_NAME.match(name)] if isinstance(value, list) else [value]
    return f"not GitHub user names: {', '.join(map(str, bad))}" if bad or not value else None


# The profile ------------------------------------------------------------------------------------
def profile_yaml(answers: Answers, languages: list[str]) -> str:
    """The profile text in schema order, laid out like the hand-written profiles."""
    descriptions = {lang: answers[f"description_{lang}"] for lang in languages
                    if (answers.get(f"description_{lang}") or "").strip()}
    return company_yaml({
        "name": answers["name"].strip(), "website": answers["website"], "municipality": answers["municipality"],
        "sectors": answers["sector"], "size": answers["size"], "languages": answers["language"],
        "international": {"english_workplace": bool(answers["english_workplace"]),
                          "ind_recognised_sponsor": bool(answers["ind_sponsor"]),
                          "relocation_help": bool(answers["relocation_help"])},
        "offers": answers["offer"], "description": descriptions,
        "contact": {"email": answers["contact_email"]} if answers.get("contact_email") else None,
        "maintainers": answers["maintainer"],
    })


def problems_of(text: str, slug: str, shown: str, languages: list[str]) -> list[str]:
    """Validation messages for the profile text, as ``make validate`` would print them."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{slug}.yaml"
        path.write_text(text, encoding="utf-8")
        _company, problems = load_company(path, shown, languages)
    return [str(problem) for problem in problems]


def existing_names(companies: Path) -> dict[str, str]:
    """Case-folded company names already in ``companies`` -> their file."""
    names = {}
    for path in sorted(companies.glob("*.y*ml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            names[data["name"].casefold()] = path.name
    return names


# Asking ------------------------------------------------------------------------------------------
QUESTIONS: list[tuple[str, str, str, Callable[[object], str | None] | None]] = [
    # (answer key, question, kind, check); kind: text, list, bool
    ("name", "Company name, as students know it", "text", check_name),
    ("website", "Website (https://...)", "text", check_url),
    ("municipality", f"Municipality ({', '.join(MUNICIPALITIES)})", "text", check_choice(MUNICIPALITIES)),
    ("sector", f"One to three sectors, comma-separated ({', '.join(SECTORS)})", "list",
     check_choice(SECTORS, most=3)),
    ("size", f"Employees in the region ({', '.join(SIZES)})", "text", check_choice(SIZES)),
    ("language", "Languages spoken at work, most used first (e.g. nl, en)", "list", check_languages),
    ("english_workplace", "Is English enough to work there day to day?", "bool", None),
    ("ind_sponsor", "Recognised sponsor with the IND for knowledge migrants?", "bool", None),
    ("relocation_help", "Do you help with immigration, housing or relocation?", "bool", None),
    ("offer", f"What do you offer, comma-separated ({', '.join(OFFERS)})", "list", check_choice(OFFERS)),
    ("maintainer", "GitHub user names that may update this profile, comma-separated", "list",
     check_maintainers),
]
DEFAULTS = {"language": ["nl"], "offer": ["jobs"], "english_workplace": False, "ind_sponsor": False,
            "relocation_help": False}


def ask(question: str, kind: str, check: Callable[[object], str | None] | None, default: object,
        read: Callable[[str], str]) -> object:
    shown_default = (", ".join(default) if isinstance(default, list) else
                     ("yes" if default else "no") if isinstance(default, bool) else default)
    prompt = f"{question}" + (f" [{shown_default}]" if default not in (None, "") else "") + ": "
    while True:
        raw = read(prompt).strip()
        if not raw and default is not None:
            return default
        if kind == "bool":
            if raw.lower() in ("y", "yes", "j", "ja", "true"):
                return True
            if raw.lower() in ("n", "no", "nee", "false"):
                return False
            print("  please answer yes or no")
            continue
        value: object = split_list(raw) if kind == "list" else raw
        error = check(value) if check else None
        if error is None:
            return value
        print(f"  {error}")


def read_line(prompt: str) -> str:
    """input(), but reading a closed stdin is a usage error, not a traceback."""
    try:
        return input(prompt)
    except EOFError:
        raise SystemExit("new_company: input ended before every question was answered") from None


def collect(args: argparse.Namespace, languages: list[str], interactive: bool,
            read: Callable[[str], str] = read_line) -> tuple[Answers, list[str]]:
    """Answers from flags, completed by prompts when interactive; also the flags still missing."""
    answers = Answers()
    for key, _question, kind, _check in QUESTIONS:
        value = getattr(args, key)
        answers[key] = split_list(value) if kind == "list" and value is not None else value
    for lang in languages:
        answers[f"description_{lang}"] = getattr(args, f"description_{lang}")
    answers["contact_email"] = args.contact_email
    missing: list[str] = []
    for key, question, kind, check in QUESTIONS:
        if answers[key] not in (None, []):
            continue
        if interactive:
            answers[key] = ask(question, kind, check, DEFAULTS.get(key), read)
        elif key in DEFAULTS:
            answers[key] = DEFAULTS[key]
        else:
            missing.append(f"--{key.replace('_', '-')}")
    if not any(answers[f"description_{lang}"] for lang in languages):
        if interactive:
            while not any(answers[f"description_{lang}"] for lang in languages):
                for lang in languages:
                    answers[f"description_{lang}"] = ask(
                        f"A few sentences about the company in {lang!r} (Markdown; leave empty to skip)",
                        "text", None, "", read) or None
                if not any(answers[f"description_{lang}"] for lang in languages):
                    print("  write the description in at least one language")
        else:
            missing.append(" or ".join(f"--description-{lang}" for lang in languages))
    if interactive and answers["contact_email"] is None:
        answers["contact_email"] = ask("E-mail address for students (optional)", "text", None, "", read) or None
    return answers, missing


def parse_args(argv: list[str] | None, languages: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--name", help="company name, as students know it")
    parser.add_argument("--slug", help="file name without .yaml (default: made from the name)")
    parser.add_argument("--website", help="https:// address of the company website")
    parser.add_argument("--municipality", help=f"one of: {', '.join(MUNICIPALITIES)}")
    parser.add_argument("--sector", action="append", help="sector (repeat or comma-separate, 1 to 3)")
    parser.add_argument("--size", help=f"employees in the region: {', '.join(SIZES)}")
    parser.add_argument("--language", action="append", help="language spoken at work (default: nl)")
    parser.add_argument("--english-workplace", action=argparse.BooleanOptionalAction, default=None,
                        help="English is enough day to day (default: no)")
    parser.add_argument("--ind-sponsor", action=argparse.BooleanOptionalAction, default=None,
                        help="recognised sponsor with the IND (default: no)")
    parser.add_argument("--relocation-help", action=argparse.BooleanOptionalAction, default=None,
                        help="helps with immigration, housing or relocation (default: no)")
    parser.add_argument("--offer", action="append", help=f"what you offer (default: jobs): {', '.join(OFFERS)}")
    for lang in languages:
        parser.add_argument(f"--description-{lang}", metavar="TEXT", help=f"profile text in {lang!r} (Markdown)")
    parser.add_argument("--contact-email", help="e-mail address for students (optional)")
    parser.add_argument("--maintainer", action="append", help="your GitHub user name (repeat for more)")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content)")
    parser.add_argument("--interactive", action=argparse.BooleanOptionalAction, default=None,
                        help="ask for what the flags do not give (default: when run in a terminal)")
    parser.add_argument("--dry-run", action="store_true", help="print the profile instead of writing it")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, read: Callable[[str], str] = read_line) -> int:
    languages = site_languages()
    args = parse_args(argv, languages)
    interactive = sys.stdin.isatty() if args.interactive is None else args.interactive
    answers, missing = collect(args, languages, interactive, read)
    if missing:
        print(f"new_company: missing {', '.join(missing)} (or run it in a terminal to be asked)", file=sys.stderr)
        return 2
    slug = args.slug or slugify(answers["name"])
    companies = args.content / "companies"
    target = companies / f"{slug}.yaml"
    shown = f"content/companies/{slug}.yaml"
    if not SLUG.match(slug):
        print(f"new_company: {slug!r} is not a valid file name (lower-case letters, digits and single "
              "hyphens); choose one with --slug", file=sys.stderr)
        return 1
    for existing in (target, target.with_suffix(".yml")):
        if existing.exists():
            print(f"new_company: {existing} already exists; edit that file instead, or choose another "
                  "--slug", file=sys.stderr)
            return 1
    taken = existing_names(companies).get(answers["name"].strip().casefold())
    if taken:
        print(f"new_company: a company named {answers['name']!r} already exists in content/companies/{taken}; "
              "edit that profile instead", file=sys.stderr)
        return 1
    text = profile_yaml(answers, languages)
    problems = problems_of(text, slug, shown, languages)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("new_company: nothing written; fix the answers above (see docs/fields.md)", file=sys.stderr)
        return 1
    if args.dry_run:
        print(text, end="")
        return 0
    companies.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
    except FileExistsError:
        print(f"new_company: {target} already exists; edit that file instead", file=sys.stderr)
        return 1
    print(f"Wrote {target}.\nNext: add vacancies under content/vacancies/{slug}/, run `make validate`, "
          "then open a pull request (see CONTRIBUTING.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
