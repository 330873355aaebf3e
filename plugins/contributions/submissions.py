"""From a submitted issue form to the content files it describes, checked like a pull request.

``handle_issue`` reads the issue of a GitHub ``issues`` event, writes the company profile or
vacancy the form describes (in a scratch copy of the content, never in place), validates
it with the content model and applies the ownership rules of ``ownership`` with the issue's
author as the author of the change. The ``Outcome`` says what to do next:

- ``pull-request``: open (or update) a pull request with ``files``; ``labels`` include
  ``editor-review`` when the author may not make the change alone (an update or vacancy of a
  company they do not maintain): such a change is proposed, never made silently;
- ``problems``: nothing to propose; ``comment`` lists every problem by question, to be posted
  on the issue (the author edits the issue and the check runs again);
- ``report``: a report about a vacancy that needs a person, not a file change; ``comment``
  tells the company's maintainers;
- ``not-a-form``: the issue was not written with one of the forms; do nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale

from content_model import dump_vacancy, load_directory
from content_model.problems import display_path
from content_model.source_files import parse_front_matter

from .form_bodies import FormProblem, Submission, identify, parse
from .issue_forms import FORM_LABEL, Form
from .ownership import CONTENT_ONLY_LABEL, OwnershipRules, Review, classify, read_editors
from .profiles import company_yaml, replace_fields, slugify
from .summary import code, md, summary_markdown
from .versions import COMPANY_FILE, Folder, Git, Revision, Version, yaml_fields

EDITOR_REVIEW_LABEL = "editor-review"
BRANCH_PREFIX = "issue-form/"
GITHUB_NAME = re.compile(r"^[A-Za-z0-9](-?[A-Za-z0-9]){0,38}$")
_NUMBER = re.compile(r"^\d{1,3}([.,]\d{3})+([.,]\d{1,2})?$|^\d+([.,]\d{1,2})?$")
_DAY_FIRST = re.compile(r"^(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})$")


@dataclass
class Outcome:
    status: str  # pull-request, problems, report or not-a-form
    form: Form | None = None
    files: dict[str, str] = field(default_factory=dict)  # repository path -> new text
    branch: str = ""
    title: str = ""
    body: str = ""  # of the pull request (Markdown, for editors)
    comment: str = ""  # for the issue (Markdown, in the form's language)
    labels: list[str] = field(default_factory=list)  # of the pull request
    problems: list[FormProblem] = field(default_factory=list)
    review: Review | None = None


@dataclass
class Issue:
    number: int
    title: str
    body: str
    author: str
    labels: list[str]
    created: dt.date
    url: str

    @classmethod
    def from_event(cls, event: dict) -> Issue:
        """The issue of a GitHub ``issues`` event payload; ValueError names what is missing."""
        issue = event.get("issue")
        if not isinstance(issue, dict):
            raise ValueError("the event has no 'issue' (is it an `issues` event?)")
        try:
            author = str(issue["user"]["login"])
            number = int(issue["number"])
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"the event's issue has no {error} (expected issue.number and issue.user.login)") from None
        created = str(issue.get("created_at") or "")[:10]
        try:
            day = dt.date.fromisoformat(created)
        except ValueError:
            day = dt.date.today()
        labels = [str(label.get("name", "")) if isinstance(label, dict) else str(label)
                  for label in issue.get("labels") or []]
        return cls(number, str(issue.get("title") or ""), str(issue.get("body") or ""), author, labels, day,
                   str(issue.get("html_url") or f"#{number}"))


class Repository:
    """The BASE the change goes into: the git revision for ownership, its checkout for validation."""

    def __init__(self, root: Path, rev: str, languages: list[str]) -> None:
        self.root = root
        self.git = Git(root)
        self.git.verify(rev)
        self.base = Revision(self.git, rev)
        self.languages = languages
        self._companies: dict[str, dict] | None = None

    def companies(self) -> dict[str, dict]:
        """slug -> fields of every company at BASE."""
        if self._companies is None:
            texts = self.base.read_many(self.base.company_files())
            self._companies = {COMPANY_FILE.match(path)["slug"]: yaml_fields(text) for path, text in texts.items()}
        return self._companies


# Entry point -------------------------------------------------------------------------------------
def handle_issue(issue: Issue, repository: Repository, forms: list[Form], languages: list) -> Outcome:
    """What to do about ``issue`` (``languages``: directory_site ``Language`` objects, by form language)."""
    by_code = {lang.code: lang for lang in languages}
    form = identify(issue.body, forms)
    if form is None:
        if FORM_LABEL not in issue.labels:
            return Outcome("not-a-form")
        lang = languages[0]
        _ = lang.gettext
        problem = FormProblem("", _("this issue does not follow any of the forms any more (its headings were "
                                    "changed or removed). Open a new issue with one of the forms."))
        return _problems(Outcome("problems"), [problem], lang)
    lang = by_code[form.lang]
    submission = parse(issue.body, form, lang)
    outcome = Outcome("problems", form)
    writer = {"add-company": _add_company, "update-company": _update_company,
              "post-vacancy": _post_vacancy, "report-vacancy": _report_vacancy}[form.kind]
    # Every problem at once: the writers use what could be read, and the content model checks
    # the result, so one round of edits can fix everything.
    problems = submission.problems + writer(submission, issue, repository, lang, outcome)
    if outcome.status == "report" and not problems:
        return outcome
    if not problems and not outcome.files:
        problems = [FormProblem("", lang.gettext("nothing would change: every question is empty or says what "
                                                 "the site already says"))]
    return _checked(outcome, issue, repository, lang, problems)


def _problems(outcome: Outcome, problems: list[FormProblem], lang) -> Outcome:
    _ = lang.gettext
    outcome.status, outcome.problems, outcome.files = "problems", problems, {}
    outcome.comment = "\n".join([
        _("Thank you! Before this can become a pull request, please **edit this issue** and fix the "
          "following. The check runs again when you save."), "",
        *(problem.markdown() for problem in problems), "",
        _("Every field is explained in the field reference (docs/fields.md)."), ""])
    return outcome


def _checked(outcome: Outcome, issue: Issue, repository: Repository, lang, problems: list[FormProblem]) -> Outcome:
    """Validate the files in a scratch copy of the content, then apply the ownership rules.

    The scratch copy holds every company profile (and logo) and the changed files: all that
    the validator's checks of these files look at (names across companies, the company of a
    vacancy), so its verdict on them is the one of ``make validate``, at a cost that does not
    grow with the number of vacancies. ``problems`` are those found in the answers already;
    the validator's are added for the questions that have none yet."""
    if not outcome.files:
        return _problems(outcome, problems, lang)
    with tempfile.TemporaryDirectory(prefix="issue-form-") as scratch:
        root = Path(scratch)
        companies = repository.root / "content" / "companies"
        (root / "content").mkdir()
        if companies.is_dir():
            shutil.copytree(companies, root / "content" / "companies")
        written: dict[str, str] = {}
        for path, text in outcome.files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written[display_path(target)] = path
        directory, found = load_directory(root / "content", repository.languages)
        answered = {problem.label for problem in problems if problem.label}
        for problem in found:
            if problem.path in written:
                told = _form_problem(problem, outcome.form, written[problem.path], outcome.files, root)
                if told.label not in answered and told not in problems:
                    problems.append(told)
        if problems:
            return _problems(outcome, problems, lang)
        head = Folder(root)
        changes = classify(list(outcome.files), repository.base, head)
        rules = OwnershipRules(issue.author, read_editors(repository.base), repository.base, head, True, changes)
        review = rules.review(changes)
        review.problems = []
        review.validation_note = (f"the changed files are valid (checked with all {len(directory.companies)} "
                                  "company profiles)")
        outcome.review = review
        outcome.status = "pull-request"
        outcome.branch = f"{BRANCH_PREFIX}{issue.number}"
        outcome.labels = [FORM_LABEL, CONTENT_ONLY_LABEL] + ([] if review.allowed else [EDITOR_REVIEW_LABEL])
        outcome.body = _pull_request_body(outcome, issue, review, changes, repository.base, head)
        outcome.comment = _thanks(outcome, review, lang)
    return outcome


def _pull_request_body(outcome: Outcome, issue: Issue, review: Review, changes, base: Version, head: Version) -> str:
    form = outcome.form
    lines = [f"Proposed through the issue form *{md(form.name)}* ({form.lang}) in #{issue.number} by "
             f"@{md(issue.author)}.", "", f"Closes #{issue.number}.", ""]
    if review.allowed:
        lines += ["The author may make this change (see below); an editor merges it.", ""]
    else:
        lines += [f"**Needs an editor's review** (label `{EDITOR_REVIEW_LABEL}`): the author may not make "
                  "this change alone. Check it with the company before merging.", ""]
    verdict = "✅ Allowed" if review.allowed else "⚠️ For editor review"
    lines.append(summary_markdown(review, changes, base, head, title="Work in Twente: form check", verdict=verdict))
    lines += ["Edits to the issue update this pull request.", ""]
    return "\n".join(lines)


def _thanks(outcome: Outcome, review: Review, lang) -> str:
    _ = lang.gettext
    lines = [_("Thank you! The check passed and a pull request with your change is linked to this issue."), ""]
    if review.allowed:
        lines.append(_("An editor looks at it and merges it; the site shows it after the next nightly build."))
    else:
        lines.append(_("You are not (yet) a maintainer of this company, so an editor checks the change with "
                       "the company before it is merged. Nothing changes on the site until then."))
    lines += ["", _("To change something, edit this issue; the pull request follows."), ""]
    return "\n".join(lines)


def _form_problem(problem, form: Form, path: str, files: dict[str, str], root: Path) -> FormProblem:
    """A validator problem told by question: the field name in front of the message becomes its label."""
    message = problem.message.replace(f"{display_path(root)}/", "")  # other files: as in the repository
    missing = re.match(r"^missing required field '(?P<key>[\w-]+)'(?: in (?P<parent>[\w.\[\]]+))?$", message)
    match = re.match(r"^(?P<field>[A-Za-z_][\w.\[\]]*): (?P<rest>.*)$", message)
    named = re.match(r"^(?P<field>[a-z_][\w.]*) \(", message)  # "valid_through (…) is before date_posted (…)"
    field_name = (f"{missing['parent']}.{missing['key']}" if missing and missing["parent"] else
                  missing["key"] if missing else match["field"] if match else named["field"] if named else None)
    if field_name:
        target = re.sub(r"\[\d+\]", "[]", field_name)
        for question in form.fields:
            if question.target and (target == question.target or target.startswith(question.target + ".")
                                    or target.startswith(question.target + "[")
                                    or question.target.startswith(target + ".")):
                return FormProblem(question.label, match["rest"] if match and not missing else message)
    if path.endswith(".md") and "body" in {q.id for q in form.fields}:
        text = files[path]
        front_matter_lines = text[:text.find("\n---", 4) + 4].count("\n") + 1
        if problem.line > front_matter_lines:
            return FormProblem(form.field("body").label, message)
    return FormProblem("", message)


# Reading answers -----------------------------------------------------------------------------------
def _language_names(codes: list[str]) -> dict[str, str]:
    """Casefolded language names in every site language (and English) -> two-letter code."""
    names: dict[str, str] = {}
    for code in dict.fromkeys(["en", *codes]):
        for key, name in Locale.parse(code).languages.items():
            if len(key) == 2:
                names.setdefault(name.casefold(), key)
    return names


def _language_tokens(text: str) -> list[str]:
    """'Dutch, English', 'nl en', 'Nederlands en Engels' -> the names or codes in it."""
    tokens = []
    for chunk in re.split(r"[,;/&+]", text):
        chunk = chunk.strip()
        if re.fullmatch(r"[A-Za-z]{2}(\s+[A-Za-z]{2})+", chunk):
            tokens += chunk.split()  # 'nl en': codes, not the Dutch word 'en' (and)
        else:
            tokens += re.split(r"\s+(?:and|en|und)\s+", chunk)
    return tokens


def _language_codes(text: str | None, codes: list[str], label: str, _) -> tuple[list[str], list[FormProblem]]:
    names = _language_names(codes)
    found, problems = [], []
    for token in _language_tokens(text or ""):
        token = token.strip().strip(".")
        if not token:
            continue
        code = token.casefold() if re.fullmatch(r"[A-Za-z]{2}", token) else names.get(token.casefold())
        if code is None:
            close = difflib.get_close_matches(token.casefold(), list(names), n=1, cutoff=0.75)
            hint = _("; did you mean '%(name)s'?") % {"name": close[0].capitalize()} if close else ""
            problems.append(FormProblem(label, _("'%(value)s' is not a language name or two-letter code "
                                                 "such as nl or en") % {"value": token} + hint))
        elif code not in found:
            found.append(code)
    return found, problems


def _github_names(text: str | None, label: str, _) -> tuple[list[str], list[FormProblem]]:
    names, problems = [], []
    for token in re.split(r"[\s,;]+", text or ""):
        token = token.strip().removeprefix("@")
        if not token:
            continue
        if not GITHUB_NAME.match(token):
            problems.append(FormProblem(label, _("'%(value)s' is not a GitHub user name") % {"value": token}))
        elif token.casefold() not in {name.casefold() for name in names}:
            names.append(token)
    return names, problems


def _number(text: str | None, label: str, _, whole: bool) -> tuple[float | int | None, list[FormProblem]]:
    """'3200', '3.200', '3,200', '€ 15,50' -> a number; thousands separators in either convention."""
    if text is None:
        return None, []
    cleaned = text.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "").strip()
    if not _NUMBER.match(cleaned):
        return None, [FormProblem(label, _("'%(value)s' is not a number") % {"value": text})]
    decimal = re.search(r"[.,](\d{1,2})$", cleaned)
    if decimal and not re.search(r"[.,]\d{3}$", cleaned):
        whole_part, fraction = cleaned[:decimal.start()], decimal.group(1)
    else:
        whole_part, fraction = cleaned, ""
    value = float(re.sub(r"[.,]", "", whole_part) + ("." + fraction if fraction else ""))
    if whole:
        if not value.is_integer():
            return None, [FormProblem(label, _("'%(value)s' is not a whole number") % {"value": text})]
        return int(value), []
    return (int(value) if value.is_integer() else value), []


def _date(text: str | None, label: str, _) -> tuple[dt.date | None, list[FormProblem]]:
    if text is None:
        return None, []
    try:
        return dt.date.fromisoformat(text.strip()), []
    except ValueError:
        pass
    match = _DAY_FIRST.match(text.strip())
    if match:
        try:
            return dt.date(int(match["year"]), int(match["month"]), int(match["day"])), []
        except ValueError:
            pass
    return None, [FormProblem(label, _("'%(value)s' is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31")
                              % {"value": text})]


def _path_parts(text: str) -> list[str]:
    """The path segments of a page address, or of a bare 'company/vacancy' reference. Never fetched."""
    text = text.strip()
    path = urlsplit(text).path if "://" in text else text
    return [part for part in path.split("/") if part]


def _company(text: str, repository: Repository, label: str, _) -> tuple[str | None, list[FormProblem]]:
    """The slug of the company ``text`` names (slug, name, or the address of its page or a vacancy's)."""
    if text is None:
        return None, []  # unanswered: already a problem of its own
    companies = repository.companies()
    parts = _path_parts(text)
    for marker in ("companies", "vacancies"):
        if marker in parts and parts.index(marker) + 1 < len(parts) and parts[parts.index(marker) + 1] in companies:
            return parts[parts.index(marker) + 1], []
    wanted = " ".join(text.split()).casefold()
    for slug, fields in companies.items():
        if wanted in (slug, str(fields.get("name", "")).casefold()):
            return slug, []
    names = [str(fields.get("name") or slug) for slug, fields in companies.items()]
    close = _closest(text, names) or _closest(text, list(companies))
    hint = _("; did you mean '%(name)s'?") % {"name": close} if close else ""
    return None, [FormProblem(label, _("there is no company '%(value)s' in the directory") % {"value": text} + hint)]


def _closest(text: str, candidates: list[str]) -> str | None:
    """The candidate most like ``text``, also when ``text`` is only its beginning ('Alfa Tech' for
    'Alpha Tech Testbedrijf'); None when none is close."""
    wanted = " ".join(text.split()).casefold()
    best, score = None, 0.0
    for candidate in candidates:
        folded = candidate.casefold()
        ratio = max(difflib.SequenceMatcher(None, wanted, folded).ratio(),
                    difflib.SequenceMatcher(None, wanted, folded[:len(wanted)]).ratio() - 0.05)
        if ratio > score:
            best, score = candidate, ratio
    return best if score >= 0.7 else None


# Writers: each fills outcome.files (or makes it a report) and returns the problems ---------------------
def _company_fields(submission: Submission, codes: list[str], _) -> tuple[dict, list[FormProblem]]:
    """The profile fields the answers give (only those answered), with their problems."""
    form, get = submission.form, submission.get
    fields: dict = {}
    problems: list[FormProblem] = []
    for key in ("name", "website", "municipality", "sectors", "size", "offers"):
        if get(key) not in (None, []):
            fields[key] = get(key)
    if get("languages"):
        fields["languages"], found = _language_codes(get("languages"), codes, form.field("languages").label, _)
        problems += found
    address = {key: get(f"address_{key}") for key in ("street", "postcode", "city")}
    if any(address.values()):
        if not all(address.values()):
            problems.append(FormProblem(form.field("address_street").label,
                                        _("fill in street, postcode and town together, or leave all three empty")))
        fields["address"] = {key: value for key, value in address.items() if value}
    if "international" in submission.answers:
        ticked = get("international") or set()
        fields["international"] = {key: key in ticked
                                   for key in ("english_workplace", "ind_recognised_sponsor", "relocation_help")}
    else:
        markers = {key: get(key) == "true" for key in ("english_workplace", "ind_recognised_sponsor",
                                                       "relocation_help") if get(key) is not None}
        if markers:
            fields["international"] = markers
    descriptions = {code: get(f"description_{code}") for code in codes if get(f"description_{code}")}
    if descriptions:
        fields["description"] = descriptions
    contact = {key: get(f"contact_{key}") for key in ("email", "url") if get(f"contact_{key}")}
    if contact:
        fields["contact"] = contact
    if get("feed_type") or get("feed_url"):
        if not (get("feed_type") and get("feed_url")):
            problems.append(FormProblem(form.field("feed_type").label,
                                        _("choose the system and give the feed's address, or leave both empty")))
        fields["feeds"] = [{"type": get("feed_type"), "url": get("feed_url")}]
    names, found = _github_names(get("maintainers"), form.field("maintainers").label, _)
    problems += found
    if names:
        fields["maintainers"] = names
    return fields, problems


def _add_company(submission: Submission, issue: Issue, repository: Repository, lang, outcome: Outcome) -> list:
    _ = lang.gettext
    form = submission.form
    fields, problems = _company_fields(submission, repository.languages, _)
    told = {problem.label for problem in submission.problems}
    descriptions = [form.field(f"description_{code}").label for code in repository.languages]
    if "description" not in fields and not told & set(descriptions):
        problems.append(FormProblem(descriptions[0], _("write about the company in at least one language")))
    slug = slugify(fields["name"]) if fields.get("name") else f"issue-{issue.number}"  # a name is a problem already
    if not slug:
        problems.append(FormProblem(form.field("name").label, _("the name needs at least one letter or digit")))
        slug = f"issue-{issue.number}"
    elif slug in repository.companies():
        existing = repository.companies()[slug].get("name") or slug
        problems.append(FormProblem(submission.form.field("name").label, _(
            "'%(name)s' is already in the directory (content/companies/%(slug)s.yaml); use the form "
            "'Update your company' to change it") % {"name": existing, "slug": slug}))
        return problems
    fields["maintainers"] = [issue.author] + [name for name in fields.get("maintainers", [])
                                              if name.casefold() != issue.author.casefold()]
    outcome.files[f"content/companies/{slug}.yaml"] = company_yaml(fields)
    outcome.title = f"Add company: {_one_line(fields.get('name', slug))}"
    return problems


def _update_company(submission: Submission, issue: Issue, repository: Repository, lang, outcome: Outcome) -> list:
    _ = lang.gettext
    form = submission.form
    slug, problems = _company(submission.get("company"), repository, form.field("company").label, _)
    fields, found = _company_fields(submission, repository.languages, _)
    problems += found
    if slug is None:
        return problems
    path, current = repository.base.company(slug)
    merged = dict(fields)
    for key in ("international", "description", "contact"):
        if key in fields:
            merged[key] = {**(current.get(key) or {}), **fields[key]}
    if "feeds" in fields:
        known = [feed for feed in current.get("feeds") or [] if feed.get("url") != fields["feeds"][0]["url"]]
        merged["feeds"] = known + fields["feeds"]
    if "maintainers" in fields:
        existing = [str(name) for name in current.get("maintainers") or []]
        merged["maintainers"] = existing + [name for name in fields["maintainers"]
                                            if name.casefold() not in {e.casefold() for e in existing}]
    changes = {key: value for key, value in merged.items() if current.get(key) != value}
    if changes:
        text = repository.base.read(path)
        outcome.files[path] = replace_fields(text, changes)
    outcome.title = f"Update company: {_one_line(str(current.get('name') or slug))}"
    return problems


def _post_vacancy(submission: Submission, issue: Issue, repository: Repository, lang, outcome: Outcome) -> list:
    _ = lang.gettext
    form, get = submission.form, submission.get
    company, problems = _company(get("company"), repository, form.field("company").label, _)
    required, found = _language_codes(get("languages_required"), repository.languages,
                                      form.field("languages_required").label, _)
    problems += found
    valid_through, found = _date(get("valid_through"), form.field("valid_through").label, _)
    problems += found
    numbers = {}
    for key in ("hours_min", "hours_max", "salary_min", "salary_max"):
        numbers[key], found = _number(get(key), form.field(key).label, _, whole=key.startswith("hours"))
        problems += found
    fields: dict = {"title": get("title"), "company": company, "type": get("type"),
                    "employment_type": get("employment_type"), "education": get("education"),
                    "language": get("language"), "languages_required": required, "place": get("place"),
                    "municipality": get("municipality"), "remote": get("remote")}
    if numbers["hours_min"] is not None or numbers["hours_max"] is not None:
        low, high = numbers["hours_min"], numbers["hours_max"]
        fields["hours"] = {"min": low if low is not None else high, "max": high if high is not None else low}
    salary = (numbers["salary_min"], numbers["salary_max"], get("salary_period"))
    if any(value is not None for value in salary):
        if None in salary[2:] or salary[0] is None and salary[1] is None:
            problems.append(FormProblem(form.field("salary_period").label,
                                        _("give an amount and choose what it is per, or leave the salary empty")))
        else:
            low, high = salary[0] if salary[0] is not None else salary[1], salary[1] if salary[1] is not None else salary[0]
            fields["salary"] = {"min": low, "max": high, "currency": "EUR", "period": salary[2]}
    if company is None:
        return problems  # no company to check the vacancy against
    fields.update(date_posted=issue.created, valid_through=valid_through, apply_url=get("apply_url"),
                  source="manual")
    existing = {path.rsplit("/", 1)[1].removesuffix(".md") for path in
                repository.base.listed(f"content/vacancies/{company}")}
    base_slug = slugify(get("title") or "") or "vacancy"
    slug, number = base_slug, 2
    while slug in existing:
        slug, number = f"{base_slug}-{number}", number + 1
    outcome.files[f"content/vacancies/{company}/{slug}.md"] = dump_vacancy(fields, get("body") or "")
    company_name = repository.companies()[company].get("name") or company
    outcome.title = f"New vacancy: {_one_line(get('title') or slug)} ({_one_line(str(company_name))})"
    return problems


def _report_vacancy(submission: Submission, issue: Issue, repository: Repository, lang, outcome: Outcome) -> list:
    _ = lang.gettext
    form = submission.form
    label = form.field("vacancy").label
    if submission.get("vacancy") is None:
        return []  # unanswered: already a problem of its own
    parts = _path_parts(submission.get("vacancy"))
    companies = repository.companies()
    found = None
    for index, part in enumerate(parts[:-1]):
        if part in companies:
            candidate = f"content/vacancies/{part}/{parts[index + 1]}.md"
            if repository.base.exists(candidate):
                found = (part, parts[index + 1], candidate)
                break
    if found is None:
        known = [path.removeprefix("content/vacancies/").removesuffix(".md")
                 for path in repository.base.listed("content/vacancies") if path.endswith(".md")]
        wanted = "/".join(parts[-2:])
        close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
        hint = _("; did you mean '%(name)s'?") % {"name": close[0]} if close else ""
        return [FormProblem(label, _("no vacancy on the site has the address '%(value)s'; copy the address "
                                     "of the vacancy's page") % {"value": submission.get("vacancy")} + hint)]
    company, slug, path = found
    text = repository.base.read(path)
    data = parse_front_matter(text, path).data or {}
    maintainers = [str(name) for name in companies[company].get("maintainers") or []]
    details = submission.get("details")
    if submission.get("problem") == "closed" and data.get("source") == "manual":
        posted = _as_date(data.get("date_posted")) or issue.created
        through = _as_date(data.get("valid_through"))
        last_day = max(posted, issue.created - dt.timedelta(days=1))
        if through is not None and through <= last_day:
            return [FormProblem(label, _("this vacancy is already off the site (its last day to apply was "
                                         "%(date)s)") % {"date": through.isoformat()})]
        outcome.files[path] = re.sub(r"(?m)^valid_through:.*$", f"valid_through: {last_day.isoformat()}",
                                     text, count=1)
        outcome.title = f"Close vacancy: {_one_line(str(data.get('title') or slug))}"
        return []
    outcome.status = "report"
    mentions = ", ".join(f"@{name}" for name in maintainers) or _("the editors")
    reason = (_("A reader reports that this vacancy is closed or filled.") if submission.get("problem") == "closed"
              else _("A reader reports that something in this vacancy is wrong."))
    lines = [f"{mentions}: {reason}", "", f"- {code(path)}: {md(str(data.get('title') or slug))}"]
    if details:
        lines += ["", _("Details from the reader:"), "", *(f"> {md(line)}" for line in details.splitlines())]
    if data.get("source") != "manual":
        lines += ["", _("It comes from the company's vacancy feed: it leaves the site when it leaves the feed, "
                        "and a correction belongs in the applicant tracking system.")]
    lines += ["", _("Maintainers can correct it with the form 'Post a vacancy' or a pull request; an editor "
                    "closes this issue when it is done."), ""]
    outcome.comment = "\n".join(lines)
    return []


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _one_line(text: str) -> str:
    """Untrusted text for a pull request title: one line, at most 100 characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= 100 else flat[:99] + "…"
