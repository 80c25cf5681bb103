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
from dashboard.comparison import Cell
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
    """One panel's line: its cells after the row header, as HTML written here rather than in
    the template (a national partnership has a hundred rows)."""

    panel: Panel
    cells: SafeString


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
    """The cells: period, figure, last year, change, judgement, RAG, variation, assurance and
    trend; every text escaped."""
    unit = panel.indicator.unit
    current, last_year = panel.current or Cell(), panel.last_year or Cell()
    figure = formatting.figure_or_reason(current.value, current.missing_reason, unit)
    if current.mark:
        figure = f"{figure} ({current.mark})"
    change = judgement = ""
    if panel.change is not None:
        change = f'<span aria-hidden="true">{panel.change.arrow}</span> {escape(panel.change.text)}'
        said = panel.change.judgement
        judgement = _word(said, f"change-{said.replace(' ', '-')}")
    elif panel.not_comparable_from is not None:
        change = (
            'not comparable<span class="visually-hidden">: the definition changed from '
            f"{panel.not_comparable_from}</span>"
        )
    rating = _word("no target", "quiet")
    if panel.rating:
        rating = _word(panel.rating.capitalize(), f"rag rag-{panel.rating}")
    word = panel.reading.variation.word
    variation_class = word.replace(" - ", "-").replace(" ", "-") if word else "no-signal"
    assurance = _word(panel.assurance, "" if panel.reading.has_target else "quiet")
    cells = (
        ("", escape(panel.period)),
        ("number", escape(figure)),
        (
            "number",
            escape(formatting.figure_or_reason(last_year.value, last_year.missing_reason, unit)),
        ),
        ("", change),
        ("", judgement),
        ("", rating),
        ("", _word(panel.variation, f"variation variation-{variation_class}")),
        ("", assurance),
        ("", sparkline(panel.trend, unit)),
    )
    html = "".join(
        f'<td class="{css}">{content}</td>' if css else f"<td>{content}</td>"
        for css, content in cells
    )
    return ScorecardRow(panel, mark_safe(html))  # noqa: S308 - escaped text and fixed markup


def _word(text: str, css: str) -> str:
    """A word, in a span of its class if it has one."""
    return f'<span class="{css}">{escape(text)}</span>' if css else escape(text)


def sparkline(points: list[tuple[Period, Decimal | None]], unit: str) -> SafeString:
    """A small line of the figures in `points` (oldest first) as inline SVG, drawn by classes
    alone (the content security policy allows no style attribute), named by its figures."""
    known = [(place, value) for place, (_, value) in enumerate(points) if value is not None]
    if not known:
        return mark_safe("")
    label = "; ".join(
        f"{period}: {formatting.figure_or_reason(value, unit=unit)}" for period, value in points
    )
    figures = [float(value) for _, value in known]
    lowest, span = min(figures), max(figures) - min(figures)
    step = (SPARK_WIDTH - 2 * SPARK_MARGIN) / max(len(points) - 1, 1)
    spots = {}  # each known figure's place in the series: its x and y, as written in SVG
    for (place, _), figure in zip(known, figures, strict=True):
        x = SPARK_MARGIN + place * step if len(points) > 1 else SPARK_WIDTH / 2
        share = (figure - lowest) / span if span else 0.5
        y = SPARK_HEIGHT - SPARK_MARGIN - share * (SPARK_HEIGHT - 2 * SPARK_MARGIN)
        spots[place] = f"{x:.1f}", f"{y:.1f}"
    lines = []
    for run in _runs(list(spots)):
        if len(run) == 1:  # a figure alone between gaps: a dot, as a line needs two
            x, y = spots[run[0]]
            lines.append(f'<circle class="spark-point" cx="{x}" cy="{y}" r="1.5"/>')
        else:
            coordinates = " ".join(f"{spots[place][0]},{spots[place][1]}" for place in run)
            lines.append(f'<polyline class="spark-line" points="{coordinates}"/>')
    x, y = spots[known[-1][0]]
    name = escape(label)
    return mark_safe(  # noqa: S308 - numbers and an escaped label only
        f'<svg class="sparkline" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" role="img" aria-label="{name}">'
        f"<title>{name}</title>{''.join(lines)}"
        f'<circle class="spark-latest" cx="{x}" cy="{y}" r="2.5"/></svg>'
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
