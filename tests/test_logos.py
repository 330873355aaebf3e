"""Company logos: untrusted images refused with a clear message, resized copies on cards, company
and event pages with width, height and lazy loading, and a monogram where there is no logo."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from content_model import load_directory
from directory_site.logo_images import monogram
from support import build_site, copy_fixture_site

LANGS = ["en", "nl"]
A = "content/companies/alpha-tech.yaml"
LOGO_LINE = 22  # where alpha-tech.yaml writes "logo:"


@pytest.fixture
def content(tmp_path, monkeypatch):
    copy_fixture_site(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


def png(size, mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 10, 10)).save(buffer, "JPEG")
    return buffer.getvalue()


CASES = {
    "decompression bomb": (lambda: png((20000, 20000), "1"),
        "logo: alpha-tech.png is not a readable PNG or WebP image (Image size (400000000 pixels) exceeds limit of "
        "178956970 pixels, could be decompression bomb DOS attack.); save the logo again as PNG or WebP"),
    "too many pixels": (lambda: png((5000, 300), "1"),
        "logo: alpha-tech.png is 5000 x 300 pixels; a logo may be at most 4096 x 4096 (scale it down; "
        "512 pixels wide is plenty)"),
    "a JPEG with a .png name": (jpeg,
        "logo: alpha-tech.png is a JPEG image with a .png name; save it as PNG or rename it to match (.png or .webp)"),
    "not an image": (lambda: b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        "logo: alpha-tech.png is not a readable PNG or WebP image (cannot identify image file "),
    "truncated": (lambda: png((300, 300))[:200],
        "logo: alpha-tech.png is damaged or incomplete ("),
    "too small": (lambda: png((8, 8)),
        "logo: alpha-tech.png is only 8 x 8 pixels; a logo needs at least 16 a side"),
    "too big a file": (lambda: png((64, 64)) + b"\0" * 2_100_000,
        "logo: alpha-tech.png is 2.1 MB; a logo may be at most 2 MB (a few hundred pixels wide is plenty)"),
}


@pytest.fixture(params=[False, True], ids=["", "after-weasyprint"])
def lenient_pillow(request, monkeypatch):
    """Also as after ``import weasyprint``, which makes Pillow accept truncated images globally."""
    from PIL import ImageFile
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", request.param)


@pytest.mark.parametrize("name", list(CASES))
def test_bad_logo_is_refused_at_its_line(content, name, lenient_pillow):
    data, message = CASES[name]
    (content / "companies" / "logos" / "alpha-tech.png").write_bytes(data())
    directory, problems = load_directory(content, LANGS)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.path, problem.line, problem.column) == (A, LOGO_LINE, 1)
    assert problem.message.startswith(message), problem.message
    assert "alpha-tech" not in directory.companies


def test_the_fixture_logo_is_fine(content):
    _directory, problems = load_directory(content, LANGS)
    assert problems == []
    assert (content / "companies" / "alpha-tech.yaml").read_text().splitlines()[LOGO_LINE - 1].startswith("logo:")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("logos")
    return build_site(copy_fixture_site(root / "content"), root / "output")


IMG = re.compile(r'<img class="logo logo-(\w+)" src="/([^"]+)" srcset="/([^"]+) 2x" width="(\d+)" height="(\d+)" '
                 r'loading="lazy" alt="">')


@pytest.mark.parametrize(("page", "box"), [
    ("companies/index.html", "card"), ("nl/companies/alpha-tech/index.html", "page"),
    ("events/campus-fair/index.html", "card"), ("vacancies/index.html", "small"),
])
def test_logos_are_resized_to_the_size_shown(site, page, box):
    html = (site / page).read_text(encoding="utf-8")
    found = [match for match in IMG.findall(html) if match[0] == box]
    assert found, f"no {box} logo on {page}"
    css = {"small": 32, "card": 48, "page": 64}[box]
    for _box, src, srcset, width, height in found:
        one, two = Image.open(site / src), Image.open(site / srcset)
        assert one.format == two.format == "WEBP"
        assert one.size == (int(width), int(height)) and max(one.size) == css
        assert max(two.size) == min(2 * css, 120)  # never enlarged past the original
        assert one.size == (css, round(css * 80 / 120))  # the fixture logo is 120 x 80: proportions kept


def test_companies_without_logo_get_a_monogram(site):
    html = (site / "companies/index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="monogram monogram-card monogram-c\d" aria-hidden="true">BZ</span>', html)


def test_monogram_initials_and_colour_are_stable():
    from dataclasses import dataclass

    @dataclass
    class Named:
        name: str
        slug: str

    assert monogram(Named("Beta Zorg & Co", "beta-zorg")) == monogram(Named("Beta Zorg & Co", "beta-zorg"))
    assert monogram(Named("Beta Zorg & Co", "beta-zorg"))[0] == "BZ"
    assert monogram(Named("Ärzte-Zentrum", "aerzte"))[0] == "ÄZ"
    assert monogram(Named("3D Lab", "lab"))[0] == "3L"


def test_json_ld_logo_is_the_large_copy(site):
    html = (site / "companies/alpha-tech/index.html").read_text(encoding="utf-8")
    assert '"logo":"http://localhost:8000/companies/logos/alpha-tech-192.webp"' in html
    assert Image.open(site / "companies/logos/alpha-tech-192.webp").size == (120, 80)  # never enlarged
