"""Excel workbooks a committee paper can use as it is: one place for how every sheet looks.

Bold header rows, number formats by unit, RAG cells with their word and fill, widths that fit,
frozen headers, landscape pages one wide with the header rows repeated, and every piece of
text stored as a string cell, so text that begins like a formula is shown and never run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators.formatting import NUMBER_FORMATS
from strategy.text import without_control_characters

RAG_FILLS = {
    "red": PatternFill("solid", fgColor="F4CCCC"),
    "amber": PatternFill("solid", fgColor="FFE9B3"),
    "green": PatternFill("solid", fgColor="CCE5D6"),
}
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
WRAP = Alignment(wrap_text=True, vertical="top")


def new_workbook() -> Workbook:
    """A write-only workbook: rows stream out in constant memory."""
    return Workbook(write_only=True)


def new_sheet(workbook: Workbook, title: str, *, widths: Sequence[int], header_rows: int = 1):
    """A sheet set up to print landscape, one page wide, with its header rows repeated."""
    sheet = workbook.create_sheet(title=without_control_characters(title)[:31])
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{header_rows}"
    sheet.freeze_panes = f"A{header_rows + 1}"
    return sheet


def text_cell(sheet: Worksheet, text: object, *, font: Font | None = None, wrap: bool = False):
    """A string cell, whatever the text begins with: `=HYPERLINK(...)` is shown, never run.
    Control characters a workbook cannot hold are left out."""
    cell = WriteOnlyCell(sheet, value="" if text is None else without_control_characters(str(text)))
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    if wrap:
        cell.alignment = WRAP
    return cell


def number_cell(sheet: Worksheet, number: Decimal | None, unit: str, *, note: str = ""):
    """A figure as a number; a percentage as its fraction with a percent format (81 is 0.81,
    shown 81%); a missing figure as an empty cell with its reason in a note."""
    if number is not None and unit == "percentage":
        number = number / 100
    cell = WriteOnlyCell(sheet, value=None if number is None else _number(number))
    cell.number_format = NUMBER_FORMATS.get(unit, "General")
    if unit == "percentage" and number is not None and number * 100 % 1:
        cell.number_format = "0.0%"
    if note:
        cell.comment = Comment(without_control_characters(note), "Partnership Monitor")
    return cell


def rag_cell(sheet: Worksheet, rag: str, label: str):
    """A RAG rating as its word and its fill: never the colour alone."""
    cell = text_cell(sheet, label, font=BOLD)
    if rag in RAG_FILLS:
        cell.fill = RAG_FILLS[rag]
    return cell


def header_row(sheet: Worksheet, titles: Iterable[str]) -> list:
    return [text_cell(sheet, title, font=BOLD) for title in titles]


def _number(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)
