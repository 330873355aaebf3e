"""Reading the body of an issue that was opened with one of the forms.

GitHub writes a submitted form as Markdown: every question becomes a ``### <label>`` heading
followed by the answer. An empty input or textarea reads ``_No response_``, a dropdown
without a choice ``None``, the choices of a multiple dropdown are joined by ``", "`` and
checkboxes become task-list lines (``- [X] label`` / ``- [ ] label``). The reader uses the
``Form`` objects the forms were generated from, so it knows every label and choice.

Answers are untrusted: the author can edit the body by hand after submitting. Nothing here
trusts the text beyond looking it up in the form's own labels and choices.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from .issue_forms import Choice, Field, Form
from .summary import md

NO_RESPONSE = "_No response_"
NO_CHOICE = "None"
_HEADING = re.compile(r"^###[ \t]+(?P<label>.*?)[ \t]*#*[ \t]*$")
_TASK = re.compile(r"^\s*[-*][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<label>.*?)\s*$")
_HTML = re.compile(r"<\s*[A-Za-z/!?]")
# Characters that hide or reorder text: controls (but tab and newline), bidi overrides, zero-width marks.
_INVISIBLE = {"Cc", "Cf", "Co", "Cs"}


@dataclass(frozen=True)
class FormProblem:
    """Something to fix in the issue, named by the question (label) it is about."""

    label: str  # the question as the form shows it; "" for the issue as a whole
    message: str  # in the form's language where the reader wrote it; validator messages in English

    def markdown(self) -> str:
        """One list item for the comment; the message is made inert (it may quote the author)."""
        return f"- **{md(self.label)}**: {md(self.message)}" if self.label else f"- {md(self.message)}"


@dataclass
class Submission:
    form: Form
    answers: dict[str, object]  # field id -> text, list of choice values, set of ticked values, or None
    problems: list[FormProblem] = field(default_factory=list)

    def get(self, field_id: str) -> object:
        return self.answers.get(field_id)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def headings(body: str) -> list[str]:
    return [match["label"] for line in _lines(body) if (match := _HEADING.match(line))]


def _lines(body: str) -> list[str]:
    return body.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def identify(body: str, forms: list[Form]) -> Form | None:
    """The form the body was written from: the one whose labels match most headings (at least two)."""
    found = [_normal(label) for label in headings(body)]
    scores = []
    for form in forms:
        labels = {_normal(item.label) for item in form.fields}
        scores.append((sum(label in labels for label in found), form))
    best = max((score for score, _form in scores), default=0)
    winners = [form for score, form in scores if score == best]
    return winners[0] if best >= 2 and len(winners) == 1 else None


def sections(body: str, form: Form) -> dict[str, str]:
    """Field id -> raw answer text, for every question whose heading is in the body.

    Headings are taken in the form's order only, so an answer may itself contain a
    ``### `` line (Markdown in a description) without cutting the answer short.
    """
    order = {_normal(item.label): index for index, item in enumerate(form.fields)}
    found: dict[str, list[str]] = {}
    current: str | None = None
    position = -1
    for line in _lines(body):
        match = _HEADING.match(line)
        index = order.get(_normal(match["label"])) if match else None
        if index is not None and index > position:
            position = index
            current = form.fields[index].id
            found[current] = []
        elif current is not None:
            found[current].append(line)
    return {key: "\n".join(lines).strip("\n") for key, lines in found.items()}


def parse(body: str, form: Form, lang) -> Submission:
    """The answers of every question, each checked against the question (required, choices)."""
    _ = lang.gettext
    raw = sections(body, form)
    submission = Submission(form, {})
    for question in form.fields:
        text = raw.get(question.id)
        value, problems = _answer(question, text, _)
        submission.answers[question.id] = value
        submission.problems += problems
        if question.required and value in (None, "", [], set()) and not problems:
            if text is None:
                message = _("this question is missing from the issue; edit the issue and answer it under "
                            "the heading '%(label)s'") % {"label": question.label}
            else:
                message = _("this question is required; edit the issue and answer it")
            submission.problems.append(FormProblem(question.label, message))
    return submission


def _answer(question: Field, text: str | None, _) -> tuple[object, list[FormProblem]]:
    if text is None:
        return None, []
    if question.kind in ("input", "dropdown"):
        # One line in GitHub's rendering; a "### " line after it is a heading someone changed,
        # the start of the next question rather than part of this answer.
        lines = text.strip().split("\n")
        cut = next((index for index, line in enumerate(lines) if line.startswith("###")), len(lines))
        text = "\n".join(lines[:cut])
    stripped = text.strip()
    if question.kind == "checkboxes":
        return _ticked(question, text)
    if question.kind == "dropdown":
        if stripped in ("", NO_CHOICE, NO_RESPONSE):
            return None, []
        parts = [part.strip() for part in stripped.split(", ")] if question.multiple else [stripped]
        values, problems = [], []
        for part in parts:
            choice = _choice(question.choices, part)
            if choice is None:
                problems.append(FormProblem(question.label, _not_a_choice(question, part, _)))
            elif choice.value not in values:
                values.append(choice.value)
        return (values if question.multiple else (values[0] if values else None)), problems
    if stripped in ("", NO_RESPONSE):
        return None, []
    problems = []
    invisible = sorted({f"U+{ord(ch):04X}" for ch in stripped
                        if unicodedata.category(ch) in _INVISIBLE and ch not in "\n\t"})
    if invisible:
        problems.append(FormProblem(question.label, _("contains invisible control characters (%(characters)s); "
                                                      "type the text again without them")
                                    % {"characters": ", ".join(invisible)}))
    if question.kind == "input":
        stripped = " ".join(stripped.split())
        if (match := _HTML.search(stripped)) is not None:
            problems.append(FormProblem(question.label, _("HTML is not allowed here (found '%(found)s'); write "
                                                          "plain text") % {"found": stripped[match.start():][:12]}))
    return (None if problems else stripped), problems


def _choice(choices: list[Choice], text: str) -> Choice | None:
    """The choice shown as ``text``: its label, else its label in other case, else its stored value."""
    for test in (lambda c: c.label == text, lambda c: _normal(c.label) == _normal(text),
                 lambda c: c.value.casefold() == text.casefold()):
        for choice in choices:
            if test(choice):
                return choice
    return None


def _not_a_choice(question: Field, text: str, _) -> str:
    labels = [choice.label for choice in question.choices]
    close = difflib.get_close_matches(text, labels, n=1, cutoff=0.6) or \
        difflib.get_close_matches(_normal(text), [_normal(label) for label in labels], n=1, cutoff=0.6)
    if close:
        suggestion = next((label for label in labels if _normal(label) == _normal(close[0])), close[0])
        return _("'%(value)s' is not one of the choices; did you mean '%(choice)s'?") % {
            "value": text, "choice": suggestion}
    return _("'%(value)s' is not one of the choices (%(choices)s)") % {"value": text, "choices": ", ".join(labels)}


def _ticked(question: Field, text: str) -> tuple[set[str], list[FormProblem]]:
    ticked = set()
    for line in text.splitlines():
        match = _TASK.match(line)
        if match and match["mark"] in "xX":
            choice = _choice(question.choices, match["label"])
            if choice is not None:
                ticked.add(choice.value)
    return ticked, []
