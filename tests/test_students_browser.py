"""What students do with the site in headless Chromium: scan QR codes, keep a shortlist.

QR codes are decoded from what Chromium draws (a screenshot of the inline SVG), with the
zxing-cpp decoder (PyPI wheel ``zxing-cpp``), so the test proves that a phone camera pointed at
the screen or the printed sheet would open the right page.
"""

from __future__ import annotations

import io

import pytest

from search_support import serve
from support import build_site, copy_fixture_site

pytestmark = pytest.mark.browser

PUBLISHED = "https://work-in-twente.example"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("students")
    output = build_site(copy_fixture_site(root / "content"), root / "output", SEO_LOCAL_SITEURL=PUBLISHED)
    with serve(output) as base:
        yield base


def decode_qr(locator) -> list[str]:
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(locator.screenshot()))
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize(("path", "expected"), [
    ("events/campus-fair/", f"{PUBLISHED}/events/campus-fair/"),
    ("nl/events/campus-fair/", f"{PUBLISHED}/nl/events/campus-fair/"),
    ("nl/events/campus-fair/print/", f"{PUBLISHED}/nl/events/campus-fair/"),
    ("companies/beta-zorg/poster/", f"{PUBLISHED}/companies/beta-zorg/"),
])
def test_qr_code_on_the_page_decodes_to_its_published_url(site, page, path, expected):
    page.goto(f"{site}/{path}")
    assert decode_qr(page.locator("svg.qr-code")) == [expected]


def test_company_qr_code_is_behind_the_share_control(site, page):
    page.goto(f"{site}/nl/companies/alpha-tech/")
    qr = page.locator("details.share svg.qr-code")
    assert not qr.is_visible()
    page.get_by_text("Delen of afdrukken").click()
    assert qr.is_visible()
    assert decode_qr(qr) == [f"{PUBLISHED}/nl/companies/alpha-tech/"]


def test_printed_event_sheet_is_one_a4_page_with_the_code(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/events/campus-fair/print/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert decode_qr(page.locator("svg.qr-code")) == [f"{PUBLISHED}/events/campus-fair/"]
    pdf = page.pdf(prefer_css_page_size=True)
    context.close()
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
