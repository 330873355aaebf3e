"""Personio XML feed: ``GET https://<company>.jobs.personio.de/xml`` (optionally ``?language=en``).

Public, no key, one document, no paging. Root ``<workzag-jobs>`` with one ``<position>``
per published job: ``id``, ``office``, ``name`` (the title), ``jobDescriptions`` (a list of
``jobDescription`` blocks, each a ``name`` and an HTML ``value`` in CDATA),
``employmentType`` (``permanent``, ``intern``, ``trainee`` or ``freelance``), ``schedule``
(``full-time`` or ``part-time``) and ``createdAt``. The feed has no link; the public posting
page is ``https://<company>.jobs.personio.de/job/<id>``. The ``language`` query parameter
asks for that translation, but a position that has none comes in the language it was
written in, so on a multilingual board it does not state each posting's language: it is a
feed-wide hint (``feed_language``), used only when the text does not make its language
clear (see ``mapping.posting_language``). ``employmentType`` and ``schedule`` both go to the
employment type (``permanent`` + ``part-time`` is part-time).
Reference: https://developer.personio.de/docs/retrieving-open-job-positions
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from . import (FeedAdapter, FeedFormatError, Page, Posting, language_code, load_xml, local_name,
               parse_date, query_value, read_items, text, values)


class PersonioAdapter(FeedAdapter):
    type = "personio"
    reference = "https://developer.personio.de/docs/retrieving-open-job-positions"

    def parse(self, body: bytes, url: str) -> Page:
        root = load_xml(body)
        if local_name(root.tag) != "workzag-jobs":
            raise FeedFormatError(f"Personio feed: expected a <workzag-jobs> root, found <{local_name(root.tag)}>")
        parts = urlsplit(url)
        language = language_code(query_value(url, "language"))

        def read(position: Element, where: str) -> Posting:
            fields = {local_name(child.tag): child for child in position}
            posting_id = _text(fields.get("id")) or ""
            blocks = []
            descriptions = fields.get("jobDescriptions")
            for block in descriptions if descriptions is not None else []:
                parts_of_block = {local_name(child.tag): child for child in block}
                name, value = _text(parts_of_block.get("name")), _text(parts_of_block.get("value"))
                if value:
                    blocks.append((f"<h3>{html.escape(name)}</h3>" if name else "") + value)
            link = f"{parts.scheme}://{parts.netloc}/job/{posting_id}"
            if language:
                link += f"?language={language}"
            return Posting(
                id=posting_id, title=_text(fields.get("name")) or "", url=link,
                description_html="".join(blocks),
                place=_text(fields.get("office")),
                date_posted=parse_date(_text(fields.get("createdAt"))),
                employment_type=values(_text(fields.get("employmentType")), _text(fields.get("schedule"))),
                feed_language=language,
            )

        positions = [child for child in root if local_name(child.tag) == "position"]
        return read_items(positions, "position", read)


def _text(element) -> str | None:
    if element is None:
        return None
    return text("".join(element.itertext()))
