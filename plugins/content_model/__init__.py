"""Work in Twente content model: schema, loading and validation of companies, vacancies and guides.

One model serves the Pelican build (``directory_site``), the validator (``scripts/validate.py``),
the feed fetcher (``vacancy_feeds``) and the content generator.
"""

from .companies import Company, Feed
from .directory import Directory, load_directory, load_or_raise
from .events import Event, Participant
from .guides import GuideChapter
from .markup import plain_text, render
from .problems import ContentError, Problem
from .schema import labels, load_schema, vocabulary
from .vacancies import ENGLISH, LanguageMarker, Vacancy, dump_vacancy

__all__ = [
    "ENGLISH", "Company", "ContentError", "Event", "Participant", "LanguageMarker", "Directory", "Feed", "GuideChapter", "Problem", "Vacancy",
    "dump_vacancy", "labels", "load_directory", "load_or_raise", "load_schema", "plain_text",
    "render", "vocabulary",
]
