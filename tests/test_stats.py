"""The stats page: figures from the content, SVG charts drawn at build time, tables, CSV
downloads, and the history file the nightly run appends to."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from content_model import load_directory, vocabulary
from directory_site import statistics
from support import BUILD_DATE, ROOT, build_site, copy_fixture_site

TODAY = dt.date.fromisoformat(BUILD_DATE)
SVG = ""  # inline SVG in HTML has no namespace declaration

HISTORY = """\
date,companies,vacancies,companies_ready_for_internationals,vacancies_english_is_enough,vacancies_job,vacancies_internship,vacancies_graduation_project,vacancies_side_job,vacancies_traineeship
2026-09-01,1,2,1,1,1,1,0,0,0
2026-10-01,2,5,1,2,2,2,1,0,0
"""


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    path = tmp_path_factory.mktemp("history") / "stats-history.csv"
    path.write_text(HISTORY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory, history):
    root = tmp_path_factory.mktemp("stats")
    return build_site(copy_fixture_site(root / "content"), root / "output", STATS_HISTORY=str(history))


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    directory, problems = load_directory(copy_fixture_site(tmp_path_factory.mktemp("c") / "content"), ["en", "nl"])
    assert problems == []
    return directory


def expected_counts(directory) -> dict[str, Counter]:
    """The figures counted here independently of the code under test."""
    live = [v for v in directory.vacancies if v.date_posted <= TODAY <= v.valid_through]
    return {
        "type": Counter(v.type for v in live),
        "sector": Counter(s for v in live for s in directory.companies[v.company].sectors),
        "municipality": Counter(v.municipality or directory.companies[v.company].municipality for v in live),
        "education": Counter(level for v in live for level in v.education),
    }


def test_figures_count_the_live_vacancies(directory):
    found = statistics.figures(directory, TODAY)
    assert (found.companies, found.vacancies, found.ready_for_internationals, found.english_is_enough) == (2, 3, 1, 1)
    for group, counts in expected_counts(directory).items():
        assert {k: v for k, v in found.counts[group].items() if v} == dict(counts), group
    assert list(found.counts["type"]) == vocabulary("vacancy_type")  # every value, in schema order


def page_of(site, prefix=""):
    return (site / prefix / "stats/index.html").read_text(encoding="utf-8")


def bars(html: str, group: str) -> dict[str, int]:
    section = re.search(rf'data-chart="{group}">(.*?)</section>', html, re.S).group(1)
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", section, re.S).group(0))
    labels = [text.text for text in svg.iter(f"{SVG}text") if text.get("class") == "chart-label"]
    values = [int(rect.get("data-value")) for rect in svg.iter(f"{SVG}rect")]
    table = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td class="number">(\d+)</td></tr>', section))
    assert dict(zip(labels, map(str, values))) == table, "chart and table disagree"
    return dict(zip(labels, values))


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_charts_and_tables_match_the_content(site, directory, prefix):
    html = page_of(site, prefix)
    lang = "nl" if prefix else "en"
    from directory_site.site_pages import site_languages
    language = next(l for l in site_languages({"SITE_LANGUAGES": ["en", "nl"], "THEME": str(ROOT / "theme")})
                    if l.code == lang)
    for group, counts in expected_counts(directory).items():
        vocab = statistics.VOCABULARIES[group]
        expected = {(value if group == "municipality" else language.label(vocab, value)): count
                    for value, count in counts.items()}
        assert bars(html, group) == expected, group
    assert bars(html, "type") == ({"Job": 1, "Internship": 1, "Graduation project": 1} if not prefix
                                  else {"Baan": 1, "Stage": 1, "Afstudeeropdracht": 1})
    assert re.search(r'data-figure="ready">50\s?%</span>', html)
    assert re.search(r'data-figure="english">33\s?%</span>', html)


def test_the_page_needs_no_javascript_for_its_charts(site):
    html = page_of(site)
    body = html.split('<main id="main"')[1].split("</main>")[0]
    assert "<script" not in body
    assert body.count('<svg class="chart') == 6  # four bar charts, two history charts


def test_history_is_drawn_with_today_as_the_last_point(site):
    html = page_of(site)
    section = re.search(r'data-chart="history">(.*?)</section>', html, re.S).group(1)
    first = ET.fromstring(re.search(r"<svg.*?</svg>", section, re.S).group(0))
    points = [(c.get("data-date"), c.get("data-value")) for c in first.iter(f"{SVG}circle")
              if "chart-line-0" in c.get("class")]
    assert points == [("2026-09-01", "2"), ("2026-10-01", "5"), ("2026-11-27", "3")]
    assert "3 days with figures" in section


def test_downloads(site, history):
    figures = list(csv.DictReader(io.StringIO((site / "nl/stats/work-in-twente-figures.csv").read_text(encoding="utf-8"))))
    assert {"date": "2026-11-27", "group": "type", "value": "internship", "label": "Stage", "count": "1"} in figures
    assert {"date": "2026-11-27", "group": "total", "value": "vacancies", "label": "Openstaande vacatures", "count": "3"} in figures
    rows = (site / "stats/work-in-twente-history.csv").read_text(encoding="utf-8").splitlines()
    assert rows[:3] == HISTORY.splitlines()
    assert rows[3] == "2026-11-27,2,3,1,1,1,1,1,0,0"
    html = page_of(site)
    assert 'href="/stats/work-in-twente-figures.csv" download' in html
    assert history.read_text(encoding="utf-8") == HISTORY  # the build only reads the history


# The history file -------------------------------------------------------------------------------

def test_append_creates_then_appends_and_never_rewrites(tmp_path, directory):
    path = tmp_path / "data" / "stats-history.csv"
    statistics.append_history(path, statistics.figures(directory, TODAY))
    first = path.read_bytes()
    assert first.decode().splitlines() == [",".join(statistics.history_columns()), "2026-11-27,2,3,1,1,1,1,1,0,0"]
    statistics.append_history(path, statistics.figures(directory, dt.date(2027, 3, 15)))
    after = path.read_bytes()
    assert after.startswith(first)
    assert after.decode().splitlines()[2] == "2027-03-15,2,1,1,0,0,0,1,0,0"


def test_append_keeps_the_columns_of_an_older_file(tmp_path, directory):
    path = tmp_path / "stats-history.csv"
    path.write_text("date,vacancies,companies\n2026-01-01,9,4", encoding="utf-8")  # no final newline
    statistics.append_history(path, statistics.figures(directory, TODAY))
    assert path.read_text(encoding="utf-8") == "date,vacancies,companies\n2026-01-01,9,4\n2026-11-27,3,2\n"


@pytest.mark.parametrize(("text", "message"), [
    ("companies,date\n", ":1: the first line must be the header, starting with 'date'"),
    ("date,companies\n2026-01-01,4\n2026-13-01,5\n", ":3: expected a date (YYYY-MM-DD) and whole numbers"),
    ("date,companies\n2026-02-01,4\n2026-01-01,5\n", ":3: 2026-01-01 is before the row above it (2026-02-01)"),
])
def test_a_broken_history_is_reported_with_its_line(tmp_path, text, message):
    path = tmp_path / "stats-history.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(statistics.HistoryError, match=re.escape(f"{path}{message}")):
        statistics.read_history(path)


def test_committed_history_is_readable():
    rows = statistics.read_history(ROOT / "data" / "stats-history.csv")
    assert rows, "data/stats-history.csv holds at least the first row"


def test_stats_history_script_appends_one_row(tmp_path, capsys):
    sys.path.insert(0, str(ROOT / "scripts"))
    import stats_history

    content = copy_fixture_site(tmp_path / "content")
    path = tmp_path / "history.csv"
    assert stats_history.main(["--content", str(content), "--history", str(path), "--today", BUILD_DATE]) == 0
    assert stats_history.main(["--content", str(content), "--history", str(path), "--today", "2026-11-28"]) == 0
    assert [line.split(",")[0] for line in path.read_text().splitlines()] == ["date", "2026-11-27", "2026-11-28"]
    assert "appended 2026-11-28" in capsys.readouterr().out
