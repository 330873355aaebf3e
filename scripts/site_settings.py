"""Read the site's settings from pelicanconf.py without building, for the command-line scripts."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "theme" / "translations"


def _settings(config: Path) -> dict:
    return runpy.run_path(str(config))


def site_languages(config: Path = ROOT / "pelicanconf.py") -> list[str]:
    settings = _settings(config)
    return list(settings.get("SITE_LANGUAGES") or [settings.get("DEFAULT_LANG", "en")])


def site_setting(name: str, config: Path = ROOT / "pelicanconf.py") -> object:
    """One setting of pelicanconf.py (KeyError names it when it is missing)."""
    settings = _settings(config)
    if name not in settings:
        raise KeyError(f"{name} is not set in {config.name}")
    return settings[name]
