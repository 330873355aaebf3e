"""What the site search knows about each page: display and facet data plus the text to index.

One ``SearchDocument`` per live vacancy, per company and per Welcome Guide chapter, built for
one site language (labels, snippets and URLs depend on it). ``record()`` is what a result card
shows (one small file per document), ``facets()`` the values of every filter (all documents in
one compact table, ``facet_table``), and ``fields`` the text ``indexing`` analyses.

Which text is indexed (fields title | company | place | tags | body)
    vacancy  title | company name | place + municipality | labels of the kind, education,
             hours, language markers and the company's sectors | the posting
    company  name | - | municipality + town | labels of the sectors, offers and markers
             (English-speaking workplace, IND sponsor, relocation help) | every description
    guide    title | - | - | - | summary, text and link names of every translation

Labels are indexed as the page shows them, in the index's own language only: their
translations are not on the page.  Text is indexed in every translation there is, so a Dutch
word finds an English page and the other way round; the URL always points to the page in
the index's own language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from content_model import Company, Directory, GuideChapter, Vacancy, plain_text, vocabulary
from directory_site.site_pages import chapter_path, company_path, vacancy_path

SNIPPET_CHARS = 160

KINDS = ("vacancy", "company", "guide")

# gettext msgids of the two non-vacancy result types.  They are also the labels of the
# type filter in theme/templates/search.html, where the translation catalogues pick them up.
COMPANY_LABEL = "Company"
GUIDE_LABEL = "Welcome Guide"

INTERNATIONAL_LABELS = {
    "english_workplace": "English-speaking workplace",
    "ind_recognised_sponsor": "IND recognised sponsor",
    "relocation_help": "Helps with relocation",
}
"""The company markers and their gettext msgids (the same as on the company pages)."""

FIELDS: dict[str, int] = {"title": 10, "company": 5, "place": 5, "tags": 3, "body": 1}
"""Indexed fields and their boosts: title > company/place > type/sector labels > body."""


class SiteLanguage(Protocol):
    code: str
    prefix: str

    def gettext(self, message: str) -> str: ...

    def label(self, vocabulary: str, value: str) -> str: ...

    def marker_label(self, marker) -> str: ...


@dataclass
class SearchDocument:
    """One search result: its display/facet record and its text per indexed field."""

    id: str  # "vacancy:<company>/<slug>", "company:<slug>", "guide:<slug>"; stable across builds
    kind: str  # vacancy | company | guide
    lang: str  # language of the page's main text
    url: str  # path below the language's root, e.g. "vacancies/acme/tester/"
    title: str
    type: str  # vacancy type, or "company" / "guide"
    type_label: str
    snippet: str
    company: str = ""
    place: str = ""
    municipality: str | None = None
    sectors: tuple[str, ...] = ()
    education: tuple[str, ...] = ()
    english_ok: bool | None = None
    requires: tuple[str, ...] = ()  # languages beyond English a vacancy requires (language filter)
    markers: tuple[str, ...] = ()  # the vacancy's language markers, labelled as on its card
    ind_sponsor: bool | None = None
    fields: dict[str, str] = field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        """What a result card shows; empty values are left out to keep the file small."""
        record: dict[str, Any] = {
            "kind": self.kind, "url": self.url, "title": self.title, "type_label": self.type_label,
            "snippet": self.snippet, "lang": self.lang, "company": self.company, "place": self.place,
            "english_ok": True if self.kind == "vacancy" and self.english_ok else None,
            "markers": list(self.markers),
        }
        return {key: value for key, value in record.items() if value not in ("", None, [])}

    def facets(self) -> dict[str, tuple[str, ...]]:
        """The values this document has in each filter group (``FACET_GROUPS``)."""
        language = (("english",) if self.english_ok else ()) + self.requires
        return {
            "type": (self.type,),
            "municipality": (self.municipality,) if self.municipality else (),
            "sector": self.sectors,
            "education": self.education,
            "language": language,
            "ind": ("sponsor",) if self.ind_sponsor else (),
        }


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (plus an ellipsis)."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else cut[:limit]
    return cut.rstrip(" ,;:.-–—") + "…"


def first_words(text: str, limit: int | None) -> str:
    """The first ``limit`` words of ``text`` (all of it when ``limit`` is None)."""
    if not limit:
        return text
    words = text.split(maxsplit=limit)
    return " ".join(words[:limit])


def vacancy_id(vacancy: Vacancy) -> str:
    return f"vacancy:{vacancy.key}"


def _labels(vocab: str, values: Iterable[str], lang: SiteLanguage) -> str:
    """The labels of ``values`` as the page shows them (in the page's language only: a label's
    translation is not on the page, so a search for it would find what the reader cannot see)."""
    return " ".join(dict.fromkeys(lang.label(vocab, value) for value in values))


def _all_texts(texts: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(texts))


def _city(company: Company) -> list[str]:
    return [company.address["city"]] if company.address and company.address.get("city") else []


def build_documents(directory: Directory, lang: SiteLanguage, languages: Sequence[SiteLanguage],
                    today: dt.date, body_words: int | None = None,
                    texts: PlainTexts | None = None) -> list[SearchDocument]:
    """Search documents for one site language: live vacancies (newest first), companies (by
    name), guide chapters (in guide order).  ``body_words`` caps the indexed body text.
    ``texts``: plain texts made for another language's documents (``PlainTexts``)."""
    documents: list[SearchDocument] = []
    texts = texts if texts is not None else PlainTexts()
    live = sorted(directory.live_vacancies(today), key=lambda v: (-v.date_posted.toordinal(), v.key))
    for vacancy in live:
        company = directory.companies[vacancy.company]
        documents.append(_vacancy_document(vacancy, company, lang, body_words, texts))
    for company in sorted(directory.companies.values(), key=lambda c: c.name.casefold()):
        documents.append(_company_document(company, lang, directory.languages, body_words, texts))
    for chapter in directory.guide_in(lang.code):
        versions = directory.guides[chapter.slug]
        documents.append(_guide_document(chapter, versions, lang, body_words, texts))
    return documents


class PlainTexts:
    """``plain_text`` of Markdown texts, with their snippets and first words: each made once
    however many languages' documents show it (a vacancy's text is the same in every one)."""

    def __init__(self) -> None:
        self.known: dict[tuple, str] = {}

    def plain(self, text: str) -> str:
        return self._once(("plain", text), plain_text, text)

    def snippet(self, text: str) -> str:
        return self._once(("snippet", text), snippet, text)

    def first_words(self, text: str, limit: int | None) -> str:
        return self._once(("words", text, limit), first_words, text, limit)

    def _once(self, key: tuple, make: Callable, *arguments) -> str:
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = make(*arguments)
        return found


def _vacancy_document(vacancy: Vacancy, company: Company, lang: SiteLanguage,
                      body_words: int | None, texts: PlainTexts) -> SearchDocument:
    body = texts.plain(vacancy.body)
    municipality = vacancy.municipality or company.municipality
    places = vacancy.place if municipality == vacancy.place else f"{vacancy.place} {municipality}"
    # What the vacancy's page shows as labels: kind, education, hours, the language markers
    # and the company's sectors ("IT internship" finds an internship at an IT company whose
    # posting never says "IT").
    tags = " ".join([
        _labels("vacancy_type", [vacancy.type], lang),
        _labels("education", vacancy.education, lang),
        _labels("employment_type", vacancy.employment_type, lang),
        _all_texts(lang.marker_label(m) for m in vacancy.language_markers),
        _labels("sector", company.sectors, lang),
    ])
    return SearchDocument(
        id=vacancy_id(vacancy), kind="vacancy", lang=vacancy.language,
        url=vacancy_path(vacancy), title=vacancy.title,
        type=vacancy.type, type_label=lang.label("vacancy_type", vacancy.type),
        snippet=texts.snippet(body), company=company.name, place=vacancy.place,
        municipality=municipality, sectors=tuple(company.sectors), education=tuple(vacancy.education),
        english_ok=vacancy.english_is_enough,
        requires=tuple(m.language for m in vacancy.language_markers if m.kind == "required"),
        markers=tuple(lang.marker_label(m) for m in vacancy.language_markers),
        ind_sponsor=company.ind_recognised_sponsor,
        fields={"title": vacancy.title, "company": company.name, "place": places, "tags": tags,
                "body": texts.first_words(body, body_words)},
    )


def _company_document(company: Company, lang: SiteLanguage, site_languages: list[str],
                      body_words: int | None, texts: PlainTexts) -> SearchDocument:
    shown = company.description_in(lang.code, site_languages)
    text_lang, text = shown if shown else (lang.code, "")
    descriptions = [texts.plain(text)] + [texts.plain(other) for code, other in sorted(company.description.items())
                                     if other != text]
    return SearchDocument(
        id=f"company:{company.slug}", kind="company", lang=text_lang,
        url=company_path(company), title=company.name, type="company",
        type_label=lang.gettext(COMPANY_LABEL), snippet=texts.snippet(descriptions[0]),
        place=company.municipality, municipality=company.municipality,
        sectors=tuple(company.sectors), english_ok=company.english_workplace,
        ind_sponsor=company.ind_recognised_sponsor,
        fields={"title": company.name, "company": "",
                "place": " ".join(dict.fromkeys([company.municipality, *_city(company)])),
                "tags": " ".join([
                    _labels("sector", company.sectors, lang),
                    _labels("offer", company.offers, lang),
                    _all_texts(lang.gettext(msgid) for flag, msgid in INTERNATIONAL_LABELS.items()
                               if getattr(company, flag)),
                ]),
                "body": " ".join(texts.first_words(d, body_words) for d in descriptions)},
    )


def _guide_document(chapter: GuideChapter, versions: dict[str, GuideChapter], lang: SiteLanguage,
                    body_words: int | None, texts: PlainTexts) -> SearchDocument:
    others = [versions[code] for code in sorted(versions) if code != chapter.lang]
    parts = []
    for version in [chapter, *others]:
        parts.append(version.title if version is not chapter else "")
        parts.append(version.summary)
        parts.append(texts.first_words(texts.plain(version.body), body_words))
        parts.extend(link.name for link in version.links)
    return SearchDocument(
        id=f"guide:{chapter.slug}", kind="guide", lang=chapter.lang, url=chapter_path(chapter.slug),
        title=chapter.title, type="guide", type_label=lang.gettext(GUIDE_LABEL),
        snippet=snippet(chapter.summary),
        fields={"title": chapter.title, "company": "", "place": "", "tags": "",
                "body": " ".join(part for part in parts if part)},
    )


FACET_GROUPS = ("type", "municipality", "sector", "education", "language", "ind")
"""Filter groups, in display and URL order."""


def facet_values(directory: Directory | None = None) -> dict[str, list[str]]:
    """Every value each filter can take, in display order (for the search page's filters).

    The language filter offers "English is enough" and one "<language> required" per
    language some vacancy requires besides English (site languages first)."""
    required = {m.language for v in (directory.vacancies if directory else ())
                for m in v.language_markers if m.kind == "required"}
    site = list(directory.languages) if directory else []
    languages = [code for code in site if code in required] + sorted(required - set(site))
    return {
        "type": [*vocabulary("vacancy_type"), "company", "guide"],
        "municipality": vocabulary("municipality"),
        "sector": vocabulary("sector"),
        "education": vocabulary("education"),
        "language": ["english", *languages],
        "ind": ["sponsor"],
    }


CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
"""64 characters, six bits each: the facet table's codes."""
MAX_VALUES = 31  # values of a group, so a document's values fit a 32-bit mask in JavaScript
SINGLE_VALUED = frozenset({"type", "municipality"})


def facet_table(documents: Sequence[SearchDocument], filters: dict[str, list[str]]) -> dict[str, Any]:
    """Every document's filter values in one compact table (``facets.<hash>.json``).

    ``{"documents": n, "groups": [{"name", "values", "width", "codes"}, ...]}``.  In a group
    of ``width`` 0 (``SINGLE_VALUED``), ``codes[ref]`` is the position in ``CODE_ALPHABET``
    of document ``ref``'s value plus one (0: none).  Otherwise document ``ref`` has the values
    whose bits are set in the number written in ``codes[ref * width:(ref + 1) * width]``
    (base 64, most significant character first): bit ``i`` stands for ``values[i]``.
    ``filters`` is ``facet_values(directory)``.
    """
    groups = []
    every = [document.facets() for document in documents]
    for name, values in filters.items():
        if len(values) > MAX_VALUES:
            raise ValueError(f"search filter {name!r} has {len(values)} values; at most {MAX_VALUES} fit the table")
        position = {value: number for number, value in enumerate(values)}
        codes = []
        if name in SINGLE_VALUED:
            width = 0
            for document, facets in zip(documents, every):
                found = facets[name]
                if len(found) > 1:
                    raise ValueError(f"search filter {name!r} takes one value, {document.id} has {found}")
                codes.append(CODE_ALPHABET[position[found[0]] + 1] if found else CODE_ALPHABET[0])
        else:
            width = max(1, -(-len(values) // 6))
            for facets in every:
                mask = 0
                for value in facets[name]:
                    mask |= 1 << position[value]
                codes.append("".join(CODE_ALPHABET[(mask >> (6 * (width - 1 - digit))) & 63]
                                     for digit in range(width)))
        groups.append({"name": name, "values": values, "width": width, "codes": "".join(codes)})
    return {"documents": len(documents), "groups": groups}


def decode_facets(table: dict[str, Any], ref: int) -> dict[str, list[str]]:
    """The values of document ``ref`` in every group of a ``facet_table``."""
    found = {}
    for group in table["groups"]:
        width = group["width"]
        if width == 0:
            code = CODE_ALPHABET.index(group["codes"][ref])
            found[group["name"]] = [group["values"][code - 1]] if code else []
            continue
        mask = 0
        for char in group["codes"][ref * width:(ref + 1) * width]:
            mask = mask * 64 + CODE_ALPHABET.index(char)
        found[group["name"]] = [value for number, value in enumerate(group["values"]) if mask >> number & 1]
    return found


def document_id(record: dict[str, Any]) -> str:
    """The stable id of a result record (derived from its URL)."""
    kind, url = record["kind"], record["url"].strip("/")
    return f"{kind}:{url.split('/', 1)[1]}"
