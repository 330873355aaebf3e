"""How content problems reach the person who runs Pelican directly (``pelican content ...``).

The build raises ``ContentError`` listing every problem. Pelican's command line logs any
exception as one CRITICAL record with a traceback, wrapped to the terminal's width. For
content problems that traceback says nothing useful and the wrapping breaks the
``path:line:column`` a person clicks, so this filter prints every problem on a line of its
own and replaces the record with a one-line summary. Problems are never logged one by one
as errors: under ``--fatal warnings`` the first such record would stop the build with a
RuntimeError after a single problem.
"""

from __future__ import annotations

import logging
import sys

from content_model import ContentError


class ContentProblemReport(logging.Filter):
    """On Pelican's own logger: content problems as plain lines, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, ContentError):
            # Pelican's log console writes to standard output: the same stream keeps the order.
            sys.stdout.write("".join(f"{problem}\n" for problem in error.problems))
            sys.stdout.flush()
            count = len(error.problems)
            record.msg = "%d problem%s found in content; nothing was built (`make validate` checks without building)"
            record.args = (count, "" if count == 1 else "s")
            record.exc_info = None
            record.exc_text = None
        return True


REPORT = ContentProblemReport()


def install(logger: logging.Logger | None = None) -> None:
    """Attach the report to Pelican's logger (once, however often the plugin is registered)."""
    logger = logger or logging.getLogger("pelican")
    if REPORT not in logger.filters:
        logger.addFilter(REPORT)
