"""Site search for Work in Twente: a Pelican plugin building lunr indexes, and their text analysis.

- ``text_pipeline``: the text analysis (stage 1), mirrored label for label by
  ``static/twente-search-pipeline.js`` for lunr.js in the browser;
- ``documents``: what is searchable (live vacancies, companies, guide chapters) and the
  display/filter record of each result;
- ``indexing``: one lunr.py index per site language, every text analysed in every site
  language;
- ``query``: the query construction of ``static/twente-search-core.js``, in Python;
- ``generator``: the Pelican generator writing ``<prefix>search/index.json``,
  ``<prefix>search/documents.json`` and the scripts in ``theme/js/``.

Needs ``directory_site`` in PLUGINS (it fills the context this plugin reads).
"""

from .text_pipeline import (
    PIPELINES,
    analyse,
    dutch_term,
    fold,
    make_builder,
    pipeline_data,
    pipeline_labels,
    query_terms,
    register_pipelines,
    split_compound,
    stem_dutch,
    stem_english,
    trim,
)

__all__ = [
    "PIPELINES",
    "analyse",
    "dutch_term",
    "fold",
    "make_builder",
    "pipeline_data",
    "pipeline_labels",
    "query_terms",
    "register",
    "register_pipelines",
    "split_compound",
    "stem_dutch",
    "stem_english",
    "trim",
]


def get_generators(pelican_object):
    from .generator import SearchIndexGenerator

    return SearchIndexGenerator


def register():
    from pelican import signals

    signals.get_generators.connect(get_generators)
