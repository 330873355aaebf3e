"""The ``seo`` template variable: absolute URLs, Open Graph locales, snippets and JSON-LD tags.

Templates call it, e.g. ``{{ seo.job_posting(vacancy, company, lang) }}`` in vacancy.html.
Page paths come from ``directory_site.site_pages`` (``company_path``, ``vacancy_path``), the
module that plans the pages; the tests check that JSON-LD URLs equal the canonical links.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Protocol

from babel.core import get_global
from markupsafe import Markup

from content_model import Company, Vacancy, plain_text
from directory_site.site_pages import company_path, logo_path, vacancy_path

from . import json_ld

logger = logging.getLogger(__name__)

# Used when SITEURL is empty (local development builds): sitemap, feeds, og:url and JSON-LD need
# absolute URLs. `make serve` serves on this address.
DEFAULT_LOCAL_SITEURL = "http://localhost:8000"


class SiteLanguage(Protocol):
    """What this plugin needs of ``directory_site``'s Language objects."""

    code: str
    prefix: str

    def gettext(self, message: str) -> str: ...

    def label(self, vocabulary: str, value: str) -> str: ...

    def marker_labels(self, vacancy: Vacancy) -> list[str]: ...


def snippet(markdown_text: str, length: int = 160) -> str:
    """Plain text of ``markdown_text`` cut at a word boundary to at most ``length`` characters."""
    text = plain_text(markdown_text)
    if len(text) <= length:
        return text
    cut = text[:length - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-")
    return cut + "…"


class SeoHelpers:
    """Helpers bound to one build's settings.

    They hold the settings and nothing of the content: a page's build-cache fingerprint
    (``build_cache``) includes what its helpers hold, so helpers that held the whole context
    would make every page depend on every file."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        # The site's languages, in order (what the content model is loaded with).
        self.site_languages = list(settings.get("SITE_LANGUAGES") or [settings.get("DEFAULT_LANG", "en")])
        siteurl = str(settings.get("SITEURL") or "").rstrip("/")
        if re.match(r"^https?://", siteurl):
            self.base_url = siteurl
        else:
            self.base_url = str(settings.get("SEO_LOCAL_SITEURL", DEFAULT_LOCAL_SITEURL)).rstrip("/")
            logger.info("SITEURL is not an absolute URL; sitemap, feeds and JSON-LD use %s", self.base_url)
        self.timezone = str(settings.get("TIMEZONE") or "Europe/Amsterdam")

    # URLs --------------------------------------------------------------------------------
    def page_url(self, path: str, lang: SiteLanguage) -> str:
        """Absolute URL of the page at ``path`` (language independent) in ``lang``."""
        return f"{self.base_url}/{lang.prefix}{path}"

    def absolute(self, url: str) -> str:
        """``url`` made absolute: root-relative URLs get the site's address in front."""
        if re.match(r"^https?://", url):
            return url
        return f"{self.base_url}/{url.lstrip('/')}"

    def logo_url(self, company: Company) -> str | None:
        return f"{self.base_url}/{logo_path(company)}" if company.logo else None

    # Open Graph ------------------------------------------------------------------------------
    def og_locale(self, code: str) -> str:
        """Open Graph locale (``language_TERRITORY``) of a site language, e.g. ``nl`` -> ``nl_NL``."""
        configured = (self.settings.get("OG_LOCALES") or {}).get(code)
        if configured:
            return configured
        likely = get_global("likely_subtags").get(code, code)
        parts = likely.split("_")
        territory = next((part for part in reversed(parts[1:]) if len(part) == 2 and part.isupper()), None)
        return f"{parts[0]}_{territory}" if territory else parts[0]

    def snippet(self, markdown_text: str, length: int = 160) -> str:
        return snippet(markdown_text, length)

    def company_snippet(self, company: Company, lang: SiteLanguage, length: int = 160) -> str:
        found = company.description_in(lang.code, self.site_languages)
        return snippet(found[1], length) if found else company.name

    # JSON-LD ---------------------------------------------------------------------------------
    def job_posting(self, vacancy: Vacancy, company: Company, lang: SiteLanguage) -> Markup:
        """``<script type="application/ld+json">`` with the vacancy's JobPosting."""
        return json_ld.script_tag(json_ld.job_posting(
            vacancy, company, page_url=self.page_url(vacancy_path(vacancy), lang),
            company_url=self.page_url(company_path(company), lang), logo_url=self.logo_url(company),
            timezone=self.timezone, language_markers=lang.marker_labels(vacancy)))

    def organization(self, company: Company, lang: SiteLanguage) -> Markup:
        """``<script type="application/ld+json">`` with the company's Organization."""
        found = company.description_in(lang.code, self.site_languages)
        return json_ld.script_tag(json_ld.organization(
            company, page_url=self.page_url(company_path(company), lang),
            description_markdown=found[1] if found else None, logo_url=self.logo_url(company)))
