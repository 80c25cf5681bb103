"""The tidy data format of DESIGN.md: reading and checking rows, and writing them out.

`partnership,indicator,period,breakdown,value,status,note`, as CSV or XLSX. Reading never
touches what it cannot check: every row is checked, and every bad row is reported with its line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.cell import WriteOnlyCell

from indicators.models import MissingReason
from indicators.periods import Period, PeriodError, parse_period
from strategy.text import NOTE_MAX_LENGTH, clean_text, without_control_characters

HEADER = ("partnership", "indicator", "period", "breakdown", "value", "status", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t")  # and a carriage return: it starts a new line
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


@dataclass(frozen=True)
class TidyRow:
    """One row as written, with the line it came from and what is wrong with it as a whole."""

    line: int
    partnership: str
    indicator: str
    period: str
    breakdown: str
    value: str
    status: str
    note: str
    problem: str = ""

    @property
    def comment(self) -> str:
        """The note as it is stored: cleaned of control characters, line breaks as `\\n`."""
        return clean_text(self.note)


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class TidyFormatError(ValueError):
    """A file that is not tidy data at all (wrong header, not CSV or XLSX)."""


def read_rows(path: str | Path) -> list[TidyRow]:
    """Reads a CSV or XLSX file by its ending."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        with path.open("rb") as handle:
            return read_xlsx(handle)
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return read_csv(handle)
    raise TidyFormatError(f"{path.name}: tidy data must be a .csv or .xlsx file.")


def read_csv(handle: Iterable[str]) -> list[TidyRow]:
    try:
        return _to_rows(csv.reader(handle))
    except (UnicodeDecodeError, csv.Error) as error:
        raise TidyFormatError(f"The file is not readable CSV text: {error}") from error


def read_xlsx(handle) -> list[TidyRow]:
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise TidyFormatError(f"The file is not a readable Excel workbook: {error}") from error
    sheet = workbook["Data"] if "Data" in workbook.sheetnames else workbook.worksheets[0]
    cells = (
        ["" if cell.value is None else _cell_text(cell) for cell in row]
        for row in sheet.iter_rows()
    )
    return _to_rows(cells)


def _cell_text(cell) -> str:
    """A cell as the text it shows: Excel keeps 81% as 0.81 with a percent format."""
    value = cell.value
    if isinstance(value, int | float) and "%" in (cell.number_format or ""):
        value = round(value * 100, 10)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _to_rows(lines: Iterator[list[str]]) -> list[TidyRow]:
    lines = iter(lines)
    header = tuple(cell.strip().lower() for cell in next(lines, []))
    while header and header[-1] == "":
        header = header[:-1]
    if header != HEADER:
        found = ",".join(header) or "nothing"
        raise TidyFormatError(f"The first row must be {','.join(HEADER)}; found {found}.")
    rows = []
    for line, cells in enumerate(lines, start=2):
        if not any(str(cell).strip() for cell in cells):
            continue
        cells = [str(cell) for cell in cells] + [""] * (len(HEADER) - len(cells))
        if len(cells) > len(HEADER) and any(c.strip() for c in cells[len(HEADER) :]):
            rows.append(TidyRow(line, *([""] * 7), problem=f"more than {len(HEADER)} columns."))
            continue
        partnership, indicator, period, breakdown, value, status = (
            cell.strip() for cell in cells[:6]
        )
        row = TidyRow(
            line, partnership, indicator, period, breakdown, value, status, unguard(cells[6])
        )
        rows.append(row if len(row.comment) <= NOTE_MAX_LENGTH else _too_long(row))
    return rows


def _too_long(row: TidyRow) -> TidyRow:
    return TidyRow(
        row.line,
        *([""] * 7),
        problem=f"the note has {len(row.comment):,} characters; a note holds up to "
        f"{NOTE_MAX_LENGTH:,}.",
    )


def parse_status(text: str) -> str:
    if text and text not in MissingReason.values:
        allowed = ", ".join(MissingReason.values)
        raise ValueError(f"status {text!r} is not one of: empty (reported), {allowed}.")
    return text


def parse_period_text(text: str) -> Period:
    try:
        return parse_period(text)
    except PeriodError as error:
        raise ValueError(str(error)) from None


def format_figure(figure: Decimal | None) -> str:
    if figure is None:
        return ""
    text = format(figure.normalize(), "f")
    return text


def guard(text: str) -> str:
    """Each line a spreadsheet would run as a formula is written with a leading apostrophe.

    A line that already begins with an apostrophe gets one more, so `unguard` gives back
    exactly the text it was given.
    """
    return _each_line(_guard_line, text)


def unguard(text: str) -> str:
    return _each_line(_unguard_line, text)


def _each_line(change, text: str) -> str:
    parts = _LINE_BREAK.split(text)  # lines at even places, the breaks between them at odd
    parts[::2] = [change(line) for line in parts[::2]]
    return "".join(parts)


def _guard_line(line: str) -> str:
    return f"'{line}" if line.startswith((*FORMULA_STARTS, "'")) else line


def _unguard_line(line: str) -> str:
    return line[1:] if line.startswith("'") and _guard_line(line[1:]) == line else line


def write_csv(rows: Iterable[tuple], handle: io.TextIOBase) -> None:
    """Tidy CSV with the csv module's own line ends, so a line break in a note is quoted."""
    writer = csv.writer(handle)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([*row[:6], guard(without_control_characters(row[6]))])


def write_xlsx(rows: Iterable[tuple], handle) -> None:
    """A workbook with one sheet, Data; every text cell a string, so nothing runs as a formula."""
    workbook = openpyxl.Workbook(write_only=True)
    append_data_sheet(workbook, rows)
    workbook.save(handle)


def append_data_sheet(workbook, rows: Iterable[tuple]) -> None:
    """The Data sheet of tidy rows, which `import_values` reads from any workbook holding it."""
    write_data_rows(workbook.create_sheet("Data"), rows)


def write_data_rows(sheet, rows: Iterable[tuple]) -> None:
    """The header and the rows of tidy data, on a sheet of a write-only workbook."""
    sheet.append(list(HEADER))
    for row in rows:
        texts = [_string_cell(sheet, cell) for cell in row[:4]]
        sheet.append([*texts, _number(row[4]), row[5], _string_cell(sheet, row[6])])


def _string_cell(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=without_control_characters(text))
    cell.data_type = "s"
    return cell


def _number(text: str):
    if text == "":
        return None
    number = Decimal(text)
    return int(number) if number == number.to_integral_value() else float(number)
