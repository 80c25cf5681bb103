"""The scorecard: the whole quarter in one table the dashboard opens on.

An objective per group of rows, a row per panel (an indicator, or one option of its
breakdown): the figure, the same period last year, the change and its judgement, RAG against
target, the variation and assurance words, and a small trend of the same period in each year
shown. Sorted on the server, so no script is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dashboard.board import Dashboard, Panel
from dashboard.signals import VariationWord
from indicators import formatting
from indicators.periods import Period
from strategy.models import Objective

# The orders a board asks for, most in need of discussion first.
SORTS = {"signal": "signal", "rag": "RAG against target"}
VARIATION_ORDER = (
    VariationWord.CONCERNING,
    VariationWord.SPECIAL_CAUSE,
    VariationWord.IMPROVING,
    VariationWord.COMMON_CAUSE,
)
RAG_ORDER = ("red", "amber", "green")

SPARK_WIDTH, SPARK_HEIGHT, SPARK_MARGIN = 64, 18, 3


@dataclass(frozen=True)
class ScorecardRow:
    """One panel's line, its figures written for people."""

    panel: Panel
    figure: str
    last_year: str
    trend: SafeString

    @property
    def variation_class(self) -> str:
        """`special-cause-concerning`, `common-cause`, or `no-signal`: the word's colour."""
        word = self.panel.reading.variation.word
        return word.replace(" - ", "-").replace(" ", "-") if word else "no-signal"


@dataclass(frozen=True)
class ScorecardGroup:
    objective: Objective
    rows: list[ScorecardRow]


@dataclass(frozen=True)
class Scorecard:
    quarter: Period
    groups: list[ScorecardGroup]
    sort: str  # "" (the strategy's order), or a key of SORTS

    @property
    def sorted_by(self) -> str:
        return SORTS.get(self.sort, "")


def scorecard(dashboard: Dashboard, *, sort: str = "") -> Scorecard:
    """The dashboard's panels as scorecard rows; `sort` (`signal` or `rag`) orders each
    objective's rows most concerning first, keeping the strategy's order among equals."""
    sort = sort if sort in SORTS else ""
    groups = []
    for section in dashboard.sections:
        rows = [_row(panel) for panel in section.panels]
        if sort:
            rows.sort(key=lambda row: _rank(row.panel, sort))
        groups.append(ScorecardGroup(section.objective, rows))
    return Scorecard(dashboard.quarter, groups, sort)


def _rank(panel: Panel, sort: str) -> int:
    if sort == "rag":
        order, key = RAG_ORDER, panel.rating
    else:
        order, key = VARIATION_ORDER, panel.reading.variation.word
    return order.index(key) if key in order else len(order)


def _row(panel: Panel) -> ScorecardRow:
    unit = panel.indicator.unit
    current = panel.current
    if current is not None and current.value is not None:
        figure = formatting.figure_text(current.value, unit)
    elif current is not None and current.missing_reason:
        figure = formatting.missing_text(current.missing_reason)
    else:
        figure = "no figure"
    if current is not None and current.mark:
        figure = f"{figure} ({current.mark})"
    previous = panel.last_year
    last_year = "no figure"
    if previous is not None and previous.value is not None:
        last_year = formatting.figure_text(previous.value, unit)
    elif previous is not None and previous.missing_reason:
        last_year = formatting.missing_text(previous.missing_reason)
    return ScorecardRow(panel, figure, last_year, sparkline(panel.trend, unit))


def sparkline(points: list[tuple[Period, Decimal | None]], unit: str) -> SafeString:
    """A small line of the figures in `points` (oldest first) as inline SVG, drawn by classes
    alone (the content security policy allows no style attribute), named by its figures."""
    known = [(place, value) for place, (_, value) in enumerate(points) if value is not None]
    if not known:
        return mark_safe("")
    label = "; ".join(
        f"{period}: {formatting.figure_text(value, unit) if value is not None else 'no figure'}"
        for period, value in points
    )
    lowest, highest = min(v for _, v in known), max(v for _, v in known)
    step = (SPARK_WIDTH - 2 * SPARK_MARGIN) / max(len(points) - 1, 1)

    def x(place: int) -> float:
        return SPARK_MARGIN + place * step if len(points) > 1 else SPARK_WIDTH / 2

    def y(value: Decimal) -> float:
        if highest == lowest:
            return SPARK_HEIGHT / 2
        share = float((value - lowest) / (highest - lowest))
        return SPARK_HEIGHT - SPARK_MARGIN - share * (SPARK_HEIGHT - 2 * SPARK_MARGIN)

    values = dict(known)
    lines = []
    for run in _runs(list(values)):
        if len(run) == 1:  # a figure alone between gaps: a dot, as a line needs two
            lines.append(
                f'<circle class="spark-point" cx="{x(run[0]):.1f}" '
                f'cy="{y(values[run[0]]):.1f}" r="1.5"/>'
            )
            continue
        coordinates = " ".join(f"{x(p):.1f},{y(values[p]):.1f}" for p in run)
        lines.append(f'<polyline class="spark-line" points="{coordinates}"/>')
    place, value = known[-1]
    latest = f'<circle class="spark-latest" cx="{x(place):.1f}" cy="{y(value):.1f}" r="2.5"/>'
    return mark_safe(  # noqa: S308 - numbers and an escaped label only
        f'<svg class="sparkline" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>{''.join(lines)}{latest}</svg>"
    )


def _runs(places: list[int]) -> list[list[int]]:
    """Places in runs of neighbours: a missing figure breaks the line."""
    runs: list[list[int]] = []
    for place in places:
        if runs and place == runs[-1][-1] + 1:
            runs[-1].append(place)
        else:
            runs.append([place])
    return runs
