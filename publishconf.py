"""Settings for the published site (nightly CI): pelicanconf.py plus the public address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The public address, without a trailing slash; CI sets it from the Pages deployment.
SITEURL = os.environ.get("SITEURL", "https://work-in-twente.example")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
