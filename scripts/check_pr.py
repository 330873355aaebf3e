#!/usr/bin/env python3
"""Check a pull request: may its author change these files, and is the content valid?

Rules (GitHub user names compare case-insensitively):

- ``content/companies/<slug>.yaml``: only the company's maintainers, read from the BASE version
  of the file (so a PR cannot add its author to someone else's company), may change or remove
  it. A NEW company file may be added by anyone who lists themselves in its ``maintainers``.
- ``content/vacancies/<slug>/...``: only maintainers of company ``<slug>`` (BASE version; for a
  company added in the same PR, the new file's maintainers).
- ``content/companies/logos/<file>``: only maintainers of every company whose BASE profile
  uses the logo (for a new logo: of a company in the PR that uses it).
- Anything else under ``content/`` (the guide, ...): editors only.
- Editors, one GitHub name per line in ``.github/EDITORS`` (read at BASE), may change all content.
- A PR marked content-only (``--content-only`` or the label ``content-only``) may not touch
  anything outside ``content/``.

The content of the working tree is validated with ``content_model`` as in ``make validate``.
A Markdown summary (companies and vacancies added, changed, removed; validation; ownership)
goes to ``--summary FILE`` (e.g. ``$GITHUB_STEP_SUMMARY``).

Examples:

    python scripts/check_pr.py --author octocat --base origin/main --head HEAD
    python scripts/check_pr.py --author octocat --base origin/main --changed-files changed.txt

``--changed-files`` holds one path per line, or ``git diff --name-status`` output. Without it
the changes are ``git diff --name-status --no-renames BASE...HEAD``; without ``--head``, the
working tree (uncommitted and untracked files included) is compared with where it left BASE.

Exit status: 0 when the PR passes, 1 when a rule is broken or the content is invalid,
2 on bad usage or when git cannot answer.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_settings import ROOT, site_languages  # noqa: E402

from content_model import Problem, load_directory  # noqa: E402
from content_model.source_files import parse_front_matter  # noqa: E402

CONTENT_ONLY_LABEL = "content-only"
EDITORS_PATH = ".github/EDITORS"
COMPANY_FILE = re.compile(r"^content/companies/(?P<slug>[^/]+)\.ya?ml$")
LOGO_FILE = re.compile(r"^content/companies/logos/(?P<name>[^/]+)$")
VACANCY_FILE = re.compile(r"^content/vacancies/(?P<company>[^/]+)/(?P<rest>.+)$")
STATUS_LINE = re.compile(r"^(?P<status>[ACDMRTUX])(?P<score>\d*)\t(?P<paths>.+)$")


class UsageError(Exception):
    """Bad arguments or a git question that cannot be answered; exit status 2."""


# Reading the two versions of the repository -------------------------------------------------
class Git:
    """Runs git in ``repo``."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo

    def run(self, *args: str) -> str:
        result = subprocess.run(["git", "-C", str(self.repo), *args], capture_output=True, text=True)
        if result.returncode != 0:
            raise UsageError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def show(self, rev: str, path: str) -> bytes | None:
        """Bytes of ``path`` at ``rev``, or None when the file does not exist there."""
        result = subprocess.run(["git", "-C", str(self.repo), "show", f"{rev}:{path}"], capture_output=True)
        return result.stdout if result.returncode == 0 else None

    def has(self, rev: str, path: str) -> bool:
        return subprocess.run(["git", "-C", str(self.repo), "cat-file", "-e", f"{rev}:{path}"],
                              capture_output=True).returncode == 0

    def list_files(self, rev: str, folder: str) -> list[str]:
        return self.run("ls-tree", "-r", "--name-only", rev, "--", folder).splitlines()

    def verify(self, rev: str) -> None:
        self.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")


class Version:
    """One side of the PR: a git revision, or the working tree when ``rev`` is None."""

    def __init__(self, git: Git, rev: str | None) -> None:
        self.git = git
        self.rev = rev

    def read(self, path: str) -> str | None:
        """Text of ``path`` (bytes that are not UTF-8 replaced), or None when it does not exist."""
        if self.rev is not None:
            data = self.git.show(self.rev, path)
        else:
            file = self.git.repo / path
            data = file.read_bytes() if file.is_file() else None
        return None if data is None else data.decode("utf-8", errors="replace")

    def exists(self, path: str) -> bool:
        return self.git.has(self.rev, path) if self.rev is not None else (self.git.repo / path).is_file()

    def company_files(self) -> list[str]:
        if self.rev is not None:
            names = self.git.list_files(self.rev, "content/companies")
        else:
            folder = self.git.repo / "content" / "companies"
            names = [f"content/companies/{p.name}" for p in sorted(folder.glob("*"))] if folder.is_dir() else []
        return [name for name in names if COMPANY_FILE.match(name)]

    def company(self, slug: str) -> tuple[str, dict] | None:
        """(path, fields) of company ``slug``; fields are {} when the YAML does not parse."""
        for path in (f"content/companies/{slug}.yaml", f"content/companies/{slug}.yml"):
            text = self.read(path)
            if text is not None:
                return path, yaml_fields(text)
        return None

    def maintainers(self, slug: str) -> set[str] | None:
        """Maintainers (lower case) of company ``slug``, or None when it does not exist here."""
        found = self.company(slug)
        if found is None:
            return None
        listed = found[1].get("maintainers")
        return {str(name).lower() for name in listed} if isinstance(listed, list) else set()


def yaml_fields(text: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def vacancy_title(text: str | None) -> str | None:
    if text is None:
        return None
    data = parse_front_matter(text, "").data
    return str(data["title"]) if isinstance(data, dict) and data.get("title") else None


def read_editors(version: Version, path: str) -> set[str]:
    text = version.read(path) or ""
    return {line.split("#", 1)[0].strip().lower() for line in text.splitlines()
            if line.split("#", 1)[0].strip()}


# The changed files ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    status: str  # "A" added, "M" changed, "D" removed (from the BASE version to the head)
    path: str


def parse_changed_files(text: str) -> list[str]:
    """Paths from one-path-per-line text or ``git diff --name-status`` output (renames: both)."""
    paths: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = STATUS_LINE.match(line)
        parts = match.group("paths").split("\t") if match else [line.strip()]
        paths += [part.strip() for part in parts if part.strip()]
    return list(dict.fromkeys(paths))


def classify(paths: list[str], base: Version, head: Version) -> list[Change]:
    """Status of each path from whether it exists in BASE and in the head."""
    changes = []
    for path in paths:
        before, after = base.exists(path), head.exists(path)
        if not before and not after:
            continue  # added and removed again within the PR
        changes.append(Change("A" if not before else "D" if not after else "M", path))
    return changes


# Rules -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    ok: bool
    path: str
    message: str


@dataclass
class Review:
    author: str
    editor: bool
    content_only: bool
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] | None = None  # None when validation was not run
    validation_note: str = ""

    @property
    def passed(self) -> bool:
        return all(finding.ok for finding in self.findings) and not self.problems


class OwnershipRules:
    """Decides, file by file, whether ``author`` may make a change."""

    def __init__(self, author: str, editors: set[str], base: Version, head: Version,
                 content_only: bool, changes: list[Change]) -> None:
        self.author = author
        self.login = author.lower()
        self.editor = self.login in editors
        self.base = base
        self.head = head
        self.content_only = content_only
        self.added_companies = {COMPANY_FILE.match(c.path)["slug"] for c in changes
                                if c.status == "A" and COMPANY_FILE.match(c.path)}

    def check(self, change: Change) -> Finding:
        path = change.path
        if not path.startswith("content/"):
            if self.content_only:
                return Finding(False, path, f"{path} is not content, but the PR is marked content-only "
                               f"(label '{CONTENT_ONLY_LABEL}'): move this change to a separate PR, "
                               "or remove the label so the code is reviewed")
            return Finding(True, path, "code or documentation: needs review by a project maintainer")
        if self.editor:
            return Finding(True, path, f"@{self.author} is an editor ({EDITORS_PATH})")
        if match := COMPANY_FILE.match(path):
            return self.company_file(change, match["slug"])
        if match := LOGO_FILE.match(path):
            return self.logo_file(change, match["name"])
        if match := VACANCY_FILE.match(path):
            return self.vacancy_file(path, match["company"])
        return Finding(False, path, f"only editors ({EDITORS_PATH}) may change {path}; "
                       "ask an editor to review or make this change")

    def may_edit_company(self, slug: str) -> tuple[bool, str]:
        """(allowed, reason) for changing company ``slug`` or its vacancies."""
        owners = self.base.maintainers(slug)
        if owners is not None:
            name = self.company_name(slug)
            if self.login in owners:
                return True, f"@{self.author} maintains {name}"
            if not owners:
                return False, (f"{name} lists no maintainers; only editors ({EDITORS_PATH}) may change it. "
                               "Ask an editor to add you to its maintainers first")
            listed = ", ".join(f"@{owner}" for owner in sorted(owners))
            return False, (f"@{self.author} does not maintain {name} (maintainers: {listed}); ask one of "
                           f"them or an editor ({EDITORS_PATH}) to add you to its maintainers first")
        if slug in self.added_companies:
            owners = self.head.maintainers(slug) or set()
            if self.login in owners:
                return True, f"new company {self.company_name(slug)}, maintained by @{self.author}"
            return False, (f"the new company profile content/companies/{slug}.yaml must list @{self.author} "
                           f"in its maintainers (maintainers: [{self.author}])")
        return False, (f"there is no company {slug!r} (no content/companies/{slug}.yaml); add the "
                       "company profile first or put the vacancy in the folder of your company")

    def company_file(self, change: Change, slug: str) -> Finding:
        if change.status == "A":
            owners = self.head.maintainers(slug) or set()
            if self.login in owners:
                return Finding(True, change.path, f"new company, maintained by @{self.author}")
            return Finding(False, change.path, f"{change.path} is a new company profile: list your GitHub "
                           f"name in it to maintain it (maintainers: [{self.author}])")
        allowed, reason = self.may_edit_company(slug)
        return Finding(allowed, change.path, reason)

    def vacancy_file(self, path: str, company: str) -> Finding:
        allowed, reason = self.may_edit_company(company)
        return Finding(allowed, path, reason)

    def logo_file(self, change: Change, name: str) -> Finding:
        logo = f"logos/{name}"
        users = self.companies_using(self.base, logo)
        if not users and change.status == "A":
            users = self.companies_using(self.head, logo)
            allowed = [slug for slug in users if self.may_edit_company(slug)[0]]
            if allowed:
                return Finding(True, change.path, f"new logo of {self.company_name(allowed[0])}")
            return Finding(False, change.path, f"{change.path} is not used by a company you maintain: set "
                           f"'logo: {logo}' in your company profile in the same PR")
        if not users:
            return Finding(False, change.path, f"{change.path} is used by no company; only editors "
                           f"({EDITORS_PATH}) may change or remove it")
        refused = [reason for allowed, reason in map(self.may_edit_company, users) if not allowed]
        if refused:
            return Finding(False, change.path, f"{change.path} is the logo of "
                           f"{', '.join(self.company_name(slug) for slug in users)}: {refused[0]}")
        return Finding(True, change.path, f"logo of {', '.join(self.company_name(slug) for slug in users)}, "
                       f"maintained by @{self.author}")

    @staticmethod
    def companies_using(version: Version, logo: str) -> list[str]:
        slugs = []
        for path in version.company_files():
            fields = yaml_fields(version.read(path) or "")
            if fields.get("logo") == logo:
                slugs.append(COMPANY_FILE.match(path)["slug"])
        return slugs

    def company_name(self, slug: str) -> str:
        for version in (self.base, self.head):
            found = version.company(slug)
            if found and isinstance(found[1].get("name"), str):
                return f"{found[1]['name']} ({found[0]})"
        return f"content/companies/{slug}.yaml"


# Summary ------------------------------------------------------------------------------------------
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")


def md(text: str) -> str:
    """Untrusted text made inert in Markdown (and on one line): HTML as entities, the rest escaped."""
    flat = " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def code(path: str) -> str:
    """A file name as a Markdown code span (a backtick in the name cannot end it early)."""
    return "`" + " ".join(path.split()).replace("`", "'") + "`"


def change_table(rows: list[tuple[str, str, str]]) -> list[str]:
    if not rows:
        return ["None.", ""]
    lines = ["| change | name | file |", "| --- | --- | --- |"]
    lines += [f"| {status} | {md(name)} | {code(path)} |" for status, name, path in rows]
    return lines + [""]


STATUS_WORDS = {"A": "added", "M": "changed", "D": "removed"}


def summary_markdown(review: Review, changes: list[Change], base: Version, head: Version) -> str:
    companies: list[tuple[str, str, str]] = []
    vacancies: list[tuple[str, str, str]] = []
    other: list[Change] = []
    for change in changes:
        version = base if change.status == "D" else head
        if match := COMPANY_FILE.match(change.path):
            name = yaml_fields(version.read(change.path) or "").get("name") or match["slug"]
            companies.append((STATUS_WORDS[change.status], str(name), change.path))
        elif match := VACANCY_FILE.match(change.path):
            title = vacancy_title(version.read(change.path)) or match["rest"]
            company = version.company(match["company"]) or base.company(match["company"])
            company_name = (company[1].get("name") if company else None) or match["company"]
            vacancies.append((STATUS_WORDS[change.status], f"{title} ({company_name})", change.path))
        else:
            other.append(change)
    who = f"@{md(review.author)}" + (" (editor)" if review.editor else "")
    lines = ["## Work in Twente: pull request check", "",
             f"**{'✅ Passed' if review.passed else '❌ Failed'}** · author {who}"
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


# Command line ----------------------------------------------------------------------------------
def validate(content: Path) -> tuple[list[Problem], str]:
    languages = site_languages()
    directory, problems = load_directory(content, languages)
    note = (f"content is valid: {len(directory.companies)} companies, {len(directory.vacancies)} vacancies, "
            f"{sum(len(v) for v in directory.guides.values())} guide pages")
    return problems, note


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--author", required=True, help="GitHub user name of the PR's author")
    parser.add_argument("--base", required=True,
                        help="git revision the PR goes into; ownership and editors are read there")
    parser.add_argument("--head", help="git revision of the PR (default: the working tree)")
    parser.add_argument("--changed-files", type=Path, metavar="FILE",
                        help="changed paths, one per line, or `git diff --name-status` output "
                             "(default: git diff --name-status BASE...HEAD, or the working tree)")
    parser.add_argument("--content-only", action="store_true", help="the PR claims to change content only")
    parser.add_argument("--labels", default="",
                        help=f"the PR's labels, comma- or newline-separated; '{CONTENT_ONLY_LABEL}' "
                             "means --content-only")
    parser.add_argument("--editors", default=EDITORS_PATH, metavar="PATH",
                        help=f"file in the repository listing editors, read at BASE (default: {EDITORS_PATH})")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the git repository (default: this one)")
    parser.add_argument("--content", type=Path, help="content folder to validate (default: REPO/content)")
    parser.add_argument("--no-validate", action="store_true", help="skip validating the content")
    parser.add_argument("--summary", type=Path, metavar="FILE",
                        help="append a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    labels = {label.strip().lower() for label in re.split(r"[,\n]", args.labels) if label.strip()}
    content_only = args.content_only or CONTENT_ONLY_LABEL in labels
    git = Git(args.repo.resolve())
    try:
        git.verify(args.base)
        if args.head:
            git.verify(args.head)
        if args.changed_files:
            if not args.changed_files.is_file():
                raise UsageError(f"--changed-files: {args.changed_files} does not exist")
            paths = parse_changed_files(args.changed_files.read_text(encoding="utf-8"))
        elif args.head:
            paths = parse_changed_files(git.run("diff", "--name-status", "--no-renames",
                                                f"{args.base}...{args.head}"))
        else:  # the working tree, uncommitted and new files included, against where it left BASE
            fork_point = git.run("merge-base", args.base, "HEAD").strip()
            paths = parse_changed_files(git.run("diff", "--name-status", "--no-renames", fork_point)
                                        + git.run("ls-files", "--others", "--exclude-standard"))
    except UsageError as error:
        print(f"check_pr: {error}", file=sys.stderr)
        return 2
    base, head = Version(git, args.base), Version(git, args.head)
    changes = classify(paths, base, head)
    editors = read_editors(base, args.editors)
    rules = OwnershipRules(args.author, editors, base, head, content_only, changes)
    review = Review(args.author, rules.editor, content_only, [rules.check(change) for change in changes])
    if not args.no_validate:
        review.problems, review.validation_note = validate(args.content or git.repo / "content")

    for finding in review.findings:
        print(f"{'ok  ' if finding.ok else 'FAIL'} {finding.path}: {finding.message}")
    for problem in review.problems or []:
        print(f"FAIL {problem}")
    refused = sum(not finding.ok for finding in review.findings)
    print(f"{len(changes)} changed file{'s' if len(changes) != 1 else ''}, {refused} not allowed, "
          + (f"{len(review.problems)} content problem{'s' if len(review.problems) != 1 else ''}"
             if review.problems is not None else "content not validated")
          + f": {'passed' if review.passed else 'failed'}")
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(summary_markdown(review, changes, base, head))
    return 0 if review.passed else 1


if __name__ == "__main__":
    sys.exit(main())
