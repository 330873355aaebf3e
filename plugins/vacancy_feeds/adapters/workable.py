"""Workable public jobs API: ``GET https://apply.workable.com/api/v1/widget/accounts/<subdomain>?details=true``.

Public, no key, no paging (the older ``https://www.workable.com/api/accounts/<subdomain>``
answers the same shape). The answer is ``{"name", "description", "jobs": [...]}``. Fields used
per job: ``shortcode`` (id), ``title``, ``description`` (HTML; only with ``details=true``, which
the adapter adds when missing), ``url`` or ``shortlink`` (the posting page: ``url``),
``application_url`` (the application form: ``apply_url``), ``published_on``/``created_at``
(``YYYY-MM-DD``), ``employment_type`` (``Full-time``, ``Part-time``, ``Contract``,
``Temporary``, ``Internship``...), ``workplace_type`` (``on_site``, ``hybrid``, ``remote``;
also inside ``location``) or else ``telecommuting``, ``city`` or ``locations[].city``.
Reference: https://workable.readme.io/reference/jobs-1
"""

from __future__ import annotations

from . import (FeedAdapter, Page, Posting, expect, identifier, load_json, parse_date, read_items, remote_status,
               text, values, with_default_query)


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
    location = job.get("location") if isinstance(job.get("location"), dict) else {}
    remote = remote_status(job.get("workplace_type") or location.get("workplace_type"))
    telecommuting = job.get("telecommuting", location.get("telecommuting"))
    return Posting(
        id=identifier(job.get("shortcode")) or identifier(job.get("id")) or "",
        title=text(job.get("title")) or "",
        url=text(job.get("url")) or text(job.get("shortlink")) or text(job.get("application_url")) or "",
        apply_url=text(job.get("application_url")),
        description_html=text(job.get("description")) or "",
        place=place or text(location.get("city")),
        date_posted=parse_date(job.get("published_on")) or parse_date(job.get("created_at")),
        employment_type=values(job.get("employment_type")),
        remote=remote or ("remote" if telecommuting is True else None),
    )
