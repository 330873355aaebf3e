"""QR codes as inline SVG, made at build time with segno.

A QR code holds one absolute URL exactly as given: the published address of a page (the
templates pass ``seo.page_url(path, lang)``, built from ``SITEURL``), with no tracking or
campaign parameters added. The SVG is drawn in black on white with a quiet zone of four
modules (what scanners need), scales with CSS (``viewBox``, no fixed size) and carries a
``<title>`` and ``role="img"``, so that screen readers announce it by that title.

Error correction level M (15 % of the code can be damaged or covered) suits codes on printed
sheets and posters; segno picks the smallest version that holds the URL and the best mask.
A build makes each code once (cached by URL and title): the company page and its poster share one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import segno
from markupsafe import Markup, escape

from build_cache.kept import kept_across_builds

QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)
ERROR_LEVEL = "m"


class QRCodeError(ValueError):
    """The value cannot become a QR code of the site (not an absolute http(s) URL)."""


@kept_across_builds("qr-code")  # made once per address and title, and kept in the build cache
def qr_svg(url: str, title: str) -> Markup:
    """An inline ``<svg>`` QR code for ``url`` (absolute http or https), announced as ``title``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise QRCodeError(f"a QR code links to an absolute http(s) URL; got {url!r} "
                          "(set SITEURL, or SEO_LOCAL_SITEURL for local builds)")
    code = segno.make(url, error=ERROR_LEVEL, micro=False)
    svg = code.svg_inline(scale=1, border=QUIET_ZONE, dark="#000", light="#fff", svgclass="qr-code",
                          lineclass=None, omitsize=True, title=title)
    # segno writes <svg viewBox=... class="qr-code"><title>...</title><path .../></svg>.
    return Markup(svg.replace("<svg ", f'<svg role="img" data-qr-url="{escape(url)}" ', 1))
