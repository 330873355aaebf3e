"""Issue-form bodies as GitHub writes them, and `issues` event payloads around them.

GitHub turns a submitted form into Markdown: a ``### <label>`` heading per question, a blank
line, then the answer; ``_No response_`` for an empty input or textarea, ``None`` for a
dropdown without a choice, the choices of a multiple dropdown joined by ``", "``, and one
task-list line per checkbox (``- [X]`` ticked, ``- [ ]`` not). Written independently of the
reader in plugins/contributions/form_bodies.py, so the tests check one against the other.
"""

from __future__ import annotations

import json
from pathlib import Path

from support import ROOT

from contributions.issue_forms import build_forms, form_languages

LANGUAGES = form_languages(["en", "nl"], ROOT / "theme" / "translations")
FORMS = build_forms(LANGUAGES, "https://github.com/example/work-in-twente")
FORM_LABEL = "employer-form"


def form(kind: str, lang: str = "en"):
    return next(item for item in FORMS if item.kind == kind and item.lang == lang)


def render_body(form, answers: dict) -> str:
    """The body GitHub writes for ``answers`` (field id -> text; choice value(s); ticked values)."""
    parts = []
    for question in form.fields:
        value = answers.get(question.id)
        labels = {choice.value: choice.label for choice in question.choices}
        if question.kind == "checkboxes":
            ticked = set(value or ())
            text = "\n".join(f"- [{'X' if choice.value in ticked else ' '}] {choice.label}"
                             for choice in question.choices)
        elif question.kind == "dropdown":
            values = value if isinstance(value, list) else [value] if value else []
            text = ", ".join(labels.get(item, item) for item in values) or "None"
        else:
            text = value or "_No response_"
        parts.append(f"### {question.label}\n\n{text}")
    return "\n\n".join(parts)


def event(body: str, author: str = "newcomer", number: int = 42, action: str = "opened",
          labels: tuple[str, ...] = (FORM_LABEL,), created: str = "2026-11-20T09:30:00Z") -> dict:
    """An `issues` event payload with the fields GitHub sends that the reader uses (and a few others)."""
    return {
        "action": action,
        "issue": {
            "number": number, "title": "Form submission", "body": body, "state": "open",
            "user": {"login": author, "type": "User"},
            "labels": [{"name": label, "color": "ededed"} for label in labels],
            "created_at": created, "updated_at": created,
            "html_url": f"https://github.com/example/work-in-twente/issues/{number}",
        },
        "repository": {"full_name": "example/work-in-twente", "default_branch": "main"},
        "sender": {"login": author},
    }


def write_event(folder: Path, payload: dict) -> Path:
    path = folder / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


# Complete, valid answers for every form (answers use choice values; the renderer shows labels).
NEW_COMPANY = {
    "name": "Gamma Systems", "website": "https://gamma.example", "municipality": "Hengelo",
    "sectors": ["it-software", "energy"], "size": "10-49", "languages": "Dutch, English",
    "international": ["english_workplace"], "offers": ["jobs", "internships"],
    "description_en": "Gamma builds **test rigs** for a fictional test suite.\n\n### What we do\n\n- rigs\n- tests",
    "contact_email": "jobs@gamma.example", "maintainers": "@gamma-colleague", "confirm": ["confirmed"],
}
UPDATE = {"company": "Alpha Tech Testbedrijf", "size": "250-999", "ind_recognised_sponsor": "false",
          "description_nl": "Alpha Tech maakt nu ook **meetsoftware**.", "confirm": ["confirmed"]}
VACANCY = {
    "company": "https://work-in-twente.example/companies/alpha-tech/", "title": "Embedded tester",
    "type": "internship", "employment_type": "INTERN", "education": ["hbo", "wo"], "language": "en",
    "languages_required": "en", "place": "Enschede", "remote": "hybrid", "hours_min": "32", "hours_max": "40",
    "salary_min": "€ 600", "salary_max": "800", "salary_period": "MONTH", "valid_through": "2027-02-28",
    "apply_url": "https://alpha-tech.example/jobs/embedded-tester",
    "body": "You test **embedded** software at a fictional company.", "confirm": ["confirmed"],
}
REPORT_CLOSED = {"vacancy": "https://work-in-twente.example/nl/vacancies/alpha-tech/python-developer/",
                 "problem": "closed", "details": "The position was filled last week."}
