"""Site search for Work in Twente: a Pelican plugin building lunr indexes, and their text analysis.

- ``text_pipeline``: the text analysis (stage 1), mirrored label for label by
  ``static/twente-search-pipeline.js`` for lunr.js in the browser;
- ``documents``: what is searchable (live vacancies, companies, guide chapters), the
  result card and the filter values of each result;
- ``indexing``: one lunr.py index per site language, every text analysed in every site
  language;
- ``split_index``: the index as term-range shards, and a partial index put back together;
- ``search_files``: every file of one language's search (manifest, shards, filter table,
  result records), and reading them back;
- ``query``: the query construction and ranking of ``static/twente-search-core.js``, in Python;
- ``generator``: the Pelican generator writing ``<prefix>search/`` and the scripts in
  ``theme/js/``.

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
