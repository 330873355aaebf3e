"""The Markdown summary of a change (run page of a PR check, body of a form's pull request).

Everything in it that comes from contributors (company names, vacancy titles, file names) is
made inert: HTML becomes entities, Markdown punctuation is escaped, file names are code spans.
"""

from __future__ import annotations

import re

from content_model.source_files import parse_front_matter

from .ownership import VACANCY_FILE, Change, Review
from .versions import COMPANY_FILE, Version, yaml_fields

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")
STATUS_WORDS = {"A": "added", "M": "changed", "D": "removed"}


def md(text: str) -> str:
    """Untrusted text made inert in Markdown (and on one line): HTML as entities, the rest escaped."""
    flat = " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def code(path: str) -> str:
    """A file name as a Markdown code span (a backtick in the name cannot end it early)."""
    return "`" + " ".join(path.split()).replace("`", "'") + "`"


def vacancy_title(text: str | None) -> str | None:
    if text is None:
        return None
    data = parse_front_matter(text, "").data
    return str(data["title"]) if isinstance(data, dict) and data.get("title") else None


def change_table(rows: list[tuple[str, str, str]]) -> list[str]:
    if not rows:
        return ["None.", ""]
    lines = ["| change | name | file |", "| --- | --- | --- |"]
    lines += [f"| {status} | {md(name)} | {code(path)} |" for status, name, path in rows]
    return lines + [""]


def summary_markdown(review: Review, changes: list[Change], base: Version, head: Version,
                     title: str = "Work in Twente: pull request check", verdict: str | None = None) -> str:
    """The summary; ``verdict`` replaces the pass/fail line's first words (e.g. for a form's check)."""
    companies: list[tuple[str, str, str]] = []
    vacancies: list[tuple[str, str, str]] = []
    other: list[Change] = []
    for change in changes:
        version = base if change.status == "D" else head
        if match := COMPANY_FILE.match(change.path):
            name = yaml_fields(version.read(change.path) or "").get("name") or match["slug"]
            companies.append((STATUS_WORDS[change.status], str(name), change.path))
        elif match := VACANCY_FILE.match(change.path):
            vacancy = vacancy_title(version.read(change.path)) or match["rest"]
            company = version.company(match["company"]) or base.company(match["company"])
            company_name = (company[1].get("name") if company else None) or match["company"]
            vacancies.append((STATUS_WORDS[change.status], f"{vacancy} ({company_name})", change.path))
        else:
            other.append(change)
    who = f"@{md(review.author)}" + (" (editor)" if review.editor else "")
    lines = [f"## {title}", "",
             f"**{verdict or ('✅ Passed' if review.passed else '❌ Failed')}** · author {who}"
             + (" · marked content-only" if review.content_only else ""), ""]
    lines += ["### Companies", ""] + change_table(companies)
    lines += ["### Vacancies", ""] + change_table(vacancies)
    if other:
        lines += ["### Other files", ""]
        lines += [f"- {STATUS_WORDS[c.status]} {code(c.path)}" for c in other] + [""]
    lines += ["### Validation", ""]
    if review.problems is None:
        lines += ["Not run.", ""]
    elif review.problems:
        lines += [f"❌ {len(review.problems)} problem{'s' if len(review.problems) != 1 else ''} "
                  "(fix them and push again; `make validate` shows the same list):", "", "```text"]
        lines += [str(problem).replace("```", "'''") for problem in review.problems] + ["```", ""]
    else:
        lines += [f"✅ {review.validation_note}", ""]
    lines += ["### Who may change what", ""]
    if not review.findings:
        lines += ["No files changed.", ""]
    for finding in review.findings:
        lines.append(f"- {'✅' if finding.ok else '❌'} {code(finding.path)}: {md(finding.message)}")
    lines += ["", "Every field is described in `docs/fields.md`; how to contribute: `CONTRIBUTING.md`.", ""]
    return "\n".join(lines)
