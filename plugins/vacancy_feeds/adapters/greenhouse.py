"""Greenhouse Job Board API: ``GET https://boards-api.greenhouse.io/v1/boards/<token>/jobs?content=true``.

Public, no key, no paging: ``{"jobs": [...], "meta": {"total": n}}``. With ``content=true``
each job carries ``content``, its description as *entity-escaped* HTML (``&lt;p&gt;``).
Fields used: ``id`` (the job post), ``internal_job_id`` (the job it posts: re-posts of one
job share it, so the fetcher writes them once), ``title``, ``absolute_url`` (the posting page,
which holds the application form), ``location.name``, ``first_published`` or ``updated_at``
(ISO 8601 with offset), ``language`` when present, and ``metadata`` (custom fields) named
"Employment type"/"Dienstverband"/"Remote"/"Workplace type" for employment type and remote
status, since the API has no field of its own for them. The adapter adds ``content=true``
when the configured URL lacks it.
Reference: https://developers.greenhouse.io/job-board.html
"""

from __future__ import annotations

import re

from . import (FeedAdapter, Page, Posting, expect, identifier, language_code, load_json, maybe_unescape,
               parse_date, read_items, remote_status, text, values, with_default_query)


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
    employment, remote = _metadata(job.get("metadata"))
    return Posting(
        id=identifier(job.get("id")) or "", title=text(job.get("title")) or "",
        url=text(job.get("absolute_url")) or "",
        description_html=maybe_unescape(text(job.get("content")) or ""),
        place=text(location.get("name")) if isinstance(location, dict) else None,
        date_posted=parse_date(job.get("first_published")) or parse_date(job.get("updated_at")),
        employment_type=employment,
        language=language_code(job.get("language")),
        remote=remote,
        job_id=identifier(job.get("internal_job_id")),
    )


_EMPLOYMENT_FIELDS = re.compile(r"employment|dienstverband|contract ?type|job ?type|arbeitszeit|schedule", re.I)
_REMOTE_FIELDS = re.compile(r"remote|workplace|work ?location ?type|thuiswerk", re.I)


def _metadata(metadata: object) -> tuple[tuple[str, ...], str | None]:
    """Employment wording and remote status from the board's custom fields, where it has them."""
    employment: tuple[str, ...] = ()
    remote = None
    for field in metadata if isinstance(metadata, list) else []:
        if not isinstance(field, dict) or not isinstance(field.get("name"), str):
            continue
        value = field.get("value")
        if _EMPLOYMENT_FIELDS.search(field["name"]):
            employment += values(value)
        elif _REMOTE_FIELDS.search(field["name"]) and remote is None:
            remote = remote_status(value if not isinstance(value, list) else (value[0] if value else None))
    return employment, remote
