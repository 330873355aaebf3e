#!/usr/bin/env python3
"""Turn an issue opened with one of the employer forms into the files of a pull request.

Reads a GitHub ``issues`` event (the JSON file in $GITHUB_EVENT_PATH: ``issue.body``,
``issue.user.login``, ``issue.labels``, ``issue.number``), writes the company profile or
vacancy the form describes, validates it with the content model and applies the ownership
rules of scripts/check_pr.py (plugins/contributions/ownership.py) with the issue's author as
the author. The issue author becomes a maintainer of a new company; an update or vacancy for
a company the author does not maintain becomes a pull request labelled ``editor-review``.

    python scripts/issue_to_pr.py --event event.json             # print what would happen
    python scripts/issue_to_pr.py --event event.json --write     # also write the files here
    python scripts/issue_to_pr.py --event "$GITHUB_EVENT_PATH" --write --github-output "$GITHUB_OUTPUT"

Printed: for a pull request its branch, title, labels and body; otherwise the comment for the
issue (every problem, by question, in the form's language; or a report for the company's
maintainers). Files are only written with ``--write``, into REPO's working tree, and only
the one profile or vacancy file the form describes.

Exit status: 0 a pull request is ready, 1 the issue has problems (post the comment), 3 a
report for people (post the comment), 4 the issue is not from one of the forms, 2 bad usage.
With --github-output the outcome goes to that file (status, branch, title, body, comment,
labels) and the exit status is 0 for all of these.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_settings import ROOT, TRANSLATIONS, site_languages, site_setting  # noqa: E402

from contributions import GitError  # noqa: E402
from contributions.issue_forms import build_forms, form_languages  # noqa: E402
from contributions.submissions import Issue, Outcome, Repository, handle_issue  # noqa: E402

EXIT = {"pull-request": 0, "problems": 1, "report": 3, "not-a-form": 4}


def github_output(values: dict[str, str]) -> str:
    """Step outputs in the $GITHUB_OUTPUT format; multi-line values between a random delimiter."""
    lines = []
    for key, value in values.items():
        if "\n" in value or "\r" in value:
            delimiter = f"ghadelimiter_{uuid.uuid4()}"
            while delimiter in value:
                delimiter = f"ghadelimiter_{uuid.uuid4()}"
            lines += [f"{key}<<{delimiter}", value, delimiter]
        else:
            lines.append(f"{key}={value}")
    return "\n".join(lines) + "\n"


def write_files(outcome: Outcome, repo: Path) -> None:
    for path, text in outcome.files.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)


def report(outcome: Outcome) -> str:
    if outcome.status == "pull-request":
        return (f"branch: {outcome.branch}\ntitle: {outcome.title}\nlabels: {', '.join(outcome.labels)}\n\n"
                f"{outcome.body}")
    if outcome.status == "not-a-form":
        return "not an issue from one of the forms: nothing to do\n"
    return outcome.comment


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--event", type=Path, required=True, help="the issues event JSON ($GITHUB_EVENT_PATH)")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the checkout of the base (default: this one)")
    parser.add_argument("--base", default="HEAD",
                        help="git revision the change goes into; maintainers and editors are read there "
                             "(default: HEAD, the checkout)")
    parser.add_argument("--write", action="store_true", help="write the files into REPO's working tree")
    parser.add_argument("--github-output", type=Path, metavar="FILE",
                        help="append the outcome as step outputs (e.g. $GITHUB_OUTPUT)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        event = json.loads(args.event.read_text(encoding="utf-8"))
        issue = Issue.from_event(event if isinstance(event, dict) else {})
        codes = site_languages()
        repository = Repository(args.repo.resolve(), args.base, codes)
    except (OSError, ValueError, GitError) as error:
        print(f"issue_to_pr: {error}", file=sys.stderr)
        return 2
    languages = form_languages(codes, TRANSLATIONS)
    forms = build_forms(languages, str(site_setting("REPOSITORY_URL")))
    outcome = handle_issue(issue, repository, forms, languages)
    if args.write and outcome.status == "pull-request":
        write_files(outcome, repository.root)
    print(report(outcome), end="")
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as handle:
            handle.write(github_output({
                "status": outcome.status, "branch": outcome.branch, "title": outcome.title,
                "labels": ",".join(outcome.labels), "body": outcome.body, "comment": outcome.comment,
                "language": outcome.form.lang if outcome.form else ""}))
        return 0
    return EXIT[outcome.status]


if __name__ == "__main__":
    sys.exit(main())
