"""The Pelican generator that writes the search index, its documents and the browser code.

Reads what ``directory_site`` put in the shared context in phase 1 (``directory``,
``directory_languages``, ``directory_build_date``) and writes, for every site language
(``<prefix>`` is ``""`` for the first language, ``"nl/"`` ...):

- ``<prefix>search/``: the lunr index (``indexing.build_index``) as term-range shards with a
  manifest, the filter table and one record per result (``search_files``),

and once, into ``theme/js/``: ``lunr.min.js`` (copied from ``node_modules``, installed by
``npm ci``; the build stops when it is missing) and the pipeline, core and page scripts of
``static/``.

Settings: ``SEARCH_NODE_MODULES`` (default: the repository's ``node_modules``),
``SEARCH_BODY_WORDS`` (index only the first N words of each body text; default
``DEFAULT_BODY_WORDS``, ``0`` = everything) and ``SEARCH_SHARD_BYTES`` (gzipped size a shard
aims at; default ``split_index.DEFAULT_SHARD_BYTES``).  It also puts ``search_facets`` (every value
of every filter), ``search_manifests`` (each language's manifest) and ``search_pipeline_data``
(``text_pipeline.pipeline_data()``: word lists the browser's pipeline needs) in the context
for ``search.html``, which carries the last two inline: the page asks for a query's shards
as soon as its scripts run, before its first paint.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from build_cache import output_files, session_of
from build_cache.workers import Background, map_in_workers, worker_count
from pelican.generators import Generator

from .documents import PlainTexts, build_documents, facet_values
from .indexing import KnownTexts, build_terms
from .search_files import search_files
from .split_index import DEFAULT_SHARD_BYTES, MANIFEST
from .text_pipeline import pipeline_data

logger = logging.getLogger(__name__)

PLUGIN_DIR = Path(__file__).resolve().parent
REPOSITORY = PLUGIN_DIR.parent.parent
STATIC_DIR = PLUGIN_DIR / "static"
SCRIPT_DIR = "theme/js"
SCRIPTS = ("twente-search-pipeline.js", "twente-search-core.js", "twente-search-ui.js")
DEFAULT_BODY_WORDS = 250
PARALLEL_VACANCIES = 500  # below this the indexes are made in this process, one language after the other
PARALLEL_FILES = 2000  # below this the search files are written by this process
TEXTS_STORE = "search-texts"  # analysed field texts, kept in the build cache (indexing.KnownTexts)


class SearchBuildError(RuntimeError):
    """The search cannot be built (lunr.js missing, no directory content)."""


def lunr_script(settings: dict) -> Path:
    """``node_modules/lunr/lunr.min.js``, or SearchBuildError telling how to get it."""
    node_modules = Path(settings.get("SEARCH_NODE_MODULES") or REPOSITORY / "node_modules")
    script = node_modules / "lunr" / "lunr.min.js"
    if not script.is_file():
        raise SearchBuildError(
            f"search_index: {script} is missing; run `npm ci` in {REPOSITORY} "
            "to install lunr.js (package.json), then build again")
    return script


class SearchIndexGenerator(Generator):
    """Writes per-language lunr indexes and result data, and the search scripts.

    The files are made in phase 1 (after ``directory_site`` has loaded the content), so
    that each language's manifest is in the context (``search_manifests[code]``) when the
    search page is rendered: the page carries it inline and preloads the filter table. On a
    big site they are made in the background (``build_cache.workers.Background``), and the
    build session defers the pages that read ``search_manifests`` until they are done.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.context["search_facets"] = facet_values()
        self.context["search_manifests"] = {}
        self.context["search_pipeline_data"] = pipeline_data()
        self.lunr_js: Path | None = None
        self.files: dict[str, dict[str, bytes]] = {}  # language prefix -> search files

    def generate_context(self) -> None:
        # Fail before any page is written when lunr.js is not installed.
        self.lunr_js = lunr_script(self.settings)
        directory = self.context.get("directory")
        if directory is None:
            raise SearchBuildError("search_index: no 'directory' in the context; "
                                   "add 'directory_site' to PLUGINS before 'search_index'")
        # directory_site has loaded the content by now: filter values that come from the data.
        facets = facet_values(directory)
        self.context["search_facets"] = facets
        languages = self.context["directory_languages"]
        today = self.context["directory_build_date"]
        body_words = int(self.settings.get("SEARCH_BODY_WORDS", DEFAULT_BODY_WORDS) or 0) or None
        shard_bytes = int(self.settings.get("SEARCH_SHARD_BYTES") or DEFAULT_SHARD_BYTES)
        codes = [lang.code for lang in languages]

        session = session_of(self.settings)
        # Texts analysed in the last build: a rebuild analyses only the changed ones.
        store = session.load_store(TEXTS_STORE) if session is not None else {}
        known = KnownTexts(store)

        def every_language(_item: None) -> tuple[list[dict[str, bytes]], dict, set]:
            # One process for all languages: their documents share most texts (plain_text of a
            # vacancy, the analysis of its fields, the gzipped size of most terms), made once here.
            texts = PlainTexts()
            costs: dict[bytes, int] = {}
            made = []
            for lang in languages:
                start = time.perf_counter()
                documents = build_documents(directory, lang, languages, today, body_words, texts)
                made.append(search_files(documents, build_terms(documents, lang.code, codes, known), lang.code,
                                         codes, facets, shard_bytes, costs))
                logger.info("search_index: %s: %d documents, %d files, indexed in %.2f s",
                            lang.code, len(documents), len(made[-1]), time.perf_counter() - start)
            return made, known.new, known.used

        # Made in a worker process (build_cache.workers) while the pages that do not show it are
        # rendered (only the search page does) and the feeds written.
        workers = worker_count(self.settings) if len(directory.vacancies) >= PARALLEL_VACANCIES else 1
        made = Background(every_language, [None], workers if session is not None else 1)

        def collect() -> None:
            [(files_of, new, used)] = made.result()
            for lang, files in zip(languages, files_of):
                self.files[lang.prefix] = files
                self.context["search_manifests"][lang.code] = json.loads(files[MANIFEST])
            if session is not None and (new or used != store.keys()):
                # What this build used, for the next one (texts no longer indexed are forgotten).
                session.save_store(TEXTS_STORE, {key: new[key] if key in new else store[key] for key in used})

        if made.running:
            session.defer({"search_manifests"}, collect)
        else:
            collect()

    def generate_output(self, writer) -> None:
        session = session_of(self.settings)
        if session is not None:
            session.collect_pending()  # the indexes, when no page waited for them
        files = output_files(self.settings, self.output_path)  # each file written only when it changed
        files.copy(f"{SCRIPT_DIR}/lunr.min.js", self.lunr_js or lunr_script(self.settings))
        for name in SCRIPTS:
            files.copy(f"{SCRIPT_DIR}/{name}", STATIC_DIR / name)

        def write_language(prefix: str) -> tuple:
            own = files.for_task()
            for name, data in self.files[prefix].items():
                own.write(f"{prefix}search/{name}", data)
            return own.done()

        # Thousands of small files per language (a record per result): one worker per language.
        prefixes = list(self.files)
        workers = worker_count(self.settings) if sum(map(len, self.files.values())) >= PARALLEL_FILES else 1
        for done in map_in_workers(write_language, prefixes, workers):
            files.take(done)
