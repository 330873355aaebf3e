"""Lever Postings API: ``GET https://api.lever.co/v0/postings/<site>?mode=json`` (EU: ``api.eu.lever.co``).

Public, no key. The answer is a JSON array of postings. Paging uses ``skip`` and ``limit``:
when the configured URL sets ``limit`` and a page is full, the next page is requested with
``skip`` advanced by ``limit``. Fields used: ``id``, ``text`` (title), ``categories``
(``location``, ``commitment``), ``description`` (opening + body, HTML), ``lists``
(``{text, content}``, content is ``<li>`` HTML), ``additional``, ``hostedUrl`` (the posting
page: ``url``), ``applyUrl`` (the application form: ``apply_url``), ``createdAt`` (epoch
milliseconds), ``workplaceType`` (``on-site``, ``remote``, ``hybrid``, ``unspecified``) and
``salaryRange`` ``{currency, interval, min, max}``; ``categories.commitment`` is the
employment type (``Full-time``, ``Part-time``, ``Internship``... as the company names them).
Reference: https://github.com/lever/postings-api
"""

from __future__ import annotations

import html

from . import (FeedAdapter, Page, Posting, expect, identifier, load_json, parse_date, query_value, read_items,
               text, values, with_default_query, with_query)


class LeverAdapter(FeedAdapter):
    type = "lever"
    reference = "https://github.com/lever/postings-api"

    def request_url(self, feed_url: str) -> str:
        return with_default_query(feed_url, mode="json")

    def parse(self, body: bytes, url: str) -> Page:
        items = expect(load_json(body), list, "Lever response")
        page = read_items(items, "postings", _posting)
        page.next_url = _next_page(url, len(items))
        return page


def _posting(item: object, where: str) -> Posting:
    item = expect(item, dict, where)
    categories = item.get("categories") if isinstance(item.get("categories"), dict) else {}
    parts = [text(item.get("description")) or ""]
    for block in item.get("lists") or []:
        if isinstance(block, dict) and text(block.get("content")):
            heading = text(block.get("text"))
            parts.append((f"<h3>{html.escape(heading)}</h3>" if heading else "") + f"<ul>{block['content']}</ul>")
    parts.append(text(item.get("additional")) or "")
    workplace = text(item.get("workplaceType"))
    salary = item.get("salaryRange") if isinstance(item.get("salaryRange"), dict) else None
    return Posting(
        id=identifier(item.get("id")) or "", title=text(item.get("text")) or "",
        url=text(item.get("hostedUrl")) or text(item.get("applyUrl")) or "",
        apply_url=text(item.get("applyUrl")),
        description_html="".join(parts),
        place=text(categories.get("location")),
        date_posted=parse_date(item.get("createdAt")),
        employment_type=values(categories.get("commitment")),
        remote=workplace if workplace in ("on-site", "remote", "hybrid") else None,
        salary={"min": salary.get("min"), "max": salary.get("max"),
                "currency": salary.get("currency"), "period": salary.get("interval")} if salary else None,
    )


def _next_page(url: str, count: int) -> str | None:
    limit = query_value(url, "limit")
    if not (limit and limit.isdigit() and int(limit) > 0 and count >= int(limit)):
        return None
    skip = query_value(url, "skip")
    start = int(skip) if skip and skip.isdigit() else 0
    return with_query(url, skip=str(start + int(limit)))
