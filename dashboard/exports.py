"""The workbooks and tables officers download: committee tables, the action plan and the
practice-standards matrix. The board pack (`dashboard.boardpack`) is made of these parts.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from dashboard.comparison import Cell, Row, format_figure
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
from indicators.models import MissingReason
from indicators.tidy import guard
from strategy.models import Partnership, Rag
from strategy.standards import Matrix
from strategy.text import without_control_characters

BLOCK_HEADER = ("Year", "Q1", "Q2", "Q3", "Q4", "Full year")
BLOCK_WIDTHS = (14, 12, 12, 12, 12, 12, 3, 40)


@dataclass(frozen=True)
class Publication:
    """For tables that leave the partnership: counts below the threshold shown as `<N`."""

    threshold: int

    def hides(self, value: Decimal | None, unit: str) -> bool:
        return unit == "count" and value is not None and 0 < value < self.threshold


def committee_block(
    sheet,
    caption: str,
    rows: list[Row],
    unit: str,
    publication: Publication | None = None,
    *,
    beside: tuple | None = None,
) -> None:
    """DESIGN.md's block: a title row; `Year, Q1, Q2, Q3, Q4, Full year`; a row per financial
    year, newest first. `beside` is (year, text): a note right of that year's row, after a
    blank column, so the block itself stays exactly as DESIGN.md lays it out."""
    sheet.append([text_cell(sheet, caption, font=BOLD)])
    sheet.append(header_row(sheet, BLOCK_HEADER))
    for row in rows:
        cells = [_figure(sheet, cell, unit, publication) for cell in row.cells]
        if withheld_year(row, unit, publication):
            cells[-1] = text_cell(sheet, WITHHELD)
        extra = []
        if beside and row.year == beside[0] and beside[1]:
            extra = [None, text_cell(sheet, beside[1])]
        sheet.append([text_cell(sheet, str(row.year), font=BOLD), *cells, *extra])


WITHHELD = "[c]"  # withheld: it would give away a count shown as <N


def withheld_year(row: Row, unit: str, publication: Publication | None) -> bool:
    """A full year made from the quarters gives away a hidden quarter: withhold it too."""
    if publication is None or not row.full_year.derived:
        return False
    return any(publication.hides(cell.value, unit) for cell in row.quarters)


def _figure(sheet, cell: Cell, unit: str, publication: Publication | None):
    if publication is not None and publication.hides(cell.value, unit):
        return text_cell(sheet, f"<{publication.threshold}")
    note = MissingReason(cell.missing_reason).label if cell.missing_reason else ""
    if note and cell.comment:
        note = f"{note}: {cell.comment}"
    return number_cell(sheet, cell.value, unit, note=note)


def comparison_workbook(table, unit: str, publication: Publication | None = None) -> bytes:
    """One comparison table as a workbook of its own."""
    workbook = new_workbook()
    sheet = new_sheet(workbook, "Table", widths=BLOCK_WIDTHS[:6], header_rows=2)
    committee_block(sheet, table.caption, table.rows, unit, publication)
    return _saved(workbook)


def comparison_csv(table, unit: str, handle, publication: Publication | None = None) -> None:
    """One comparison table as CSV: the title, the header, a row per year. Text that a
    spreadsheet would run as a formula starts with an apostrophe."""
    writer = csv.writer(handle)
    writer.writerow([guard(without_control_characters(table.caption))])
    writer.writerow(BLOCK_HEADER)
    for row in table.rows:
        cells = [_csv_figure(c, unit, publication) for c in row.cells]
        if withheld_year(row, unit, publication):
            cells[-1] = WITHHELD
        writer.writerow([str(row.year), *cells])


def _csv_figure(cell: Cell, unit: str, publication: Publication | None) -> str:
    if cell.value is None:
        return ""
    if publication is not None and publication.hides(cell.value, unit):
        return f"<{publication.threshold}"
    return format_figure(cell.value, unit).replace(",", "")


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
)


def action_plan_sheet(workbook, partnership: Partnership, actions) -> None:
    """The action plan with each action's latest RAG as its word and its fill."""
    sheet = new_sheet(workbook, "Actions", widths=[w for _, w in ACTION_COLUMNS], header_rows=2)
    sheet.append([text_cell(sheet, f"{partnership.name}: action plan", font=TITLE)])
    sheet.append(header_row(sheet, [title for title, _ in ACTION_COLUMNS]))
    for action in actions:
        target = action.target_date.strftime("%d %b %Y") if action.target_date else ""
        rag = action.latest_rag or ""
        sheet.append(
            [
                text_cell(sheet, action.objective.theme, wrap=True),
                text_cell(sheet, action.area_for_development, wrap=True),
                text_cell(sheet, action.description, wrap=True),
                text_cell(sheet, action.lead_organisation.name if action.lead_organisation else ""),
                text_cell(sheet, action.lead_officer),
                text_cell(sheet, action.task_group),
                text_cell(sheet, target),
                rag_cell(sheet, rag, Rag(rag).label if rag else "Not rated"),
                text_cell(sheet, action.get_status_display()),
                text_cell(sheet, action.latest_period or ""),
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
