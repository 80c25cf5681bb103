"""The board report as a Word document: the PDF's content as headings, paragraphs and tables
in Word's built-in styles (Title, Heading 1-3, List Bullet, Caption, Table Grid), so it pastes
into a council's committee template and takes on that template's look."""

from __future__ import annotations

import io

from django.utils.formats import date_format
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dashboard.comparison import Cell
from dashboard.papers.report import ACTION_COLUMNS, BoardReport
from indicators import formatting
from strategy.models import Rag
from strategy.text import without_control_characters

SCORECARD_COLUMNS = (
    "Indicator",
    "Period",
    "Figure",
    "Same period last year",
    "Change",
    "Judgement",
    "RAG",
    "Variation",
    "Assurance",
)


def board_report_docx(report: BoardReport) -> bytes:
    """The cover, each objective (narrative, scorecard rows, committee tables with their
    sentence and signals) and the action plan appendix on landscape pages."""
    document = Document()
    document.core_properties.title = report.title
    document.core_properties.language = "en-GB"
    _cover(document, report)
    for part in report.objectives:
        _objective(document, report, part)
    _appendix(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _text(value: object) -> str:
    """Text as Word can hold it: XML refuses control characters."""
    return without_control_characters("" if value is None else str(value))


def _cover(document, report: BoardReport) -> None:
    dashboard, partnership = report.dashboard, report.dashboard.partnership
    document.add_paragraph("Board report", style="Title")
    for label, value in (
        ("Partnership", partnership.name),
        ("Strategy", dashboard.strategy.title),
        ("Quarter", str(dashboard.quarter)),
        ("Date", f"{date_format(report.made_at)}, made by {report.made_by}"),
        ("For publication", report.for_publication),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(_text(value))
    _table(
        document,
        "RAG ratings",
        ("Rating", "Means"),
        [(Rag(rag).label, getattr(partnership, f"rag_{rag}")) for rag in ("green", "amber", "red")],
    )


def _objective(document, report: BoardReport, part) -> None:
    section = part.section
    document.add_page_break()
    document.add_heading(_text(section.objective.theme), level=1)
    document.add_paragraph(_text(section.objective.statement))
    for measure in section.success_measures:
        document.add_paragraph(_text(measure), style="List Bullet")
    if section.narrative is not None:
        document.add_heading(f"Narrative for {section.narrative.period}", level=2)
        for kind, content in section.narrative.blocks:
            if kind == "ul":
                for item in content:
                    document.add_paragraph(_text(item), style="List Bullet")
            else:
                document.add_paragraph(_text(content))
    if part.indicators:
        _table(
            document,
            f"Scorecard: {section.objective.theme}, {report.quarter}",
            SCORECARD_COLUMNS,
            [_scorecard_row(item.panel) for item in part.indicators],
        )
    for item in part.indicators:
        panel = item.panel
        document.add_heading(_text(panel.caption), level=3)
        document.add_paragraph(
            _text(f"{panel.sentence} Variation: {panel.variation}; assurance: {panel.assurance}.")
        )
        unit = panel.indicator.unit
        _table(
            document,
            panel.caption,
            panel.table.header,
            [[row.label, *(_cell_text(cell, unit) for cell in row.cells)] for row in panel.rows],
        )
        if panel.current is not None and panel.current.comment:
            document.add_paragraph(_text(f"Comment: {panel.current.comment}"))


def _scorecard_row(panel) -> list[str]:
    unit = panel.indicator.unit
    change = panel.change.text if panel.change else ""
    judgement = panel.change.judgement if panel.change else ""
    return [
        panel.caption,
        str(panel.period),
        _figure_and_mark(panel.current or Cell(), unit),
        _figure_and_mark(panel.last_year or Cell(), unit),
        change,
        judgement,
        panel.rating.capitalize() if panel.rating else "No target",
        panel.variation,
        panel.assurance,
    ]


def _figure_and_mark(figure, unit: str) -> str:
    """A scorecard's figure (a cell or a selector's figure) as written, marked if it is not
    the approved one."""
    text = formatting.figure_or_reason(figure.value, figure.missing_reason, unit)
    return f"{text} ({figure.mark})" if figure.value is not None and figure.mark else text


def _cell_text(cell: Cell, unit: str) -> str:
    """A committee table's cell as the page writes it: the figure, or why it is missing."""
    text = formatting.figure_or_reason(cell.value, cell.missing_reason, unit, none="")
    if cell.value is not None and cell.derived and cell.basis:
        text += f" ({cell.basis})"
    if text and cell.mark:
        text += f" ({cell.mark})"
    return f"† {text}" if cell.new_definition and text else text


def _appendix(document, report: BoardReport) -> None:
    section = document.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    document.add_heading(f"Appendix: action plan, RAG as at {report.quarter}", level=1)
    rows = [
        [
            action.objective.theme,
            action.area_for_development,
            action.description,
            action.lead_organisation.name if action.lead_organisation else "",
            action.lead_officer,
            action.task_group,
            action.milestones,
            date_format(action.target_date) if action.target_date else "",
            action.performance_measure,
            action.outcome,
            Rag(action.latest_rag).label if action.latest_rag else "Not rated",
            action.latest_progress or "",
            action.latest_risks or "",
            action.get_status_display(),
        ]
        for action in report.actions
    ]
    table = _table(
        document, f"{report.dashboard.strategy.title}: every action", ACTION_COLUMNS, rows
    )
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(7)


def _table(document, caption: str, header, rows):
    """A captioned table in the built-in Table Grid style: its header row repeats on each
    page and no row splits across pages."""
    document.add_paragraph(_text(caption), style="Caption")
    table = document.add_table(rows=1, cols=len(header), style="Table Grid")
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_text(title)).bold = True
    _row_properties(table.rows[0], "w:tblHeader")
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = _text(value)
    for row in table.rows:
        _row_properties(row, "w:cantSplit")
    return table


def _row_properties(row, name: str) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    properties.append(element)
