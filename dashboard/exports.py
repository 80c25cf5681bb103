"""The workbooks and tables officers download: committee tables, the action plan and the
practice-standards matrix. The board pack (`dashboard.boardpack`) is made of these parts.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format

from dashboard.comparison import Cell, Row
from dashboard.tables import ComparisonTable
from dashboard.workbooks import (
    BOLD,
    TITLE,
    header_row,
    new_sheet,
    new_workbook,
    number_cell,
    rag_cell,
    text_cell,
)
from indicators import formatting
from indicators.periods import Period
from indicators.tidy import guard
from strategy.models import Partnership, Rag
from strategy.standards import Matrix
from strategy.text import without_control_characters

BLOCK_WIDTHS = (14, 12, 12, 12, 12, 12, 3, 40)


@dataclass(frozen=True)
class Publication:
    """For tables that leave the partnership: counts below the threshold shown as `<N`."""

    threshold: int

    def hides(self, value: Decimal | None, unit: str) -> bool:
        return unit == "count" and value is not None and 0 < value < self.threshold


def committee_block(
    sheet,
    table: ComparisonTable,
    publication: Publication | None = None,
    *,
    beside: tuple | None = None,
) -> None:
    """DESIGN.md's block: a title row; `Year, Q1, Q2, Q3, Q4, Full year` (`Year, Full year`
    for whole years only); a row per financial year, newest first. `beside` is (row label,
    text): a note right of that row, after a blank column, so the block itself stays exactly as
    DESIGN.md lays it out. A changed definition is said on a line below the block."""
    unit = table.unit
    sheet.append([text_cell(sheet, table.caption, font=BOLD)])
    sheet.append(header_row(sheet, table.header))
    for row in table.rows:
        cells = [_figure(sheet, cell, unit, publication) for cell in row.cells]
        for index in withheld(row, unit, publication, counts=table.counts):
            cells[index] = text_cell(sheet, WITHHELD)
        extra = []
        if beside and row.label == beside[0] and beside[1]:
            extra = [None, text_cell(sheet, beside[1])]
        sheet.append([text_cell(sheet, row.label, font=BOLD), *cells, *extra])
    for line in notes_below(table, expected=publication is None):
        sheet.append([text_cell(sheet, line)])


def notes_below(table: ComparisonTable, *, expected: bool = True) -> list[str]:
    """What a table's rows cannot say in a figure: which years are the strategy's baseline,
    each changed definition (`† The definition changed in 2014/15 Q1: ...`) and, unless left
    out (a publication, whose withheld counts it could give away), the expected level."""
    baseline = [row.label for row in table.rows if row.baseline]
    notes = [f"Baseline, before the strategy began: {', '.join(baseline)}."] if baseline else []
    marked = [
        period
        for row in table.rows
        for cell, period in zip(row.cells, row.periods(), strict=True)
        if cell.new_definition and (table.compact or not period.is_year)
    ]
    notes += [
        f"† The definition changed in {period}: figures before it are not comparable with "
        "those after."
        for period in sorted(set(marked))
    ]
    return notes + [table.expected] if expected and table.expected else notes


WITHHELD = "[c]"  # withheld: it would give away a count shown as <N


def withheld(
    row: Row, unit: str, publication: Publication | None, *, counts: list[Row] = ()
) -> list[int]:
    """The cells of a row (by index) that would give away a count shown as <N: a full year,
    entered or made, beside a hidden quarter; in a year to date, a total whose rise on the one
    before is a hidden count, and every total after a hidden one; and, for a calculated rate,
    each cell whose count (`counts`, its numerator's rows) is hidden or withheld."""
    if publication is None:
        return []
    if counts:
        hidden = _hidden_counts(counts, publication)
        own = withheld(row, unit, publication)
        return sorted(
            {*own, *(i for i, p in enumerate(row.periods()) if (row.to_date, p) in hidden)}
        )
    hides = [publication.hides(cell.value, unit) for cell in row.quarters]
    if not row.to_date:
        shown = row.full_year.value is not None and not publication.hides(row.full_year.value, unit)
        return [len(row.quarters)] if shown and any(hides) else []
    found, before, hidden = [], None, False
    for index, cell in enumerate(row.quarters):
        if cell.value is None:
            continue
        rise = cell.value - before if before is not None else None
        if not hides[index] and (hidden or (rise is not None and publication.hides(rise, unit))):
            found.append(index)
        hidden = hidden or hides[index] or index in found
        before = cell.value
    return found


def _hidden_counts(counts: list[Row], publication: Publication) -> set[tuple[bool, Period]]:
    """The periods (with whether their row is a year to date) whose count is shown as <N or
    withheld."""
    hidden = set()
    for row in counts:
        periods = row.periods()
        places = {i for i, cell in enumerate(row.cells) if publication.hides(cell.value, "count")}
        places |= set(withheld(row, "count", publication))
        hidden |= {(row.to_date, periods[i]) for i in places}
    return hidden


def _figure(sheet, cell: Cell, unit: str, publication: Publication | None):
    if publication is not None and publication.hides(cell.value, unit):
        return text_cell(sheet, f"<{publication.threshold}")
    notes = [
        formatting.missing_text(cell.missing_reason) if cell.missing_reason else "",
        cell.comment if cell.missing_reason else "",
        "definition changed" if cell.new_definition else "",
        cell.basis.capitalize() if cell.basis else "",
        cell.mark.capitalize() if cell.mark else "",
    ]
    return number_cell(sheet, cell.value, unit, note="; ".join(n for n in notes if n))


def comparison_workbook(table: ComparisonTable, publication: Publication | None = None) -> bytes:
    """One comparison table as a workbook of its own."""
    workbook = new_workbook()
    sheet = new_sheet(workbook, "Table", widths=BLOCK_WIDTHS[:6], header_rows=2)
    committee_block(sheet, table, publication)
    return _saved(workbook)


def comparison_csv(table: ComparisonTable, handle, publication: Publication | None = None) -> None:
    """One comparison table as CSV: the title, the header, a row per year. Text that a
    spreadsheet would run as a formula starts with an apostrophe."""
    writer = csv.writer(handle)
    writer.writerow([guard(without_control_characters(table.caption))])
    writer.writerow(table.header)
    for row in table.rows:
        cells = [_csv_figure(c, table.unit, publication) for c in row.cells]
        for index in withheld(row, table.unit, publication, counts=table.counts):
            cells[index] = WITHHELD
        writer.writerow([row.label, *cells])
    for line in notes_below(table, expected=publication is None):
        writer.writerow([guard(without_control_characters(line))])  # a level's source is typed


def _csv_figure(cell: Cell, unit: str, publication: Publication | None) -> str:
    if cell.value is None:
        return ""
    if publication is not None and publication.hides(cell.value, unit):
        return f"<{publication.threshold}"
    return formatting.plain_figure(cell.value) + ("%" if unit == "percentage" else "")


ACTION_COLUMNS = (
    ("Objective", 16),
    ("Area for development", 50),
    ("Action", 40),
    ("Lead organisation", 24),
    ("Lead officer", 20),
    ("Task group", 22),
    ("Target date", 12),
    ("RAG", 10),
    ("Status", 16),
    ("Last update", 12),
    ("Milestones", 36),
    ("Performance measure", 30),
    ("Outcome", 36),
    ("Progress", 40),
    ("Risks and issues", 36),
)


def action_plan_sheet(workbook, partnership: Partnership, actions) -> None:
    """The action plan with every column of the papers' action plans: each action's latest
    RAG as its word and its fill, its progress and its risks and issues."""
    sheet = new_sheet(workbook, "Actions", widths=[w for _, w in ACTION_COLUMNS], header_rows=2)
    sheet.append([text_cell(sheet, f"{partnership.name}: action plan", font=TITLE)])
    sheet.append(header_row(sheet, [title for title, _ in ACTION_COLUMNS]))
    for action in actions:
        target = date_format(action.target_date) if action.target_date else ""
        rag = action.latest_rag or ""
        sheet.append(
            [
                text_cell(sheet, action.objective.theme, wrap=True),
                text_cell(sheet, action.area_for_development, wrap=True),
                text_cell(sheet, action.description, wrap=True),
                text_cell(sheet, action.lead_organisation.name if action.lead_organisation else ""),
                text_cell(sheet, action.lead_officer_name),
                text_cell(sheet, action.task_group),
                text_cell(sheet, target),
                rag_cell(sheet, rag, Rag(rag).label if rag else "Not rated"),
                text_cell(sheet, action.get_status_display()),
                text_cell(sheet, action.latest_period or ""),
                text_cell(sheet, action.milestones, wrap=True),
                text_cell(sheet, action.performance_measure, wrap=True),
                text_cell(sheet, action.outcome, wrap=True),
                text_cell(sheet, action.latest_progress or "", wrap=True),
                text_cell(sheet, action.latest_risks or "", wrap=True),
            ]
        )
    _legend(sheet, partnership)


def _legend(sheet, partnership: Partnership) -> None:
    sheet.append([])
    for rag, meaning in (
        ("green", partnership.rag_green),
        ("amber", partnership.rag_amber),
        ("red", partnership.rag_red),
    ):
        sheet.append([rag_cell(sheet, rag, Rag(rag).label), text_cell(sheet, meaning)])


def action_plan_workbook(partnership: Partnership, actions) -> bytes:
    workbook = new_workbook()
    action_plan_sheet(workbook, partnership, actions)
    return _saved(workbook)


def standards_workbook(partnership: Partnership, matrix: Matrix) -> bytes:
    """Standards down the side, organisations across, each cell the rating's word and fill."""
    workbook = new_workbook()
    widths = [60, *([18] * len(matrix.organisations))]
    sheet = new_sheet(workbook, "Practice standards", widths=widths, header_rows=2)
    sheet.append([text_cell(sheet, f"{partnership.name}: practice standards", font=TITLE)])
    sheet.append(header_row(sheet, ["Standard", *(o.name for o in matrix.organisations)]))
    labels = {"red": "Red: not met", "amber": "Amber: partly met", "green": "Green: met"}
    for section, rows in matrix.table:
        sheet.append([text_cell(sheet, section.title, font=BOLD)])
        for standard, ratings in rows:
            sheet.append(
                [
                    text_cell(sheet, standard.text, wrap=True),
                    *(
                        rag_cell(sheet, r.rating, labels[r.rating])
                        if r
                        else text_cell(sheet, "Not assessed")
                        for r in ratings
                    ),
                ]
            )
    return _saved(workbook)


def _saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
