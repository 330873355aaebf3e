"""SmartRecruiters Posting API: ``GET https://api.smartrecruiters.com/v1/companies/<id>/postings``.

Public, no key. The list is paged: ``{"offset", "limit", "totalFound", "content": [...]}``;
the next page is requested with ``offset`` advanced by ``limit`` until ``totalFound`` is
reached (the adapter asks for ``limit=100``, the maximum, when the URL does not say). List
items carry ``id``, ``name`` (title), ``releasedDate``, ``location`` (``city``, ``remote``,
``hybrid``: both false means on-site), ``typeOfEmployment`` (``{id, label}``) and ``language.code`` but no description,
so each posting's details are fetched from ``.../postings/<id>``: ``jobAd.sections``
(``jobDescription``, ``qualifications``, ``additionalInformation``; each ``{title, text}``
with HTML text; the ``companyDescription`` section is left out, the site has a company
profile), ``postingUrl`` (the posting page: ``url``) and ``applyUrl`` (the application form:
``apply_url``). ``typeOfEmployment`` gives both its label (``Part-time``) and its id
(``permanent``); both are read. The detail URL is built from the configured feed
URL, never taken from the response, so a feed cannot send the fetcher to another host.
Reference: https://developers.smartrecruiters.com/docs/posting-api
"""

from __future__ import annotations

import dataclasses
import html
from urllib.parse import quote, urlsplit, urlunsplit

from . import (FeedAdapter, FeedFormatError, Page, Posting, expect, identifier, language_code, load_json,
               parse_date, query_value, read_items, text, values, with_default_query,
               with_query)

SECTIONS = ("jobDescription", "qualifications", "additionalInformation")


class SmartRecruitersAdapter(FeedAdapter):
    type = "smartrecruiters"
    reference = "https://developers.smartrecruiters.com/docs/posting-api"

    def request_url(self, feed_url: str) -> str:
        return with_default_query(feed_url, limit="100")

    def parse(self, body: bytes, url: str) -> Page:
        data = expect(load_json(body), dict, "SmartRecruiters response")
        content = expect(data.get("content"), list, "SmartRecruiters 'content'")
        parts = urlsplit(url)
        base = urlunsplit(parts._replace(query="", fragment="")).rstrip("/")
        company = base.rstrip("/").split("/")[-2] if base.count("/") >= 2 else ""

        def read(item: object, where: str) -> Posting:
            item = expect(item, dict, where)
            posting_id = identifier(item.get("id")) or ""
            location = item.get("location") if isinstance(item.get("location"), dict) else {}
            employment = item.get("typeOfEmployment")
            language = item.get("language")
            remote = ("remote" if location.get("remote") is True
                      else "hybrid" if location.get("hybrid") is True
                      else "on-site" if location.get("remote") is False and location.get("hybrid") is False
                      else None)
            return Posting(
                id=posting_id, title=text(item.get("name")) or "",
                url=f"https://jobs.smartrecruiters.com/{quote(company)}/{quote(posting_id)}",
                place=text(location.get("city")),
                date_posted=parse_date(item.get("releasedDate")),
                employment_type=values(employment.get("label"), employment.get("id"))
                if isinstance(employment, dict) else values(employment),
                language=language_code(language.get("code")) if isinstance(language, dict) else None,
                remote=remote,
                detail_url=f"{base}/{quote(posting_id, safe='')}",
            )

        page = read_items(content, "content", read)
        page.next_url = _next_page(url, data, len(content))
        return page

    def parse_detail(self, body: bytes, posting: Posting) -> Posting:
        data = expect(load_json(body), dict, f"SmartRecruiters posting {posting.id}")
        job_ad = data.get("jobAd")
        sections = job_ad.get("sections") if isinstance(job_ad, dict) else None
        if not isinstance(sections, dict):
            raise FeedFormatError(f"SmartRecruiters posting {posting.id}: no jobAd.sections")
        parts = []
        for name in SECTIONS:
            section = sections.get(name)
            if isinstance(section, dict) and text(section.get("text")):
                heading = text(section.get("title"))
                parts.append((f"<h3>{html.escape(heading)}</h3>" if heading else "") + section["text"])
        return dataclasses.replace(posting, description_html="".join(parts),
                                   url=text(data.get("postingUrl")) or posting.url,
                                   apply_url=text(data.get("applyUrl")), detail_url=None)


def _next_page(url: str, data: dict, count: int) -> str | None:
    offset, limit, total = data.get("offset"), data.get("limit"), data.get("totalFound")
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in (offset, limit, total)):
        return None
    if count == 0 or limit <= 0 or offset + limit >= total:
        return None
    requested = query_value(url, "limit")
    return with_query(url, offset=str(offset + limit), limit=requested or str(limit))
