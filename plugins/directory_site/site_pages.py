"""The Pelican generator that turns the content model into one static site per language.

Phase 1 (``generate_context``) loads and validates every content file through
``content_model``; any problem stops the build before a single file is written.
Phase 2 (``generate_output``) renders each page once per site language. Every page has a
language-independent path (``companies/acme/``); language ``xx`` puts it under its prefix
(``""`` for the first language, ``"xx/"`` for the others), so the language switch and the
hreflang alternates of a page are the same path with another prefix.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from babel.numbers import format_decimal, format_percent
from markupsafe import Markup
from pelican.generators import Generator

from content_model import Company, ContentError, Directory, Event, Vacancy, load_directory, render, vocabulary
from contributions.issue_forms import issue_form_url

from build_cache import kept, output_files, session_of
from build_cache.card_lists import CardPages
from build_cache.outputs import OutputFiles
from build_cache.templates import PageInputs, TemplateReads
from build_cache.workers import map_in_workers, worker_count

from . import guide_pages, logo_images, statistics
from .charts import bar_chart, line_chart
from .language_templates import language_environment, theme_assigned_names
from .qr_codes import qr_svg
from .translations import Language, load_catalogue
from .vacancy_filters import VacancyFilter, filter_lists, filter_options, municipality_slug

logger = logging.getLogger(__name__)


PARALLEL_PAGES = 1000  # fewer pages render faster in this process than in workers

# Page variables that list items each shown by one card (a macro): ``build_cache.card_lists``.
CARD_LISTS = ("listed", "open_vacancies", "poster_vacancies")
POSTER_VACANCIES = 6  # the newest vacancies a company's poster names

# Variables ``page_context`` adds to a page's own: never language constants.
RENDER_NAMES = ("page_path", "alternates", "canonical_url", "chapter", "translated", "page_kind")


@dataclass
class Page:
    """A page to write in every language: its path, template and template variables."""

    path: str  # "" for the home page, otherwise ends with "/"; "404.html" style paths allowed
    template: str
    variables: dict = field(default_factory=dict)

    @property
    def output_name(self) -> str:
        return self.path if self.path.endswith(".html") else f"{self.path}index.html"


def company_path(company: Company) -> str:
    """Language-independent path of a company's page (every plugin and template uses these)."""
    return f"companies/{company.slug}/"


def vacancy_path(vacancy: Vacancy) -> str:
    return f"vacancies/{vacancy.company}/{vacancy.slug}/"


def chapter_path(slug: str) -> str:
    return f"guide/{slug}/"


def event_path(event: Event) -> str:
    return f"events/{event.slug}/"


def event_print_path(event: Event) -> str:
    """The event's printable A4 sheet (companies, stands and a QR code to the event page)."""
    return f"events/{event.slug}/print/"


def poster_path(company: Company) -> str:
    """The company's printable A4 poster with a QR code to its page."""
    return f"companies/{company.slug}/poster/"


EVENTS_PATH = "events/"
STATS_PATH = "stats/"
STATS_FIGURES_CSV = "stats/work-in-twente-figures.csv"
STATS_HISTORY_CSV = "stats/work-in-twente-history.csv"

FOLLOW_KINDS = ("type", "sector", "municipality")
"""What a follow feed can be about: a kind of position, a sector or a municipality (plus events)."""


def follow_feed_path(kind: str, value: str) -> str:
    """Atom feed of the live vacancies of one kind of position, sector or municipality."""
    if kind not in FOLLOW_KINDS:
        raise ValueError(f"no follow feed for {kind!r}; expected one of {', '.join(FOLLOW_KINDS)}")
    return f"feeds/{kind}/{municipality_slug(value) if kind == 'municipality' else value}.atom"


def event_feed_path(event: Event) -> str:
    """Atom feed of the live vacancies of the companies at an event."""
    return f"feeds/events/{event.slug}.atom"


def company_feed_path(company: Company) -> str:
    return f"feeds/companies/{company.slug}.atom"


def logo_path(company: Company) -> str:
    """Path of the company's logo (``logo`` is set) at the size for search engines and link previews;
    ``logo_images`` makes it, the original is never published."""
    return logo_images.logo_file(company, logo_images.SCHEMA_SIZE)


def history_shares(rows, part: str, whole: str) -> list[float]:
    """``part / whole`` of every history row (0 where ``whole`` is 0 or missing)."""
    return [row.values.get(part, 0) / row.values[whole] if row.values.get(whole) else 0.0 for row in rows]


def paginate(path: str, template: str, variables: dict, items: list, size: int) -> list[Page]:
    """A list page split into pages of ``size`` items: ``path``, then ``path/page/2/`` and on.

    Each page gets ``listed`` (its items), ``total`` and ``pager`` (number, count and the
    paths of all pages, for the navigation). ``size`` 0 keeps everything on one page.
    """
    chunks = [items[start:start + size] for start in range(0, len(items), size)] if size else [items]
    chunks = chunks or [[]]
    paths = [path if number == 1 else f"{path}page/{number}/" for number in range(1, len(chunks) + 1)]
    return [Page(paths[number - 1], template, {
                **variables, "listed": chunk, "total": len(items),
                "pager": {"number": number, "count": len(chunks), "paths": paths}})
            for number, chunk in enumerate(chunks, start=1)]


def split_runs(pages: list[Page], numbers: list[int], count: int) -> list[list[int]]:
    """``numbers`` (positions in ``pages``) in ``count`` runs of about the same work.

    A list page (one with ``listed`` items: vacancies, companies) goes to a run by where its
    middle item stands in the longest list of that kind of item (all live vacancies newest first,
    all companies by name): the newest vacancies to the first run and on. Every list of the site
    is sorted the same way, so the pages that show a vacancy (all vacancies, its kind, its
    municipality, their combinations) go to one run, and its card is made there only, not in
    every run. Other pages go round the runs one by one, so that what a rebuild makes again is
    spread evenly and no worker waits for another.
    """
    rank: dict[int, int] = {}  # id of an item -> its place among the items of its kind
    totals: dict[type, int] = {}  # kind of item -> how many
    for page in sorted((pages[number] for number in numbers), key=lambda page: -len(page.variables.get("listed") or ())):
        for item in page.variables.get("listed") or ():
            if id(item) not in rank:
                rank[id(item)] = totals.get(type(item), 0)
                totals[type(item)] = rank[id(item)] + 1
    runs: list[list[int]] = [[] for _ in range(count)]
    turn = 0
    for number in numbers:
        listed = pages[number].variables.get("listed")
        if listed:
            middle = listed[len(listed) // 2]
            runs[rank[id(middle)] * count // totals[type(middle)]].append(number)
        else:
            runs[turn % count].append(number)
            turn += 1
    return runs


def build_date(settings: dict) -> dt.date:
    value = settings.get("BUILD_DATE")
    if value is None:
        return dt.date.today()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def site_languages(settings: dict) -> list[Language]:
    codes = list(settings.get("SITE_LANGUAGES") or [settings.get("DEFAULT_LANG", "en")])
    translations_dir = Path(settings["THEME"]) / "translations"
    return [Language(code, "" if index == 0 else f"{code}/", load_catalogue(translations_dir, code))
            for index, code in enumerate(codes)]


class DirectoryGenerator(Generator):
    """Builds home, company, vacancy, event, guide, search and For employers pages for every site language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = site_languages(self.settings)
        self.today = build_date(self.settings)
        self.directory: Directory | None = None
        self.pages: list[Page] = []
        self.guide: guide_pages.GuideOutput | None = None
        self._page_names: set[str] | None = None  # see page_names
        self._assigned: set[str] | None = None  # see language_env
        self._alternates: dict[str, tuple] = {}  # page path -> the page in every language (page_context)
        # Newstyle gettext: translations are swapped per language before rendering.
        self.env.install_null_translations(newstyle=True)

    # Phase 1 ------------------------------------------------------------------------------
    def generate_context(self):
        if not self.settings.get("REPOSITORY_URL"):
            logger.warning("REPOSITORY_URL is not set: the For employers page and the footer link to the "
                           "site's GitHub repository (its issue forms); set it in pelicanconf.py")
        content_dir = Path(self.settings["PATH"])
        session = session_of(self.settings)
        directory, problems = load_directory(content_dir, [lang.code for lang in self.languages],
                                             workers=worker_count(self.settings),
                                             cache=session.files if session is not None else None)
        if problems:
            raise ContentError(problems)  # every problem; see problem_report for the command line
        self.directory = directory
        self.guide = guide_pages.prepare(directory, self.today, self.settings)
        self.logos = logo_images.prepare(directory)
        self.figures = statistics.figures(directory, self.today)
        history = self.settings.get("STATS_HISTORY")
        self.history = statistics.with_today(statistics.read_history(Path(history)) if history else [], self.figures)
        self.pages = self.plan_pages(directory)
        self.context["directory"] = directory
        self.context["directory_languages"] = self.languages
        self.context["directory_build_date"] = self.today
        self.context["directory_pages"] = self.pages
        live = directory.live_vacancies(self.today)
        logger.info("Work in Twente: %d companies, %d live vacancies (%d expired or not yet posted), "
                    "%d guide chapters, %d languages",
                    len(directory.companies), len(live), len(directory.vacancies) - len(live),
                    len(directory.guides), len(self.languages))

    def plan_pages(self, directory: Directory) -> list[Page]:
        live = sorted(directory.live_vacancies(self.today), key=lambda v: (-v.date_posted.toordinal(), v.key))
        companies = sorted(directory.companies.values(), key=lambda c: c.name.casefold())
        by_company: dict[str, list[Vacancy]] = {}
        for vacancy in live:
            by_company.setdefault(vacancy.company, []).append(vacancy)
        sector_counts = Counter(sector for c in companies for sector in c.sectors)
        municipality_counts = Counter(c.municipality for c in companies)
        type_counts = Counter(v.type for v in live)
        shared = {
            "companies": companies, "live_vacancies": live, "vacancies_by_company": by_company,
            # What a company card shows: a page that lists companies reads these counts, not the
            # vacancies (build_cache: a changed vacancy title does not make every company list again).
            "open_counts": {slug: len(listed) for slug, listed in by_company.items()},
            "sectors": [(s, sector_counts[s]) for s in vocabulary("sector") if sector_counts[s]],
            "municipalities": [(m, municipality_slug(m), municipality_counts[m])
                               for m in vocabulary("municipality") if municipality_counts[m]],
            "vacancy_types": [(t, type_counts[t]) for t in vocabulary("vacancy_type") if type_counts[t]],
        }
        size = int(self.settings.get("LIST_PAGE_SIZE") or 0)
        pages = [
            Page("", "index.html", {"page_kind": "home", "latest": live[:6],
                                    "current_events": directory.current_events(self.today)}),
            *paginate("companies/", "companies.html", {"page_kind": "companies"}, companies, size),
            Page("guide/", "guide.html", {"page_kind": "guide"}),
            Page("search/", "search.html", {"page_kind": "search"}),
            Page("shortlist/", "shortlist.html", {"page_kind": "shortlist", "noindex": True}),
            Page(STATS_PATH, "stats.html", {"page_kind": "stats", "figures": self.figures, "history": self.history,
                                            "figures_csv": STATS_FIGURES_CSV, "history_csv": STATS_HISTORY_CSV}),
            Page("for-employers/", "for_employers.html", {
                "page_kind": "for-employers", "feed_types": vocabulary("feed_type"),
                "municipality_count": len(vocabulary("municipality"))}),
            Page("404.html", "404.html", {"page_kind": "not-found"}),
        ]
        for sector, _count in shared["sectors"]:
            pages += paginate(f"companies/sector/{sector}/", "companies.html", {
                "page_kind": "companies", "filter": ("sector", sector)},
                [c for c in companies if sector in c.sectors], size)
        for name, slug, _count in shared["municipalities"]:
            pages += paginate(f"companies/municipality/{slug}/", "companies.html", {
                "page_kind": "companies", "filter": ("municipality", name)},
                [c for c in companies if c.municipality == name], size)
        lists = filter_lists(directory, live)
        for combination, listed in (lists.items() if lists else [(VacancyFilter(), [])]):
            pages += paginate(combination.path, "vacancies.html", {
                "page_kind": "vacancies", "filter": combination, "noindex": combination.count > 1,
                "filter_options": filter_options(combination, lists)}, listed, size)
        for company in companies:
            pages.append(Page(company_path(company), "company.html", {
                "page_kind": "company", "company": company,
                "open_vacancies": by_company.get(company.slug, [])}))
        for company in companies:
            listed = by_company.get(company.slug, [])
            pages.append(Page(poster_path(company), "company_poster.html", {
                "page_kind": "company-poster", "company": company, "noindex": True,
                "open_count": len(listed), "poster_vacancies": listed[:POSTER_VACANCIES]}))
        pages += self.plan_event_pages(directory, by_company)
        for vacancy in live:
            pages.append(Page(vacancy_path(vacancy), "vacancy.html", {
                "page_kind": "vacancy", "vacancy": vacancy,
                "company": directory.companies[vacancy.company]}))
        for slug in sorted(directory.guides):
            pages.append(Page(chapter_path(slug), "guide_chapter.html", {
                "page_kind": "guide-chapter", "chapter_slug": slug}))
        pages += [Page(path, template, variables) for path, template, variables in guide_pages.extra_pages()]
        for page in pages:
            page.variables = {**shared, **page.variables}
        return pages

    def plan_event_pages(self, directory: Directory, by_company: dict[str, list[Vacancy]]) -> list[Page]:
        """The events list, and per event its page and its printable sheet."""
        events = sorted(directory.events.values(), key=lambda event: (event.starts, event.slug))
        current = [event for event in events if event.is_current(self.today)]
        past = [event for event in reversed(events) if not event.is_current(self.today)]
        pages = [Page(EVENTS_PATH, "events.html", {"page_kind": "events", "upcoming": current, "past": past})]
        for event in events:
            participants = [(participant, directory.companies[participant.company],
                             by_company.get(participant.company, [])) for participant in event.participants]
            variables = {"event": event, "participants": participants,
                         "event_current": event.is_current(self.today), "event_running": event.is_running(self.today)}
            pages.append(Page(event_path(event), "event.html", {"page_kind": "event", **variables}))
            pages.append(Page(event_print_path(event), "event_print.html",
                              {"page_kind": "event-print", "noindex": True, **variables}))
        return pages

    # Phase 2 ------------------------------------------------------------------------------
    def generate_output(self, writer):
        siteurl = self.settings.get("SITEURL", "")
        workers = worker_count(self.settings)
        names = [lang.prefix + page.output_name for lang in self.languages for page in self.pages]
        if len(set(names)) != len(names):
            twice = sorted(name for name, count in Counter(names).items() if count > 1)
            raise ValueError(f"directory_site: more than one page is written to {', '.join(twice[:5])}")
        files = output_files(self.settings, self.output_path)
        session = session_of(self.settings)
        if session is not None:
            session.fingerprint_content()  # before the workers fork: each starts with every model's
        if self._assigned is None:  # likewise: every template parsed once, not once per worker
            self._assigned = theme_assigned_names(self.env)
        if self.guide.pdf is not None:  # first, so that every page can link to the PDF and give its size
            made = map_in_workers(lambda number: self.write_guide_pdf(self.languages[number], siteurl),
                                  range(len(self.languages)), workers)
            unavailable = [reason for size, reason in made if size is None]
            if unavailable:  # then no language has a PDF, and no page links one
                guide_pages.warn_no_pdf(unavailable[0])
                self.guide.pdf = None
            else:
                for lang, (size, done) in zip(self.languages, made):
                    self.guide.pdf_files[lang.code] = size
                    files.take(done)
        # Pages whose templates read what is still being made (the search page reads the search
        # index's manifests: ``BuildSession.defer``) come after the others, once it is there.
        waiting = session.pending_names() if session is not None else set()
        deferred = {template for template in {page.template for page in self.pages}
                    if waiting & {path[0] for path in TemplateReads.of(self.env, template).paths}}
        now = [number for number, page in enumerate(self.pages) if page.template not in deferred]
        later = [number for number, page in enumerate(self.pages) if page.template in deferred]
        # Each language's pages in about equal runs, one run per worker (a run keeps its language's
        # memos: the cards of a vacancy are made once per run). See ``split_runs``.
        per_language = workers // math.gcd(workers, len(self.languages))  # as many runs for each worker
        runs = [(number, pages) for number in range(len(self.languages))
                for pages in split_runs(self.pages, now, per_language)]
        if len(self.pages) * len(self.languages) < PARALLEL_PAGES:
            workers = 1
        for done, results in map_in_workers(
                lambda task: self.render_pages(self.languages[task[0]], task[1], siteurl), runs, workers):
            files.take(done)
            kept.take(results)  # what the workers computed, kept for the next build
        if later:
            def render_later() -> None:
                for lang in self.languages:
                    files.take(self.render_pages(lang, later, siteurl)[0])
                self.env.install_null_translations(newstyle=True)

            session.after_pending(render_later)  # the feeds are written meanwhile
        for lang in self.languages:
            self.write_stats_csv(lang, files)
        self.env.install_null_translations(newstyle=True)
        self.logos.write(files)
        guide_pages.write_status_json(self.guide, [lang.code for lang in self.languages], self.today, files)

    def write_stats_csv(self, lang: Language, files: OutputFiles) -> None:
        """The stats page's downloads: today's figures (labels in ``lang``) and the history."""
        totals = {"companies": "Companies", "vacancies": "Open vacancies",
                  "companies_ready_for_internationals": "Employers ready for international talent",
                  "vacancies_english_is_enough": "English is enough"}

        def label(group: str, value: str) -> str:
            if group == "total":
                return lang.gettext(totals[value])
            return value if group == "municipality" else lang.label(statistics.VOCABULARIES[group], value)

        for name, text in ((STATS_FIGURES_CSV, statistics.figures_csv(self.figures, label)),
                           (STATS_HISTORY_CSV, statistics.history_csv(self.history))):
            files.write(f"{lang.prefix}{name}", text)

    def render_pages(self, lang: Language, numbers: range, siteurl: str) -> tuple:
        """Render and write the pages ``numbers`` (positions in ``self.pages``) in ``lang``; what was
        written and kept (``OutputFiles.take``). A page whose fingerprint and file are those of the
        last build (``build_cache``) is not made again; a list page whose cards only changed is the
        last build's file with those cards made again (``build_cache.card_lists``)."""
        helpers = self.language_helpers(lang, siteurl)
        base = {**self.context, **helpers}
        env = self.language_env(lang, base)
        files = output_files(self.settings, self.output_path).for_task()
        session = session_of(self.settings)
        build = session.page_build() if session is not None else None
        inputs_of = PageInputs(env, base, self.page_names(), lang, build, self.settings,
                               session.settings_fingerprint() if session is not None else None,
                               session.fingerprints if session is not None else None)
        pages = CardPages(env, base, inputs_of, CARD_LISTS)
        for number in numbers:
            page = self.pages[number]
            name = lang.prefix + page.output_name
            context = self.page_context(base, page, lang)
            pages.write(files, page.template, name, context, inputs_of(page.template, name, context))
        return files.done(), kept.collect()

    def page_names(self) -> set[str]:
        """Every variable name some page sets or its render adds (never a language constant)."""
        if self._page_names is None:
            self._page_names = set(RENDER_NAMES).union(*(page.variables for page in self.pages))
        return self._page_names

    def language_env(self, lang: Language, base: dict):
        """The Jinja environment pages of ``lang`` are rendered with (``language_templates``):
        ``base`` is what every page of the language shares; names any page sets are not constants."""
        if not self.settings.get("DIRECTORY_FAST_TEMPLATES", True):
            self.env.install_gettext_translations(lang.translations, newstyle=True)
            return self.env
        if self._assigned is None:
            self._assigned = theme_assigned_names(self.env)
        constants = set(base) - self.page_names()
        environment = language_environment(self.env, lang.translations, constants, self._assigned)
        session = session_of(self.settings)
        if session is not None:  # compiled once, kept for the next builds (build_cache.compiled)
            environment.bytecode_cache = session.compiled_templates(
                lang, sorted(constants), sorted(self._assigned))
        return environment

    def page_context(self, base: dict, page: Page, lang: Language) -> dict:
        """Template variables of ``page`` in ``lang``: ``base`` (site and language) plus the page's own."""
        url = base["url"]
        # The same in every language: one object per page, so its fingerprint is made once (build_cache).
        alternates = self._alternates.get(page.path)
        if alternates is None:
            alternates = self._alternates[page.path] = tuple((other, url(page.path, other)) for other in self.languages)
        context = {**base, **page.variables, "page_path": page.path, "alternates": alternates,
                   "canonical_url": url(page.path, lang)}
        if page.template == "guide_chapter.html":
            context.update(self.chapter_variables(page.variables["chapter_slug"], lang))
        return context

    def write_guide_pdf(self, lang: Language, siteurl: str) -> tuple[int, tuple] | tuple[None, str]:
        """Write the guide's PDF in ``lang``; its size in bytes and what was written (``OutputFiles.take``),
        or None and why WeasyPrint cannot be loaded."""
        helpers = self.language_helpers(lang, siteurl)
        env = self.language_env(lang, {**self.context, **helpers})
        html = env.get_template("guide_pdf.html").render({**self.context, **helpers, "page_kind": "guide-pdf"})
        files = output_files(self.settings, self.output_path).for_task()
        session = session_of(self.settings)
        try:
            guide_pages.write_pdf(self.guide, lang, html, files, Path(self.settings["THEME"]), siteurl,
                                  session.code if session is not None else b"")
        except guide_pages.PdfUnavailable as error:
            return None, str(error)
        return self.guide.pdf_files[lang.code], files.done()

    def language_helpers(self, lang: Language, siteurl: str) -> dict:
        """Template helpers of one language. They hold settings and languages, never the whole
        content (a page's fingerprint in the build cache includes what its helpers hold)."""
        directory = self.directory
        site_codes = list(directory.languages)
        repository = str(self.settings.get("REPOSITORY_URL") or "").rstrip("/")

        def url(path: str, language: Language | None = None) -> str:
            return f"{siteurl}/{(language or lang).prefix}{path}"

        def description(company: Company) -> dict | None:
            found = company.description_in(lang.code, site_codes)
            if found is None:
                return None
            text_lang, text = found
            return {"lang": text_lang, "html": Markup(render(text)), "translated": text_lang == lang.code}

        def vacancy_html(vacancy: Vacancy) -> Markup:
            return Markup(render(vacancy.body))

        def stats_rows(figures: statistics.Figures, group: str) -> list[tuple[str, int]]:
            """(label in this language, vacancies) of every value of ``group`` that has any."""
            vocab = statistics.VOCABULARIES[group]
            return [(value if group == "municipality" else lang.label(vocab, value), count)
                    for value, count in figures.counts[group].items() if count]

        def event_text(event: Event) -> dict | None:
            found = event.description_in(lang.code, site_codes)
            if found is None:
                return None
            text_lang, text = found
            return {"lang": text_lang, "html": Markup(render(text)), "translated": text_lang == lang.code}

        def follow_feeds() -> dict[str, dict[str, dict[str, str]]]:
            """Every follow feed by filter group and value, with its address and title (search page)."""
            titles = {
                "type": lambda v: lang.gettext("New vacancies: %(kind)s") % {"kind": lang.label("vacancy_type", v)},
                "sector": lambda v: lang.gettext("New vacancies in %(sector)s") % {"sector": lang.label("sector", v)},
                "municipality": lambda v: lang.gettext("New vacancies in %(place)s") % {"place": v},
            }
            vocabularies = {"type": "vacancy_type", "sector": "sector", "municipality": "municipality"}
            return {kind: {value: {"href": url(follow_feed_path(kind, value)), "title": titles[kind](value)}
                           for value in vocabulary(vocabularies[kind])} for kind in FOLLOW_KINDS}

        return {
            "lang": lang, "languages": self.languages, "main_siteurl": siteurl, "follow_feeds": follow_feeds,
            "build_date": self.today, "url": url, "label": lang.label, "language_name": lang.language_name,
            "marker_label": lang.marker_label, "language_filter_label": lang.language_filter_label,
            "format_date": lang.date, "format_money": lang.money, "description": description, "vacancy_html": vacancy_html,
            "guide": directory.guide_in(lang.code), "municipality_slug": municipality_slug,
            "company_path": company_path, "vacancy_path": vacancy_path, "chapter_path": chapter_path,
            "logo_path": logo_path, "repository_url": repository,
            "event_path": event_path, "event_print_path": event_print_path, "poster_path": poster_path,
            "event_text": event_text, "qr_code": qr_svg,
            "logo_image": self.logos.image, "monogram": logo_images.monogram,
            "bar_chart": bar_chart, "line_chart": line_chart, "stats_rows": stats_rows,
            "history_shares": history_shares,
            "format_number": lambda value: format_decimal(value, locale=lang.locale),
            "format_percent": lambda value: format_percent(value, locale=lang.locale),
            "follow_feed_path": follow_feed_path, "event_feed_path": event_feed_path,
            "company_feed_path": company_feed_path,
            "issue_form_url": lambda kind: issue_form_url(repository, kind, lang.code),
            **guide_pages.guide_helpers(self.guide, lang, self.languages, url),
        }

    def chapter_variables(self, slug: str, lang: Language) -> dict:
        """``chapter`` and ``translated`` (``RENDER_NAMES``) of a chapter page in ``lang``."""
        chapter = self.directory.chapter_in(slug, lang.code)
        return {"chapter": chapter, "translated": chapter.lang == lang.code}
