"""The Pelican generator that writes the search index, its documents and the browser code.

Reads what ``directory_site`` put in the shared context in phase 1 (``directory``,
``directory_languages``, ``directory_build_date``) and writes, for every site language
(``<prefix>`` is ``""`` for the first language, ``"nl/"`` ...):

- ``<prefix>search/index.json``: the serialised lunr index (``indexing.build_index``),
- ``<prefix>search/documents.json``: display and filter data of every result, ``docs[ref]``,

and once, into ``theme/js/``: ``lunr.min.js`` (copied from ``node_modules``, installed by
``npm ci``; the build stops when it is missing), the pipeline, core and page scripts of
``static/`` and ``search-pipeline-data.json`` (``text_pipeline.pipeline_data()``).

Settings: ``SEARCH_NODE_MODULES`` (default: the repository's ``node_modules``) and
``SEARCH_BODY_WORDS`` (index only the first N words of each body text; default
``DEFAULT_BODY_WORDS``, ``0`` = everything).  It also puts ``search_facets`` (every value
of every filter) in the context for ``search.html``.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from pelican.generators import Generator

from .documents import build_documents, facet_values
from .indexing import build_index, documents_payload, serialise
from .text_pipeline import render_pipeline_data

logger = logging.getLogger(__name__)

PLUGIN_DIR = Path(__file__).resolve().parent
REPOSITORY = PLUGIN_DIR.parent.parent
STATIC_DIR = PLUGIN_DIR / "static"
SCRIPT_DIR = "theme/js"
SCRIPTS = ("twente-search-pipeline.js", "twente-search-core.js", "twente-search-ui.js")
PIPELINE_DATA = "search-pipeline-data.json"
DEFAULT_BODY_WORDS = 250


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
    """Writes per-language lunr indexes and result data, and the search scripts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.context["search_facets"] = facet_values()
        self.lunr_js: Path | None = None

    def generate_context(self) -> None:
        # Fail before any page is written when lunr.js is not installed.
        self.lunr_js = lunr_script(self.settings)
        # directory_site has loaded the content by now: filter values that come from the data.
        self.context["search_facets"] = facet_values(self.context.get("directory"))

    def generate_output(self, writer) -> None:
        directory = self.context.get("directory")
        if directory is None:
            raise SearchBuildError("search_index: no 'directory' in the context; "
                                   "add 'directory_site' to PLUGINS before 'search_index'")
        languages = self.context["directory_languages"]
        today = self.context["directory_build_date"]
        body_words = int(self.settings.get("SEARCH_BODY_WORDS", DEFAULT_BODY_WORDS) or 0) or None
        output = Path(self.output_path)
        codes = [lang.code for lang in languages]

        scripts = output / SCRIPT_DIR
        scripts.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.lunr_js or lunr_script(self.settings), scripts / "lunr.min.js")
        for name in SCRIPTS:
            shutil.copyfile(STATIC_DIR / name, scripts / name)
        (scripts / PIPELINE_DATA).write_text(render_pipeline_data(), encoding="utf-8")

        for lang in languages:
            start = time.perf_counter()
            documents = build_documents(directory, lang, languages, today, body_words)
            index = build_index(documents, lang.code, codes)
            folder = output / lang.prefix / "search"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.json").write_text(serialise(index.serialize()), encoding="utf-8")
            (folder / "documents.json").write_text(
                serialise(documents_payload(documents, lang.code, codes)), encoding="utf-8")
            logger.info("search_index: %s: %d documents indexed in %.2f s",
                        lang.code, len(documents), time.perf_counter() - start)
