"""Files as partners send them, checked whole before anything parses them.

A workbook is a zip of XML parts. Its declared sizes come from the zip's directory and each
sheet declares its size in its first bytes, so a small file that unpacks to gigabytes, claims
a million rows or declares XML entities is refused before openpyxl opens it. CSV is read as
UTF-8, with or without a byte order mark, or else as Windows-1252 (what Excel saves as "CSV").
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib

from openpyxl.utils.cell import column_index_from_string

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB  # a file given to import_values; the web form takes 5 MB
MAX_UNPACKED_BYTES = 50 * MB
MAX_SHARED_STRINGS_BYTES = 20 * MB  # openpyxl holds a workbook's text table in memory
MAX_PARTS = 1000
MAX_ROWS = 200_000  # figures in one file, besides the header
MAX_COLUMNS = 100

_DIMENSION = re.compile(rb'<(?:[\w.-]+:)?dimension\b[^>]*?\bref="([^"]*)"')
_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)$")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_PARTS = (".xml", ".rels", ".vml")
_CHUNK = MB


class FileRefused(ValueError):
    """A file refused whole, with a message for the person who sent it."""


def check_workbook(handle) -> None:
    """Refuses an .xlsx that is not a zip, unpacks too large, declares too many rows or columns,
    or declares XML entities; leaves the handle at its start for openpyxl."""
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise FileRefused(
            "The file is not a readable Excel workbook: it is not an .xlsx file. In Excel, "
            'save it as "Excel Workbook (.xlsx)".'
        ) from None
    with archive:
        parts = archive.infolist()
        _check_sizes(parts)
        try:
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    _check_dimension(archive, part)
                if part.filename.lower().endswith(_XML_PARTS):
                    _check_no_declarations(archive, part)
        except (
            zipfile.BadZipFile,
            NotImplementedError,
            RuntimeError,
            zlib.error,
            EOFError,
        ) as error:
            # Damaged, encrypted, or packed in a way Excel does not use.
            raise FileRefused(f"The file is not a readable Excel workbook: {error}") from None
    handle.seek(0)


def _check_sizes(parts: list[zipfile.ZipInfo]) -> None:
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        raise FileRefused("The file is not a readable Excel workbook: it holds no workbook.")
    if len(parts) > MAX_PARTS:
        raise FileRefused(
            f"The workbook has {len(parts):,} parts; the most accepted is {MAX_PARTS:,}."
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(
            f"The workbook unpacks to {_megabytes(unpacked)}; the most accepted is "
            f"{_megabytes(MAX_UNPACKED_BYTES)}. Split it into smaller files."
        )
    for part in parts:
        if part.filename == "xl/sharedStrings.xml" and part.file_size > MAX_SHARED_STRINGS_BYTES:
            raise FileRefused(
                f"The workbook's text unpacks to {_megabytes(part.file_size)}; the most "
                f"accepted is {_megabytes(MAX_SHARED_STRINGS_BYTES)}. Split it into smaller files."
            )


def _check_dimension(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """A sheet's `<dimension ref="A1:G1000000"/>` says how far openpyxl will read."""
    with archive.open(part) as stream:
        found = _DIMENSION.search(stream.read(64 * 1024))
    if found is None:
        return  # no declared size: the rows are counted as they are read
    ref = found.group(1).decode("ascii", "replace")
    cell = _CELL.match(ref.split(":")[-1].upper())
    if cell is None:
        raise FileRefused(f"A sheet of the workbook declares a size Excel never writes ({ref}).")
    columns, rows = column_index_from_string(cell.group(1)), int(cell.group(2))
    if rows > MAX_ROWS + 1:
        raise FileRefused(
            f"A sheet of the workbook declares {rows:,} rows ({ref}); a file may hold up to "
            f"{MAX_ROWS:,} rows of figures. Split it into smaller files."
        )
    if columns > MAX_COLUMNS:
        raise FileRefused(
            f"A sheet of the workbook declares {columns:,} columns ({ref}); tidy data has 7, "
            f"and no sheet may have more than {MAX_COLUMNS}."
        )


def _check_no_declarations(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Excel never declares XML entities; a part that does may expand without end."""
    tail = b""
    with archive.open(part) as stream:
        first = stream.read(4)
        if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in first:
            raise FileRefused(
                f"The workbook's part {part.filename} is not UTF-8 XML, as Excel writes it."
            )
        chunk = first
        while chunk:
            if _DECLARATION.search(tail + chunk):
                raise FileRefused(
                    f"The workbook's part {part.filename} declares XML entities (a DOCTYPE), "
                    "which Excel never writes; the file is refused."
                )
            tail = chunk[-16:]
            chunk = stream.read(_CHUNK)


def decode_csv(raw: bytes) -> str:
    """CSV text from UTF-8 (with or without a byte order mark) or Windows-1252."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _mostly_nul(raw[:1000]):
        raise FileRefused(_not_csv('it is saved as UTF-16 ("Unicode Text").'))
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise FileRefused(_not_csv(f"line {line} holds a NUL byte, which no text file holds."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(_not_csv("it is neither UTF-8 nor Windows-1252 text."))


def _mostly_nul(start: bytes) -> bool:
    return bool(start) and start.count(b"\x00") * 4 >= len(start)


def _not_csv(why: str) -> str:
    return (
        f"The file is not readable CSV text: {why} In Excel, save it as "
        '"CSV UTF-8 (Comma delimited)".'
    )


def _megabytes(size: int) -> str:
    return f"{size / MB:,.1f} MB"
