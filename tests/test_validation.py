"""The content model and validator against a catalogue of broken files.

Every case writes one broken file into a copy of the small fixture site and asserts the exact
``path:line:column: message`` lines the validator prints. The error text is part of the contract.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from content_model import ContentError, load_directory, load_or_raise
from support import ROOT, SAMPLE_VACANCY, copy_fixture_site

sys.path.insert(0, str(ROOT / "scripts"))
import validate  # noqa: E402

LANGS = ["en", "nl"]

COMPANY = """\
name: Gamma Systems
website: https://gamma.example
municipality: Hengelo
sectors: [it-software]
size: 10-49
languages: [en]
international:
  english_workplace: true
  ind_recognised_sponsor: false
  relocation_help: false
offers: [jobs]
description:
  en: |
    Gamma is a fictional company for tests.
"""

VACANCY = SAMPLE_VACANCY


def company(replace: tuple[str, str] | None = None, append: str = "") -> str:
    text = COMPANY if replace is None else COMPANY.replace(*replace)
    assert replace is None or text != COMPANY, f"fixture text {replace[0]!r} not found"
    return text + textwrap.dedent(append)


def vacancy(replace: tuple[str, str] | None = None, body: str | None = None) -> str:
    text = VACANCY if replace is None else VACANCY.replace(*replace)
    assert replace is None or text != VACANCY, f"fixture text {replace[0]!r} not found"
    if body is not None:
        text = text.rsplit("---\n", 1)[0] + "---\n" + body
    return text


C = "content/companies/gamma.yaml"
G = "content/guides/housing.nl.md"


def chapter(extra_front_matter: str = "") -> str:
    """A Dutch guide chapter (order 5) with ``extra_front_matter`` before the closing line."""
    return ("---\ntitle: Woonruimte vinden\norder: 5\nsummary: Waar je in Twente een kamer vindt.\n"
            f"{extra_front_matter}---\nZoek op tijd.\n")
V = "content/vacancies/alpha-tech/test-engineer.md"

CASES = {
    "malformed YAML": (C, company(("sectors: [it-software]", "sectors: [it-software")),
        [f"{C}:5:5: malformed YAML: expected ',' or ']', but got ':' "
         "(while parsing a flow sequence started at line 4, column 10)"]),
    "tab indentation": (C, company(("  english_workplace: true", "\tenglish_workplace: true")),
        [f"{C}:8:1: malformed YAML: found character '\\t' that cannot start any token"]),
    "unknown key with hint": (C, company(("website:", "webiste:")),
        [f"{C}:1:1: missing required field 'website'",
         f"{C}:2:1: unknown field 'webiste'; did you mean 'website'? (allowed: address, contact, "
         "description, feeds, geo, international, languages, logo, maintainers, municipality, name, "
         "offers, sectors, size, website)"]),
    "nested unknown key": (C, company(("  relocation_help: false", "  relocation_help: false\n  relocaton: true")),
        [f"{C}:11:3: unknown field 'relocaton' in international; did you mean 'relocation_help'? "
         "(allowed: english_workplace, ind_recognised_sponsor, relocation_help)"]),
    "wrong type": (C, company(("  english_workplace: true", "  english_workplace: 'yes please'")),
        [f"{C}:8:22: international.english_workplace: expected true or false; found text ('yes please')"]),
    "municipality outside Twente": (C, company(("municipality: Hengelo", "municipality: Zwolle")),
        [f"{C}:3:15: municipality: expected one of: Almelo, Borne, Dinkelland, Enschede, Haaksbergen, "
         "Hellendoorn, Hengelo, Hof van Twente, Losser, Oldenzaal, Rijssen-Holten, Tubbergen, Twenterand, "
         "Wierden; found 'Zwolle'"]),
    "bad sector with hint": (C, company(("sectors: [it-software]", "sectors: [it-sofware]")),
        [f"{C}:4:11: sectors[0]: expected one of: high-tech-systems, it-software, manufacturing, healthcare, "
         "construction, logistics, food, energy, education-research, government, business-services, "
         "creative-media, retail-hospitality, textile, chemistry-materials; found 'it-sofware'; "
         "did you mean 'it-software'?"]),
    "javascript website": (C, company(("https://gamma.example", "javascript:alert(1)")),
        [f"{C}:2:10: website: expected an http:// or https:// URL; found 'javascript:alert(1)'"]),
    "no description in any language": (C, company(("  en: |\n    Gamma is a fictional company for tests.\n", "  de: Hallo Welt\n")),
        [f"{C}:12:1: description: no text in any site language (en, nl); write description.en or description.nl",
         f"{C}:13:3: description.de: 'de' is not a language of this site (site languages: en, nl)"]),
    "script in description": (C, company(("    Gamma is a fictional company for tests.\n",
                                          "    Gamma is fictional.\n    <script>alert(1)</script>\n")),
        [f"{C}:15:5: description.en: raw HTML <script> is not allowed: scripts, styles, forms and "
         "embedded content are never published; remove it"]),
    "onerror attribute and javascript link": (C, company(("    Gamma is a fictional company for tests.\n",
        "    Gamma is fictional.\n\n    <p onerror=\"alert(1)\">x</p>\n\n    [click](javascript:alert(1))\n")),
        [f"{C}:16:8: description.en: HTML attribute 'onerror' on <p> is not allowed (it would be removed); "
         "remove it",
         f"{C}:18:13: description.en: link to 'javascript:alert(1)' is not allowed; use an http://, "
         "https:// or mailto: link"]),
    "SVG logo": (C, company(append="logo: logos/gamma.svg\n"),
        [f"{C}:15:7: logo: expected logo file in `content/companies/logos/`, PNG or WebP (not SVG, which can "
         "carry scripts), optional; found 'logos/gamma.svg'"]),
    "missing logo file": (C, company(append="logo: logos/gamma.png\n"),
        [f"{C}:15:1: logo: file 'logos/gamma.png' not found in content/companies/"]),
    "empty file": (C, "", [f"{C}:1:1: the file is empty: write a company profile "
                              "(see docs/fields.md or run `make new-company`)"]),
    "not a mapping": (C, "- name: Gamma\n", [f"{C}:1:1: expected a mapping of fields (name: ..., website: ...)"]),
    "empty list": (C, company(("offers: [jobs]", "offers: []")),
        [f"{C}:11:9: offers: expected at least 1 item; found an empty list"]),
    "unsupported YAML tag": (C, company(("name: Gamma Systems", "name: !!python/name:os.system Gamma")),
        [f"{C}:1:7: unsupported YAML: could not determine a constructor for the tag "
         "'tag:yaml.org,2002:python/name:os.system'; write plain text, numbers, true/false or dates"]),
    "YAML alias": (C, company(("sectors: [it-software]", "sectors: &s [it-software]")) + "offers_again: *s\n",
        [f"{C}:4:10: YAML anchors and aliases (&name, *name) are not supported; write the value out where it is used",
         f"{C}:15:1: unknown field 'offers_again'; did you mean 'offers'? (allowed: address, contact, description, "
         "feeds, geo, international, languages, logo, maintainers, municipality, name, offers, sectors, size, website)"]),
    "impossible date": (V, vacancy(("date_posted: 2026-11-01", "date_posted: 2026-13-01")),
        [f"{V}:10:14: date_posted: expected a date written as YYYY-MM-DD; found '2026-13-01'"]),
    "enum in the wrong case": (V, vacancy(("employment_type: FULL_TIME", "employment_type: full-time")),
        [f"{V}:5:18: employment_type: expected one of: FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, "
         "VOLUNTEER, PER_DIEM, OTHER; found 'full-time'; did you mean 'FULL_TIME'?"]),
    "duplicate key": (C, company(append="size: 50-249\n"),
        [f"{C}:15:1: duplicate key 'size' (first given on line 5); remove one of them"]),
    "duplicate company name": ("content/companies/alpha-copy.yaml",
        company(("name: Gamma Systems", "name: Alpha Tech Testbedrijf")),
        ["content/companies/alpha-copy.yaml:1:1: company name 'Alpha Tech Testbedrijf' is also used by "
         "content/companies/alpha-tech.yaml; each company has one profile",
         "content/companies/alpha-tech.yaml:1:1: company name 'Alpha Tech Testbedrijf' is also used by "
         "content/companies/alpha-copy.yaml; each company has one profile"]),
    "duplicate slug": ("content/companies/alpha-tech.yml", company(),
        ["content/companies/alpha-tech.yml:1:1: duplicate company slug 'alpha-tech': "
         "content/companies/alpha-tech.yaml has the same slug",
         "content/companies/alpha-tech.yml:1:1: rename to alpha-tech.yaml (the extension must be .yaml)"]),
    "file name not a slug": ("content/companies/Gamma Systems.yaml", company(),
        ["content/companies/Gamma Systems.yaml:1:1: company file name 'Gamma Systems.yaml' is not a valid "
         "slug (lower-case letters, digits and single hyphens); rename it to 'gamma-systems.yaml'"]),
    "vacancy for missing company": ("content/vacancies/alpha-tech/test-engineer.md",
        vacancy(("company: alpha-tech", "company: alpha-tec")),
        [f"{V}:3:1: company 'alpha-tec' does not exist (no content/companies/alpha-tec.yaml); "
         "did you mean 'alpha-tech'?"]),
    "vacancy in another company's folder": (V, vacancy(("company: alpha-tech", "company: beta-zorg")),
        [f"{V}:3:1: company is 'beta-zorg' but the file is in the folder 'alpha-tech'; "
         "move it to content/vacancies/beta-zorg/ or fix the company"]),
    "valid_through before date_posted": (V, vacancy(("valid_through: 2027-01-31", "valid_through: 2026-10-01")),
        [f"{V}:11:16: valid_through (2026-10-01) is before date_posted (2026-11-01); "
         "the last day to apply must be on or after the posting date"]),
    "bad date": (V, vacancy(("date_posted: 2026-11-01", "date_posted: 1 November 2026")),
        [f"{V}:10:14: date_posted: expected a date written as YYYY-MM-DD; found '1 November 2026'"]),
    "bad vacancy type and apply URL": (V, vacancy(("type: job", "type: stage")).replace(
        "https://alpha-tech.example/jobs/test-engineer", "ftp://alpha-tech.example/x"),
        [f"{V}:4:7: type: expected one of: job, internship, graduation-project, side-job, traineeship; "
         "found 'stage'",
         f"{V}:12:12: apply_url: expected an http:// or https:// URL; found 'ftp://alpha-tech.example/x'"]),
    "salary range upside down": (V, vacancy(("source: manual", "salary: {min: 4000, max: 3000, period: MONTH}\nsource: manual")),
        [f"{V}:13:26: salary.max (3000) is smaller than salary.min (4000)"]),
    "script in vacancy body": (V, vacancy(body="Nice job.\n\n<img src=x onerror=alert(1)>\n"),
        [f"{V}:17:1: raw HTML <img> is not allowed: descriptions show no pictures or media; "
         "link to it instead: [description](https://...)"]),
    "Markdown image deep in a description": (C, company(("    Gamma is a fictional company for tests.\n",
        "".join(f"    Line {n}.\n\n" for n in range(1, 8)) + "    See our office: ![office](https://gamma.example/o.png)\n")),
        [f"{C}:28:21: description.en: image '![office](https://gamma.example/o.png)' is not allowed: "
         "descriptions show no pictures (a company logo goes in the company file's `logo` field); "
         "link to it instead: [office](https://gamma.example/o.png)"]),
    "entity-encoded javascript link": (C, company(("    Gamma is a fictional company for tests.\n",
        "    Gamma is fictional.\n\n    Read [more](&#106;avascript:alert(1)) here.\n")),
        [f"{C}:16:17: description.en: link to 'javascript:alert(1)' (written '&#106;avascript:alert(1)') "
         "is not allowed; use an http://, https:// or mailto: link"]),
    "reference link and code that only looks like HTML": (V, vacancy(body=(
        "Write `<script>` in code, and:\n\n```\n<iframe src=x>\n```\n\nSee [docs][d] and <b onclick=\"x\">"
        "bold</b>.\n\n[d]: javascript:alert(1)\n")),
        [f"{V}:21:22: HTML attribute 'onclick' on <b> is not allowed (it would be removed); remove it",
         f"{V}:23:6: link to 'javascript:alert(1)' is not allowed; use an http://, https:// or mailto: link"]),
    "folded and inline descriptions": (C, company(("  en: |\n    Gamma is a fictional company for tests.\n",
        "  en: >\n    Gamma is fictional\n    and shows <u>this</u>.\n  nl: Gamma <!-- verborgen -->\n")),
        [f"{C}:15:15: description.en: raw HTML <u> is not allowed (the tag would be removed); write Markdown "
         "instead: **bold**, *italic*, '- ' for list items, [text](https://...) for links",
         f"{C}:16:13: description.nl: HTML comments are not allowed (they would be removed); "
         "remove the <!-- ... --> part"]),
    "HTML-like company name and street": (C, company(("name: Gamma Systems", "name: '\"><script>alert(1)</script>'"),
        append="address: {street: Markt 1 <b>, postcode: 7511 AB, city: Enschede}\n"),
        [f"{C}:1:7: name: '>' is not allowed in plain text (found '\"><script>alert(1)</script>'); text is "
         "published exactly as written, so write it without < and > or control characters",
         f"{C}:15:19: address.street: '<' is not allowed in plain text (found 'Markt 1 <b>'); text is "
         "published exactly as written, so write it without < and > or control characters"]),
    "control character in a contact name": (C, company(append='contact: {name: "Jan\\tJansen"}\n'),
        [f"{C}:15:17: contact.name: a tab is not allowed in plain text (found 'Jan\\tJansen'); text is "
         "published exactly as written, so write it without < and > or control characters"]),
    "vacancy title and place with angle brackets": (V, vacancy(("title: Test engineer", "title: Test engineer <3")).replace(
        "place: Enschede", "place: \"Enschede\\u202e\""),
        [f"{V}:2:8: title: '<' is not allowed in plain text (found 'Test engineer <3'); text is "
         "published exactly as written, so write it without < and > or control characters",
         f"{V}:9:8: place: an invisible direction mark (U+202E) is not allowed in plain text (found 'Enschede\\u202e'); "
         "text is published exactly as written, so write it without < and > or control characters"]),
    "guide with a link that is no link": ("content/guides/housing.en.md",
        "---\ntitle: Housing\norder: 4\nsummary: Where to find a room in Twente.\n---\n"
        "Rooms go fast.\n\nAsk <javascript:alert(1)> for help.\n",
        ["content/guides/housing.en.md:8:5: link <javascript:alert(1)> is not allowed; use an http://, "
         "https:// or mailto: link such as <https://example.com>"]),
    "Markdown nested too deeply": (V, vacancy(body="- " * 2000 + "x\n"),
        [f"{V}:15:1: lists or quotes are nested too deeply; use at most a few levels"]),
    "missing front matter": (V, "Just text\n",
        [f"{V}:1:1: expected front matter: the file must start with a line '---', then YAML fields, "
         "then another '---' line, then the Markdown text"]),
    "bad source": (V, vacancy(("source: manual", "source: scraped")),
        [f"{V}:13:9: source: expected 'manual' or a feed record with type, feed and id; found 'scraped'"]),
    "guide without language in name": ("content/guides/housing.md", "---\ntitle: Housing\n---\nText\n",
        ["content/guides/housing.md:1:1: guide file names must be '<slug>.<lang>.md' with a lower-case slug "
         "and a language code, e.g. 'housing.en.md'; found 'housing.md'"]),
    "guide translations disagree on order": ("content/guides/registration.nl.md",
        "---\ntitle: Inschrijven\norder: 3\nsummary: Hoe je je inschrijft bij de gemeente.\n"
        "translates: {lang: en}\n---\nTekst.\n",
        ["content/guides/registration.nl.md:3:1: order is 3 but the translation "
         "content/guides/registration.en.md says 1; translations share one position in the guide"]),
    "guide translation names a source that does not exist": (G,
        chapter("translates:\n  lang: en\n  version: 0123456789ab\n"),
        [f"{G}:6:9: translates.lang: this translates 'en', but there is no content/guides/housing.en.md; "
         "add that source chapter or name the language of an existing version (other versions: none)"]),
    "guide translation without translates": ("content/guides/registration.nl.md",
        "---\ntitle: Inschrijven\norder: 1\nsummary: Hoe je je inschrijft bij de gemeente.\n---\nTekst.\n",
        ["content/guides/registration.nl.md:1:1: chapter 'registration' has more than one source version "
         "(content/guides/registration.en.md, content/guides/registration.nl.md); if this file is a "
         "translation of content/guides/registration.en.md, record that with "
         "`make guide-stamp FILE=content/guides/registration.nl.md FROM=en`"]),
    "guide chapter translates itself": (G, chapter("translates: {lang: nl}\n"),
        [f"{G}:5:20: translates.lang is 'nl', the language of this file itself; name the language of the "
         "source this translates, or remove 'translates' if this is the source"]),
    "guide chapters share an order": ("content/guides/housing.en.md", chapter().replace("order: 5", "order: 2"),
        ["content/guides/housing.en.md:3:1: order 2 is also the position of the chapter 'cycling' "
         "(content/guides/cycling.en.md); give every chapter its own number"]),
    "guide front matter: unknown key, plain http link, bad version": (G,
        chapter("reviewd: 2026-11-01\nlinks:\n  - name: IND\n    url: http://ind.nl/en\n"
                "translates: {lang: en, version: 12ab}\n"),
        [f"{G}:5:1: unknown field 'reviewd'; did you mean 'reviewed'? (allowed: links, order, reviewed, "
         "summary, title, translates, updated)",
         f"{G}:8:10: links[0].url: expected an https:// URL; found 'http://ind.nl/en'",
         f"{G}:9:33: translates.version: expected the 12-character version code of the source text this "
         "translation was made from, as `make guide-stamp` writes it; when the source changes, its code "
         "changes; found '12ab'"]),
}


def test_file_that_is_not_utf8(site):
    (site / "companies" / "gamma.yaml").write_bytes(COMPANY.replace("Gamma Systems", "Gamma Caf\u00e9").encode("latin-1"))
    _directory, problems = load_directory(site, LANGS)
    assert [str(p) for p in problems] == [
        f"{C}:1:16: the file is not UTF-8 text (byte 0xe9 here); save it with UTF-8 encoding"]


@pytest.fixture
def site(tmp_path, monkeypatch):
    copy_fixture_site(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


def test_fixture_site_is_valid(site):
    directory, problems = load_directory(site, LANGS)
    assert problems == []
    assert sorted(directory.companies) == ["alpha-tech", "beta-zorg"]
    assert len(directory.vacancies) == 4


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file_is_reported_exactly(site, name):
    relative, text, expected = CASES[name]
    target = site.parent / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _directory, problems = load_directory(site, LANGS)
    assert [str(problem) for problem in problems] == expected


def test_all_problems_are_reported_at_once(site):
    (site / "companies" / "gamma.yaml").write_text(company(("municipality: Hengelo", "municipality: Zwolle")))
    (site / "vacancies" / "alpha-tech" / "test-engineer.md").write_text(
        vacancy(("type: job", "type: stage")))
    with pytest.raises(ContentError) as raised:
        load_or_raise(site, LANGS)
    assert [p.path for p in raised.value.problems] == [C, V]
    assert str(raised.value).endswith("2 problems found in content")


def test_validator_cli_prints_problems_count_and_exit_status(site, capsys):
    (site / "companies" / "gamma.yaml").write_text(company(("website:", "webiste:")))
    assert validate.main([str(site)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{C}:1:1: missing required field 'website'")
    assert lines[-1] == "2 problems in 1 file"


def test_validator_cli_ok(site, capsys):
    assert validate.main([str(site), "--languages", "en,nl"]) == 0
    assert capsys.readouterr().out == "OK: 2 companies, 4 vacancies, 3 guide pages, 2 events (en, nl)\n"


def test_demo_content_is_valid():
    directory, problems = load_directory(ROOT / "content", LANGS)
    assert [str(p) for p in problems] == []
    assert len(directory.companies) >= 12
    assert len({c.municipality for c in directory.companies.values()}) >= 6
    assert len(directory.vacancies) >= 40
    assert {v.type for v in directory.vacancies} == {"job", "internship", "graduation-project", "side-job", "traineeship"}
    assert {v.language for v in directory.vacancies} >= {"en", "nl"}
    both = [slug for slug, versions in directory.guides.items() if set(versions) >= {"en", "nl"}]
    assert len(both) >= 4


def test_field_reference_is_generated_from_the_schema():
    import schema_docs
    assert schema_docs.main(["--check"]) == 0, "run `make docs`"
    text = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    assert "| `international.ind_recognised_sponsor` | yes | `true`/`false` |" in text


def test_translation_catalogues_are_complete():
    import update_translations
    assert update_translations.main(["--check"]) == 0, "run `make messages` and translate"


def test_dump_vacancy_round_trips_through_the_model(tmp_path):
    from content_model.vacancies import dump_vacancy, load_vacancy
    fields = {"title": "Werkstudent: data & café", "company": "alpha-tech", "type": "side-job",
              "employment_type": "PART_TIME", "education": ["hbo", "wo"], "language": "nl",
              "languages_required": ["nl"], "place": "Enschede", "hours": {"min": 8, "max": 16},
              "date_posted": "2026-11-01", "valid_through": "2027-01-31",
              "apply_url": "https://alpha-tech.example/jobs/1",
              "source": {"type": "rss", "feed": "https://alpha-tech.example/feed.xml", "id": "42"}}
    path = tmp_path / "werkstudent.md"
    path.write_text(dump_vacancy(fields, "Je helpt ons **team**.\n"), encoding="utf-8")
    vacancy, problems = load_vacancy(path, "werkstudent.md", LANGS)
    assert problems == []
    assert vacancy.title == fields["title"] and vacancy.hours == {"min": 8, "max": 16}
    assert vacancy.source == fields["source"] and vacancy.body == "Je helpt ons **team**.\n"
    assert path.read_text().splitlines()[1:3] == ["title: 'Werkstudent: data & café'", "company: alpha-tech"]


def test_generated_content_is_valid(tmp_path):
    import generate_content
    target = tmp_path / "generated"
    assert generate_content.main([str(target), "--companies", "15", "--vacancies", "120",
                                  "--today", "2026-11-27"]) == 0
    directory, problems = load_directory(target, LANGS)
    assert [str(p) for p in problems] == []
    assert len(directory.companies) == 15 and len(directory.vacancies) == 120


def test_yaml_alias_bomb_is_refused_quickly(site):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    (site / "companies" / "gamma.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _directory, problems = load_directory(site, LANGS)  # would build 10**12 items if expanded
    assert sum("anchors and aliases" in p.message for p in problems) == 11


def test_oversized_and_deeply_nested_files_are_refused(site):
    (site / "companies" / "gamma.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (site / "companies" / "huge.yaml").write_text("name: x\n" + "#" * 1_100_000 + "\n", encoding="utf-8")
    _directory, problems = load_directory(site, LANGS)
    assert [str(p) for p in problems] == [
        f"{C}:1:1: malformed YAML: nested too deeply",
        "content/companies/huge.yaml:1:1: the file is larger than 1 MB; content files are short texts"]


def test_markdown_converter_recovers_after_too_deep_text():
    from content_model import markup
    assert markup.check("- " * 2000 + "x\n", "x.md", 1)
    assert markup.render("Hello <b>x</b>\n\n    indented\n- item\n") == markup.render.__wrapped__(
        "Hello <b>x</b>\n\n    indented\n- item\n")
    assert markup.plain_text.__wrapped__("A <img src=x onerror=alert(1)> b") == "A b"
