"""The Pelican generator that writes sitemap.xml, robots.txt and the Atom feeds of live vacancies.

It reads what ``directory_site`` put in the shared context during phase 1 (``directory``,
``directory_languages``, ``directory_build_date``, ``directory_pages``) and writes its files
in phase 2. It also puts the ``seo`` helpers in the context for the templates.

Files, for every site language (``<prefix>`` is ``""`` for the first language, ``"nl/"`` ...):

- ``sitemap.xml`` and ``robots.txt`` (site root only; the sitemap lists every language),
- ``<prefix>feeds/vacancies.atom``: the newest live vacancies of the whole site,
- ``<prefix>feeds/companies/<slug>.atom``: the live vacancies of one company,
- ``<prefix>feeds/type/<kind>.atom``, ``feeds/sector/<sector>.atom``,
  ``feeds/municipality/<slug>.atom``: follow a kind of position, a sector (vacancies of its
  companies) or a municipality (of the workplace), one feed for every value of the vocabulary,
- ``<prefix>feeds/events/<slug>.atom``: the live vacancies of the companies at an event.

Expired vacancies appear in none of them: everything comes from ``live_vacancies``, grouped
once (``follow_feeds``), so writing them is linear in the content.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import logging
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from build_cache import output_files, session_of
from build_cache.fingerprints import Fingerprints, digest
from build_cache.workers import map_in_workers, worker_count
from pelican.generators import Generator

from content_model import Company, Directory, Vacancy, render, vocabulary

from .atom_feeds import FeedEntry, atom_feed
from .sitemaps import SitemapEntry, robots_txt, sitemap
from directory_site.site_pages import (
    FOLLOW_KINDS, company_feed_path, company_path, event_feed_path, event_path, follow_feed_path, vacancy_path,
)
from directory_site.vacancy_filters import VacancyFilter, municipality_slug

from .template_helpers import SeoHelpers, SiteLanguage, snippet

logger = logging.getLogger(__name__)

# gettext msgids shared with the <link rel="alternate"> titles in the templates (base.html,
# company.html, vacancy.html, vacancies.html, companies.html, event.html, search.html), so the
# catalogues extracted from the templates translate them.
SITE_FEED_TITLE = "New vacancies on %(site)s"
COMPANY_FEED_TITLE = "New vacancies at %(company)s"
EVENT_FEED_TITLE = "New vacancies of the companies at %(event)s"
TYPE_FEED_TITLE = "New vacancies: %(kind)s"
SECTOR_FEED_TITLE = "New vacancies in %(sector)s"
PLACE_FEED_TITLE = "New vacancies in %(place)s"
SITE_FEED_PATH = "feeds/vacancies.atom"
DEFAULT_FEED_MAX_ITEMS = 50
PARALLEL_FEEDS = 600  # fewer feeds (in all languages) are written faster by this process alone


@dataclass
class FollowFeed:
    """One Atom feed: its path, what it follows and its live vacancies, newest first.

    ``pages`` are the pages it belongs to, best first: the first one the site has is the feed's
    ``rel="alternate"`` page (a kind of position without vacancies has no list of its own).
    """

    kind: str  # site | company | event | type | sector | municipality
    name: str  # the vocabulary value, the company's or event's name, or the municipality
    path: str
    pages: tuple[str, ...]
    author: str | None = None
    vacancies: list[Vacancy] = field(default_factory=list)


def follow_feeds(directory: Directory, live: list[Vacancy]) -> list[FollowFeed]:
    """Every feed of the site with its vacancies, grouped in one pass over ``live``.

    ``live`` is newest first, and so is each feed. A vacancy goes into the site feed, its
    company's, its kind's, each sector of its company and the municipality of its workplace; an
    event's feed joins the lists of its companies. Every value of the vocabularies has a feed,
    also while it has no vacancies, so that a reader can follow it before the first one comes.
    """
    site = FollowFeed("site", "", SITE_FEED_PATH, ("vacancies/",))
    companies = {slug: FollowFeed("company", company.name, company_feed_path(company),
                                  (company_path(company),), author=company.name)
                 for slug, company in directory.companies.items()}
    follow = {
        "type": {value: FollowFeed("type", value, follow_feed_path("type", value),
                                   (VacancyFilter(type=value).path, "vacancies/")) for value in vocabulary("vacancy_type")},
        "sector": {value: FollowFeed("sector", value, follow_feed_path("sector", value),
                                     (f"companies/sector/{value}/", "companies/")) for value in vocabulary("sector")},
        "municipality": {value: FollowFeed("municipality", value, follow_feed_path("municipality", value),
                                           (VacancyFilter(municipality=value).path,
                                            f"companies/municipality/{municipality_slug(value)}/", "vacancies/"))
                         for value in vocabulary("municipality")},
    }
    assert tuple(follow) == FOLLOW_KINDS
    for vacancy in live:
        company = directory.companies[vacancy.company]
        site.vacancies.append(vacancy)
        companies[vacancy.company].vacancies.append(vacancy)
        follow["type"][vacancy.type].vacancies.append(vacancy)
        for sector in company.sectors:
            follow["sector"][sector].vacancies.append(vacancy)
        follow["municipality"][directory.municipality_of(vacancy)].vacancies.append(vacancy)
    newest_first = lambda v: (-v.date_posted.toordinal(), v.key)  # noqa: E731 (the order of ``live``)
    events = [FollowFeed("event", event.name, event_feed_path(event), (event_path(event),),
                         vacancies=list(heapq.merge(*(companies[slug].vacancies for slug in event.companies),
                                                    key=newest_first)))
              for event in sorted(directory.events.values(), key=lambda e: e.slug)]
    return [site, *companies.values(), *events, *(feed for group in follow.values() for feed in group.values())]


class SeoGenerator(Generator):
    """Writes the sitemap, robots.txt and Atom feeds; provides ``seo`` to the templates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helpers = SeoHelpers(self.settings)
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
        limit = int(self.settings.get("SEO_FEED_MAX_ITEMS", DEFAULT_FEED_MAX_ITEMS))
        feeds = follow_feeds(directory, live)
        planned = {page.path for page in self.context.get("directory_pages") or ()}
        files = output_files(self.settings, self.output_path)
        session = session_of(self.settings)
        prints = session.fingerprints if session is not None else Fingerprints()

        build = session.page_build() if session is not None else None  # code and settings

        def write_feeds(lang: SiteLanguage, numbers: range) -> tuple:
            own = files.for_task()
            for number in numbers:
                feed = feeds[number]
                page = next((path for path in feed.pages if path in planned), feed.pages[-1])
                head = dict(
                    title=self.feed_title(feed, lang), feed_url=self.helpers.page_url(feed.path, lang),
                    page_url=self.helpers.page_url(page, lang), language=lang.code,
                    updated=self._midnight(today), author=feed.author or str(self.settings.get("SITENAME", "")))
                listed = [(vacancy, directory.companies[vacancy.company]) for vacancy in feed.vacancies[:limit]]
                with_company = feed.kind != "company"
                # A feed is made from these alone (``feed_entry`` of each listed vacancy, in this
                # language, with these settings): unchanged, its entries are not even made again.
                inputs = digest(b"feed", build, prints.of((head, with_company, lang)),
                                *(prints.part(value) for pair in listed for value in pair)) if build is not None else None
                if not own.current(lang.prefix + feed.path, inputs):
                    entries = [self.feed_entry(vacancy, company, lang, with_company=with_company)
                               for vacancy, company in listed]
                    own.write(lang.prefix + feed.path, atom_feed(**head, entries=entries), inputs)
            return own.done()

        def write_sitemap() -> tuple:
            own = files.for_task()
            entries = self.sitemap_entries(directory, languages)
            # Its entries are text and dates: their digest is quick, the XML is not (a rebuild after
            # changed vacancy texts has the same sitemap).
            inputs = digest(b"sitemap", build, *(part.encode("utf-8") for item in entries
                                                  for part in (item.url, repr(item.alternates), repr(item.lastmod))))\
                if build is not None else None
            if not own.current("sitemap.xml", inputs):
                own.write("sitemap.xml", sitemap(entries), inputs)
            own.write("robots.txt", robots_txt(f"{self.helpers.base_url}/sitemap.xml").encode("utf-8"))
            return own.done()

        # Independent pieces, in worker processes on a big site: the sitemap, and each language's
        # feeds in runs of every n-th feed (build_cache.workers).
        workers = worker_count(self.settings) if len(feeds) * len(languages) >= PARALLEL_FEEDS else 1
        jobs = [write_sitemap] + [functools.partial(write_feeds, lang, range(first, len(feeds), workers))
                                  for lang in languages for first in range(workers)]
        for done in map_in_workers(lambda number: jobs[number](), range(len(jobs)), workers):
            files.take(done)
        logger.info("seo_meta: sitemap, robots.txt and %d Atom feeds per language", len(feeds))

    def feed_title(self, feed: "FollowFeed", lang: SiteLanguage) -> str:
        sitename = str(self.settings.get("SITENAME", ""))
        if feed.kind == "site":
            return lang.gettext(SITE_FEED_TITLE) % {"site": sitename}
        if feed.kind == "company":
            return lang.gettext(COMPANY_FEED_TITLE) % {"company": feed.name}
        if feed.kind == "event":
            return lang.gettext(EVENT_FEED_TITLE) % {"event": feed.name}
        if feed.kind == "type":
            return lang.gettext(TYPE_FEED_TITLE) % {"kind": lang.label("vacancy_type", feed.name)}
        if feed.kind == "sector":
            return lang.gettext(SECTOR_FEED_TITLE) % {"sector": lang.label("sector", feed.name)}
        return lang.gettext(PLACE_FEED_TITLE) % {"place": feed.name}

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
