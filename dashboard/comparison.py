"""The central view: each quarter against the same quarter in earlier years.

Plain functions over plain figures, no database: the committee table of the 2016 paper, with
financial years as rows (newest first) and Q1 to Q4 and the full year as columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from indicators.periods import Period

QUARTER_COLUMNS = ("Q1", "Q2", "Q3", "Q4")


@dataclass(frozen=True)
class Figure:
    """One reported figure, or the reason it is missing."""

    period: Period
    value: Decimal | None
    missing_reason: str = ""
    comment: str = ""
    corrective_action: str = ""


@dataclass
class Cell:
    value: Decimal | None = None
    missing_reason: str = ""
    comment: str = ""
    derived: bool = False  # a full year made from its quarters, not entered
    new_definition: bool = False  # the first period counted under a changed definition


@dataclass
class Row:
    year: Period
    quarters: list[Cell] = field(default_factory=list)
    full_year: Cell = field(default_factory=Cell)

    @property
    def cells(self) -> list[Cell]:
        return [*self.quarters, self.full_year]


def year_from_quarters(rule: str, quarters: list[Decimal | None]) -> Decimal | None:
    """A year's figure made from its four quarters, only when all four are there."""
    if rule == "none" or any(q is None for q in quarters):
        return None
    if rule == "sum":
        return sum(quarters, Decimal(0))
    if rule == "mean":
        return (sum(quarters, Decimal(0)) / 4).quantize(Decimal("0.01"))
    if rule == "last":
        return quarters[-1]
    raise ValueError(f"Unknown year rule {rule!r}.")


def comparison_rows(
    figures: Iterable[Figure], *, year_rule: str, years: int | None = None
) -> list[Row]:
    """The committee table: one row per financial year with figures, newest first."""
    by_period = {figure.period: figure for figure in figures}
    all_years = sorted({period.year for period in by_period}, reverse=True)
    rows = []
    for year in all_years[:years] if years else all_years:
        row = Row(year=Period(year))
        for quarter in Period(year).quarters():
            found = by_period.get(quarter)
            row.quarters.append(
                Cell(found.value, found.missing_reason, found.comment) if found else Cell()
            )
        entered = by_period.get(Period(year))
        if entered is not None:
            # A year's figure entered directly always wins over one made from quarters.
            row.full_year = Cell(entered.value, entered.missing_reason, entered.comment)
        else:
            made = year_from_quarters(year_rule, [cell.value for cell in row.quarters])
            row.full_year = Cell(made, derived=made is not None)
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Change:
    """A figure against the same period a year earlier, and whether that is better or worse."""

    current: Decimal
    previous: Decimal
    amount: Decimal | None  # per cent for counts and the like, points for percentages
    in_points: bool
    judgement: str  # "better", "worse", "no change" or "no judgement"

    @property
    def direction_word(self) -> str:
        if self.amount is None:
            return "up" if self.current > self.previous else "down"
        if self.amount > 0:
            return "up"
        if self.amount < 0:
            return "down"
        return "no change"

    @property
    def arrow(self) -> str:
        return {"up": "▲", "down": "▼"}.get(self.direction_word, "▬")

    @property
    def text(self) -> str:
        """`up 5.7%`, `down 8 points`, `no change`."""
        if self.direction_word == "no change":
            return "no change"
        if self.amount is None:  # from zero: a percentage change has no meaning
            return f"{self.direction_word} from {_plain(self.previous)}"
        size = abs(self.amount)
        unit = " points" if self.in_points else "%"
        if self.in_points and size == 1:
            unit = " point"
        return f"{self.direction_word} {_plain(size)}{unit}"


def change_on_last_year(
    *, unit: str, direction: str, current: Decimal | None, previous: Decimal | None
) -> Change | None:
    """Per cent for counts, percentage points for percentages; judged by the desired direction."""
    if current is None or previous is None:
        return None
    in_points = unit == "percentage"
    if in_points:
        amount = (current - previous).quantize(Decimal("0.1"))
    elif previous == 0:
        amount = None if current != 0 else Decimal(0)
    else:
        amount = ((current - previous) / previous * 100).quantize(Decimal("0.1"))
    if current == previous:
        judgement = "no change"
    elif direction == "none":
        judgement = "no judgement"
    else:
        rose = current > previous
        judgement = "better" if rose == (direction == "up") else "worse"
    return Change(current, previous, amount, in_points, judgement)


def sentence(
    *,
    period: Period,
    unit: str,
    noun: str,
    current: Decimal | None,
    change: Change | None,
    missing: str = "",
) -> str:
    """Says it plainly: `Q3 2015/16: 1,859 incidents, up 5.7% on Q3 2014/15 (1,758).`"""
    said, last_year = spoken(period), spoken(period.same_period_last_year())
    if current is None:
        return f"{said}: {missing or 'no figure yet'}."
    text = f"{said}: {format_figure(current, unit)}{' ' + noun if noun else ''}"
    if change is None:
        return f"{text}; no figure for {last_year} to compare."
    return f"{text}, {change.text} on {last_year} ({format_figure(change.previous, unit)})."


def spoken(period: Period) -> str:
    """`Q3 2015/16`, as committee papers say it in a sentence."""
    return f"Q{period.quarter} {period.financial_year}" if period.is_quarter else str(period)


def mark_new_definitions(rows: list[Row], starts: Iterable[Period]) -> None:
    """Flags the first period of each changed definition: the series breaks there."""
    starts = set(starts)
    for row in rows:
        for cell, period in zip(row.quarters, row.year.quarters(), strict=True):
            cell.new_definition = period in starts
        row.full_year.new_definition = row.year in starts


def format_figure(number: Decimal, unit: str = "") -> str:
    """1859 as `1,859`; 81 as `81%` for a percentage."""
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if unit == "percentage" else text


def _plain(number: Decimal) -> str:
    return f"{number:,.1f}".rstrip("0").rstrip(".")


def exceeds_tolerance(change: Change | None, tolerance: Decimal) -> bool:
    """Moved the wrong way by more than the partnership's tolerance."""
    if change is None or change.judgement != "worse":
        return False
    if change.amount is None:
        return True
    return abs(change.amount) > tolerance


def chart(
    rows: list[Row], *, selected_year: Period, title: str, unit: str, annual: bool = False
) -> dict:
    """Plain data for plotly.js: quarters along the bottom, one line per year, the selected
    year emphasised (or, for an annual indicator, the years along the bottom). Plain dicts,
    not plotly Figures, which cost far more to build."""
    traces = []
    if annual:
        shown = list(reversed(rows[:5]))
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "Full year",
                "x": [str(row.year) for row in shown],
                "y": [_plot(row.full_year.value) for row in shown],
                "marker": {"size": [14 if row.year == selected_year else 7 for row in shown]},
            }
        )
    for row in [] if annual else reversed(rows[:5]):
        chosen = row.year == selected_year
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": str(row.year),
                "x": list(QUARTER_COLUMNS),
                "y": [_plot(cell.value) for cell in row.quarters],
                "line": {"width": 4 if chosen else 1.5},
                "opacity": 1 if chosen else 0.55,
            }
        )
    return {
        "data": traces,
        "layout": {
            "title": {"text": title},
            "xaxis": {"title": {"text": "Financial year" if annual else "Quarter"}},
            "yaxis": {
                "title": {"text": "Per cent" if unit == "percentage" else ""},
                "rangemode": "tozero",
            },
            "margin": {"l": 50, "r": 10, "t": 40, "b": 40},
            "legend": {"orientation": "h"},
        },
    }


def _plot(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
