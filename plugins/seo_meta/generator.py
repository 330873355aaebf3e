"""The Pelican generator that writes sitemap.xml, robots.txt and the Atom feeds of live vacancies.

It reads what ``directory_site`` put in the shared context during phase 1 (``directory``,
``directory_languages``, ``directory_build_date``, ``directory_pages``) and writes its files
in phase 2. It also puts the ``seo`` helpers in the context for the templates.

Files, for every site language (``<prefix>`` is ``""`` for the first language, ``"nl/"`` ...):

- ``sitemap.xml`` and ``robots.txt`` (site root only; the sitemap lists every language),
- ``<prefix>feeds/vacancies.atom``: the newest live vacancies of the whole site,
- ``<prefix>feeds/companies/<slug>.atom``: the live vacancies of one company.

Expired vacancies appear in none of them: everything comes from ``live_vacancies``.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from content_model import Company, Directory, Vacancy, render

from .atom_feeds import FeedEntry, atom_feed
from .sitemaps import SitemapEntry, robots_txt, sitemap
from directory_site.site_pages import company_path, vacancy_path

from .template_helpers import SeoHelpers, SiteLanguage, snippet

logger = logging.getLogger(__name__)

# gettext msgids shared with the <link rel="alternate"> titles in the templates (base.html,
# company.html, vacancy.html), so the catalogues extracted from the templates translate them.
SITE_FEED_TITLE = "New vacancies on %(site)s"
COMPANY_FEED_TITLE = "New vacancies at %(company)s"
SITE_FEED_PATH = "feeds/vacancies.atom"
DEFAULT_FEED_MAX_ITEMS = 50


def company_feed_path(company: Company) -> str:
    return f"feeds/companies/{company.slug}.atom"


class SeoGenerator(Generator):
    """Writes the sitemap, robots.txt and Atom feeds; provides ``seo`` to the templates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helpers = SeoHelpers(self.settings, self.context)
        self.context["seo"] = self.helpers

    def generate_context(self) -> None:
        """Nothing to read: ``directory_site`` loads the content."""

    def generate_output(self, writer) -> None:
        directory: Directory | None = self.context.get("directory")
        if directory is None:
            logger.warning("seo_meta: no 'directory' in the context; add 'directory_site' to PLUGINS "
                           "before 'seo_meta' in pelicanconf.py")
            return
        languages: list[SiteLanguage] = self.context["directory_languages"]
        today: dt.date = self.context["directory_build_date"]
        live = sorted(directory.live_vacancies(today), key=lambda v: (-v.date_posted.toordinal(), v.key))
        self._write("sitemap.xml", sitemap(self.sitemap_entries(directory, languages)))
        self._write("robots.txt", robots_txt(f"{self.helpers.base_url}/sitemap.xml").encode("utf-8"))
        limit = int(self.settings.get("SEO_FEED_MAX_ITEMS", DEFAULT_FEED_MAX_ITEMS))
        sitename = str(self.settings.get("SITENAME", ""))
        for lang in languages:
            self._write(lang.prefix + SITE_FEED_PATH, atom_feed(
                title=lang.gettext(SITE_FEED_TITLE) % {"site": sitename},
                feed_url=self.helpers.page_url(SITE_FEED_PATH, lang),
                page_url=self.helpers.page_url("vacancies/", lang), language=lang.code,
                updated=self._midnight(today), author=sitename,
                entries=[self.feed_entry(v, directory.companies[v.company], lang, with_company=True)
                         for v in live[:limit]]))
            for company in directory.companies.values():
                own = [v for v in live if v.company == company.slug][:limit]
                self._write(lang.prefix + company_feed_path(company), atom_feed(
                    title=lang.gettext(COMPANY_FEED_TITLE) % {"company": company.name},
                    feed_url=self.helpers.page_url(company_feed_path(company), lang),
                    page_url=self.helpers.page_url(company_path(company), lang), language=lang.code,
                    updated=self._midnight(today), author=company.name,
                    entries=[self.feed_entry(v, company, lang, with_company=False) for v in own]))
        logger.info("seo_meta: sitemap, robots.txt and %d Atom feeds per language",
                    1 + len(directory.companies))

    def sitemap_entries(self, directory: Directory, languages: list[SiteLanguage]) -> list[SitemapEntry]:
        """Every planned page in every language, except the 404 page (it is not content) and pages
        marked ``noindex`` (the guide's print page and editors' report, vacancy lists with more
        than one filter set)."""
        entries = []
        for page in self.context["directory_pages"]:
            if page.variables.get("page_kind") == "not-found" or page.variables.get("noindex"):
                continue
            alternates = tuple((lang.code, self.helpers.page_url(page.path, lang)) for lang in languages)
            alternates += (("x-default", alternates[0][1]),)
            lastmod = self._lastmod(page.variables, directory)
            entries += [SitemapEntry(self.helpers.page_url(page.path, lang), alternates, lastmod)
                        for lang in languages]
        return entries

    def feed_entry(self, vacancy: Vacancy, company: Company, lang: SiteLanguage, *,
                   with_company: bool) -> FeedEntry:
        return FeedEntry(
            title=f"{vacancy.title} – {company.name}" if with_company else vacancy.title,
            url=self.helpers.page_url(vacancy_path(vacancy), lang),
            published=self._midnight(vacancy.date_posted),
            author=company.name, author_url=self.helpers.page_url(company_path(company), lang),
            summary=snippet(vacancy.body, 300), content_html=render(vacancy.body),
            language=vacancy.language, category=vacancy.type,
            category_label=lang.label("vacancy_type", vacancy.type))

    @staticmethod
    def _lastmod(variables: dict, directory: Directory) -> dt.date | None:
        if variables.get("page_kind") == "vacancy":
            return variables["vacancy"].date_posted
        if variables.get("page_kind") == "guide-chapter":
            dates = [chapter.updated for chapter in directory.guides[variables["chapter_slug"]].values()
                     if chapter.updated]
            return max(dates) if dates else None
        return None

    def _midnight(self, day: dt.date) -> dt.datetime:
        timezone = ZoneInfo(str(self.settings.get("TIMEZONE") or "Europe/Amsterdam"))
        return dt.datetime.combine(day, dt.time(0, 0), tzinfo=timezone)

    def _write(self, relative: str, data: bytes) -> None:
        target = Path(self.output_path) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

