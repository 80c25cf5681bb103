"""The chart beside each committee table: plain data for plotly.js, built from the table's
rows (`dashboard.comparison`), drawn by static/js/dashboard.js. Plain dicts, not plotly
Figures, which cost far more to build."""

from __future__ import annotations

from decimal import Decimal

from dashboard.comparison import QUARTER_COLUMNS, Row, spoken
from indicators.periods import Period

# The selected year in a strong colour and a solid line; earlier years each in their own
# colour, dash pattern and marker, so they are told apart without seeing colour.
SELECTED_STYLE = {"color": "#1d70b8", "width": 5}
EARLIER_STYLES = [
    ("#a04a00", "dash", "square"),
    ("#6f3c8f", "dot", "diamond"),
    ("#00703c", "dashdot", "triangle-up"),
    ("#505a5f", "longdash", "x"),
    ("#a0185a", "longdashdot", "star"),
]
AXIS_TITLES = {
    "count": "Number",
    "percentage": "Per cent",
    "rate-per-1000": "Rate per 1,000",
    "fte": "FTE",
    "money": "Pounds",
    "people": "People",
    "rate-per-10000": "Rate per 10,000",
    "ratio": "Ratio",
}


def chart(
    rows: list[Row],
    *,
    selected_year: Period,
    title: str,
    unit: str,
    selected: Period | None = None,
    expected: Decimal | None = None,
) -> dict:
    """Plain data for plotly.js: quarters along the bottom, one line per year, the selected
    year strong; for a table of whole years, the years along the bottom. `selected`, the
    period the view reports, is marked by a line and a larger point. A single figure gets no
    chart (an empty dict): it is said, not drawn. Plain dicts, not plotly Figures, which cost
    far more to build. `expected`, an expected level, is a dashed line named in the legend."""
    compact = all(not row.quarters for row in rows)
    shown = list(reversed(rows[:5]))
    traces = (
        _year_trace(shown, selected_year, selected)
        if compact
        else _quarter_traces(shown, selected_year, selected)
    )
    values = [y for trace in traces for y in trace["y"] if y is not None]
    if len(values) < 2:
        return {}
    if expected is not None:
        traces.append(_expected_trace(traces[0]["x"], expected))
        values.append(float(expected))
    marked = _marked_x(shown, compact, selected)
    return {
        "data": traces,
        "layout": {
            "title": {"text": title},
            "separators": ".,",
            "xaxis": {
                "title": {"text": "Financial year" if compact else "Quarter"},
                "type": "category",
            },
            "yaxis": _value_axis(unit, max(values)),
            "shapes": [_marker_line(marked)] if marked else [],
            "annotations": [_marker_label(marked, selected, traces)] if marked else [],
            "margin": {"l": 70, "r": 10, "t": 90, "b": 50},
            "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
            "hovermode": "x",
        },
    }


def _year_trace(shown: list[Row], selected_year: Period, selected: Period | None) -> list[dict]:
    chosen = selected if selected is not None and selected.is_year else selected_year
    return [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "Full year",
            "x": [str(row.year) for row in shown],
            "y": [_plot(row.full_year.value) for row in shown],
            "line": SELECTED_STYLE,
            "marker": {"size": [18 if row.year == chosen else 9 for row in shown]},
        }
    ]


def _quarter_traces(shown: list[Row], selected_year: Period, selected: Period | None) -> list[dict]:
    strong = _strong_row(shown, selected_year, selected)
    earlier = iter(EARLIER_STYLES)
    traces = []
    for row in reversed(shown):  # newest first, so the nearest years get the first styles
        if all(cell.value is None for cell in row.quarters):
            continue  # a year of full-year figures only: nothing to draw, nothing in the legend
        chosen = row is strong
        colour, dash, symbol = (
            (SELECTED_STYLE["color"], "solid", "circle") if chosen else next(earlier)
        )
        sizes = [
            18 if chosen and selected is not None and index + 1 == selected.quarter else 9
            for index in range(len(row.quarters))
        ]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": row.label,
                "x": list(QUARTER_COLUMNS),
                "y": [_plot(cell.value) for cell in row.quarters],
                "line": {"color": colour, "width": 5 if chosen else 2.5, "dash": dash},
                "marker": {"color": colour, "symbol": symbol, "size": sizes},
            }
        )
    return list(reversed(traces))  # oldest first in the legend, as the years run


def _expected_trace(x: list[str], level: Decimal) -> dict:
    """A level across the whole chart: dashed and named, so not told by colour alone."""
    return {
        "type": "scatter",
        "mode": "lines",
        "name": "Expected level",
        "x": list(x),
        "y": [float(level)] * len(x),
        "line": {"color": "#0b0c0c", "width": 2, "dash": "dash"},
        "hoverinfo": "name+y",
    }


def _strong_row(shown: list[Row], selected_year: Period, selected: Period | None) -> Row | None:
    """The selected year's row: its year to date where the view reports one."""
    rows = [row for row in shown if row.year == selected_year]
    to_date = selected is not None and selected.to_date
    return next((row for row in rows if row.to_date == to_date), rows[0] if rows else None)


def _marked_x(shown: list[Row], compact: bool, selected: Period | None) -> str | None:
    """Where the selected period sits along the bottom, if the chart shows it."""
    if selected is None or not any(row.year == selected.financial_year for row in shown):
        return None
    if compact:
        return str(selected) if selected.is_year else None
    return None if selected.is_year else f"Q{selected.quarter}"


def _marker_line(x: str) -> dict:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": "#0b0c0c", "width": 2, "dash": "dot"},
        "layer": "below",
    }


def _marker_label(x: str, selected: Period, traces: list[dict]) -> dict:
    last = x == traces[0]["x"][-1]  # written leftwards of the line there, to stay in the chart
    return {
        "x": x,
        "y": 1,
        "xref": "x",
        "yref": "paper",
        "text": spoken(selected),
        "showarrow": False,
        "xanchor": "right" if last else "left",
        "yanchor": "top",
        "bgcolor": "#ffffff",
    }


def _value_axis(unit: str, highest: float) -> dict:
    """Thousands separated, with the unit: `1,859`, `81%`, `£1,200`."""
    whole = unit == "count"
    axis = {
        "title": {"text": AXIS_TITLES.get(unit, "")},
        "rangemode": "tozero",
        "tickformat": ",d" if whole else ",~r",
        "hoverformat": ",d" if whole else ",~r",
        "ticksuffix": "%" if unit == "percentage" else "",
        "tickprefix": "£" if unit == "money" else "",
    }
    if whole and highest < 10:
        axis["dtick"] = 1  # whole numbers only: no 0.5 written as 1
    return axis


def _plot(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
