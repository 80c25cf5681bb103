"""The tidy data format of DESIGN.md: reading and checking rows, and writing them out.

`partnership,indicator,period,breakdown,value,status,note`, as CSV or XLSX. Reading never
touches what it cannot check: every row is checked, and every bad row is reported with its line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.cell import WriteOnlyCell

from indicators.models import MissingReason
from indicators.periods import Period, PeriodError, parse_period

HEADER = ("partnership", "indicator", "period", "breakdown", "value", "status", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class TidyRow:
    """One row as written, with the line it came from."""

    line: int
    partnership: str
    indicator: str
    period: str
    breakdown: str
    value: str
    status: str
    note: str


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
            rows.append(TidyRow(line, *([""] * 6), note="\x00too-many-columns"))
            continue
        partnership, indicator, period, breakdown, value, status = (
            cell.strip() for cell in cells[:6]
        )
        rows.append(
            TidyRow(
                line, partnership, indicator, period, breakdown, value, status, unguard(cells[6])
            )
        )
    return rows


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


def guard(text: str) -> str:
    """Text a spreadsheet would run as a formula is written with a leading apostrophe."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def unguard(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def write_csv(rows: Iterable[tuple], handle: io.TextIOBase) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([*row[:6], guard(row[6])])


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
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def _number(text: str):
    if text == "":
        return None
    number = Decimal(text)
    return int(number) if number == number.to_integral_value() else float(number)
