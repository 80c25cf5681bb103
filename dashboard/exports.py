"""The workbooks officers download: the action plan and the practice-standards matrix.

Built with the sheet helpers of `dashboard.workbooks`, which the board pack uses too.
"""

from __future__ import annotations

import io

from dashboard.workbooks import (
    BOLD,
    TITLE,
    header_row,
    new_sheet,
    new_workbook,
    rag_cell,
    text_cell,
)
from strategy.models import Partnership, Rag
from strategy.standards import Matrix

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
