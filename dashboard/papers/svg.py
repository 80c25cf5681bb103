"""A line chart as SVG, drawn from the same plain series as the dashboard's plotly chart
(`dashboard.charts.chart`): vector graphics a PDF keeps sharp, made with no browser, no
screenshot and no network."""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from indicators import formatting

WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 70, 12, 12, 64  # room for the value axis and, below, the legend
DASHES = {"solid": "", "dash": "9 5", "dot": "2 4", "dashdot": "9 4 2 4", "longdash": "16 5"}
DASHES["longdashdot"] = "16 4 2 4"


def line_chart(chart: dict, *, unit: str) -> SafeString:
    """The chart's lines (one per year, or one of whole years) on a value axis from 0, with
    the categories along the bottom and a legend telling the years apart by colour, dash and
    marker; "" for a chart with nothing to draw (a single figure is said, not drawn)."""
    traces = chart.get("data") or []
    if not traces:
        return mark_safe("")
    categories = list(dict.fromkeys(x for trace in traces for x in trace["x"]))
    values = [y for trace in traces for y in trace["y"] if y is not None]
    ticks = _ticks(max(values), whole=unit == "count")
    top = ticks[-1] or 1
    step = (WIDTH - LEFT - RIGHT) / max(len(categories), 1)

    def x_of(category: str) -> float:
        return LEFT + step * (categories.index(category) + 0.5)

    def y_of(value: float) -> float:
        return HEIGHT - BOTTOM - (value / top) * (HEIGHT - BOTTOM - TOP)

    grid = "".join(f"M{LEFT},{y_of(tick):.1f}H{WIDTH - RIGHT}" for tick in ticks)
    parts = [f'<path d="{grid}" stroke="#b1b4b6" stroke-width="0.5"/>']
    for tick in ticks:
        label = formatting.figure_text(Decimal(str(tick)), unit)
        parts.append(
            f'<text x="{LEFT - 6}" y="{y_of(tick) + 4:.1f}" text-anchor="end" font-size="11">'
            f"{escape(label)}</text>"
        )
    for category in categories:
        parts.append(
            f'<text x="{x_of(category):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="11">{escape(category)}</text>'
        )
    legend_x = LEFT
    for trace in traces:
        parts.append(_trace(trace, x_of, y_of, legend_x))
        legend_x += 34 + 8 * len(str(trace["name"])) + 16
    return mark_safe(  # noqa: S308 - numbers, fixed markup and escaped labels only
        f'<svg class="report-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">'
        f'<path d="M{LEFT},{HEIGHT - BOTTOM}H{WIDTH - RIGHT}" stroke="#0b0c0c"/>'
        f"{''.join(parts)}</svg>"
    )


def _ticks(highest: float, *, whole: bool) -> list[float]:
    """0 and up to five round steps (1, 2 or 5 times a power of ten) reaching `highest`."""
    if highest <= 0:
        return [0.0, 1.0]
    rough = highest / 4
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    if whole:
        step = max(1.0, round(step))
    count = math.ceil(highest / step)
    return [round(step * n, 6) for n in range(count + 1)]


def _trace(trace: dict, x_of, y_of, legend_x: float) -> str:
    """The year's line, broken where a figure is missing, with its markers, and its sample and
    name in the legend along the bottom. Its lines are one path and its markers another: each
    element of an SVG costs the PDF's printer about as much as a path of many parts."""
    line = trace.get("line", {})
    colour = escape(line.get("color", "#0b0c0c"))
    dash = DASHES.get(line.get("dash", "solid"), "")
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    width = float(line.get("width", 2)) * 0.6
    symbol = trace.get("marker", {}).get("symbol", "circle")
    legend_y = HEIGHT - 18
    runs: list[list[str]] = [[]]
    markers = [_marker(symbol, legend_x + 14, legend_y)]
    for x, y in zip(trace["x"], trace["y"], strict=True):
        if y is None:
            runs.append([])
        else:
            runs[-1].append(f"{x_of(x):.1f},{y_of(y):.1f}")
            markers.append(_marker(symbol, x_of(x), y_of(y)))
    lines = "".join(f"M{'L'.join(run)}" for run in runs if len(run) > 1)
    marks = (
        f'fill="none" stroke="{colour}" stroke-width="1.5"' if symbol == "x" else f'fill="{colour}"'
    )
    drawn = (
        f'<path d="{lines}" fill="none" stroke="{colour}" stroke-width="{width:.1f}"{dashes}/>'
        if lines
        else ""
    )
    return (
        f"{drawn}"
        f'<path d="M{legend_x},{legend_y}h28" stroke="{colour}" stroke-width="2"{dashes}/>'
        f'<path d="{"".join(markers)}" {marks}/>'
        f'<text x="{legend_x + 34}" y="{legend_y + 4}" font-size="11">'
        f"{escape(trace['name'])}</text>"
    )


SHAPES = {
    "diamond": [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
    "triangle-up": [(0, -1.3), (1.2, 1), (-1.2, 1)],
    "star": [
        (0, -1.4),
        (0.4, -0.4),
        (1.4, -0.4),
        (0.6, 0.3),
        (0.9, 1.3),
        (0, 0.7),
        (-0.9, 1.3),
        (-0.6, 0.3),
        (-1.4, -0.4),
        (-0.4, -0.4),
    ],
}


def _marker(symbol: str, x: float, y: float, size: float = 3.5) -> str:
    """The marker as the parts of a path: filled, or stroked for "x"."""
    if symbol == "square":
        return f"M{x - size:.1f},{y - size:.1f}h{2 * size:.1f}v{2 * size:.1f}h{-2 * size:.1f}Z"
    if symbol in SHAPES:
        corners = "L".join(f"{x + dx * size:.1f},{y + dy * size:.1f}" for dx, dy in SHAPES[symbol])
        return f"M{corners}Z"
    if symbol == "x":
        return (
            f"M{x - size:.1f},{y - size:.1f}L{x + size:.1f},{y + size:.1f}"
            f"M{x - size:.1f},{y + size:.1f}L{x + size:.1f},{y - size:.1f}"
        )
    return (  # a circle, as two half circles
        f"M{x - size:.1f},{y:.1f}a{size:.1f},{size:.1f} 0 1,0 {2 * size:.1f},0"
        f"a{size:.1f},{size:.1f} 0 1,0 {-2 * size:.1f},0Z"
    )
