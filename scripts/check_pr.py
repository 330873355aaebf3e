#!/usr/bin/env python3
"""Check a pull request: may its author change these files, and is the content valid?

The rules (who may change which company, vacancy, logo or guide file; editors; content-only
PRs) are in ``plugins/contributions/ownership.py``, shared with ``scripts/issue_to_pr.py``;
this script only reads the PR and reports.
``--content-only`` or the label ``content-only`` marks a PR that may not touch anything
outside ``content/``.

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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_settings import ROOT, site_languages  # noqa: E402

from content_model import Problem, load_directory  # noqa: E402
from contributions import (CONTENT_ONLY_LABEL, EDITORS_PATH, Folder, Git, GitError, OwnershipRules,  # noqa: E402
                           Revision, classify, parse_changed_files, read_editors, summary_markdown)


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


def changed_paths(git: Git, args: argparse.Namespace) -> list[str]:
    git.verify(args.base)
    if args.head:
        git.verify(args.head)
    if args.changed_files:
        if not args.changed_files.is_file():
            raise GitError(f"--changed-files: {args.changed_files} does not exist")
        return parse_changed_files(args.changed_files.read_text(encoding="utf-8"))
    if args.head:
        return parse_changed_files(git.run("diff", "--name-status", "--no-renames", f"{args.base}...{args.head}"))
    # The working tree, uncommitted and new files included, against where it left BASE.
    fork_point = git.run("merge-base", args.base, "HEAD").strip()
    return parse_changed_files(git.run("diff", "--name-status", "--no-renames", fork_point)
                               + git.run("ls-files", "--others", "--exclude-standard"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    labels = {label.strip().lower() for label in re.split(r"[,\n]", args.labels) if label.strip()}
    content_only = args.content_only or CONTENT_ONLY_LABEL in labels
    git = Git(args.repo.resolve())
    try:
        paths = changed_paths(git, args)
    except GitError as error:
        print(f"check_pr: {error}", file=sys.stderr)
        return 2
    base = Revision(git, args.base)
    head = Revision(git, args.head) if args.head else Folder(git.repo)
    changes = classify(paths, base, head)
    rules = OwnershipRules(args.author, read_editors(base, args.editors), base, head, content_only, changes)
    review = rules.review(changes)
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
