"""How content gets contributed: who may change what, and issue forms that become pull requests.

``ownership`` holds the rules (``scripts/check_pr.py`` applies them to pull requests);
``versions`` reads the BASE and the proposed files; ``summary`` writes the Markdown verdict.
"""

from .ownership import (CONTENT_ONLY_LABEL, EDITORS_PATH, Change, Finding, OwnershipRules, Review, classify,
                        parse_changed_files, read_editors)
from .summary import summary_markdown
from .versions import Folder, Git, GitError, Revision, Version

__all__ = [
    "CONTENT_ONLY_LABEL", "EDITORS_PATH", "Change", "Finding", "Folder", "Git", "GitError", "OwnershipRules",
    "Review", "Revision", "Version", "classify", "parse_changed_files", "read_editors", "summary_markdown",
]
