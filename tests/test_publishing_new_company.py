"""scripts/new_company.py: a valid profile from flags or answers, validated before it is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from content_model import load_directory
from support import SITE_LANGUAGES, ROOT, copy_fixture_site

sys.path.insert(0, str(ROOT / "scripts"))
import new_company  # noqa: E402

FLAGS = ["--name", "Gamma Systems", "--website", "https://gamma.example", "--municipality", "Hengelo",
         "--sector", "it-software,energy", "--size", "10-49", "--language", "en", "--language", "nl",
         "--english-workplace", "--offer", "jobs", "--offer", "internships",
         "--description-en", "Gamma builds **test rigs**.\n\nWe hire students.",
         "--contact-email", "jobs@gamma.example", "--maintainer", "gamma-dev", "--no-interactive"]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_fixture_site(tmp_path / "content")


def run(content: Path, *args: str, read=None) -> int:
    argv = [*args, "--content", str(content)]
    return new_company.main(argv) if read is None else new_company.main(argv, read=read)


def test_flags_write_a_valid_profile(content):
    assert run(content, *FLAGS) == 0
    written = content / "companies" / "gamma-systems.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("name: Gamma Systems\nwebsite: https://gamma.example\n")
    assert 'size: "10-49"' in text and "maintainers: [gamma-dev]" in text
    assert "  en: |\n    Gamma builds **test rigs**.\n\n    We hire students.\n" in text
    directory, problems = load_directory(content, ["en", "nl"])
    assert problems == []
    company = directory.companies["gamma-systems"]
    assert company.sectors == ("it-software", "energy") and company.english_workplace
    assert not company.ind_recognised_sponsor and company.maintainers == ("gamma-dev",)
    assert company.contact == {"email": "jobs@gamma.example"}


def test_never_overwrites(content, capsys):
    existing = content / "companies" / "alpha-tech.yaml"
    before = existing.read_text(encoding="utf-8")
    assert run(content, *FLAGS, "--slug", "alpha-tech") == 1
    assert "already exists; edit that file instead" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == before


def test_refuses_a_second_profile_of_the_same_company(content, capsys):
    flags = [value if value != "Gamma Systems" else "Alpha Tech Testbedrijf" for value in FLAGS]
    assert run(content, *flags) == 1
    assert "already exists in content/companies/alpha-tech.yaml" in capsys.readouterr().err


def test_invalid_answers_write_nothing_and_say_why(content, capsys):
    flags = [value if value != "Hengelo" else "Zwolle" for value in FLAGS]
    assert run(content, *flags) == 1
    err = capsys.readouterr().err
    assert "content/companies/gamma-systems.yaml:3:15: municipality: expected one of" in err
    assert "nothing written" in err
    assert not (content / "companies" / "gamma-systems.yaml").exists()


def test_missing_flags_without_a_terminal_are_a_usage_error(content, capsys):
    assert run(content, "--name", "Gamma Systems", "--no-interactive") == 2
    err = capsys.readouterr().err
    assert "missing --website, --municipality, --sector, --size, --maintainer" in err
    assert "--description-en or --description-nl" in err


def test_interactive_answers_are_checked_and_asked_again(content, capsys):
    answers = iter([
        "Delta Zorg", "delta.example", "https://delta.example", "Zwolle", "Almelo", "healthcare",
        "10-49", "", "n", "no", "yes", "internships", "delta-dev", "", "Delta Zorg is een zorgorganisatie.",
        *([""] * (len(SITE_LANGUAGES) - 2)), "",  # no text in the other site languages (de), no contact
    ])
    questions: list[str] = []

    def read(prompt: str) -> str:
        questions.append(prompt)
        return next(answers)

    assert run(content, "--interactive", read=read) == 0
    out = capsys.readouterr().out
    assert "an absolute http:// or https:// address" in out and "Zwolle not allowed" in out
    text = (content / "companies" / "delta-zorg.yaml").read_text(encoding="utf-8")
    assert "languages: [nl]" in text and "relocation_help: true" in text
    assert "  nl: |\n    Delta Zorg is een zorgorganisatie.\n" in text and "  en:" not in text
    assert "contact:" not in text
    assert load_directory(content, ["en", "nl"])[1] == []
    assert questions[0].startswith("Company name")


def test_dry_run_prints_and_writes_nothing(content, capsys):
    assert run(content, *FLAGS, "--dry-run") == 0
    assert capsys.readouterr().out.startswith("name: Gamma Systems\n")
    assert not (content / "companies" / "gamma-systems.yaml").exists()


def test_runs_as_a_script(content):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "new_company.py"), *FLAGS,
                             "--content", str(content)], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout


def test_slugify():
    assert new_company.slugify("Café De Wever B.V.") == "cafe-de-wever-b-v"
