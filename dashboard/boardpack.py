"""The board pack: the whole quarter as one workbook a committee paper can use as it is.

A cover sheet; a sheet per objective with the quarter's final narrative, then each
indicator's committee table block (DESIGN.md), the change on the same quarter last year beside
it and the quarter's commentary below; the action plan; the exceptions; and a Data sheet of
every figure in the tidy format, which `import_values` takes back unchanged.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from dashboard import board, comparison, selectors
from dashboard.board import Dashboard, Panel
from dashboard.exports import (
    BLOCK_WIDTHS,
    WITHHELD,
    Publication,
    action_plan_sheet,
    committee_block,
)
from dashboard.papers.published import published_dashboard
from dashboard.selectors import BoardView
from dashboard.workbooks import (
    BOLD,
    TITLE,
    header_row,
    new_sheet,
    new_workbook,
    rag_cell,
    text_cell,
)
from indicators import selectors as figures
from indicators import tidy
from indicators.periods import Period
from indicators.selectors import Audience
from strategy.actions import action_plan
from strategy.models import Action, Partnership, Rag

COMMENTARY_WIDTH = 100  # characters across columns B to G


def board_pack(
    *,
    dashboard: Dashboard,
    actions,
    data_rows: list[tuple],
    made_by: str,
    made_at: datetime,
    publication: Publication | None = None,
) -> bytes:
    """The workbook, written row by row in write-only mode so memory stays flat."""
    workbook = new_workbook()
    _cover(workbook, dashboard, made_by, made_at, publication)
    # What may be said of each panel: for publication, no rating, signal, exception or comment
    # that would give a hidden count away (its table shows counts as <N, below).
    judged = dashboard if publication is None else published_dashboard(dashboard, publication)
    used: set[str] = {"Cover", "Actions", "Exceptions", "Data"}
    for section, said in zip(dashboard.sections, judged.sections, strict=True):
        name = _sheet_name(section.objective.theme, used)
        _objective_sheet(workbook, name, section, said.panels, publication)
    action_plan_sheet(workbook, dashboard.partnership, actions)
    _exceptions_sheet(workbook, judged)
    if publication is None:
        # A pack for publication has no Data sheet: it is not for importing back.
        data = new_sheet(workbook, "Data", widths=(18, 26, 12, 18, 10, 16, 80), header_rows=1)
        tidy.write_data_rows(data, data_rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cover(workbook, dashboard: Dashboard, made_by: str, made_at, publication) -> None:
    sheet = new_sheet(workbook, "Cover", widths=(24, 90), header_rows=1)
    partnership = dashboard.partnership
    sheet.append([text_cell(sheet, "Board pack", font=TITLE)])
    for label, value in (
        ("Partnership", partnership.name),
        ("Strategy", dashboard.strategy.title),
        ("Quarter", str(dashboard.quarter)),
        ("Made", f"{made_at:%d %B %Y %H:%M} by {made_by}"),
        (
            "For publication",
            f"Yes: counts below {publication.threshold} are shown as <{publication.threshold}; "
            f"figures that would give them away as {WITHHELD}; no rating, signal or comment "
            "of a figure shown so (a comment can give a count away); no Data sheet"
            if publication
            else "No: for the partnership only",
        ),
    ):
        sheet.append([text_cell(sheet, label, font=BOLD), text_cell(sheet, value, wrap=True)])
    sheet.append([])
    sheet.append([text_cell(sheet, "RAG ratings", font=BOLD)])
    for rag, meaning in (
        ("green", partnership.rag_green),
        ("amber", partnership.rag_amber),
        ("red", partnership.rag_red),
    ):
        sheet.append([rag_cell(sheet, rag, Rag(rag).label), text_cell(sheet, meaning, wrap=True)])


def _objective_sheet(workbook, name, section, judged: list[Panel], publication) -> None:
    lines = len(textwrap.wrap(section.objective.statement, COMMENTARY_WIDTH)) or 1
    sheet = new_sheet(workbook, name, widths=BLOCK_WIDTHS, header_rows=1 + lines)
    sheet.append([text_cell(sheet, section.objective.theme, font=TITLE)])
    for line in textwrap.wrap(section.objective.statement, COMMENTARY_WIDTH) or [""]:
        sheet.append([text_cell(sheet, line)])
    if section.success_measures:
        sheet.append([])
        sheet.append([text_cell(sheet, "How we will measure success", font=BOLD)])
        for measure in section.success_measures:
            sheet.append([text_cell(sheet, f"• {measure}")])
    if section.narrative is not None:
        _narrative(sheet, section.narrative)
    for panel, said in zip(section.panels, judged, strict=True):
        sheet.append([])
        _block(sheet, panel, said, publication)


def _narrative(sheet, narrative) -> None:
    """The quarter's final narrative above the objective's tables: each paragraph and list
    item in lines that fit across the block's columns."""
    sheet.append([])
    sheet.append([text_cell(sheet, f"Narrative for {narrative.period}", font=BOLD)])
    for kind, content in narrative.blocks:
        for text in [f"• {item}" for item in content] if kind == "ul" else [content]:
            for line in textwrap.wrap(text, COMMENTARY_WIDTH):
                sheet.append([text_cell(sheet, line)])


def _block(sheet, panel: Panel, said: Panel, publication) -> None:
    """The committee table block, the change on last year beside the row of the period the
    view reports, then what `said` (the panel as it may be published) says: the signals, the
    RAG against target and the commentary below."""
    change = ""
    if panel.change is not None:
        last_year = comparison.spoken(panel.period.same_period_last_year())
        change = f"{panel.change.text} on {last_year} ({panel.change.judgement})"
        unit = panel.indicator.unit
        if publication is not None and (
            publication.hides(panel.change.current, unit)
            or publication.hides(panel.change.previous, unit)
        ):
            change = WITHHELD  # the change would give away a count shown as <N
    row = next(
        (
            r
            for r in panel.rows
            if r.year.year == panel.period.year and r.to_date == panel.period.to_date
        ),
        None,
    )
    committee_block(sheet, panel.table, publication, beside=(row.label, change) if row else None)
    sheet.append([text_cell(sheet, said.reading.summary)])
    if said.rating in Rag.values:
        sheet.append(
            [
                text_cell(sheet, "Against target", font=BOLD),
                rag_cell(sheet, said.rating, Rag(said.rating).label),
                text_cell(sheet, said.corrective_action, wrap=True),
            ]
        )
    elif said.rating:
        sheet.append([text_cell(sheet, "Against target", font=BOLD), text_cell(sheet, said.rating)])
    comment = said.current.comment if said.current else ""
    # Lines that fit across the block's columns: a single long cell would widen the page.
    for number, line in enumerate(textwrap.wrap(comment, COMMENTARY_WIDTH)):
        label = text_cell(sheet, "Commentary" if number == 0 else "", font=BOLD)
        sheet.append([label, text_cell(sheet, line)])


def _exceptions_sheet(workbook, dashboard: Dashboard) -> None:
    sheet = new_sheet(workbook, "Exceptions", widths=(22, 70, 40), header_rows=2)
    sheet.append([text_cell(sheet, f"Exceptions: {dashboard.quarter}", font=TITLE)])
    sheet.append(header_row(sheet, ["Kind", "What", "Detail"]))
    for panel in dashboard.exceptions:
        sheet.append(
            [
                text_cell(sheet, "Indicator"),
                text_cell(sheet, panel.caption, wrap=True),
                text_cell(sheet, "; ".join(panel.exceptions), wrap=True),
            ]
        )
    for action in dashboard.red_actions:
        sheet.append(
            [
                rag_cell(sheet, "red", "Red action"),
                text_cell(sheet, action.area_for_development, wrap=True),
                text_cell(sheet, action.lead_officer),
            ]
        )
    for organisation in dashboard.overdue:
        sheet.append(
            [
                text_cell(sheet, "Overdue return"),
                text_cell(sheet, organisation.name),
                text_cell(sheet, organisation.return_status.replace("-", " ")),
            ]
        )


def _sheet_name(theme: str, used: set[str]) -> str:
    """Excel allows 31 characters and none of [ ] : * ? / \\ in a sheet's name, each name
    once whatever its case."""
    base = re.sub(r"[\[\]:*?/\\]", " ", theme).strip()[:28] or "Objective"
    name, number = base, 2
    while name.lower() in {u.lower() for u in used}:
        name, number = f"{base} {number}", number + 1
    used.add(name)
    return name


class BoardPackError(ValueError):
    """A board pack that cannot be made as asked: no such strategy, no figures yet."""


@dataclass(frozen=True)
class BoardPack:
    """A board pack's workbook, and the quarter it was made as at (for the record of exports)."""

    content: bytes
    quarter: Period


def board_pack_dashboard(
    *,
    partnership: Partnership,
    params: Mapping[str, str],
    publication: bool = False,
    years: int | None = None,
) -> tuple[BoardView, Dashboard, QuerySet[Action]]:
    """The view, dashboard (the last `years` years, by default every one; the final
    narratives) and action plan as at the quarter that the address's (or command's) query
    chooses, as the board sees it: what the board pack and the board report are made from."""
    view = selectors.board_view(
        partnership=partnership,
        # A pack for publication holds approved figures only, whatever the board is shown.
        audience=Audience.approved(partnership) if publication else Audience.board(partnership),
        params=params,
    )
    if view.problems:
        raise BoardPackError("; ".join(view.problems))
    if view.strategy is None:
        raise BoardPackError(f"{partnership.slug} has no strategy yet.")
    if view.quarter is None:
        raise BoardPackError(f"{partnership.slug} has no approved figures yet.")
    dashboard = board.add_narratives(
        board.dashboard(view, today=timezone.localdate(), years=years), drafts=False
    )
    actions = action_plan(partnership, as_at=str(view.quarter)).filter(
        objective__strategy=view.strategy
    )
    return view, dashboard, actions


def make_board_pack(
    *,
    partnership: Partnership,
    made_by: str,
    params: Mapping[str, str],
    publication: bool = False,
) -> BoardPack:
    """The board pack of the view the address's (or command's) query chooses, as the board
    sees it: the same for the download and for `export_board_pack`."""
    view, dashboard, actions = board_pack_dashboard(
        partnership=partnership, params=params, publication=publication
    )
    content = board_pack(
        dashboard=dashboard,
        actions=actions,
        data_rows=figures.values_export_rows(
            partnership=partnership, indicators=view.indicators, as_at=view.quarter
        ),
        made_by=made_by,
        made_at=timezone.localtime(),
        publication=Publication(partnership.suppression_threshold) if publication else None,
    )
    return BoardPack(content, view.quarter)
