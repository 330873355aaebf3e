"""The For employers page: in every language, linked from every page's footer and the home page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from content_model import vocabulary
from support import SITE_LANGUAGES, ROOT, build_site, copy_fixture_site, parse_links

REPOSITORY = "https://github.com/example-org/twente-directory"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("employers")
    return build_site(copy_fixture_site(root / "content"), root / "output", REPOSITORY_URL=REPOSITORY)


@pytest.mark.parametrize("prefix, heading, costs", [
    ("", "<h1>For employers</h1>", "Nothing. The directory is free for companies and for students."),
    ("nl/", "<h1>Voor werkgevers</h1>", "Niets. Work in Twente is gratis voor bedrijven en voor studenten."),
])
def test_page_exists_in_every_language(site, prefix, heading, costs):
    page = (site / prefix / "for-employers/index.html").read_text(encoding="utf-8")
    assert heading in page and costs in page
    assert f'<html lang="{prefix.rstrip("/") or "en"}">' in page


def test_every_page_links_to_it_in_its_own_language_from_the_footer(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        first = page.relative_to(site).parts[0]
        prefix = f"/{first}/" if first in SITE_LANGUAGES[1:] else "/"
        footer = page.read_text(encoding="utf-8").split('<footer class="site-footer">', 1)[1]
        expected = f"{prefix}for-employers/"
        assert f'href="{expected}"' in footer, page
        assert "with a pull request" not in footer


def test_home_page_links_to_it(site):
    assert "/for-employers/" in parse_links(site / "index.html").links
    assert "/nl/for-employers/" in parse_links(site / "nl/index.html").links


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("nl", "nl/")])
def test_the_three_ways_in_link_to_the_forms_of_the_pages_language(site, lang, prefix):
    links = parse_links(site / prefix / "for-employers/index.html").links
    forms = [link for link in links if "/issues/new?template=" in link]
    assert len(forms) == 4
    for link in forms:
        assert link.startswith(f"{REPOSITORY}/issues/new?template=") and link.endswith(f".{lang}.yml")
        assert (ROOT / ".github/ISSUE_TEMPLATE" / link.split("template=", 1)[1]).is_file(), link
    guide = "CONTRIBUTING.nl.md" if lang == "nl" else "CONTRIBUTING.md"
    assert f"{REPOSITORY}/blob/HEAD/{guide}" in links and (ROOT / guide).is_file()
    assert f"{REPOSITORY}/blob/HEAD/docs/fields.md" in links


def test_the_supported_feed_formats_and_the_markers_are_explained(site):
    page = (site / "for-employers/index.html").read_text(encoding="utf-8")
    feeds = re.search(r'<ul class="feed-types">(.*?)</ul>', page, re.S).group(1)
    assert feeds.count("<li>") == len(vocabulary("feed_type")) == 8
    for name in ("Recruitee", "Personio", "SmartRecruiters", "RSS or Atom feed"):
        assert name in feeds
    for marker in ("English-speaking workplace", "IND recognised sponsor", "Helps with relocation"):
        assert f'<span class="tag tag-intl">{marker}</span>' in page
    assert "14 municipalities of Twente" in page


def test_the_repository_address_is_a_setting(tmp_path):
    output = build_site(copy_fixture_site(tmp_path / "content"), tmp_path / "output",
                        REPOSITORY_URL="https://git.example/other/")
    links = parse_links(output / "for-employers/index.html").links
    assert "https://git.example/other/issues/new?template=add-company.en.yml" in links
    assert not any("example-org" in link or "work-in-twente/work-in-twente" in link for link in links)
