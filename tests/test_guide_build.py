"""The Welcome Guide in a built site: notices, reviewed dates, links, contents, print page, PDF, report."""

from __future__ import annotations

import json
import logging
import re
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from directory_site import guide_pages
from support import SITE_LANGUAGES, build_site, copy_fixture_site, parse_links, resolve

PDFS = {"en": "guide/welcome-guide-twente-en.pdf", "nl": "nl/guide/welcome-guide-twente-nl.pdf"}
OUTDATED_NOTICE_NL = ("Deze vertaling is misschien niet meer actueel: de oorspronkelijke tekst in het Engels "
                      "is veranderd sinds hij werd vertaald.")


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def main_of(page: str) -> str:
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("guide")
    return build_site(copy_fixture_site(root / "content"), root / "output")


@pytest.fixture(scope="module")
def outdated_site(tmp_path_factory):
    """The fixture site after an editor changed the English registration chapter, not the Dutch one."""
    root = tmp_path_factory.mktemp("guide-outdated")
    content = copy_fixture_site(root / "content")
    source = content / "guides" / "registration.en.md"
    source.write_text(text(source).replace("within five days", "within four days"), encoding="utf-8")
    return build_site(content, root / "output")


# Readers are told ------------------------------------------------------------------------------

def test_outdated_translation_shows_a_notice_with_a_link_to_the_source(outdated_site, site):
    dutch = text(outdated_site / "nl/guide/registration/index.html")
    assert OUTDATED_NOTICE_NL in dutch
    notice = re.search(r'<p class="notice notice-outdated".*?</p>', dutch, re.S).group(0)
    assert '<a href="/guide/registration/" hreflang="en">Lees de actuele versie in het Engels</a>' in notice
    assert "notice-outdated" not in text(outdated_site / "guide/registration/index.html")  # the source itself
    assert "notice-outdated" not in text(site / "nl/guide/registration/index.html")  # an up-to-date translation
    index = text(outdated_site / "nl/guide/index.html")
    assert '<span class="tag tag-outdated">Vertaling misschien verouderd</span>' in index
    assert "tag-outdated" not in text(site / "nl/guide/index.html")


def test_missing_translation_keeps_the_fallback_notice(site):
    page = text(site / "nl/guide/cycling/index.html")
    assert "Deze tekst is nog niet vertaald in het Nederlands. Hieronder staat hij in het Engels." in page
    assert "notice-outdated" not in page


def test_last_reviewed_in_the_readers_date_format(site):
    assert ('Last reviewed: <time datetime="2026-10-01">October 1, 2026</time>'
            in text(site / "guide/registration/index.html"))
    assert ('Laatst nagekeken: <time datetime="2026-10-01">1 oktober 2026</time>'
            in text(site / "nl/guide/registration/index.html"))
    assert "Last reviewed" not in text(site / "guide/cycling/index.html")  # never reviewed: nothing to show


# Links and structure ---------------------------------------------------------------------------

def test_addresses_written_in_chapters_are_links(site):
    page = text(site / "guide/registration/index.html")
    assert ('Book online at <a class="bare-link" href="https://www.enschede.nl" rel="noopener noreferrer nofollow">'
            'https://www.enschede.nl</a>.') in page
    assert ('Write to <a class="bare-link" href="mailto:info@gemeente.example" rel="noopener noreferrer nofollow">'
            'info@gemeente.example</a>.') in page
    dutch = text(site / "nl/guide/registration/index.html")
    assert '<a class="bare-link" href="mailto:info@gemeente.example"' in dutch


@pytest.mark.parametrize("markdown, html", [
    ("See https://ind.nl/en.", '<p>See <a class="bare-link" href="https://ind.nl/en" rel="noopener noreferrer nofollow">'
                               'https://ind.nl/en</a>.</p>'),
    ("(https://x.example/a_(b)), then", '<p>(<a class="bare-link" href="https://x.example/a_(b)" '
                                        'rel="noopener noreferrer nofollow">https://x.example/a_(b)</a>), then</p>'),
    ("Mail jan.de-vries+gids@gemeente.example;", '<p>Mail <a class="bare-link" href="mailto:jan.de-vries+gids@'
     'gemeente.example" rel="noopener noreferrer nofollow">jan.de-vries+gids@gemeente.example</a>;</p>'),
    ("[the IND](https://ind.nl/en) and `https://code.example` and https:// alone",
     '<p><a href="https://ind.nl/en" rel="noopener noreferrer nofollow">the IND</a> and '
     "<code>https://code.example</code> and https:// alone</p>"),
    ("[see https://ind.nl/en](https://ind.nl/en)",
     '<p><a href="https://ind.nl/en" rel="noopener noreferrer nofollow">see https://ind.nl/en</a></p>'),
    ("- **Bold** https://a.example/?x=1&y=2, next", '<ul>\n<li><strong>Bold</strong> <a class="bare-link" '
     'href="https://a.example/?x=1&amp;y=2" rel="noopener noreferrer nofollow">https://a.example/?x=1&amp;y=2</a>, '
     "next</li>\n</ul>"),
    ("javascript:alert(1) and www.example.nl stay text", "<p>javascript:alert(1) and www.example.nl stay text</p>"),
])
def test_address_linking_rules(markdown, html):
    from content_model.markup import render_guide_text
    assert render_guide_text(markdown, "x-").html == html


def test_every_id_on_guide_pages_is_unique(site):
    for page in [*site.glob("guide/**/index.html"), *site.glob("nl/guide/**/index.html")]:
        ids = re.findall(r'\sid="([^"]+)"', text(page))
        assert len(ids) == len(set(ids)), f"{page.relative_to(site)}: {sorted(i for i in ids if ids.count(i) > 1)}"


def test_long_chapters_have_a_table_of_contents_with_anchors(site):
    page = main_of(text(site / "guide/registration/index.html"))
    toc = re.search(r'<nav class="chapter-toc" aria-label="In this chapter">.*?</nav>', page, re.S).group(0)
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert anchors == ["registration-make-an-appointment", "registration-bring-your-documents",
                       "registration-after-registration"]
    for anchor in anchors:
        assert f'<h2 id="{anchor}">' in page
    assert 'class="chapter-toc"' not in text(site / "guide/cycling/index.html")  # one paragraph, no headings
    assert '<nav class="chapter-toc" aria-label="In dit hoofdstuk">' in text(site / "nl/guide/registration/index.html")


def test_official_links_from_front_matter(site):
    page = text(site / "guide/registration/index.html")
    section = re.search(r'<section class="official-links".*?</section>', page, re.S).group(0)
    assert '<h2 id="registration--links">Useful official links</h2>' in section
    assert '<li><a href="https://www.enschede.nl">Municipality of Enschede</a></li>' in section
    assert "Handige officiële links" in text(site / "nl/guide/registration/index.html")


def test_previous_and_next_chapter(site):
    first = parse_links(site / "guide/registration/index.html").links
    second = text(site / "guide/cycling/index.html")
    assert "/guide/cycling/" in first
    assert re.search(r'<a rel="prev" href="/guide/registration/">.*Previous chapter', second)
    assert 'rel="next"' not in second.split('class="chapter-nav"', 1)[1]


# Print page and PDF ------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, titles", [
    ("", ["Registering with the municipality", "Getting around by bike"]),
    ("nl/", ["Inschrijven bij de gemeente", "Getting around by bike"]),
])
def test_print_page_has_every_chapter_in_order_with_contents(site, prefix, titles):
    page = text(site / prefix / "guide/print/index.html")
    body = main_of(page)
    assert '<meta name="robots" content="noindex">' in page
    assert '<link rel="stylesheet" href="/theme/css/guide.css">' in page
    contents = re.search(r'<nav class="guide-contents".*?</nav>', body, re.S).group(0)
    assert re.findall(r'href="#([^"]+)"', contents) == ["registration--chapter", "cycling--chapter"]
    chapters = re.findall(r'<article class="guide-print-chapter" id="([^"]+)".*?<h2 id="[^"]+" lang="\w+">([^<]+)</h2>',
                          body, re.S)
    assert chapters == [("registration--chapter", titles[0]), ("cycling--chapter", titles[1])]
    # Chapter headings sit one level below the chapter title, with the same anchors as on the chapter page.
    assert re.search(r'<h3 id="registration-(make-an-appointment|maak-een-afspraak)">', body)
    if prefix:  # the untranslated chapter keeps its notice on paper too
        assert "Deze tekst is nog niet vertaald in het Nederlands." in body


def test_print_css_hides_navigation_breaks_pages_and_prints_link_targets():
    css = (Path(guide_pages.__file__).parents[2] / "theme/static/css/guide.css").read_text(encoding="utf-8")
    print_rules = css.split("@media print {", 1)[1].split("\n}\n", 1)[0]
    assert ".site-header, .site-footer" in print_rules and "display: none" in print_rules
    assert ".guide-print-chapter { break-before: page;" in print_rules
    assert 'content: " (" attr(href) ")"' in print_rules and ":not(.bare-link)" in print_rules


def test_guide_index_links_print_page_and_pdf(site):
    for lang, prefix in (("en", ""), ("nl", "nl/")):
        links = parse_links(site / prefix / "guide/index.html").links
        assert f"/{prefix}guide/print/" in links
        assert f"/{PDFS[lang]}" in links
        assert resolve(site, f"/{PDFS[lang]}").is_file()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_pdf_per_language_holds_the_whole_guide(site, lang):
    from pypdf import PdfReader
    reader = PdfReader(site / PDFS[lang])
    assert reader.metadata.title == ("Welcome Guide to Twente · Work in Twente" if lang == "en"
                                     else "Welkomstgids Twente · Work in Twente")
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 3  # cover and contents, then each chapter on its own page
    registration = "Registering with the municipality" if lang == "en" else "Inschrijven bij de gemeente"
    assert pages[1].startswith(registration) and pages[2].startswith("Getting around by bike")
    assert "(https://www.enschede.nl)" in " ".join(pages[1].split())  # link targets printed after links
    assert "1 / 3" in pages[0] and "3 / 3" in pages[2]


def test_pdf_renders_without_warnings(tmp_path, caplog):
    """`make build` runs Pelican with --fatal warnings: a CSS property WeasyPrint ignores would stop it."""
    with caplog.at_level(logging.WARNING):
        output = build_site(copy_fixture_site(tmp_path / "content"), tmp_path / "output")
    assert (output / PDFS["nl"]).is_file()
    assert [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_pdf_fetches_nothing():
    with pytest.raises(ValueError, match="the guide PDF fetches nothing; refused 'https://evil.example/x.css'"):
        guide_pages.refuse_fetch("https://evil.example/x.css")


class _NoPango:
    """An import hook that fails like WeasyPrint does when the Pango library is not installed."""

    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return None


@pytest.mark.parametrize("missing", ["weasyprint", "pango"])
def test_build_goes_on_without_pdf_library(tmp_path, monkeypatch, caplog, missing):
    if missing == "weasyprint":
        monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` raises ImportError
    else:
        monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
        monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    with caplog.at_level(logging.WARNING):
        output = build_site(copy_fixture_site(tmp_path / "content"), tmp_path / "output")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(message.startswith("Welcome Guide: no PDF of the guide, because WeasyPrint cannot be loaded")
               for message in warnings), warnings
    if missing == "pango":
        assert any("cannot load library 'libpango-1.0-0'" in message for message in warnings)
    assert not list(output.rglob("*.pdf"))
    assert (output / "guide/print/index.html").is_file() and (output / "nl/guide/print/index.html").is_file()
    assert ".pdf" not in text(output / "guide/index.html") and ".pdf" not in text(output / "guide/print/index.html")


def test_pdf_can_be_switched_off_without_a_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        output = build_site(copy_fixture_site(tmp_path / "content"), tmp_path / "output", GUIDE_PDF=False)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "PDF" in r.getMessage()]
    assert not list(output.rglob("*.pdf"))


# Editors' report ---------------------------------------------------------------------------------

def test_editors_report_page_and_json(outdated_site):
    page = text(outdated_site / "guide/status/index.html")
    assert '<meta name="robots" content="noindex">' in page
    cells = dict(re.findall(r'<td class="status status-\w+" data-status="(\w+)">\s*(?:<a href="([^"]+)")?', page))
    assert set(cells) == {"ok", "outdated", "stale", "missing"}
    assert cells["outdated"] == "/nl/guide/registration/"
    assert "content/guides/registration.nl.md</code> (Outdated)" in page
    dutch = text(outdated_site / "nl/guide/status/index.html")
    assert "Welkomstgids: stand van de vertalingen" in dutch and ">Verouderd</a>" in dutch
    report = json.loads(text(outdated_site / "guide/status.json"))
    assert report["date"] == "2026-11-27"
    # cycling has no Dutch version; neither chapter has a version in the site's other languages (German)
    extra = len(SITE_LANGUAGES) - 2
    assert report["counts"] == {"ok": 1, "missing": 1 + 2 * extra, "outdated": 1, "stale": 1}
    assert report["chapters"][0]["versions"]["nl"]["status"] == "outdated"


def test_editors_report_is_not_linked_and_not_in_the_sitemap(site):
    for page in site.rglob("*.html"):
        relative = page.relative_to(site).as_posix()
        if relative.split("/", 1)[-1] == "guide/status/index.html" or relative == "guide/status/index.html":
            continue
        assert "guide/status" not in text(page), f"{relative} links the editors' report"
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    locs = [element.text for element in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert not [loc for loc in locs if "guide/status" in loc or "guide/print" in loc]
    assert any(loc.endswith("/guide/registration/") for loc in locs)
