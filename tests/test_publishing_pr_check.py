"""Who may change what in a pull request (scripts/check_pr.py), against a real git repository.

The base commit holds the fixture site: alpha-tech is maintained by @alpha-dev, beta-zorg has
no maintainers, and .github/EDITORS names @chief-editor.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from support import ROOT, SAMPLE_VACANCY, fixture_repository, git, plain_text_check_off

sys.path.insert(0, str(ROOT / "scripts"))
import check_pr  # noqa: E402
from contributions import parse_changed_files  # noqa: E402

NEW_COMPANY = """\
name: Gamma Systems
website: https://gamma.example
municipality: Hengelo
sectors: [it-software]
size: "10-49"
languages: [en]
international:
  english_workplace: true
  ind_recognised_sponsor: false
  relocation_help: false
offers: [jobs]
description:
  en: Gamma is a fictional company for tests.
maintainers: [MAINTAINER]
"""

VACANCY = SAMPLE_VACANCY.replace("company: alpha-tech", "company: COMPANY")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = fixture_repository(tmp_path / "repo")
    git(root, "checkout", "--quiet", "-b", "pr")
    return root


def write(repo: Path, path: str, text: str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def edit(repo: Path, path: str, old: str, new: str) -> None:
    text = (repo / path).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    write(repo, path, text.replace(old, new))


def check(repo: Path, author: str, *extra: str, commit: bool = True) -> tuple[int, str]:
    """Commit the work tree on branch pr and run the check; returns (exit status, summary)."""
    if commit:
        git(repo, "add", "--all")
        git(repo, "commit", "--quiet", "--allow-empty", "-m", "change")
    summary = repo.parent / "summary.md"
    summary.unlink(missing_ok=True)
    status = check_pr.main(["--author", author, "--base", "main", "--head", "pr", "--repo", str(repo),
                            "--summary", str(summary), *extra])
    return status, summary.read_text(encoding="utf-8")


def test_maintainer_edits_own_company(repo, capsys):
    edit(repo, "content/companies/alpha-tech.yaml", "size: 50-249", "size: 250-999")
    status, summary = check(repo, "alpha-dev")
    assert status == 0, capsys.readouterr().out
    assert "✅ Passed" in summary
    assert "| changed | Alpha Tech Testbedrijf | `content/companies/alpha-tech.yaml` |" in summary
    assert "content is valid: 2 companies, 4 vacancies" in summary


def test_user_names_compare_case_insensitively(repo):
    edit(repo, "content/companies/alpha-tech.yaml", "size: 50-249", "size: 250-999")
    assert check(repo, "Alpha-Dev")[0] == 0


def test_someone_else_cannot_edit_a_company(repo, capsys):
    edit(repo, "content/companies/alpha-tech.yaml", "size: 50-249", "size: 250-999")
    status, summary = check(repo, "mallory")
    out = capsys.readouterr().out
    assert status == 1
    assert ("FAIL content/companies/alpha-tech.yaml: @mallory does not maintain Alpha Tech Testbedrijf "
            "(content/companies/alpha-tech.yaml) (maintainers: @alpha-dev)") in out
    assert "❌ Failed" in summary


def test_adding_yourself_as_maintainer_does_not_grant_ownership(repo):
    edit(repo, "content/companies/alpha-tech.yaml", "maintainers: [alpha-dev]", "maintainers: [alpha-dev, mallory]")
    status, _summary = check(repo, "mallory")
    assert status == 1


def test_company_without_maintainers_is_editors_only(repo, capsys):
    edit(repo, "content/companies/beta-zorg.yaml", "size: 10-49", "size: 50-249")
    assert check(repo, "someone")[0] == 1
    assert "lists no maintainers; only editors" in capsys.readouterr().out


def test_editor_may_edit_everything(repo):
    edit(repo, "content/companies/alpha-tech.yaml", "size: 50-249", "size: 250-999")
    edit(repo, "content/companies/beta-zorg.yaml", "size: 10-49", "size: 50-249")
    edit(repo, "content/guides/cycling.en.md", "Everyone cycles", "Everybody cycles")
    (repo / "content/vacancies/beta-zorg/afstuderen-zorgdata.md").unlink()
    status, summary = check(repo, "chief-editor")
    assert status == 0
    assert "author @chief-editor (editor)" in summary
    assert "| removed | Afstudeeropdracht zorgdata (Beta Zorg &amp; Co) |" in summary


def test_editors_are_read_from_the_base(repo, capsys):
    write(repo, ".github/EDITORS", "chief-editor\nmallory\n")
    edit(repo, "content/companies/alpha-tech.yaml", "size: 50-249", "size: 250-999")
    assert check(repo, "mallory")[0] == 1
    assert "does not maintain Alpha Tech" in capsys.readouterr().out


def test_new_company_by_anyone_who_maintains_it(repo):
    write(repo, "content/companies/gamma.yaml", NEW_COMPANY.replace("MAINTAINER", "newcomer"))
    write(repo, "content/vacancies/gamma/test-engineer.md", VACANCY.replace("COMPANY", "gamma"))
    status, summary = check(repo, "newcomer")
    assert status == 0
    assert "| added | Gamma Systems | `content/companies/gamma.yaml` |" in summary
    assert "| added | Test engineer (Gamma Systems) | `content/vacancies/gamma/test-engineer.md` |" in summary


def test_new_company_must_list_its_author(repo, capsys):
    write(repo, "content/companies/gamma.yaml", NEW_COMPANY.replace("MAINTAINER", "somebody-else"))
    assert check(repo, "newcomer")[0] == 1
    assert "is a new company profile: list your GitHub name in it" in capsys.readouterr().out


def test_vacancy_of_own_company(repo):
    write(repo, "content/vacancies/alpha-tech/test-engineer.md", VACANCY.replace("COMPANY", "alpha-tech"))
    status, summary = check(repo, "alpha-dev")
    assert status == 0
    assert "| added | Test engineer (Alpha Tech Testbedrijf) |" in summary


def test_vacancy_of_another_company_is_refused(repo, capsys):
    write(repo, "content/vacancies/alpha-tech/test-engineer.md", VACANCY.replace("COMPANY", "alpha-tech"))
    assert check(repo, "mallory")[0] == 1
    assert "FAIL content/vacancies/alpha-tech/test-engineer.md: @mallory does not maintain" in capsys.readouterr().out


def test_removing_another_companys_vacancy_is_refused(repo):
    (repo / "content/vacancies/alpha-tech/python-developer.md").unlink()
    assert check(repo, "mallory")[0] == 1


def test_guide_is_editors_only(repo, capsys):
    edit(repo, "content/guides/cycling.en.md", "Everyone cycles", "Everybody cycles")
    assert check(repo, "alpha-dev")[0] == 1
    assert "only editors (.github/EDITORS) may change content/guides/cycling.en.md" in capsys.readouterr().out


def test_code_change_in_a_content_only_pr_is_refused(repo, capsys):
    edit(repo, "content/companies/alpha-tech.yaml", "size: 50-249", "size: 250-999")
    write(repo, "scripts/tool.py", "print('changed')\n")
    assert check(repo, "alpha-dev", "--content-only")[0] == 1
    assert "scripts/tool.py is not content, but the PR is marked content-only" in capsys.readouterr().out
    assert check(repo, "alpha-dev", "--labels", "documentation,content-only", commit=False)[0] == 1
    status, summary = check(repo, "alpha-dev", commit=False)
    assert status == 0, "without the claim, code goes to normal review"
    assert "### Other files" in summary and "`scripts/tool.py`" in summary


def test_editors_may_not_sneak_code_into_a_content_only_pr(repo):
    write(repo, "scripts/tool.py", "print('changed')\n")
    assert check(repo, "chief-editor", "--content-only")[0] == 1


def test_logo_of_another_company_is_refused(repo):
    logo = repo / "content/companies/logos/alpha-tech.png"  # used by alpha-tech in the base
    assert logo.is_file()
    logo.write_bytes(logo.read_bytes() + b"\0")
    assert check(repo, "mallory")[0] == 1
    assert check(repo, "alpha-dev", commit=False)[0] == 0


def test_new_logo_needs_a_company_of_the_author_using_it(repo):
    logo = repo / "content/companies/logos/alpha-tech.png"
    write(repo, "content/companies/logos/alpha-new.png", "")
    (repo / "content/companies/logos/alpha-new.png").write_bytes(logo.read_bytes())
    assert check(repo, "alpha-dev", "--no-validate")[0] == 1, "a logo no profile uses"
    edit(repo, "content/companies/alpha-tech.yaml", "logo: logos/alpha-tech.png", "logo: logos/alpha-new.png")
    assert check(repo, "alpha-dev")[0] == 0
    assert check(repo, "mallory", commit=False)[0] == 1


def test_invalid_content_fails_with_the_problems_in_the_summary(repo):
    edit(repo, "content/companies/alpha-tech.yaml", "municipality: Enschede", "municipality: Utrecht")
    status, summary = check(repo, "alpha-dev")
    assert status == 1
    assert "content/companies/alpha-tech.yaml:3:15: municipality: expected one of" in summary


def test_changed_files_from_a_file_in_both_formats(repo, tmp_path):
    edit(repo, "content/companies/alpha-tech.yaml", "size: 50-249", "size: 250-999")
    write(repo, "content/vacancies/alpha-tech/test-engineer.md", VACANCY.replace("COMPANY", "alpha-tech"))
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "change")
    name_status = git(repo, "diff", "--name-status", "main...pr")
    assert "A\tcontent/vacancies/alpha-tech/test-engineer.md" in name_status
    plain = "\n".join(line.split("\t", 1)[1] for line in name_status.splitlines()) + "\n"
    renamed = "R100\tcontent/vacancies/alpha-tech/x.md\tcontent/vacancies/alpha-tech/test-engineer.md\n"
    for text in (name_status, plain, renamed):
        listing = tmp_path / "changed.txt"
        listing.write_text(text)
        for author, expected in (("alpha-dev", 0), ("mallory", 1)):
            status = check_pr.main(["--author", author, "--base", "main", "--head", "pr", "--repo", str(repo),
                                    "--changed-files", str(listing), "--no-validate"])
            assert status == expected, (text, author)


def test_parse_changed_files_handles_renames_and_blank_lines():
    text = "M\tcontent/a.yaml\n\nR087\told/path.md\tnew/path.md\nplain/path.txt\n"
    assert parse_changed_files(text) == ["content/a.yaml", "old/path.md", "new/path.md", "plain/path.txt"]


def test_unknown_base_is_a_usage_error(repo, capsys):
    assert check_pr.main(["--author", "x", "--base", "no-such-branch", "--repo", str(repo)]) == 2
    assert "git rev-parse" in capsys.readouterr().err


def test_untrusted_names_are_inert_in_the_summary(repo):
    write(repo, "content/companies/gamma.yaml", NEW_COMPANY.replace("MAINTAINER", "newcomer").replace(
        "name: Gamma Systems", "name: \"Gamma | <img src=x onerror=alert(1)> [x](javascript:alert(1))\""))
    with plain_text_check_off():  # the validator refuses such a name; the summary must be inert anyway
        status, summary = check(repo, "newcomer")
    assert status == 0
    assert "<img" not in summary and " [x](javascript" not in summary  # no raw HTML, no live link
    assert "Gamma \\| &lt;img src=x onerror=alert(1)&gt; \\[x\\](javascript:alert(1))" in summary


def test_without_head_the_working_tree_is_checked(repo, capsys):
    write(repo, "content/companies/gamma.yaml", NEW_COMPANY.replace("MAINTAINER", "newcomer"))  # untracked
    edit(repo, "content/companies/alpha-tech.yaml", "size: 50-249", "size: 250-999")  # uncommitted
    status = check_pr.main(["--author", "newcomer", "--base", "main", "--repo", str(repo), "--no-validate"])
    out = capsys.readouterr().out
    assert status == 1
    assert "ok   content/companies/gamma.yaml: new company" in out
    assert "FAIL content/companies/alpha-tech.yaml: @newcomer does not maintain" in out
