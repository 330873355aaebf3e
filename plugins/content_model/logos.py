"""Company logos (``content/companies/logos/``): untrusted images, checked before anything uses them.

A logo is a PNG or WebP file (the schema refuses other names; SVG can carry scripts). Its
header is read first, without decoding the image: the real format must match the file name,
and the image must be at most ``MAX_SIDE`` pixels a side and ``MAX_PIXELS`` in all, so that a
small file that unpacks into a huge image (a decompression bomb) is refused before it is
decoded. Then the image is decoded once to prove it is complete. The build never publishes the
file itself: it publishes copies resized and re-encoded by Pillow (``directory_site.logo_images``),
so metadata and anything hidden after the image data stay behind.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageFile, UnidentifiedImageError

MAX_BYTES = 2_000_000
MAX_SIDE = 4096
MAX_PIXELS = 4096 * 4096
MIN_SIDE = 16
FORMATS = {".png": "PNG", ".webp": "WEBP"}


class LogoError(ValueError):
    """A logo file that cannot be used; the message says why and what to do."""


def open_logo(path: Path) -> Image.Image:
    """The decoded logo at ``path`` (RGBA), or ``LogoError``; never decodes an oversized image."""
    expected = FORMATS.get(path.suffix.lower())
    if expected is None:
        raise LogoError(f"{path.name}: a logo is a .png or .webp file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LogoError(f"{path.name} is {size / 1e6:.1f} MB; a logo may be at most {MAX_BYTES // 1_000_000} MB "
                        "(a few hundred pixels wide is plenty)")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(path, formats=["PNG", "WEBP", "JPEG", "GIF", "BMP", "TIFF"])
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise LogoError(f"{path.name} is not a readable PNG or WebP image ({_reason(error)}); "
                            "save the logo again as PNG or WebP") from None
        with image:
            if image.format != expected:
                raise LogoError(f"{path.name} is a {image.format} image with a {path.suffix} name; "
                                f"save it as {expected} or rename it to match (.png or .webp)")
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                raise LogoError(f"{path.name} is {width} x {height} pixels; a logo may be at most "
                                f"{MAX_SIDE} x {MAX_SIDE} (scale it down; 512 pixels wide is plenty)")
            if width < MIN_SIDE or height < MIN_SIDE:
                raise LogoError(f"{path.name} is only {width} x {height} pixels; a logo needs at least "
                                f"{MIN_SIDE} a side")
            # WeasyPrint (the guide PDF) sets Pillow's global LOAD_TRUNCATED_IMAGES when it is
            # imported; a logo must be complete all the same.
            lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
            try:
                image.seek(0)
                image.load()
            except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning) as error:
                raise LogoError(f"{path.name} is damaged or incomplete ({_reason(error)}); "
                                "save the logo again as PNG or WebP") from None
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = lenient
            return image.convert("RGBA")


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:120]


def logo_problem(path: Path) -> str | None:
    """Why the logo at ``path`` cannot be used, or None."""
    try:
        open_logo(path)
    except LogoError as error:
        return str(error)
    return None
