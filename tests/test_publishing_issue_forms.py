"""Issue forms: generated from the schema, valid for GitHub, and read back into checked content files.

The forms in .github/ISSUE_TEMPLATE/ are checked against GitHub's issue-forms schema (vendored
by check-jsonschema, offline) and against the rules GitHub adds on top. Submitted forms are
rendered as GitHub renders them (tests/issue_form_support.py) and go through
scripts/issue_to_pr.py against a git repository holding the fixture site, where alpha-tech is
maintained by @alpha-dev, beta-zorg has no maintainers and @chief-editor is an editor.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from content_model import load_directory, load_schema
from contributions.form_bodies import identify, parse
from contributions.issue_forms import FORMS, SET_BY_READER, schema_node, vocabulary_of
from issue_form_support import (FORMS as BUILT_FORMS, LANGUAGES, NEW_COMPANY, REPORT_CLOSED, UPDATE, VACANCY,
                                event, form, render_body, write_event)
from support import SITE_LANGUAGES, ROOT, fixture_repository, git

sys.path.insert(0, str(ROOT / "scripts"))
import issue_forms  # noqa: E402
import issue_to_pr  # noqa: E402

TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
FORM_FILES = sorted(path for path in TEMPLATES.glob("*.yml") if path.name != "config.yml")
KINDS = [spec.kind for spec in FORMS]


# The forms themselves ------------------------------------------------------------------------------
def test_every_form_exists_in_every_site_language():
    assert {path.name for path in FORM_FILES} == {f"{kind}.{lang}.yml" for kind in KINDS for lang in SITE_LANGUAGES}
    assert {"en", "nl", "de"} <= set(SITE_LANGUAGES)


def test_committed_forms_are_the_generated_ones():
    assert issue_forms.main(["--check"]) == 0, "run `make docs`"


def test_a_form_that_disagrees_with_the_schema_fails_the_check(tmp_path, capsys):
    folder = tmp_path / "ISSUE_TEMPLATE"
    shutil.copytree(TEMPLATES, folder)
    stale = folder / "add-company.en.yml"
    stale.write_text(stale.read_text(encoding="utf-8").replace("    - Textile\n", ""), encoding="utf-8")
    (folder / "add-company.xx.yml").write_text(issue_forms.GENERATED_HEADER + "name: x\n", encoding="utf-8")
    (folder / "hand-written.yml").write_text("name: Bug\ndescription: y\nbody: []\n", encoding="utf-8")
    assert issue_forms.main(["--check", "--folder", str(folder)]) == 1
    out = capsys.readouterr().out
    assert ".github/ISSUE_TEMPLATE/add-company.en.yml is out of date: run `make docs`" in out
    assert "add-company.xx.yml belongs to no form or language any more" in out
    assert issue_forms.main(["--folder", str(folder)]) == 0
    assert issue_forms.main(["--check", "--folder", str(folder)]) == 0
    assert not (folder / "add-company.xx.yml").exists(), "a generated file of no form is removed"
    assert (folder / "hand-written.yml").is_file(), "a hand-written template is never touched"


def test_forms_match_the_github_issue_forms_schema():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-issue-forms", *map(str, FORM_FILES)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-issue-config", str(TEMPLATES / "config.yml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _parameterize(label: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", label.lower()).strip("-")


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda path: path.name)
def test_forms_keep_the_rules_github_adds_to_the_schema(path):
    """Unique ids and labels (checkbox labels included, also after parameterizing), no 'None'
    option, no YAML booleans, and no ', ' in a multiple choice (the reader splits on it)."""
    text = path.read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    elements = [item for item in document["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in elements]
    assert len(ids) == len(set(ids))
    labels = [item["attributes"]["label"] for item in elements]
    labels += [option["label"] for item in elements if item["type"] == "checkboxes"
               for option in item["attributes"]["options"]]
    assert len(labels) == len(set(labels)), labels
    assert len({_parameterize(label) for label in labels}) == len(labels)
    for item in elements:
        assert "password" not in item["attributes"]["label"].lower()
        options = item["attributes"].get("options", [])
        if item["type"] == "dropdown":
            assert all(isinstance(option, str) and option.strip() for option in options), options
            assert len(options) == len(set(options)) and "None" not in options
            if item["attributes"].get("multiple"):
                assert not any(", " in option for option in options), options
    assert document["labels"] == ["employer-form"]


def test_every_answer_fills_a_schema_field_and_choices_are_the_schema_vocabularies():
    for built in BUILT_FORMS:
        for question in built.fields:
            if question.target is None:
                continue
            node = schema_node(built.spec.content, question.target)
            assert node is not None, f"{built.file_name}: {question.target} is not a {built.spec.content} field"
            if question.spec.choices_from == "schema":
                assert [c.value for c in question.choices] == [v for v, _ in vocabulary_of(built.spec.content,
                                                                                       question.target)]
            if question.kind == "dropdown" and question.spec.choices_from == "schema":
                many = node.get("type") == "array"
                assert question.multiple == many, f"{built.file_name}: {question.id} multiple={question.multiple}"
            if question.spec.choices_from == "boolean" or question.kind == "checkboxes":
                if question.kind == "checkboxes":
                    assert {c.value for c in question.choices} == set(node["properties"])
                else:
                    assert node["type"] == "boolean"


@pytest.mark.parametrize("kind, content", [("add-company", "company"), ("post-vacancy", "vacancy")])
def test_every_required_schema_field_is_asked_for(kind, content):
    schema = load_schema(content)
    built = form(kind)
    asked = {question.target.split(".")[0] for question in built.fields if question.target}
    assert set(schema["required"]) <= asked | SET_BY_READER[content]
    for question in built.fields:
        if question.target and "." not in question.target and question.kind != "checkboxes":
            assert question.required == (question.target in schema["required"]), question.id


def test_dutch_forms_are_translated():
    dutch = yaml.safe_load((TEMPLATES / "add-company.nl.yml").read_text(encoding="utf-8"))
    labels = [item["attributes"].get("label") for item in dutch["body"]]
    assert dutch["name"] == "Je bedrijf toevoegen" and "Bedrijfsnaam" in labels
    assert "Over het bedrijf in het Engels" in labels and "Over het bedrijf in het Nederlands" in labels
    sectors = next(item for item in dutch["body"] if item.get("id") == "sectors")
    assert "IT en software" in sectors["attributes"]["options"]
    assert "CONTRIBUTING.nl.md" in dutch["body"][0]["attributes"]["value"]


# Reading bodies -------------------------------------------------------------------------------------
def test_the_form_is_recognised_from_its_headings():
    for built in BUILT_FORMS:
        assert identify(render_body(built, {}), BUILT_FORMS) is built, built.file_name
    assert identify("Hello, I have a question.\n\n### Steps\n\nnone", BUILT_FORMS) is None


def test_answers_are_read_as_github_writes_them():
    built = form("add-company")
    body = render_body(built, NEW_COMPANY).replace("\n", "\r\n")  # edited in a browser: CRLF
    submission = parse(body, built, LANGUAGES[0])
    assert submission.problems == []
    assert submission.get("sectors") == ["it-software", "energy"] and submission.get("size") == "10-49"
    assert submission.get("international") == {"english_workplace"}
    assert submission.get("address_street") is None and submission.get("feed_type") is None
    assert submission.get("description_en").endswith("### What we do\n\n- rigs\n- tests"), \
        "a Markdown heading inside an answer stays in the answer"


# The whole way: event -> files, in a repository ---------------------------------------------------------
@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return fixture_repository(tmp_path / "repo")


def run(repo: Path, payload: dict, *extra: str) -> tuple[int, str]:
    path = write_event(repo.parent, payload)
    status = issue_to_pr.main(["--event", str(path), "--repo", str(repo), *extra])
    return status, ""


def convert(repo: Path, capsys, payload: dict, *extra: str) -> tuple[int, str]:
    status, _ = run(repo, payload, *extra)
    return status, capsys.readouterr().out


def test_new_company_becomes_a_pull_request_maintained_by_its_author(repo, capsys):
    status, out = convert(repo, capsys, event(render_body(form("add-company"), NEW_COMPANY)), "--write")
    assert status == 0, out
    assert out.startswith("branch: issue-form/42\ntitle: Add company: Gamma Systems\n"
                          "labels: employer-form, content-only\n")
    assert "Closes #42." in out and "✅ Allowed" in out and "new company, maintained by @newcomer" in out
    text = (repo / "content/companies/gamma-systems.yaml").read_text(encoding="utf-8")
    assert "maintainers: [newcomer, gamma-colleague]" in text and "languages: [nl, en]" in text
    assert "  english_workplace: true\n  ind_recognised_sponsor: false\n" in text
    directory, problems = load_directory(repo / "content", ["en", "nl"])
    assert problems == [] and directory.companies["gamma-systems"].sectors == ("it-software", "energy")
    assert git(repo, "status", "--porcelain").strip() == "?? content/companies/gamma-systems.yaml"


def test_dutch_form_with_dutch_choices(repo, capsys):
    answers = {**NEW_COMPANY, "languages": "Nederlands en Engels", "description_en": None,
               "description_nl": "Gamma bouwt **testopstellingen**.", "international": ["relocation_help"]}
    status, out = convert(repo, capsys, event(render_body(form("add-company", "nl"), answers)), "--write")
    assert status == 0, out
    text = (repo / "content/companies/gamma-systems.yaml").read_text(encoding="utf-8")
    assert "sectors: [it-software, energy]" in text and "languages: [nl, en]" in text
    assert "  nl: |\n    Gamma bouwt **testopstellingen**.\n" in text and "relocation_help: true" in text


def test_update_by_a_maintainer_changes_only_what_was_asked(repo, capsys):
    before = (repo / "content/companies/alpha-tech.yaml").read_text(encoding="utf-8")
    status, out = convert(repo, capsys, event(render_body(form("update-company"), UPDATE), author="Alpha-Dev"),
                          "--write")
    assert status == 0, out
    assert "labels: employer-form, content-only\n" in out and "@Alpha-Dev maintains Alpha Tech" in out
    after = (repo / "content/companies/alpha-tech.yaml").read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == ["size: \"250-999\"", "  ind_recognised_sponsor: false", "    Alpha Tech maakt nu ook **meetsoftware**."]
    assert "    Alpha Tech builds **test software** for a fictional test suite." in after, "other language kept"
    assert load_directory(repo / "content", ["en", "nl"])[1] == []


@pytest.mark.parametrize("author, company", [("mallory", "Alpha Tech Testbedrijf"), ("someone", "beta-zorg")])
def test_update_by_someone_else_is_a_pull_request_for_editor_review(repo, capsys, author, company):
    payload = event(render_body(form("update-company"), {**UPDATE, "company": company, "description_nl": None}),
                    author=author)
    status, out = convert(repo, capsys, payload)
    assert status == 0, out
    assert "labels: employer-form, content-only, editor-review\n" in out
    assert "**Needs an editor's review**" in out and "⚠️ For editor review" in out
    outcome = _outcome(repo, payload)
    assert "You are not (yet) a maintainer of this company" in outcome["comment"]


def test_editors_may_update_any_company(repo, capsys):
    payload = event(render_body(form("update-company"), {**UPDATE, "company": "beta-zorg", "description_nl": None}),
                    author="chief-editor")
    status, out = convert(repo, capsys, payload)
    assert status == 0 and "labels: employer-form, content-only\n" in out and "is an editor" in out


def test_vacancy_of_a_maintainer(repo, capsys):
    status, out = convert(repo, capsys, event(render_body(form("post-vacancy"), VACANCY), author="alpha-dev"),
                          "--write")
    assert status == 0, out
    assert "title: New vacancy: Embedded tester (Alpha Tech Testbedrijf)" in out
    text = (repo / "content/vacancies/alpha-tech/embedded-tester.md").read_text(encoding="utf-8")
    assert "date_posted: 2026-11-20\nvalid_through: 2027-02-28\n" in text and "source: manual" in text
    assert "salary: {min: 600, max: 800, currency: EUR, period: MONTH}" in text and "education: [hbo, wo]" in text
    directory, problems = load_directory(repo / "content", ["en", "nl"])
    assert problems == []
    assert any(v.key == "alpha-tech/embedded-tester" for v in directory.vacancies)


def test_vacancy_by_someone_else_is_for_editor_review_and_a_taken_slug_is_not_reused(repo, capsys):
    answers = {**VACANCY, "title": "Python developer", "company": "alpha-tech"}
    status, out = convert(repo, capsys, event(render_body(form("post-vacancy", "nl"), answers), author="mallory"),
                          "--write")
    assert status == 0 and "editor-review" in out
    assert (repo / "content/vacancies/alpha-tech/python-developer-2.md").is_file()
    assert "You write Python" in (repo / "content/vacancies/alpha-tech/python-developer.md").read_text()


def test_closed_vacancy_report_ends_it_yesterday(repo, capsys):
    status, out = convert(repo, capsys, event(render_body(form("report-vacancy"), REPORT_CLOSED), author="alpha-dev"),
                          "--write")
    assert status == 0, out
    assert "title: Close vacancy: Python developer" in out
    text = (repo / "content/vacancies/alpha-tech/python-developer.md").read_text(encoding="utf-8")
    assert "\nvalid_through: 2026-11-19\n" in text and "title: Python developer\n" in text
    assert git(repo, "diff", "--stat").count("|") == 1


def test_closed_report_by_a_reader_is_for_editor_review(repo, capsys):
    status, out = convert(repo, capsys, event(render_body(form("report-vacancy", "nl"), REPORT_CLOSED),
                                              author="a-reader"))
    assert status == 0 and "editor-review" in out


def test_wrong_vacancy_report_tells_the_maintainers(repo, capsys):
    answers = {**REPORT_CLOSED, "problem": "wrong", "details": "The salary is <b>wrong</b>\n@everyone"}
    status, out = convert(repo, capsys, event(render_body(form("report-vacancy"), answers), author="a-reader"))
    assert status == 3
    assert out.startswith("@alpha-dev: A reader reports that something in this vacancy is wrong.")
    assert "> The salary is &lt;b&gt;wrong&lt;/b&gt;" in out and "<b>" not in out


COMPLETE = {"add-company": NEW_COMPANY, "update-company": UPDATE, "post-vacancy": VACANCY,
            "report-vacancy": REPORT_CLOSED}


@pytest.mark.parametrize("built", BUILT_FORMS, ids=lambda built: built.file_name)
def test_every_form_filled_in_becomes_valid_content(repo, capsys, built):
    """Each form in each language, answered completely and rendered as GitHub renders it."""
    status, out = convert(repo, capsys, event(render_body(built, COMPLETE[built.kind]), author="alpha-dev"),
                          "--write")
    assert status == 0, out
    changed = git(repo, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert len(changed) == 1, changed
    directory, problems = load_directory(repo / "content", ["en", "nl"])
    assert problems == []


def test_issue_that_is_not_a_form_is_left_alone(repo, capsys):
    status, out = convert(repo, capsys, event("The site is slow on my phone.", labels=()))
    assert status == 4 and "nothing to do" in out


# Problems, in plain language ----------------------------------------------------------------------------
def problems_of(repo: Path, capsys, answers: dict, kind: str = "add-company", lang: str = "en",
                author: str = "newcomer") -> str:
    status, out = convert(repo, capsys, event(render_body(form(kind, lang), answers), author=author))
    assert status == 1, out
    assert git(repo, "status", "--porcelain") == "", "nothing is written when there are problems"
    return out


def test_unknown_municipality_with_did_you_mean(repo, capsys):
    out = problems_of(repo, capsys, {**NEW_COMPANY, "municipality": "Enschde"})
    assert "- **Municipality**: 'Enschde' is not one of the choices; did you mean 'Enschede'?" in out
    out = problems_of(repo, capsys, {**NEW_COMPANY, "municipality": "Hengel"}, lang="nl")
    assert "- **Gemeente**: 'Hengel' is geen van de keuzes; bedoel je 'Hengelo'?" in out
    assert out.startswith("Bedankt! Voordat hier een pull request van kan komen")


def test_malformed_body_lists_every_problem(repo, capsys):
    body = render_body(form("add-company"), {**NEW_COMPANY, "website": None, "sectors": None})
    body = body.replace("### Employees in the region", "### How big?").replace("- [X] I may speak", "- [ ] I may speak")
    status, out = convert(repo, capsys, event(body))
    assert status == 1
    assert "- **Website**: this question is required; edit the issue and answer it" in out
    assert "- **Sectors**: this question is required" in out
    assert ("- **Employees in the region**: this question is missing from the issue; edit the issue and answer it "
            "under the heading 'Employees in the region'") in out
    assert "- **Confirmation**: this question is required" in out


def test_body_with_the_headings_gone_asks_for_a_new_issue(repo, capsys):
    status, out = convert(repo, capsys, event("I would like to add my company, Gamma Systems, thanks!"))
    assert status == 1
    assert "this issue does not follow any of the forms any more" in out


def test_answers_the_form_cannot_express(repo, capsys):
    answers = {**VACANCY, "company": "Alfa Tech", "type": ["job", "internship"], "valid_through": "31 February",
               "hours_min": "many", "languages_required": "Klingon"}
    out = problems_of(repo, capsys, answers, kind="post-vacancy")
    assert ("- **Company offering the vacancy**: there is no company 'Alfa Tech' in the directory; "
            "did you mean 'Alpha Tech Testbedrijf'?") in out
    assert "- **Kind of position**: 'Job, Internship' is not one of the choices" in out
    assert "- **Last day to apply**: '31 February' is not a date; write it as YYYY-MM-DD" in out
    assert "- **Hours per week, at least**: 'many' is not a number" in out
    assert "- **Languages the candidate must speak**: 'Klingon' is not a language name" in out


def test_existing_company_cannot_be_added_again(repo, capsys):
    out = problems_of(repo, capsys, {**NEW_COMPANY, "name": "Alpha Tech"}, author="mallory")
    assert ("- **Company name**: 'Alpha Tech Testbedrijf' is already in the directory "
            "(content/companies/alpha-tech.yaml); use the form 'Update your company' to change it") in out
    out = problems_of(repo, capsys, {**NEW_COMPANY, "name": "alpha tech testbedrijf"}, author="mallory")
    assert ("company name 'alpha tech testbedrijf' is also used by content/companies/alpha-tech.yaml; "
            "each company has one profile") in out, "the validator's check across files, with repository paths"


def test_validator_problems_are_told_by_question(repo, capsys):
    answers = {**VACANCY, "valid_through": "2026-11-01", "apply_url": "ftp://alpha.example/jobs"}
    out = problems_of(repo, capsys, answers, kind="post-vacancy", author="alpha-dev")
    assert "- **Last day to apply**: valid\\_through (2026-11-01) is before date\\_posted (2026-11-20)" in out
    assert "- **Where to apply**: expected an http:// or https:// URL; found 'ftp://alpha.example/jobs'" in out


# Hostile text ---------------------------------------------------------------------------------------------
def test_hostile_text_is_refused_and_quoted_inertly(repo, capsys):
    answers = {**NEW_COMPANY, "name": "Gamma <script>alert(1)</script>", "website": "javascript:alert(1)",
               "description_en": "Click [here](javascript:alert(1)) <img src=x onerror=alert(1)>",
               "contact_email": "jobs@gamma.example\u202e"}
    out = problems_of(repo, capsys, answers)
    assert "- **Company name**: HTML is not allowed here (found '&lt;script&gt;aler'); write plain text" in out
    assert "- **Website**: expected an http:// or https:// URL; found 'javascript:alert(1)'" in out
    assert "- **About the company in English**: link to 'javascript:alert(1)' is not allowed" in out
    assert "- **About the company in English**: raw HTML &lt;img&gt; is not allowed" in out
    assert "- **E-mail address for students**: contains invisible control characters (U+202E)" in out
    assert "<script" not in out and "<img" not in out and "](javascript" not in out


def test_html_in_a_vacancy_title_and_script_in_its_text(repo, capsys):
    answers = {**VACANCY, "title": "<b onmouseover=alert(1)>Tester</b>", "body": "<script>alert(1)</script>"}
    out = problems_of(repo, capsys, answers, kind="post-vacancy", author="alpha-dev")
    assert "- **Job title**: HTML is not allowed here" in out
    assert "- **Description**: raw HTML &lt;script&gt; is not allowed" in out


def test_markdown_in_names_cannot_reach_the_pull_request_as_markup(repo, capsys):
    answers = {**NEW_COMPANY, "name": "Gamma | [x](https://evil.example) ![i](https://evil.example/i.png) @everyone"}
    status, out = convert(repo, capsys, event(render_body(form("add-company"), answers)))
    assert status == 0, out
    table = next(line for line in out.splitlines() if line.startswith("| added |"))
    assert "\\[x\\](https://evil.example)" in table and "\\| " in table and "](https" not in table.replace("\\]", "")


# The command line and GitHub outputs -----------------------------------------------------------------------
def _outcome(repo: Path, payload: dict) -> dict[str, str]:
    output = repo.parent / "github-output.txt"
    output.unlink(missing_ok=True)
    path = write_event(repo.parent, payload)
    assert issue_to_pr.main(["--event", str(path), "--repo", str(repo), "--github-output", str(output)]) == 0
    values, lines = {}, iter(output.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if "<<" in line:
            key, delimiter = line.split("<<", 1)
            values[key] = "\n".join(iter(lambda: next(lines), delimiter))
        else:
            key, value = line.split("=", 1)
            values[key] = value
    return values


def test_github_outputs_for_every_outcome(repo):
    ok = _outcome(repo, event(render_body(form("add-company"), NEW_COMPANY)))
    assert ok["status"] == "pull-request" and ok["branch"] == "issue-form/42"
    assert ok["labels"] == "employer-form,content-only" and "Closes #42." in ok["body"]
    assert ok["comment"].startswith("Thank you! The check passed")
    bad = _outcome(repo, event(render_body(form("add-company", "nl"), {**NEW_COMPANY, "municipality": "X"})))
    assert bad["status"] == "problems" and bad["branch"] == "" and "**Gemeente**" in bad["comment"]
    assert _outcome(repo, event("hello", labels=()))["status"] == "not-a-form"


def test_edited_issue_gives_the_same_branch_and_files(repo, capsys):
    body = render_body(form("add-company"), NEW_COMPANY)
    first = convert(repo, capsys, event(body))
    again = convert(repo, capsys, event(body, action="edited"))
    assert first == again


def test_sample_event_payload_from_github(repo, capsys, tmp_path):
    """A payload as GitHub sends it (trimmed), with a body typed into the Dutch form."""
    payload = json.loads((ROOT / "tests/fixtures/issue_events/post-vacancy.nl.json").read_text(encoding="utf-8"))
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert issue_to_pr.main(["--event", str(path), "--repo", str(repo), "--write"]) == 0
    text = (repo / "content/vacancies/alpha-tech/stagiair-data-engineering.md").read_text(encoding="utf-8")
    assert "language: nl\nlanguages_required: [nl, en]\n" in text and "remote: on-site" in text
    assert "hours: {min: 24, max: 32}" in text and "salary: {min: 15.5, max: 15.5, currency: EUR, period: HOUR}" in text
    assert load_directory(repo / "content", ["en", "nl"])[1] == []


def test_bad_event_file_is_a_usage_error(repo, tmp_path, capsys):
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"pull_request": {}}), encoding="utf-8")
    assert issue_to_pr.main(["--event", str(path), "--repo", str(repo)]) == 2
    assert "the event has no 'issue'" in capsys.readouterr().err


def test_runs_as_a_script(repo, tmp_path):
    path = write_event(tmp_path, event(render_body(form("add-company"), {**NEW_COMPANY, "municipality": "Zwolle"})))
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "issue_to_pr.py"), "--event", str(path),
                             "--repo", str(repo)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "**Municipality**: 'Zwolle' is not one of the choices (Almelo, Borne" in result.stdout
