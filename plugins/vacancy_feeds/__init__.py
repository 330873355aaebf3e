"""Vacancy feed fetcher: pulls companies' ATS feeds into ``content/vacancies/<company>/``.

Modules:

``adapters``     one module per feed format, behind the ``FeedAdapter`` interface
``fetching``     the polite HTTP client (limits, retries, conditional requests, size cap)
``mapping``      a feed ``Posting`` -> vacancy front matter and Markdown, with the defaults
``description``  HTML -> sanitized HTML -> Markdown accepted by ``content_model.markup``
``language``     stop-word language detector
``writer``       syncs one feed's postings with the files (atomic, deterministic)
``state``        ``content/vacancies/.feed-state.json`` (ETag/Last-Modified, posting map)
``runner``       one run: load companies, download concurrently, sync in a fixed order

Entry point: ``scripts/fetch_vacancies.py``; documentation: ``docs/fetcher.md``. The local feed
server the tests and the benchmark use is a test tool: ``tests/feed_server.py``.
"""

from .fetching import FetchSettings
from .runner import RunOptions, RunReport, UsageError, run, summary_lines

__all__ = ["FetchSettings", "RunOptions", "RunReport", "UsageError", "run", "summary_lines"]
