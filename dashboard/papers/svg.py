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

    parts = []
    for tick in ticks:
        y = y_of(tick)
        label = formatting.figure_text(Decimal(str(tick)), unit)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            'stroke="#b1b4b6" stroke-width="0.5"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
            f"{escape(label)}</text>"
        )
    for category in categories:
        parts.append(
            f'<text x="{x_of(category):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="11">{escape(category)}</text>'
        )
    for trace in traces:
        points = [
            (x_of(x), y_of(y)) for x, y in zip(trace["x"], trace["y"], strict=True) if y is not None
        ]
        parts.append(_line(trace, points, x_of, y_of))
    parts.append(_legend(traces))
    return mark_safe(  # noqa: S308 - numbers, fixed markup and escaped labels only
        f'<svg class="report-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">'
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" '
        f'stroke="#0b0c0c"/>{"".join(parts)}</svg>'
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


def _line(trace: dict, points: list[tuple[float, float]], x_of, y_of) -> str:
    """The year's line, broken where a figure is missing, and its markers."""
    line = trace.get("line", {})
    colour = escape(line.get("color", "#0b0c0c"))
    dash = DASHES.get(line.get("dash", "solid"), "")
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    width = float(line.get("width", 2)) * 0.6
    runs: list[list[str]] = [[]]
    for x, y in zip(trace["x"], trace["y"], strict=True):
        if y is None:
            runs.append([])
        else:
            runs[-1].append(f"{x_of(x):.1f},{y_of(y):.1f}")
    drawn = "".join(
        f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
        f'stroke-width="{width:.1f}"{dashes}/>'
        for run in runs
        if len(run) > 1
    )
    symbol = trace.get("marker", {}).get("symbol", "circle")
    return drawn + "".join(_marker(symbol, x, y, colour) for x, y in points)


def _marker(symbol: str, x: float, y: float, colour: str, size: float = 3.5) -> str:
    if symbol == "square":
        return (
            f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" '
            f'height="{2 * size:.1f}" fill="{colour}"/>'
        )
    if symbol in ("diamond", "triangle-up", "star"):
        shape = {
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
        }[symbol]
        corners = " ".join(f"{x + dx * size:.1f},{y + dy * size:.1f}" for dx, dy in shape)
        return f'<polygon points="{corners}" fill="{colour}"/>'
    if symbol == "x":
        return (
            f'<path d="M{x - size:.1f},{y - size:.1f}L{x + size:.1f},{y + size:.1f}'
            f'M{x - size:.1f},{y + size:.1f}L{x + size:.1f},{y - size:.1f}" '
            f'stroke="{colour}" stroke-width="1.5"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"/>'


def _legend(traces: list[dict]) -> str:
    """Each line's sample, marker and name along the bottom, in the order of the years."""
    items, x, y = [], LEFT, HEIGHT - 18
    for trace in traces:
        line = trace.get("line", {})
        colour = escape(line.get("color", "#0b0c0c"))
        dash = DASHES.get(line.get("dash", "solid"), "")
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        symbol = trace.get("marker", {}).get("symbol", "circle")
        items.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 28}" y2="{y}" stroke="{colour}" '
            f'stroke-width="2"{dashes}/>{_marker(symbol, x + 14, y, colour)}'
            f'<text x="{x + 34}" y="{y + 4}" font-size="11">{escape(trace["name"])}</text>'
        )
        x += 34 + 8 * len(str(trace["name"])) + 16
    return "".join(items)
