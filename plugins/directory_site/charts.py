"""SVG charts drawn at build time for the stats page: no JavaScript, no external files.

Each chart is an inline ``<svg role="img">`` whose ``aria-label`` says what it shows, with the
numbers in a table next to it (the template's job). Colours come from CSS classes
(``chart-bar``, ``chart-line-N``), so print and high-contrast styles can change them; every
value is also written as text, and lines differ in dash pattern as well as colour.

Every bar carries ``data-value`` and every point ``data-value`` and ``data-date``: what the
chart was drawn from, for the tests that compare it with the content.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH = 480
BAR_ROW = 44  # label line + bar
BAR_HEIGHT = 18
VALUE_ROOM = 56  # space right of the longest bar for its number


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def bar_chart(rows: Sequence[tuple[str, int]], label: str, number=str) -> Markup:
    """Horizontal bars, one per ``(label, value)``, each label on its own line above its bar (so
    that long labels fit a phone). ``number`` formats the values in the page's language."""
    largest = max((value for _name, value in rows), default=0) or 1
    height = BAR_ROW * len(rows) + 4
    parts = [f'<svg class="chart chart-bars" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="{escape(label)}">']
    for index, (name, value) in enumerate(rows):
        top = index * BAR_ROW
        length = (WIDTH - VALUE_ROOM) * value / largest
        parts.append(f'<text class="chart-label" x="0" y="{top + 15}">{escape(name)}</text>')
        parts.append(f'<rect class="chart-bar" x="0" y="{top + 21}" width="{_number(max(length, 1 if value else 0))}" '
                     f'height="{BAR_HEIGHT}" rx="3" data-value="{value}"><title>{escape(name)}: '
                     f'{escape(number(value))}</title></rect>')
        parts.append(f'<text class="chart-value" x="{_number(length + 6)}" y="{top + 35}">{escape(number(value))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


PLOT_HEIGHT = 168
PAD_LEFT, PAD_RIGHT, PAD_TOP, AXIS_ROOM, LEGEND_ROW = 48, 16, 16, 30, 22


def _nice_top(value: float) -> float:
    """A round number at or above ``value`` for the top of the axis (10, 20, 50, 100...)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def line_chart(days: Sequence[dt.date], series: Sequence[tuple[str, Sequence[float]]], label: str,
               number=str, date=str, percent: bool = False) -> Markup:
    """Lines over time: ``series`` is ``[(name, values)]``, one value per day of ``days``.

    The x axis is proportional to time; a single day is drawn as points in the middle. With
    ``percent`` the values are shares from 0 to 1 and the axis goes to 100 %."""
    top = 1.0 if percent else _nice_top(max((v for _n, values in series for v in values), default=0))
    inner_w = WIDTH - PAD_LEFT - PAD_RIGHT
    inner_h = PLOT_HEIGHT
    height = PAD_TOP + inner_h + AXIS_ROOM + LEGEND_ROW * len(series)
    axis_y = PAD_TOP + inner_h + 18
    first, last = (days[0], days[-1]) if days else (dt.date.today(), dt.date.today())
    span = (last - first).days

    def x(day: dt.date) -> float:
        return PAD_LEFT + (inner_w / 2 if span == 0 else inner_w * (day - first).days / span)

    def y(value: float) -> float:
        return PAD_TOP + inner_h * (1 - value / top)

    shown = (lambda v: f"{number(round(v * 100))} %") if percent else number
    parts = [f'<svg class="chart chart-lines" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="{escape(label)}">']
    for tick in (0, top / 2, top):
        parts.append(f'<line class="chart-grid" x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" '
                     f'y1="{_number(y(tick))}" y2="{_number(y(tick))}"/>')
        parts.append(f'<text class="chart-axis" x="{PAD_LEFT - 6}" y="{_number(y(tick) + 4)}" '
                     f'text-anchor="end">{escape(shown(tick))}</text>')
    if days:
        parts.append(f'<text class="chart-axis" x="{PAD_LEFT}" y="{axis_y}">'
                     f'{escape(date(first))}</text>')
        if span:
            parts.append(f'<text class="chart-axis" x="{WIDTH - PAD_RIGHT}" y="{axis_y}" '
                         f'text-anchor="end">{escape(date(last))}</text>')
    for index, (name, values) in enumerate(series):
        points = " ".join(f"{_number(x(day))},{_number(y(value))}" for day, value in zip(days, values))
        if len(days) > 1:
            parts.append(f'<polyline class="chart-line chart-line-{index}" points="{points}"/>')
        for day, value in zip(days, values):
            parts.append(f'<circle class="chart-point chart-line-{index}" cx="{_number(x(day))}" '
                         f'cy="{_number(y(value))}" r="3.5" data-date="{day.isoformat()}" '
                         f'data-value="{_number(value)}"><title>{escape(name)}, {escape(date(day))}: '
                         f'{escape(shown(value))}</title></circle>')
        legend_y = PAD_TOP + inner_h + AXIS_ROOM + LEGEND_ROW * index + 14
        legend_x = PAD_LEFT
        parts.append(f'<line class="chart-line chart-line-{index}" x1="{_number(legend_x)}" x2="{_number(legend_x + 22)}" '
                     f'y1="{legend_y - 4}" y2="{legend_y - 4}"/>')
        parts.append(f'<text class="chart-legend" x="{_number(legend_x + 28)}" y="{legend_y}">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
