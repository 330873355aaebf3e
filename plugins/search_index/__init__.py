"""Site search for Work in Twente: lunr.py index building and its text analysis.

The text analysis lives in ``text_pipeline`` and is mirrored, label for label,
by ``static/twente-search-pipeline.js`` for lunr.js in the browser.
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
    "register_pipelines",
    "split_compound",
    "stem_dutch",
    "stem_english",
    "trim",
]
