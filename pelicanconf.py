"""Pelican settings for Work in Twente (local development; publishconf.py extends these)."""

import os

SITENAME = "Work in Twente"
SITEURL = ""
AUTHOR = "Work in Twente"
# The site's GitHub repository: the For employers page, the footer and the issue forms link to
# its issue forms, CONTRIBUTING and the field reference.
REPOSITORY_URL = "https://github.com/work-in-twente/work-in-twente"
TIMEZONE = "Europe/Amsterdam"

# Languages are data: the first is served at the site root, every other one under /<code>/.
# Adding a language takes a code here plus theme/translations/<code>/LC_MESSAGES/messages.po.
SITE_LANGUAGES = ["en", "nl", "de"]
DEFAULT_LANG = SITE_LANGUAGES[0]

# Everything is built by the directory_site plugin from content/{companies,vacancies,guides};
# Pelican's own article/page machinery is switched off.
PATH = "content"
ARTICLE_PATHS = []
PAGE_PATHS = []
# Logos are not copied: the build publishes resized copies (plugins/directory_site/logo_images.py).
STATIC_PATHS = []
DIRECT_TEMPLATES = []
ARTICLE_SAVE_AS = PAGE_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

THEME = "theme"
THEME_STATIC_DIR = "theme"
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"], "autoescape": True,
                     "trim_blocks": True, "lstrip_blocks": True}

# Pelican 4.12 loads every installed pelican.plugins.* package unless PLUGINS is explicit.
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["build_cache", "directory_site", "seo_meta", "search_index"]

# Company and vacancy lists are split into pages of this many entries (0: one page).
LIST_PAGE_SIZE = 24

# Welcome Guide: a PDF per language at guide/welcome-guide-twente-<lang>.pdf, made with WeasyPrint
# (needs Pango: `make pdf-libs`). Without WeasyPrint the build warns and goes on; False skips it.
GUIDE_PDF = True
# A chapter with at least this many sections (## headings) shows its own table of contents.
GUIDE_TOC_MIN_HEADINGS = 3

# The stats page draws its history from this file; the nightly run appends a row per build
# (scripts/nightly.py, scripts/stats_history.py). None: the page shows today's figures only.
STATS_HISTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "stats-history.csv")

# Day used to decide which vacancies have expired: None means the day of the build.
# Tests pin it, e.g. BUILD_DATE = "2026-11-27".
BUILD_DATE = None

# The build cache (plugins/build_cache): what a rebuild reuses, in this folder (safe to delete;
# None switches it off). An output folder with a record of the last build is updated in place
# (only changed files are written, files no longer produced are removed); without one,
# DELETE_OUTPUT_DIRECTORY empties it first, as Pelican does.
BUILD_CACHE_PATH = ".build-cache"
# Worker processes for loading, search indexes and pages: "auto" (one per core) or a number.
BUILD_WORKERS = "auto"

DELETE_OUTPUT_DIRECTORY = True
RELATIVE_URLS = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
