"""Recruitee Careers Site API: ``GET https://<company>.recruitee.com/api/offers/``.

Public, no key. The answer is ``{"offers": [...]}`` with every published offer, description
included; there is no paging. Fields used per offer: ``id``, ``title``, ``description`` and
``requirements`` (HTML), ``city``/``location``, ``careers_url`` (the posting page: ``url``),
``careers_apply_url`` (the application form: ``apply_url``), ``published_at``/``created_at``
(``"2026-11-02 09:30:00 UTC"``), ``employment_type_code`` (``fulltime_permanent``,
``parttime``, ``internship``, ``freelance``...), ``remote``/``hybrid``/``on_site``,
``min_hours``/``max_hours``, ``salary`` ``{min, max, period, currency}`` and ``translations``
(keyed by language code; when there is exactly one, that is the posting language).
Reference: https://docs.recruitee.com/reference/intro-to-careers-site-api
"""

from __future__ import annotations

from . import (FeedAdapter, Page, Posting, expect, identifier, language_code, load_json, parse_date, read_items,
               text, values)


class RecruiteeAdapter(FeedAdapter):
    type = "recruitee"
    reference = "https://docs.recruitee.com/reference/intro-to-careers-site-api"

    def parse(self, body: bytes, url: str) -> Page:
        data = expect(load_json(body), dict, "Recruitee response")
        offers = expect(data.get("offers"), list, "Recruitee 'offers'")
        return read_items(offers, "offers", _offer)


def _offer(offer: object, where: str) -> Posting:
    offer = expect(offer, dict, where)
    parts = [text(offer.get("description")), text(offer.get("requirements"))]
    translations = offer.get("translations")
    language = None
    if isinstance(translations, dict) and len(translations) == 1:
        language = language_code(next(iter(translations)))
    language = language_code(offer.get("lang_code")) or language
    return Posting(
        id=identifier(offer.get("id")) or text(offer.get("slug")) or "",
        title=text(offer.get("title")) or "",
        url=text(offer.get("careers_url")) or text(offer.get("careers_apply_url")) or "",
        apply_url=text(offer.get("careers_apply_url")),
        description_html="".join(part for part in parts if part),
        place=text(offer.get("city")) or text(offer.get("location")),
        date_posted=parse_date(offer.get("published_at")) or parse_date(offer.get("created_at")),
        valid_through=parse_date(offer.get("close_at")),
        employment_type=values(offer.get("employment_type_code")),
        language=language,
        remote=_remote(offer),
        hours=_hours(offer.get("min_hours"), offer.get("max_hours")),
        salary=offer.get("salary") if isinstance(offer.get("salary"), dict) else None,
    )


def _remote(offer: dict) -> str | None:
    if offer.get("remote") is True:
        return "remote"
    if offer.get("hybrid") is True:
        return "hybrid"
    if offer.get("on_site") is True:
        return "on-site"
    return None


def _hours(low: object, high: object) -> tuple[int, int] | None:
    numbers = [round(value) for value in (low, high)
               if isinstance(value, (int, float)) and not isinstance(value, bool)]
    if len(numbers) == 2:
        return numbers[0], numbers[1]
    if len(numbers) == 1:
        return numbers[0], numbers[0]
    return None
