"""Greenhouse Job Board API: ``GET https://boards-api.greenhouse.io/v1/boards/<token>/jobs?content=true``.

Public, no key, no paging: ``{"jobs": [...], "meta": {"total": n}}``. With ``content=true``
each job carries ``content``, its description as *entity-escaped* HTML (``&lt;p&gt;``).
Fields used: ``id``, ``title``, ``absolute_url``, ``location.name``, ``first_published`` or
``updated_at`` (ISO 8601 with offset), ``language`` when present. The adapter adds
``content=true`` when the configured URL lacks it.
Reference: https://developers.greenhouse.io/job-board.html
"""

from __future__ import annotations

from . import (FeedAdapter, Page, Posting, expect, identifier, language_code, load_json, maybe_unescape,
               parse_date, read_items, text, with_default_query)


class GreenhouseAdapter(FeedAdapter):
    type = "greenhouse"
    reference = "https://developers.greenhouse.io/job-board.html"

    def request_url(self, feed_url: str) -> str:
        return with_default_query(feed_url, content="true")

    def parse(self, body: bytes, url: str) -> Page:
        data = expect(load_json(body), dict, "Greenhouse response")
        jobs = expect(data.get("jobs"), list, "Greenhouse 'jobs'")
        return read_items(jobs, "jobs", _job)


def _job(job: object, where: str) -> Posting:
    job = expect(job, dict, where)
    location = job.get("location")
    return Posting(
        id=identifier(job.get("id")) or "", title=text(job.get("title")) or "",
        apply_url=text(job.get("absolute_url")) or "",
        description_html=maybe_unescape(text(job.get("content")) or ""),
        place=text(location.get("name")) if isinstance(location, dict) else None,
        date_posted=parse_date(job.get("first_published")) or parse_date(job.get("updated_at")),
        language=language_code(job.get("language")),
    )
