"""The whole content tree: load every file, validate each, then check files against each other.

``load_directory`` never stops at the first problem: it returns every problem it finds, so the
validator and the build can report them all at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import markup
from .companies import Company, load_company
from .events import Event, load_event
from .guides import GuideChapter, load_chapter
from .logos import logo_problem
from .problems import ContentError, DisplayPaths, Problem, display_path
from .source_files import MAX_FILE_BYTES, parse_front_matter, parse_yaml
from .vacancies import Vacancy, load_vacancy

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class Directory:
    """All content, validated. Vacancies include expired ones; ask ``live_vacancies``."""

    root: Path
    languages: list[str]
    companies: dict[str, Company] = field(default_factory=dict)
    vacancies: list[Vacancy] = field(default_factory=list)
    guides: dict[str, dict[str, GuideChapter]] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)

    def live_vacancies(self, on: dt.date) -> list[Vacancy]:
        return [vacancy for vacancy in self.vacancies if vacancy.is_live(on)]

    def municipality_of(self, vacancy: Vacancy) -> str:
        """Municipality of the workplace: the vacancy's own when given, else its company's."""
        return vacancy.municipality or self.companies[vacancy.company].municipality

    def vacancies_of(self, company: str, on: dt.date) -> list[Vacancy]:
        return [v for v in self.live_vacancies(on) if v.company == company]

    def current_events(self, on: dt.date) -> list[Event]:
        """Events whose last day has not passed on ``on``, soonest first."""
        return sorted((event for event in self.events.values() if event.is_current(on)),
                      key=lambda event: (event.starts, event.slug))

    def chapter_in(self, slug: str, lang: str) -> GuideChapter:
        """Chapter ``slug`` in ``lang`` where translated, else in the first site language that has it."""
        versions = self.guides[slug]
        return versions.get(lang) or next(versions[other] for other in self.languages if other in versions)

    def source_of(self, slug: str) -> GuideChapter:
        """The version of chapter ``slug`` that the others translate (the first, if content is invalid)."""
        versions = [self.guides[slug][lang] for lang in self.languages if lang in self.guides[slug]]
        return next((chapter for chapter in versions if chapter.is_source), versions[0])

    def guide_in(self, lang: str) -> list[GuideChapter]:
        """Every chapter, in order, in ``lang`` where translated, else in another language."""
        chapters = [self.chapter_in(slug, lang) for slug in self.guides]
        return sorted(chapters, key=lambda chapter: (chapter.order, chapter.slug))


def _load_file(kind: str, path: Path, shown: str, languages: list[str], allow_private_feed_hosts: bool):
    """(model or None, problems) of one content file: no other file is looked at."""
    if kind == "company":
        return load_company(path, shown, languages, allow_private_feed_hosts)
    if kind == "vacancy":
        return load_vacancy(path, shown, languages)
    return load_chapter(path, shown, languages)


def _texts_of(model) -> list[str]:
    """The Markdown of a loaded file that pages, feeds and the search render."""
    if isinstance(model, Vacancy):
        return [model.body]
    if isinstance(model, Company):
        return [text for text in model.description.values() if isinstance(text, str)]
    return []


def _load_run(run: list[tuple[str, Path, str]], languages: list[str], allow_private_feed_hosts: bool):
    """``_load_file`` of each file of ``run``, and the rendered Markdown of what loaded (for
    ``markup.keep_rendered``: this runs in a worker process)."""
    results = [_load_file(kind, path, shown, languages, allow_private_feed_hosts) for kind, path, shown in run]
    texts = [text for model, _problems in results if model is not None for text in _texts_of(model)]
    return results, markup.rendered_texts(texts)


def _load_files(files: list[tuple[str, Path, str]], languages: list[str], allow_private_feed_hosts: bool,
                workers: int, cache=None) -> dict[Path, tuple]:
    """``_load_file`` of every file, in ``workers`` processes when there are enough files.

    ``cache`` (``build_cache.session.FileCache``) gives what an earlier build made of a file
    with the same bytes, path and languages; only the other files are read and checked."""
    loaded: dict[Path, tuple] = {}
    todo, keys = [], {}
    for kind, path, shown in files:
        data = _cacheable_bytes(path) if cache is not None else None
        if data is not None:
            key = (kind, str(path), shown, tuple(languages), allow_private_feed_hosts)
            keys[path] = (key, data)
            found = cache.get(key, data)
            if found is not None:
                loaded[path], rendered = found
                markup.keep_rendered(rendered)
                continue
        todo.append((kind, path, shown))
    if workers > 1 and len(todo) >= PARALLEL_FILES:
        from build_cache.workers import chunks, map_in_workers

        runs = chunks(todo, workers * 8)
        made = map_in_workers(lambda run: _load_run(run, languages, allow_private_feed_hosts), runs, workers)
    elif cache is not None:  # what goes into the cache is rendered now (pages need it anyway)
        runs = [todo]
        made = [_load_run(todo, languages, allow_private_feed_hosts)]
    else:
        runs = [todo]
        made = [([_load_file(kind, path, shown, languages, allow_private_feed_hosts) for kind, path, shown in todo],
                 {})]
    for run, (results, rendered) in zip(runs, made):
        markup.keep_rendered(rendered)
        for (_kind, path, _shown), result in zip(run, results):
            loaded[path] = result
            if cache is not None and path in keys:
                model = result[0]
                texts = {text: rendered[text] for text in (_texts_of(model) if model is not None else ())
                         if text in rendered}
                cache.put(*keys[path], (result, texts))
    return loaded


def _cacheable_bytes(path: Path) -> bytes | None:
    """The bytes of a content file small enough to be one (larger ones are read and refused as usual)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


PARALLEL_FILES = 400  # fewer files load faster in one process than spread over workers


@dataclass
class _Listing:
    """The files and folders below a folder, as ``sorted(folder.rglob("*"))`` lists them (or
    ``glob("*")``: ``recursive`` False), with what ``os.scandir`` tells of each at no extra cost:
    tens of thousands of ``is_dir`` and ``is_symlink`` calls are each a system call."""

    paths: list[Path] = field(default_factory=list)
    folders: set[Path] = field(default_factory=set)  # the paths that are folders (or links to one)
    links: set[Path] = field(default_factory=set)  # the paths that are symbolic links
    parts: dict[Path, tuple[str, ...]] = field(default_factory=dict)  # path -> its parts below the folder

    @classmethod
    def of(cls, folder: Path, recursive: bool = True) -> _Listing:
        listing = cls()
        if not folder.is_dir():
            return listing
        found: list[tuple[tuple[str, ...], Path]] = []
        todo = [(folder, ())]
        while todo:
            current, above = todo.pop()
            with os.scandir(current) as entries:
                for entry in entries:
                    path, parts = current / entry.name, (*above, entry.name)
                    found.append((parts, path))
                    listing.parts[path] = parts
                    try:
                        is_link, is_folder = entry.is_symlink(), entry.is_dir()
                    except OSError:
                        is_link, is_folder = False, False
                    if is_link:
                        listing.links.add(path)
                    if is_folder:
                        listing.folders.add(path)
                        if recursive and not is_link:  # as rglob: links to folders are not followed
                            todo.append((path, parts))
        found.sort(key=lambda item: item[0])  # Path order: part by part
        listing.paths = [path for _parts, path in found]
        return listing


def load_directory(content_dir: Path, languages: list[str], allow_private_feed_hosts: bool = False,
                   workers: int = 1, cache=None) -> tuple[Directory, list[Problem]]:
    """Load ``content_dir`` (holding companies/, vacancies/, guides/); returns content and problems.

    ``allow_private_feed_hosts`` accepts feed URLs on internal addresses (local mirrors, tests).
    ``workers`` > 1 reads and checks the files in that many processes (``build_cache.workers``)
    and ``cache`` reuses what a build made of unchanged files (``build_cache.session.FileCache``);
    the result is the same.
    """
    content_dir = Path(content_dir)
    directory = Directory(root=content_dir, languages=list(languages))
    problems: list[Problem] = []
    shown = DisplayPaths()

    company_dir, vacancy_dir, guide_dir = content_dir / "companies", content_dir / "vacancies", content_dir / "guides"
    companies, vacancies, guides = (_Listing.of(company_dir, recursive=False), _Listing.of(vacancy_dir),
                                    _Listing.of(guide_dir))
    company_files, vacancy_files, guide_files = companies.paths, vacancies.paths, guides.paths
    folders = companies.folders | vacancies.folders | guides.folders
    shown.known_links(companies.links | vacancies.links | guides.links, [company_files, vacancy_files, guide_files])
    # Every file that is read on its own, read first (in workers if asked); checked in order below.
    to_load = [("company", path, shown(path)) for path in company_files
               if path not in folders and path.suffix in (".yaml", ".yml")]
    to_load += [("vacancy", path, shown(path)) for path in vacancy_files
                if path not in folders and not path.name.startswith(".") and path.suffix == ".md"
                and len(vacancies.parts[path]) == 2]
    to_load += [("guide", path, shown(path)) for path in guide_files
                if path not in folders and not path.name.startswith(".")]
    loaded = _load_files(to_load, directory.languages, allow_private_feed_hosts, workers, cache)

    # Companies ---------------------------------------------------------------------------
    names: dict[str, list[Company]] = defaultdict(list)
    slugs_seen: dict[str, str] = {}
    for path in company_files:
        if path in folders:
            continue
        if path.suffix not in (".yaml", ".yml"):
            problems.append(Problem(shown(path), 1, 1,
                "company profiles must be YAML files named '<slug>.yaml'; move or rename this file"))
            continue
        problems += _check_slug(path, shown(path), "company", slugs_seen)
        company, found = loaded[path]
        problems += found
        if company is None:
            continue
        if path.suffix == ".yml":
            problems.append(Problem(shown(path), 1, 1, f"rename to {path.stem}.yaml (the extension must be .yaml)"))
            continue
        names[company.name.casefold()].append(company)
        if company.logo and not (company_dir / company.logo).is_file():
            line, column = _line_of(path, "logo")
            problems.append(Problem(shown(path), line, column,
                f"logo: file {company.logo!r} not found in {shown(company_dir)}/"))
        elif company.logo:
            refused = logo_problem(company_dir / company.logo)
            if refused:
                line, column = _line_of(path, "logo")
                problems.append(Problem(shown(path), line, column, f"logo: {refused}"))
                continue
        directory.companies[company.slug] = company

    for same_name in names.values():
        for company in same_name if len(same_name) > 1 else ():
            others = ", ".join(shown(other.path) for other in same_name if other is not company)
            line, column = _line_of(company.path, "name")
            problems.append(Problem(shown(company.path), line, column,
                f"company name {company.name!r} is also used by {others}; each company has one profile"))

    # Vacancies ---------------------------------------------------------------------------
    known = sorted(directory.companies)
    all_company_files = {p.stem for p in company_dir.glob("*.y*ml")} if company_dir.is_dir() else set()
    for path in vacancy_files:
        if path in folders or path.name.startswith("."):
            continue
        relative = vacancies.parts[path]
        if path.suffix != ".md" or len(relative) != 2:
            problems.append(Problem(shown(path), 1, 1,
                "vacancies must be Markdown files at content/vacancies/<company-slug>/<slug>.md"))
            continue
        folder = relative[0]
        problems += _check_slug(path, shown(path), "vacancy", {})
        vacancy, found = loaded[path]
        problems += found
        if vacancy is None:
            continue
        if vacancy.company not in all_company_files or vacancy.company != folder:
            line, column = _line_of(path, "company", front_matter=True)
        if vacancy.company not in all_company_files:
            hint = difflib.get_close_matches(vacancy.company, known, n=1)
            problems.append(Problem(shown(path), line, column,
                f"company {vacancy.company!r} does not exist (no content/companies/{vacancy.company}.yaml)"
                + (f"; did you mean {hint[0]!r}?" if hint else "")))
            continue
        if vacancy.company != folder:
            problems.append(Problem(shown(path), line, column,
                f"company is {vacancy.company!r} but the file is in the folder {folder!r}; "
                f"move it to content/vacancies/{vacancy.company}/ or fix the company"))
            continue
        if vacancy.company in directory.companies:
            directory.vacancies.append(vacancy)
    directory.vacancies.sort(key=lambda v: (v.company, v.slug))

    # Guide ---------------------------------------------------------------------------------
    orders: dict[str, tuple[int, str]] = {}
    order_owner: dict[int, tuple[str, str]] = {}  # order -> (slug, file) of the first chapter there
    for path in guide_files:
        if path in folders or path.name.startswith("."):
            continue
        chapter, found = loaded[path]
        problems += found
        if chapter is None:
            continue
        versions = directory.guides.setdefault(chapter.slug, {})
        if chapter.lang in versions:
            problems.append(Problem(shown(path), 1, 1,
                f"chapter {chapter.slug!r} in {chapter.lang!r} also exists as {shown(versions[chapter.lang].path)}"))
            continue
        versions[chapter.lang] = chapter
        if chapter.slug in orders and orders[chapter.slug][0] != chapter.order:
            line, column = _line_of(path, "order", front_matter=True)
            problems.append(Problem(shown(path), line, column,
                f"order is {chapter.order} but the translation {orders[chapter.slug][1]} says "
                f"{orders[chapter.slug][0]}; translations share one position in the guide"))
        orders.setdefault(chapter.slug, (chapter.order, shown(path)))
        owner = order_owner.setdefault(chapter.order, (chapter.slug, shown(path)))
        if owner[0] != chapter.slug:
            line, column = _line_of(path, "order", front_matter=True)
            problems.append(Problem(shown(path), line, column,
                f"order {chapter.order} is also the position of the chapter {owner[0]!r} ({owner[1]}); "
                "give every chapter its own number"))
    problems += _check_translations(directory, shown)

    # Events ----------------------------------------------------------------------------------
    event_dir = content_dir / "events"
    event_slugs: dict[str, str] = {}
    for path in sorted(event_dir.glob("*")) if event_dir.is_dir() else []:
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix != ".yaml":
            problems.append(Problem(shown(path), 1, 1,
                "events must be YAML files named '<slug>.yaml' in content/events/; move or rename this file"))
            continue
        problems += _check_slug(path, shown(path), "event", event_slugs)
        event, found = load_event(path, shown(path), directory.languages)
        problems += found
        if event is None:
            continue
        unknown = [p for p in event.participants if p.company not in all_company_files]
        for participant in unknown:
            hint = difflib.get_close_matches(participant.company, known, n=1)
            problems.append(Problem(shown(path), participant.line, participant.column,
                f"companies: {participant.company!r} does not exist (no content/companies/"
                f"{participant.company}.yaml)" + (f"; did you mean {hint[0]!r}?" if hint else "")))
        if not unknown and all(p.company in directory.companies for p in event.participants):
            directory.events[event.slug] = event
    return directory, sorted(set(problems))


def load_or_raise(content_dir: Path, languages: list[str]) -> Directory:
    """Like ``load_directory`` but raises ``ContentError`` listing every problem."""
    directory, problems = load_directory(content_dir, languages)
    if problems:
        raise ContentError(problems)
    return directory


def _check_translations(directory: Directory, shown) -> list[Problem]:
    """Each chapter has exactly one source; every translation names an existing source."""
    problems = []
    for slug, versions in directory.guides.items():
        in_order = [versions[lang] for lang in directory.languages if lang in versions]
        sources = [chapter for chapter in in_order if chapter.is_source]
        for extra in sources[1:]:
            problems.append(Problem(shown(extra.path), 1, 1,
                f"chapter {slug!r} has more than one source version ({', '.join(shown(c.path) for c in sources)}); "
                f"if this file is a translation of {shown(sources[0].path)}, record that with "
                f"`make guide-stamp FILE={shown(extra.path)} FROM={sources[0].lang}`"))
        for chapter in in_order:
            target = chapter.translates
            if target is None:
                continue
            existing = ", ".join(shown(c.path) for c in in_order if c is not chapter) or "none"
            if target.lang not in versions:
                problems.append(Problem(shown(chapter.path), target.line, target.column,
                    f"translates.lang: this translates {target.lang!r}, but there is no "
                    f"{shown(directory.root / 'guides' / f'{slug}.{target.lang}.md')}; add that source "
                    f"chapter or name the language of an existing version (other versions: {existing})"))
            elif not versions[target.lang].is_source:
                source = versions[target.lang].translates.lang
                problems.append(Problem(shown(chapter.path), target.line, target.column,
                    f"translates.lang: {shown(versions[target.lang].path)} is itself a translation "
                    f"(of {source!r}); translate from the source: 'translates: {{lang: {source}}}'"))
    return problems


def _check_slug(path: Path, shown: str, kind: str, seen: dict[str, str]) -> list[Problem]:
    problems = []
    if not SLUG.match(path.stem):
        suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
        problems.append(Problem(shown, 1, 1,
            f"{kind} file name {path.name!r} is not a valid slug (lower-case letters, digits and "
            f"single hyphens); rename it to {suggestion + path.suffix!r}"))
    key = path.stem.lower()
    if key in seen:
        problems.append(Problem(shown, 1, 1, f"duplicate {kind} slug {key!r}: {seen[key]} has the same slug"))
    seen.setdefault(key, shown)
    return problems


def _line_of(path: Path, key: str, front_matter: bool = False) -> tuple[int, int]:
    text = path.read_text(encoding="utf-8", errors="replace")
    document = parse_front_matter(text, "") if front_matter else parse_yaml(text, "")
    return document.positions.of_key((key,))
