"""Who may change which content: the one set of rules for pull requests and issue forms.

Rules (GitHub user names compare case-insensitively):

- ``content/companies/<slug>.yaml``: only the company's maintainers, read from the BASE version
  of the file (so a change cannot add its author to someone else's company), may change or
  remove it. A NEW company file may be added by anyone who lists themselves in its ``maintainers``.
- ``content/vacancies/<slug>/...``: only maintainers of company ``<slug>`` (BASE version; for a
  company added in the same change, the new file's maintainers).
- ``content/companies/logos/<file>``: only maintainers of every company whose BASE profile
  uses the logo (for a new logo: of a company in the change that uses it).
- Anything else under ``content/`` (the guide, ...): editors only.
- Editors, one GitHub name per line in ``.github/EDITORS`` (read at BASE), may change all content.
- A change marked content-only (the label ``content-only``) may not touch anything outside
  ``content/``.

``scripts/check_pr.py`` applies them to pull requests and ``scripts/issue_to_pr.py`` (through
``submissions``) to the files an issue form describes, with the issue's author as the author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from content_model import Problem

from .versions import COMPANY_FILE, Version, yaml_fields

CONTENT_ONLY_LABEL = "content-only"
EDITORS_PATH = ".github/EDITORS"
LOGO_FILE = re.compile(r"^content/companies/logos/(?P<name>[^/]+)$")
VACANCY_FILE = re.compile(r"^content/vacancies/(?P<company>[^/]+)/(?P<rest>.+)$")
STATUS_LINE = re.compile(r"^(?P<status>[ACDMRTUX])(?P<score>\d*)\t(?P<paths>.+)$")


def read_editors(version: Version, path: str = EDITORS_PATH) -> set[str]:
    """Editors (lower case) listed in ``path``: one name a line, ``#`` starts a comment."""
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
            continue  # added and removed again within the change
        changes.append(Change("A" if not before else "D" if not after else "M", path))
    return changes


# Verdicts ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    ok: bool
    path: str
    message: str


@dataclass
class Review:
    """The verdict on one change: a finding per file, and the content problems if validated."""

    author: str
    editor: bool
    content_only: bool
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] | None = None  # None when validation was not run
    validation_note: str = ""

    @property
    def allowed(self) -> bool:
        """The author may make every change (content validity aside)."""
        return all(finding.ok for finding in self.findings)

    @property
    def passed(self) -> bool:
        return self.allowed and not self.problems


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

    def review(self, changes: list[Change]) -> Review:
        return Review(self.author, self.editor, self.content_only, [self.check(change) for change in changes])

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
