"""Read the site's languages from pelicanconf.py without building, for the command-line scripts."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def site_languages(config: Path = ROOT / "pelicanconf.py") -> list[str]:
    settings = runpy.run_path(str(config))
    return list(settings.get("SITE_LANGUAGES") or [settings.get("DEFAULT_LANG", "en")])
