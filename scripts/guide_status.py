#!/usr/bin/env python3
"""Translation and review status of the Welcome Guide; stamp a translation as up to date.

    python scripts/guide_status.py [CONTENT_DIR] [--strict] [--json]   # make guide-status
    python scripts/guide_status.py --stamp content/guides/housing.nl.md  # make guide-stamp FILE=...

Prints one row per chapter and one column per site language: ok, missing, outdated (the source
changed after the translation) or stale (not reviewed for more than 12 months), then what to
do about each. Exit 0; with --strict exit 1 unless everything is ok. See docs/guide.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_settings import ROOT, site_languages  # noqa: E402

from content_model import guide_status  # noqa: E402

if __name__ == "__main__":
    sys.exit(guide_status.main(sys.argv[1:], site_languages(), ROOT / "content"))
