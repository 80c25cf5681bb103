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

from indicators import files
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
    if path.stat().st_size > files.MAX_FILE_BYTES:
        raise TidyFormatError(
            f"{path.name} is larger than {files.MAX_FILE_BYTES // files.MB} MB; "
            "split it into smaller files."
        )
    with path.open("rb") as handle:
        return read_file(handle, path.name)


def read_file(handle, name: str) -> list[TidyRow]:
    """Reads a CSV or XLSX file, opened for bytes (a file or an upload), by its name's ending."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(handle)
    if suffix == ".csv":
        try:
            text = files.decode_csv(handle.read())
        except files.FileRefused as error:
            raise TidyFormatError(str(error)) from error
        return read_csv(io.StringIO(text, newline=""))
    raise TidyFormatError(f"{name}: tidy data must be a .csv or .xlsx file.")


def read_csv(handle: Iterable[str]) -> list[TidyRow]:
    """CSV text, read strictly: a quote left open is reported at the line where it opens."""
    return _to_rows(_csv_records(csv.reader(handle, strict=True)))


def _csv_records(reader) -> Iterator[tuple[int, list[str]]]:
    while True:
        line = reader.line_num + 1  # where the next record starts, whatever lines it spans
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise TidyFormatError(
                f"The file is not readable CSV text: line {line}: {_csv_problem(error)}"
            ) from error
        yield line, cells


def _csv_problem(error: csv.Error) -> str:
    if "unexpected end of data" in str(error) or "field larger than field limit" in str(error):
        return "a quote opens here and is never closed, so the rows after it would be lost."
    return f"{error}; check the quotes on this line."


def read_xlsx(handle) -> list[TidyRow]:
    """The Data sheet of a workbook, or its first sheet, checked whole before it is read."""
    try:
        files.check_workbook(handle)
    except files.FileRefused as error:
        raise TidyFormatError(str(error)) from error
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        try:
            sheet = workbook["Data"] if "Data" in workbook.sheetnames else workbook.worksheets[0]
            return _to_rows(
                (line, ["" if cell.value is None else _cell_text(cell) for cell in row])
                for line, row in enumerate(sheet.iter_rows(), start=1)
            )
        finally:
            workbook.close()
    except TidyFormatError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise TidyFormatError(f"The file is not a readable Excel workbook: {error}") from error


def _cell_text(cell) -> str:
    """A cell as the text it shows: Excel keeps 81% as 0.81 with a percent format."""
    value = cell.value
    if isinstance(value, int | float) and "%" in (cell.number_format or ""):
        value = round(value * 100, 10)
    if isinstance(value, float):
        # As written, never as 1e-05: the figure's parser takes plain decimals only.
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def _to_rows(lines: Iterator[tuple[int, list[str]]]) -> list[TidyRow]:
    lines = iter(lines)
    header = tuple(cell.strip().lower() for cell in next(lines, (1, []))[1])
    while header and header[-1] == "":
        header = header[:-1]
    if header != HEADER:
        found = ",".join(header) or "nothing"
        raise TidyFormatError(f"The first row must be {','.join(HEADER)}; found {found}.")
    rows = []
    for count, (line, cells) in enumerate(lines, start=1):
        if count > files.MAX_ROWS:
            raise TidyFormatError(
                f"The file has more than {files.MAX_ROWS:,} rows of figures; "
                "split it into smaller files."
            )
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
