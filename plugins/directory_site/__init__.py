"""Pelican plugin that builds the Work in Twente site in every configured language."""

from pelican import signals

from . import problem_report
from .site_pages import DirectoryGenerator


def get_generators(pelican_object):
    return DirectoryGenerator


def register():
    problem_report.install()
    signals.get_generators.connect(get_generators)
