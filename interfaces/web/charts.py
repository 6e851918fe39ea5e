"""Charts drawn on the server as SVG: no script, no asset from elsewhere.

A chart is a picture of a table the page shows beside it; the SVG carries its
own title and description for screen readers (role="img"), and every bar its
value as a tooltip (<title>). Colours are told apart by the legend and by
their order, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 36, 40
COLOURS = ("#0b4f8a", "#d97706", "#15803d")  # at least 3:1 against white


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]


def bar_chart(
    *, chart_id: str, title: str, description: str, labels: Sequence[str], series: Sequence[Series]
) -> Markup:
    """Grouped bars: one group per label, one bar per series."""
    for one in series:
        if len(one.values) != len(labels):
            raise ValueError(f"{one.name}: {len(one.values)} values for {len(labels)} labels")
    top = _nice_ceiling(max((v for s in series for v in s.values), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group = plot_w / max(len(labels), 1)
    bar = group * 0.8 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for step in range(5):  # the value axis: five lines from 0 to the top
        value = top * step // 4
        y = TOP + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">{value}</text>'
        )
    for i, label in enumerate(labels):
        x0 = LEFT + group * i + group * 0.1
        for j, one in enumerate(series):
            value = one.values[i]
            height = plot_h * value / top if top else 0
            x, y = x0 + bar * j, TOP + plot_h - height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar * 0.92:.1f}" height="{height:.1f}"'
                f' fill="{COLOURS[j % len(COLOURS)]}"><title>{escape(label)} · {escape(one.name)}:'
                f" {value}</title></rect>"
            )
        parts.append(
            f'<text x="{LEFT + group * (i + 0.5):.1f}" y="{HEIGHT - BOTTOM + 16}"'
            f' text-anchor="middle" class="axis">{escape(label)}</text>'
        )
    for j, one in enumerate(series):  # the legend, above the plot
        x = LEFT + j * 180
        parts.append(
            f'<rect x="{x}" y="8" width="14" height="14" fill="{COLOURS[j % len(COLOURS)]}"/>'
            f'<text x="{x + 20}" y="20" class="legend">{escape(one.name)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped


def _nice_ceiling(highest: int) -> int:
    """The axis's top: a round number at or above the highest value (4 at least,
    so that the four steps are whole numbers)."""
    if highest <= 4:
        return 4
    magnitude = int("1" + "0" * (len(str(highest)) - 1))  # 10^(digits - 1)
    for factor in (1, 2, 4, 5, 8, 10):
        if factor * magnitude >= highest and (factor * magnitude) % 4 == 0:
            return factor * magnitude
    return -(-highest // 4) * 4
