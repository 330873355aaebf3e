"""Welcome Guide translation status: ok / missing / outdated / stale, the report, and stamping."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys

import pytest

from content_model import guide_status, load_directory
from content_model.guide_status import REVIEW_MONTHS, StampError, months_before, review_due, stamp
from content_model.guides import text_version
from support import ROOT, copy_fixture_site

sys.path.insert(0, str(ROOT / "scripts"))
import site_settings  # noqa: E402

LANGS = ["en", "nl"]
TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def site(tmp_path, monkeypatch):
    copy_fixture_site(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


def statuses(content, today=TODAY) -> dict[tuple[str, str], str]:
    directory, problems = load_directory(content, LANGS)
    assert problems == []
    return {(chapter.slug, lang): version.status
            for chapter in guide_status.guide_status(directory, today) for lang, version in chapter.versions.items()}


def run(capsys, *args) -> tuple[int, str]:
    code = guide_status.main(list(args), LANGS, ROOT / "content")
    return code, capsys.readouterr().out


def test_fixture_site_status(site):
    assert statuses(site) == {("registration", "en"): "ok", ("registration", "nl"): "ok",
                              ("cycling", "en"): "stale", ("cycling", "nl"): "missing"}


def test_editing_the_source_makes_the_translation_outdated(site):
    source = site / "guides" / "registration.en.md"
    source.write_text(source.read_text().replace("five days", "four days"))
    assert statuses(site)[("registration", "nl")] == "outdated"
    assert statuses(site)[("registration", "en")] == "ok"


def test_rewrapping_the_source_changes_nothing(site):
    source = site / "guides" / "registration.en.md"
    text = source.read_text()
    source.write_text(text.replace("within five days of arrival. ", "within five days\nof arrival.   "))
    assert source.read_text() != text
    assert statuses(site)[("registration", "nl")] == "ok"


def test_version_covers_title_summary_text_and_links():
    base = text_version("Title", "Summary.", "Text.", ())
    assert len(base) == 12 and base == text_version(" Title ", "Summary.", "Text.\n\n", ())
    from content_model.guides import OfficialLink
    assert len({base, text_version("Title!", "Summary.", "Text.", ()), text_version("Title", "Summary!", "Text.", ()),
                text_version("Title", "Summary.", "Text!", ()),
                text_version("Title", "Summary.", "Text.", (OfficialLink("IND", "https://ind.nl/en"),))}) == 5


def test_removing_a_translation_makes_it_missing(site):
    (site / "guides" / "registration.nl.md").unlink()
    assert statuses(site)[("registration", "nl")] == "missing"


def test_a_translation_without_a_recorded_version_is_outdated(site):
    translation = site / "guides" / "registration.nl.md"
    translation.write_text("\n".join(line for line in translation.read_text().splitlines()
                                     if not line.startswith("  version:")) + "\n")
    assert statuses(site)[("registration", "nl")] == "outdated"


def test_stale_after_twelve_months():
    reviewed = dt.date(2025, 11, 27)
    assert not review_due(reviewed, dt.date(2026, 11, 27))
    assert review_due(reviewed, dt.date(2026, 11, 28))
    assert review_due(None, dt.date(2026, 11, 28))
    assert months_before(dt.date(2028, 2, 29), REVIEW_MONTHS) == dt.date(2027, 2, 28)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)


def test_outdated_wins_over_stale_but_both_are_told(site):
    source = site / "guides" / "registration.en.md"
    source.write_text(source.read_text().replace("five days", "four days"))
    directory, _ = load_directory(site, LANGS)
    later = dt.date(2027, 12, 1)
    version = next(c for c in guide_status.guide_status(directory, later) if c.slug == "registration").versions["nl"]
    assert version.status == "outdated" and version.stale
    note = version.note()
    assert "content/guides/registration.en.md changed since this translation" in note
    assert "last reviewed 2026-10-01, more than 12 months ago" in note


def test_command_prints_a_table_and_what_to_do(site, capsys):
    source = site / "guides" / "registration.en.md"
    source.write_text(source.read_text().replace("five days", "four days"))
    code, out = run(capsys, str(site), "--today", "2026-11-27")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Welcome Guide status on 2026-11-27 (review due after 12 months)"
    assert lines[2:5] == [
        "#  chapter       en              nl",
        "1  registration  ok (source)     outdated",
        "2  cycling       stale (source)  missing",
    ]
    assert "2 chapters in 2 languages, 4 versions: 1 ok, 1 missing, 1 outdated, 1 stale" in lines
    new_version = text_version(*(lambda c: (c.title, c.summary, c.body, c.links))(
        load_directory(site, LANGS)[0].guides["registration"]["en"]))
    assert (f"  content/guides/registration.nl.md: outdated: content/guides/registration.en.md changed since "
            f"this translation (made from version 9f19328538d3, the source is now {new_version}); update the "
            "translation (`git log -p content/guides/registration.en.md` shows what changed), then run "
            "`make guide-stamp FILE=content/guides/registration.nl.md`") in lines
    assert ("  content/guides/cycling.nl.md: missing: no content/guides/cycling.nl.md; readers of the 'nl' site "
            "see the 'en' text with a notice. Translate content/guides/cycling.en.md into "
            "content/guides/cycling.nl.md, then run `make guide-stamp FILE=content/guides/cycling.nl.md FROM=en`"
            ) in lines
    assert run(capsys, str(site), "--strict", "--today", "2026-11-27")[0] == 1


def test_command_strict_passes_when_all_is_ok(site, capsys):
    shutil.rmtree(site / "guides")
    (site / "guides").mkdir()
    shutil.copy(ROOT / "tests/fixtures/site/guides/registration.en.md", site / "guides")
    shutil.copy(ROOT / "tests/fixtures/site/guides/registration.nl.md", site / "guides")
    code, out = run(capsys, str(site), "--strict", "--today", "2026-11-27")
    assert code == 0 and "2 ok, 0 missing, 0 outdated, 0 stale" in out and "To do" not in out


def test_command_json(site, capsys):
    code, out = run(capsys, str(site), "--json", "--today", "2026-11-27")
    report = json.loads(out)
    assert code == 0 and report["counts"] == {"ok": 2, "missing": 1, "outdated": 0, "stale": 1}
    registration = report["chapters"][0]
    assert registration["source"] == {"lang": "en", "file": "content/guides/registration.en.md",
                                      "version": "9f19328538d3"}
    assert registration["versions"]["nl"]["translates_version"] == "9f19328538d3"
    assert registration["versions"]["nl"]["reviewed"] == "2026-10-01"


def test_command_refuses_broken_guide_content(site, capsys):
    (site / "guides" / "registration.nl.md").write_text(
        "---\ntitle: Inschrijven\norder: 1\nsummary: Hoe je je inschrijft.\ntranslates: {lang: de}\n---\nTekst.\n")
    code, out = run(capsys, str(site))
    assert code == 1
    assert out.splitlines()[0].startswith("content/guides/registration.nl.md:5:20: translates.lang: this "
                                           "translates 'de', but there is no content/guides/registration.de.md")


def test_stamp_records_the_current_source_version_and_nothing_else(site):
    source = site / "guides" / "registration.en.md"
    translation = site / "guides" / "registration.nl.md"
    source.write_text(source.read_text().replace("five days", "four days"))
    before = translation.read_text()
    message = stamp(translation, LANGS, TODAY)
    directory, _ = load_directory(site, LANGS)
    current = directory.guides["registration"]["en"].version
    assert message == (f"content/guides/registration.nl.md: now translates version {current} of "
                       "content/guides/registration.en.md")
    after = translation.read_text()
    assert after == before.replace("version: 9f19328538d3", f"version: {current}")
    assert statuses(site)[("registration", "nl")] == "ok"
    assert stamp(translation, LANGS, TODAY).endswith("nothing to do")
    assert translation.stat().st_mode & 0o777 == source.stat().st_mode & 0o777


def test_stamp_a_new_translation_from_its_source_and_mark_it_reviewed(site):
    new = site / "guides" / "cycling.nl.md"
    new.write_text("---\ntitle: Fietsen\norder: 2\nsummary: Waarom je in Twente een fiets wilt.\n"
                   "reviewed: 2020-01-01 # old\n---\nIedereen fietst.\n")
    assert stamp(new, LANGS, TODAY, source_lang="en", reviewed=True).endswith(", reviewed 2026-11-27")
    version = load_directory(site, LANGS)[0].guides["cycling"]["en"].version
    assert new.read_text() == ("---\ntitle: Fietsen\norder: 2\nsummary: Waarom je in Twente een fiets wilt.\n"
                               f"reviewed: 2026-11-27\ntranslates:\n  lang: en\n  version: {version}\n"
                               "---\nIedereen fietst.\n")
    assert statuses(site)[("cycling", "nl")] == "ok"


def test_stamp_marks_a_source_reviewed(site):
    source = site / "guides" / "cycling.en.md"
    assert stamp(source, LANGS, TODAY, reviewed=True) == "content/guides/cycling.en.md: reviewed 2026-11-27"
    assert "reviewed: 2026-11-27\n---\n" in source.read_text()
    assert statuses(site)[("cycling", "en")] == "ok"


def test_stamp_refuses_what_it_cannot_do(site):
    source = site / "guides" / "cycling.en.md"
    before = source.read_text()
    with pytest.raises(StampError, match="no 'translates' field, so this is a source"):
        stamp(source, LANGS, TODAY)
    with pytest.raises(StampError, match="the source content/guides/cycling.nl.md does not exist"):
        stamp(source, LANGS, TODAY, source_lang="nl")
    broken = site / "guides" / "registration.nl.md"
    broken.write_text(broken.read_text().replace("order: 1", "order: one"))
    text = broken.read_text()
    with pytest.raises(StampError, match="registration.nl.md:3:8: order: expected a whole number"):
        stamp(broken, LANGS, TODAY)
    assert source.read_text() == before and broken.read_text() == text


def test_stamp_command_line(site, capsys):
    source = site / "guides" / "registration.en.md"
    source.write_text(source.read_text().replace("five days", "four days"))
    code, out = run(capsys, "--stamp", "content/guides/registration.nl.md", "--stamp", "content/guides/nope.nl.md")
    assert code == 1
    assert out.splitlines()[0].startswith("content/guides/registration.nl.md: now translates version ")
    assert out.splitlines()[1] == "content/guides/nope.nl.md: no such file"
    assert statuses(site)[("registration", "nl")] == "ok"


def test_demo_guide_is_complete_and_current():
    """Every chapter is in English and Dutch, translated from the current source and reviewed in the
    last 12 months. (German pages show the English chapters with a notice until they are translated.)"""
    directory, problems = load_directory(ROOT / "content", site_settings.site_languages())
    assert problems == []
    chapters = guide_status.guide_status(directory, dt.date(2026, 12, 1))
    assert len(chapters) >= 8
    bad = [(c.slug, lang, v.status) for c in chapters for lang, v in c.versions.items()
           if v.status != "ok" and not (lang not in ("en", "nl") and v.status == "missing")]
    assert bad == []
    assert all(chapter.source.links for chapter in chapters), "every chapter lists official links"
