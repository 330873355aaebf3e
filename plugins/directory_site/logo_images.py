"""Company logos at the sizes the pages show them, made at build time with Pillow, and monograms.

Each logo (checked by ``content_model.logos``) is resized once per build to fit square boxes
of the sizes the templates use, for screens of normal and double density, keeping its
proportions, and written as WebP: ``companies/logos/<slug>-<pixels>.webp``. The original file
is never published. Templates get ``width``/``height`` of the 1x image (so the page does not
jump while it loads), ``srcset`` with the 2x image, and use ``loading="lazy"``.

A company without a logo gets a monogram instead: its initials on a colour picked from its
slug, always the same for one company (``monogram``).
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from build_cache.outputs import OutputFiles
from content_model import Company, Directory
from content_model.logos import open_logo

logger = logging.getLogger(__name__)

BOXES = {"small": 32, "card": 48, "page": 64}
"""CSS pixels of the square each kind of place shows a logo in (vacancy card, company card, page)."""
SCHEMA_SIZE = 192
"""The logo in JSON-LD (search engines ask for at least 112 pixels)."""
MONOGRAM_COLOURS = 8


def logo_file(company: Company, pixels: int) -> str:
    return f"companies/logos/{company.slug}-{pixels}.webp"


@dataclass(frozen=True)
class LogoImage:
    """One logo in one box: the 1x and 2x files and the 1x size."""

    src: str
    srcset: str  # path of the 2x file
    width: int
    height: int


def _fitted(image: Image.Image, pixels: int) -> Image.Image:
    copy = image.copy()
    copy.thumbnail((pixels, pixels), Image.Resampling.LANCZOS)  # never enlarges
    return copy


def _webp(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=90, method=4)
    return buffer.getvalue()


class Logos:
    """Every company's logo images: made in phase 1, written in phase 2."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.images: dict[tuple[str, str], LogoImage] = {}
        self.schema: dict[str, str] = {}

    def add(self, company: Company, original: Path) -> None:
        image = open_logo(original)
        for box, css in BOXES.items():
            one, two = _fitted(image, css), _fitted(image, 2 * css)
            for fitted, pixels in ((one, css), (two, 2 * css)):
                self.files.setdefault(logo_file(company, pixels), _webp(fitted))
            self.images[company.slug, box] = LogoImage(logo_file(company, css), logo_file(company, 2 * css),
                                                       one.width, one.height)
        self.files.setdefault(logo_file(company, SCHEMA_SIZE), _webp(_fitted(image, SCHEMA_SIZE)))
        self.schema[company.slug] = logo_file(company, SCHEMA_SIZE)

    def image(self, company: Company, box: str) -> LogoImage | None:
        return self.images.get((company.slug, box))

    def write(self, files: OutputFiles) -> None:
        for name, data in self.files.items():
            files.write(name, data)


def prepare(directory: Directory) -> Logos:
    """Resize every company's logo (the content model has checked them)."""
    logos = Logos()
    for company in directory.companies.values():
        if company.logo:
            logos.add(company, directory.root / "companies" / company.logo)
    logger.info("logos: %d companies with a logo, %d files", len(logos.schema), len(logos.files))
    return logos


_WORD = re.compile(r"\w+", re.UNICODE)


def monogram(company: Company) -> tuple[str, int]:
    """(initials, colour number): the first letters of the first two words of the name."""
    words = [word for word in _WORD.findall(company.name) if word[0].isalnum()]
    initials = "".join(word[0] for word in words[:2]).upper() or company.slug[:1].upper()
    return initials, zlib.crc32(company.slug.encode("utf-8")) % MONOGRAM_COLOURS
