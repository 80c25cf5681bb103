"""What a paper may publish: counts below the partnership's threshold, and every figure that
would give one away, shown as suppressed; no comments or corrective actions (partners' own
words). The public annual report and the board report for publication are made through here,
so both hide the same figures as the board pack for publication does."""

from __future__ import annotations

from dataclasses import replace

from dashboard import charts, comparison
from dashboard.board import YEARS_SHOWN, Dashboard, Panel
from dashboard.comparison import Cell
from dashboard.exports import Publication, withheld
from dashboard.signals import Reading, Variation
from dashboard.tables import ComparisonTable
from indicators.formatting import figure_text
from indicators.periods import Period
from indicators.selectors import Figure

SUPPRESSED = "suppressed"


def suppressed(table: ComparisonTable, publication: Publication) -> ComparisonTable:
    """The table's last five years with every count below the threshold, and every figure
    that would give one away, shown as suppressed; no comments."""
    rows = []
    for row in table.rows[:YEARS_SHOWN]:
        hidden = set(withheld(row, table.unit, publication, counts=table.counts))
        cells = [
            _hidden(cell)
            if index in hidden or publication.hides(cell.value, table.unit)
            else replace(cell, comment="", mark="")
            for index, cell in enumerate(row.cells)
        ]
        rows.append(replace(row, quarters=cells[:-1], full_year=cells[-1]))
    return replace(table, rows=rows, figures=[], reading=None, expected="", counts=[])


def _hidden(cell: Cell) -> Cell:
    return Cell(missing_reason=SUPPRESSED, new_definition=cell.new_definition)


def published_dashboard(dashboard: Dashboard, publication: Publication) -> Dashboard:
    """The dashboard with each panel as it may be published: everything drawn from it (the
    scorecard, the sentences, the charts, the tables) then shows only what may be seen."""
    return replace(
        dashboard,
        sections=[
            replace(
                section,
                panels=[
                    published_panel(panel, publication, dashboard.quarter)
                    for panel in section.panels
                ],
            )
            for section in dashboard.sections
        ],
    )


def published_panel(panel: Panel, publication: Publication, quarter: Period) -> Panel:
    """The panel with its table suppressed, its chart drawn from that table (no expected
    level: it is read off the newest figure, which may be hidden), its change and sentence only
    as far as both figures are shown, and no comment or corrective action."""
    table = suppressed(panel.table, publication)
    period = panel.period
    current_hidden = _is_hidden(comparison.cell_for(table.rows, period))
    last_year_hidden = _is_hidden(comparison.cell_for(table.rows, period.same_period_last_year()))
    current = panel.current
    if current_hidden:
        current = Figure(period, None, SUPPRESSED)
    elif current is not None:
        current = current._replace(comment="", corrective_action="")
    sentence = panel.sentence
    if current_hidden:
        sentence = f"{comparison.spoken(period)}: suppressed (below {publication.threshold})."
    elif last_year_hidden and current is not None and current.value is not None:
        noun = f" {panel.indicator.noun}" if panel.indicator.noun else ""
        sentence = (
            f"{comparison.spoken(period)}: {figure_text(current.value, panel.indicator.unit)}"
            f"{noun}; {comparison.spoken(period.same_period_last_year())} is suppressed "
            f"(below {publication.threshold})."
        )
    return replace(
        panel,
        table=table,
        current=current,
        change=None if current_hidden or last_year_hidden else panel.change,
        # A rating or a signal of a hidden figure would tell where it lies (green: at least
        # the target); they say it is suppressed instead.
        rating=SUPPRESSED if current_hidden and panel.rating else panel.rating,
        reading=_suppressed_reading(panel.reading) if current_hidden else panel.reading,
        corrective_action="",
        sentence=sentence,
        chart=charts.chart(
            table.rows,
            selected_year=quarter.financial_year,
            title=table.caption,
            unit=panel.indicator.unit,
            selected=period,
        ),
        exceptions=[] if current_hidden or last_year_hidden else panel.exceptions,
    )


def _suppressed_reading(reading: Reading) -> Reading:
    """The variation and the assurance of a hidden figure: both `suppressed` (`no target`
    still said where there is none)."""
    return replace(
        reading,
        variation=Variation(SUPPRESSED, None),
        assurance=SUPPRESSED if reading.has_target else "",
        points=(),
    )


def _is_hidden(cell: Cell | None) -> bool:
    return cell is not None and cell.missing_reason == SUPPRESSED
