"""How content gets contributed: who may change what, and issue forms that become pull requests.

``ownership`` holds the rules that ``scripts/check_pr.py`` (pull requests) and
``scripts/issue_to_pr.py`` (issue forms) both apply; ``versions`` reads the BASE and the
proposed files; ``summary`` writes the Markdown verdict. ``issue_forms`` declares the forms
(generated into .github/ISSUE_TEMPLATE/), ``form_bodies`` reads a submitted one and
``submissions`` turns it into checked content files; ``profiles`` writes company profiles.
"""

from .ownership import (CONTENT_ONLY_LABEL, EDITORS_PATH, Change, Finding, OwnershipRules, Review, classify,
                        parse_changed_files, read_editors)
from .summary import summary_markdown
from .versions import Folder, Git, GitError, Revision, Version

__all__ = [
    "CONTENT_ONLY_LABEL", "EDITORS_PATH", "Change", "Finding", "Folder", "Git", "GitError", "OwnershipRules",
    "Review", "Revision", "Version", "classify", "parse_changed_files", "read_editors", "summary_markdown",
]
