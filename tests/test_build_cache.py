"""The build cache: a rebuild reuses what did not change, and its output is a cold build's, byte for byte.

Every test builds the small fixture site into a temporary folder with its own cache folder,
changes one thing, rebuilds into the same output with the same cache ("warm") and compares
with a build of the changed site from nothing ("cold").
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from content_model import ContentError
from support import ROOT, build_site, copy_fixture_site

VACANCY = "vacancies/alpha-tech/python-developer.md"


def tree(output: Path) -> dict[str, bytes]:
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted(output.rglob("*"))
            if path.is_file()}


def mtimes(output: Path) -> dict[str, int]:
    return {path.relative_to(output).as_posix(): path.stat().st_mtime_ns for path in output.rglob("*")
            if path.is_file()}


def assert_same(warm: Path, cold: Path) -> None:
    first, second = tree(warm), tree(cold)
    assert sorted(set(first) - set(second)) == [], "files only the warm build has"
    assert sorted(set(second) - set(first)) == [], "files only the cold build has"
    different = sorted(name for name in first if first[name] != second[name])
    assert different == [], f"{len(different)} files differ"


class Site:
    """The fixture site in ``root``: content, an output folder and its cache, and a theme copy."""

    def __init__(self, root: Path, **settings) -> None:
        self.root = root
        self.content = copy_fixture_site(root / "content")
        self.theme = root / "theme"
        shutil.copytree(ROOT / "theme", self.theme)
        self.settings = {"THEME": str(self.theme), **settings}

    def build(self, output: str = "output", cache: str = "cache", **settings) -> Path:
        return build_site(self.content, self.root / output, BUILD_CACHE_PATH=str(self.root / cache),
                          **{**self.settings, **settings})

    def cold(self, **settings) -> Path:
        """A build of the site as it is now, from nothing (a fresh output and cache)."""
        for name in ("cold-output", "cold-cache"):
            shutil.rmtree(self.root / name, ignore_errors=True)
        return self.build("cold-output", "cold-cache", **settings)


@pytest.fixture
def site(tmp_path):
    return Site(tmp_path, GUIDE_PDF=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rebuild_without_changes_rewrites_no_file(tmp_path):
    site = Site(tmp_path)  # with the guide's PDFs
    output = site.build()
    before = mtimes(output)
    assert any(name.endswith(".pdf") for name in before)
    site.build()
    assert mtimes(output) == before
    assert_same(output, site.cold())


def change_content(site: Site) -> None:
    edit(site.content / VACANCY, "title: Python developer", "title: Senior Python developer")
    edit(site.content / VACANCY, "You write Python", "You lead a team and write Python")


def change_template(site: Site) -> None:
    edit(site.theme / "templates" / "_macros.html", '<li class="card vacancy-card">',
         '<li class="card vacancy-card" data-card="vacancy">')


def change_catalogue(site: Site) -> None:
    edit(site.theme / "translations" / "nl" / "LC_MESSAGES" / "messages.po",
         'msgstr "Naar de inhoud"', 'msgstr "Direct naar de inhoud"')


def delete_file(site: Site) -> None:
    (site.content / VACANCY).unlink()


@pytest.mark.parametrize("change", [change_content, change_template, change_catalogue, delete_file],
                         ids=["content", "template", "catalogue", "deleted-file"])
def test_a_warm_build_after_a_change_is_the_cold_build(site, change):
    output = site.build()
    change(site)
    site.build()
    assert_same(output, site.cold())


def test_a_warm_build_after_a_change_of_setting_is_the_cold_build(site):
    output = site.build()
    site.build(SITENAME="Werken in Twente", LIST_PAGE_SIZE=1)
    assert_same(output, site.cold(SITENAME="Werken in Twente", LIST_PAGE_SIZE=1))
    assert (output / "vacancies/page/2/index.html").is_file()
    site.build()  # and back: the pages of one per list go again
    assert_same(output, site.cold())
    assert not (output / "vacancies/page/2/index.html").exists()


def test_a_deleted_vacancy_is_gone_from_every_page_index_feed_and_sitemap(site):
    output = site.build()
    assert (output / "vacancies/alpha-tech/python-developer/index.html").is_file()
    delete_file(site)
    site.build()
    assert not (output / "vacancies/alpha-tech/python-developer").exists()
    assert not (output / "nl/vacancies/alpha-tech/python-developer").exists()
    mentions = sorted(name for name, data in tree(output).items()
                      if b"python-developer" in data or b"Python developer" in data)
    assert mentions == []


def test_only_what_shows_a_changed_vacancy_is_written_again(site):
    output = site.build()
    before = mtimes(output)
    change_content(site)
    site.build()
    after = mtimes(output)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert "vacancies/alpha-tech/python-developer/index.html" in rewritten
    assert "nl/vacancies/alpha-tech/python-developer/index.html" in rewritten
    assert "companies/alpha-tech/index.html" in rewritten  # lists the vacancy
    assert "sitemap.xml" not in rewritten  # the same pages as before
    for untouched in ("companies/beta-zorg/index.html", "guide/index.html", "for-employers/index.html",
                      "vacancies/beta-zorg/afstuderen-zorgdata/index.html", "theme/css/site.css", "robots.txt"):
        assert untouched not in rewritten, untouched
    assert len(rewritten) < len(after) // 3


def test_a_failed_build_leaves_no_record_and_the_next_starts_from_nothing(site):
    output = site.build()
    (output / "stray.html").write_text("left by hand", encoding="utf-8")
    company = site.content / "companies" / "alpha-tech.yaml"
    good = company.read_text(encoding="utf-8")
    company.write_text(good.replace("municipality: Enschede", "municipality: Utrecht"), encoding="utf-8")
    with pytest.raises(ContentError):
        site.build()
    company.write_text(good, encoding="utf-8")
    delete_file(site)
    site.build()  # no record: DELETE_OUTPUT_DIRECTORY empties the folder first, as Pelican does
    assert not (output / "stray.html").exists()
    assert_same(output, site.cold())


def test_files_the_build_did_not_make_are_left_alone(site):
    output = site.build()
    (output / "google1234.html").write_text("site verification", encoding="utf-8")
    delete_file(site)
    site.build()
    assert (output / "google1234.html").read_text(encoding="utf-8") == "site verification"
    assert not (output / "vacancies/alpha-tech/python-developer").exists()


def test_the_cache_folder_may_be_deleted_at_any_time(site):
    output = site.build()
    shutil.rmtree(site.root / "cache")
    change_content(site)
    site.build()
    assert_same(output, site.cold())


def test_a_changed_or_damaged_output_file_is_made_again(site):
    output = site.build()
    page = output / "companies/alpha-tech/index.html"
    page.write_text("damaged", encoding="utf-8")
    (output / "vacancies/beta-zorg/afstuderen-zorgdata/index.html").unlink()
    site.build()
    assert_same(output, site.cold())


def test_the_record_follows_an_output_restored_with_other_times(site):
    """An output folder restored from an archive (CI's cache) has other times: bytes decide."""
    output = site.build()
    for path in output.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = mtimes(output)
    site.build()
    assert mtimes(output) == before  # nothing written again: the bytes are the same


def test_qr_codes_of_pages_a_rebuild_kept_stay_in_the_cache(site, monkeypatch):
    """A rebuild that makes one company's page again keeps the other companies' codes too: the
    next night another company changes, and its code is still there."""
    import segno

    from build_cache import kept

    site.build()
    change_content(site)  # alpha-tech's page is made again, beta-zorg's is kept
    site.build()
    edit(site.content / "vacancies/beta-zorg/afstuderen-zorgdata.md",
         "title: Afstudeeropdracht zorgdata", "title: Afstudeeropdracht zorgdata en AI")
    kept.registered()["qr-code"].values.clear()  # as in a new process: only the cache folder has them

    def refuse(*args, **kwargs):
        raise AssertionError("a QR code was made again")

    monkeypatch.setattr(segno, "make", refuse)
    output = site.build()  # beta-zorg's page, with its QR code, is made again
    monkeypatch.undo()
    assert_same(output, site.cold())


def test_a_build_removes_what_other_code_left_in_the_cache(site):
    site.build()
    cache = site.root / "cache"
    mine = sorted(path.name for path in cache.glob("*.pickle"))
    content = next(name for name in mine if name.startswith("files-")).split("-")[1]
    stale = [cache / f"files-{content}-{'0' * 32}.pickle", cache / f"kept-qr-code-{'0' * 32}.pickle"]
    other_content = cache / f"files-{'1' * 16}-{'0' * 32}.pickle"  # another content folder's
    for path in (*stale, other_content):
        path.write_bytes(b"old")
    site.build()
    assert not any(path.exists() for path in stale)
    assert other_content.exists()
    assert sorted(path.name for path in cache.glob("*.pickle")) == sorted([*mine, other_content.name])


def test_qr_codes_are_kept_in_the_cache_for_the_next_build(site, monkeypatch):
    import segno

    from build_cache import kept

    output = site.build()
    change_content(site)  # the company's page, with its QR code, is made again
    kept.registered()["qr-code"].values.clear()  # as in a new process: only the cache folder has them

    def refuse(*args, **kwargs):
        raise AssertionError("a QR code was made again")

    monkeypatch.setattr(segno, "make", refuse)
    site.build()
    monkeypatch.undo()
    assert_same(output, site.cold())


def test_a_file_written_again_holds_exactly_the_new_bytes(tmp_path):
    from build_cache.outputs import OutputFiles

    files = OutputFiles(tmp_path)
    files.write("page/index.html", "<p>" + "a long first version " * 400 + "</p>")
    before = (tmp_path / "page" / "index.html").stat().st_ino
    # The next build's shorter and longer versions: written over the old bytes, cut to length.
    for text in ("<p>short</p>", "<p>" + "longer again " * 900 + "</p>", ""):
        again = OutputFiles(tmp_path)
        assert again.write("page/index.html", text)
        assert (tmp_path / "page" / "index.html").read_text(encoding="utf-8") == text
        entry = again.entries["page/index.html"]
        assert entry.size == len(text.encode("utf-8")) == (tmp_path / "page" / "index.html").stat().st_size
    assert (tmp_path / "page" / "index.html").stat().st_ino == before


def test_static_files_pelican_copies_are_recorded_and_removed_when_gone(site):
    """Files other code writes count when it says so (Pelican's static generator here): recorded,
    kept on a rebuild, removed once their source is gone; the output folder itself is not walked."""
    static = site.content / "extra"
    static.mkdir()
    (static / "robots-note.txt").write_text("fictional static file", encoding="utf-8")
    (static / "keep.txt").write_text("stays", encoding="utf-8")
    output = site.build(STATIC_PATHS=["extra"])
    assert (output / "extra/robots-note.txt").read_text(encoding="utf-8") == "fictional static file"
    site.build(STATIC_PATHS=["extra"])
    assert (output / "extra/robots-note.txt").is_file()
    (static / "robots-note.txt").unlink()
    site.build(STATIC_PATHS=["extra"])
    assert not (output / "extra/robots-note.txt").exists()
    assert (output / "extra/keep.txt").read_text(encoding="utf-8") == "stays"


def test_templates_compiled_once_are_kept_for_the_next_build(site, monkeypatch):
    import jinja2

    output = site.build()
    folders = list((site.root / "cache").glob("templates-*"))
    assert len(folders) == 1 and any(folders[0].iterdir()), "no compiled template was kept"
    compiled = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, source, name=None, *rest, **options: compiled.append(name)
                        or original(self, source, name, *rest, **options))
    edit(site.content / VACANCY, "title: ", "title: Senior ")
    site.build()
    language_templates = [name for name in compiled if name in {"base.html", "vacancy.html", "_macros.html"}]
    assert language_templates == [], f"compiled again: {language_templates}"
    # A changed template is compiled again (Jinja checks the source), and only in this build.
    edit(site.theme / "templates" / "vacancy.html", "</article>", "</article><!-- changed -->")
    site.build()
    assert "vacancy.html" in compiled
    monkeypatch.undo()
    assert_same(output, site.cold())


def rendered_templates(monkeypatch) -> list[str]:
    """The names of the templates rendered from now on (in this process: the fixture site builds in one)."""
    import jinja2

    rendered: list[str] = []
    original = jinja2.Template.render
    monkeypatch.setattr(jinja2.Template, "render",
                        lambda self, *args, **kwargs: rendered.append(self.name) or original(self, *args, **kwargs))
    return rendered


def test_a_changed_vacancy_title_renders_no_list_page_again(site, monkeypatch):
    """Company lists show how many vacancies a company has, not which: a new title leaves them be.
    The lists of vacancies that show it are the last build's files with its card made again."""
    output = site.build()
    before = tree(output)
    rendered = rendered_templates(monkeypatch)
    change_content(site)
    site.build()
    assert "vacancy.html" in rendered
    assert not {"vacancies.html", "company.html", "company_poster.html", "companies.html"} & set(rendered)
    after = tree(output)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert "vacancies/index.html" in changed and "nl/companies/alpha-tech/index.html" in changed
    assert b"Senior Python developer" in after["vacancies/index.html"]
    monkeypatch.undo()
    assert_same(output, site.cold())


def test_a_list_page_whose_shell_changed_is_rendered_in_full(site, monkeypatch):
    """A change around the cards (the page's template, the number of cards) renders the page."""
    output = site.build()
    edit(site.theme / "templates" / "vacancies.html", '<ul class="cards">', '<ul class="cards vacancy-list">')
    change_content(site)
    rendered = rendered_templates(monkeypatch)
    site.build()
    assert "vacancies.html" in rendered and "company.html" not in rendered
    monkeypatch.undo()
    assert_same(output, site.cold())
    rendered = rendered_templates(monkeypatch)
    delete_file(site)  # one card fewer on the lists that showed it
    site.build()
    assert "vacancies.html" in rendered and "company.html" in rendered
    monkeypatch.undo()
    assert_same(output, site.cold())


def test_a_list_page_changed_on_disk_is_rendered_in_full(site, monkeypatch):
    """The last build's file is only used when it is still as written."""
    output = site.build()
    page = output / "vacancies" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"Python developer", b"Python develop3r"))
    change_content(site)
    rendered = rendered_templates(monkeypatch)
    site.build()
    assert "vacancies.html" in rendered
    monkeypatch.undo()
    assert_same(output, site.cold())


def test_a_recorded_file_written_again_by_silent_code_is_not_removed(tmp_path):
    """A file of the last build's record that code without a signal wrote again in this build
    counts as produced: never removed as stale, although the output folder is not walked."""
    import time

    from build_cache.outputs import OutputFiles

    first = OutputFiles(tmp_path)
    first.write("page/index.html", "<p>page</p>")
    first.write("silent.txt", "made by a plugin that writes files itself")
    first.write("gone.txt", "not made again")
    previous = first.record(first.produced())
    started = time.time_ns()
    again = OutputFiles(tmp_path, previous)
    again.write("page/index.html", "<p>page</p>")
    (tmp_path / "silent.txt").write_text("made again, without OutputFiles", encoding="utf-8")
    produced = again.produced(set(), started)
    assert again.remove_stale(set(previous.entries), produced) == ["gone.txt"]
    assert (tmp_path / "silent.txt").read_text(encoding="utf-8") == "made again, without OutputFiles"
