"""Pelican plugin: search-engine and sharing metadata for the Work in Twente site.

- ``seo`` template helpers (``template_helpers``): Open Graph values and schema.org JSON-LD
  (``json_ld``: JobPosting on vacancy pages, Organization on company pages);
- ``sitemap.xml`` with hreflang alternates and ``robots.txt`` (``sitemaps``);
- Atom feeds of live vacancies per language and per company (``atom_feeds``).

Needs ``directory_site`` in PLUGINS; everything is derived from the context it fills.
"""

from pelican import signals

from .generator import SeoGenerator


def get_generators(pelican_object):
    return SeoGenerator


def register():
    signals.get_generators.connect(get_generators)
