"""Workable public jobs API: ``GET https://apply.workable.com/api/v1/widget/accounts/<subdomain>?details=true``.

Public, no key, no paging (the older ``https://www.workable.com/api/accounts/<subdomain>``
answers the same shape). The answer is ``{"name", "description", "jobs": [...]}``. Fields used
per job: ``shortcode`` (id), ``title``, ``description`` (HTML; only with ``details=true``, which
the adapter adds when missing), ``url`` (posting page) or ``application_url``,
``published_on``/``created_at`` (``YYYY-MM-DD``), ``employment_type`` (``Full-time``,
``Part-time``, ``Contract``, ``Temporary``, ``Internship``...), ``telecommuting``,
``city`` or ``locations[].city``.
Reference: https://workable.readme.io/reference/jobs-1
"""

from __future__ import annotations

from . import (FeedAdapter, Page, Posting, expect, identifier, load_json, parse_date, read_items, text,
               with_default_query)


class WorkableAdapter(FeedAdapter):
    type = "workable"
    reference = "https://workable.readme.io/reference/jobs-1"

    def request_url(self, feed_url: str) -> str:
        return with_default_query(feed_url, details="true")

    def parse(self, body: bytes, url: str) -> Page:
        data = expect(load_json(body), dict, "Workable response")
        jobs = expect(data.get("jobs"), list, "Workable 'jobs'")
        return read_items(jobs, "jobs", _job)


def _job(job: object, where: str) -> Posting:
    job = expect(job, dict, where)
    place = text(job.get("city"))
    for location in job.get("locations") or []:
        if not place and isinstance(location, dict) and not location.get("hidden"):
            place = text(location.get("city"))
    return Posting(
        id=identifier(job.get("shortcode")) or identifier(job.get("id")) or "",
        title=text(job.get("title")) or "",
        apply_url=text(job.get("url")) or text(job.get("application_url")) or text(job.get("shortlink")) or "",
        description_html=text(job.get("description")) or "",
        place=place,
        date_posted=parse_date(job.get("published_on")) or parse_date(job.get("created_at")),
        employment_type=text(job.get("employment_type")),
        remote="remote" if job.get("telecommuting") is True else None,
    )
