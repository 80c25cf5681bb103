"""Hostile and awkward files, made here, small: each refused fast and whole with a clear message
(through the import page and `import_values` alike), or read as the partner meant it."""

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from indicators.models import Value
from indicators.periods import Period

HEADER = "partnership,indicator,period,breakdown,value,status,note\n"
ROW = "cambridgeshire,police-da-incidents,2016/17 Q1,,1800,,{note}\n"
SHEET = "xl/worksheets/sheet1.xml"


def workbook_bytes() -> bytes:
    """A good tidy workbook of one figure, as Excel would save it."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Data"
    workbook.active.append(HEADER.strip().split(","))
    workbook.active.append(ROW.format(note="From Excel").strip().split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def repacked(content: bytes, part: str, change) -> bytes:
    """The workbook with one part changed, or added: `change` is a function of its bytes."""
    parts = {part: change}
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, parts.pop(name)(data) if name in parts else data)
        for name, change in parts.items():
            target.writestr(name, change(b""))
    return buffer.getvalue()


def dimension(ref: str):
    return lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml)


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode()
        for n in range(1, 10)
    )
    + b"]>"
)


def entity_bomb(xml: bytes) -> bytes:
    body = xml.split(b"?>", 1)[-1]
    return BOMB + body.replace(b"From Excel", b"&lol9;")


def far_row_without_dimension(xml: bytes) -> bytes:
    far = b'<row r="300000"><c r="A300000" t="inlineStr"><is><t>x</t></is></c></row>'
    xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
    return xml.replace(b"</sheetData>", far + b"</sheetData>")


HOSTILE = {
    "a million rows": (
        lambda: repacked(workbook_bytes(), "xl/worksheets/sheet1.xml", dimension("A1:G1000000")),
        "declares 1,000,000 rows (A1:G1000000); a file may hold up to 200,000 rows",
    ),
    "every column": (
        lambda: repacked(workbook_bytes(), "xl/worksheets/sheet1.xml", dimension("A1:XFD2")),
        "declares 16,384 columns (A1:XFD2)",
    ),
    "huge text table": (
        lambda: repacked(
            workbook_bytes(), "xl/sharedStrings.xml", lambda xml: xml + b" " * (21 * 1024 * 1024)
        ),
        "The workbook&#x27;s text unpacks to 21.0 MB; the most accepted is 20.0 MB",
    ),
    "zip bomb": (
        lambda: repacked(workbook_bytes(), "xl/media/padding.bin", lambda _: bytes(51 * 2**20)),
        "The workbook unpacks to 51.0 MB; the most accepted is 50.0 MB",
    ),
    "entity bomb": (
        lambda: repacked(workbook_bytes(), "xl/sharedStrings.xml", entity_bomb),
        "part xl/sharedStrings.xml declares XML entities (a DOCTYPE)",
    ),
    "rows past the limit, undeclared": (
        lambda: repacked(workbook_bytes(), "xl/worksheets/sheet1.xml", far_row_without_dimension),
        "The file has more than 200,000 rows of figures",
    ),
    "a zip that is no workbook": (
        lambda: _zip_of({"word/document.xml": b"<w:document/>"}),
        "it holds no workbook",
    ),
}


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def import_page(client, officer, name: str, content: bytes) -> str:
    client.force_login(officer)
    response = client.post("/p/cambridgeshire/import/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    return response.content.decode()


def no_new_figure() -> bool:
    return not Value.objects.filter(period=Period(2016, 1)).exists()


def test_a_good_workbook_is_read_and_imported(client, officer):
    client.force_login(officer)
    client.post(
        "/p/cambridgeshire/import/", {"file": SimpleUploadedFile("v.xlsx", workbook_bytes())}
    )
    assert Value.objects.get(period=Period(2016, 1)).comment == "From Excel"


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_workbook_is_refused_whole_on_the_import_page(client, officer, kind):
    make, message = HOSTILE[kind]
    content = make()
    assert len(content) < 200 * 1024  # small files, every one of them
    assert message in import_page(client, officer, "v.xlsx", content)
    assert no_new_figure()


@pytest.mark.parametrize("kind", ["a million rows", "entity bomb", "huge text table"])
def test_a_hostile_workbook_is_refused_by_the_import_command(cambridgeshire, tmp_path, kind):
    make, message = HOSTILE[kind]
    path = tmp_path / "v.xlsx"
    path.write_bytes(make())
    with pytest.raises(CommandError, match=re.escape(message.replace("&#x27;", "'"))):
        call_command("import_values", str(path))
    assert no_new_figure()


def test_a_million_row_claim_is_refused_in_a_5_kb_file_before_openpyxl_reads_it(client, officer):
    content = HOSTILE["a million rows"][0]()
    assert len(content) < 6 * 1024
    assert "declares 1,000,000 rows" in import_page(client, officer, "v.xlsx", content)


def csv_file(*lines: str, encoding: str = "utf-8") -> bytes:
    return (HEADER + "".join(lines)).encode(encoding)


CSV_REFUSED = {
    "NUL byte": (
        csv_file(ROW.format(note="fine"), ROW.format(note="bad\x00note")),
        "line 3 holds a NUL byte",
    ),
    "unclosed quote": (
        csv_file(
            ROW.format(note="fine"),
            ROW.format(note='"a quote that never closes'),
            ROW.format(note="swallowed"),
            ROW.format(note="swallowed too"),
        ),
        "line 3: a quote opens here and is never closed",
    ),
    "UTF-16": (csv_file(ROW.format(note="fine"), encoding="utf-16"), 'save it as "CSV UTF-8'),
    "neither UTF-8 nor Windows-1252": (
        csv_file(ROW.format(note="fine")) + b"\x81\x8d\n",
        "neither UTF-8 nor Windows-1252",
    ),
}


@pytest.mark.parametrize("kind", CSV_REFUSED)
def test_a_csv_file_that_cannot_be_read_as_sent_is_refused_with_its_line(client, officer, kind):
    content, message = CSV_REFUSED[kind]
    page = import_page(client, officer, "v.csv", content)
    assert message.replace('"', "&quot;") in page
    assert no_new_figure()


@pytest.mark.parametrize("kind", CSV_REFUSED)
def test_the_import_command_refuses_the_same_csv_files(cambridgeshire, tmp_path, kind):
    content, message = CSV_REFUSED[kind]
    path = tmp_path / "v.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("import_values", str(path))
    assert no_new_figure()


def test_a_csv_saved_by_excel_in_windows_1252_is_read_with_its_pound_signs_and_quotes(
    client, officer
):
    note = "Cost £1,200 – “provisional” from the force’s system"
    content = csv_file(ROW.format(note=f'"{note}"'), encoding="cp1252")
    assert b"\xa3" in content and b"\x93" in content  # not UTF-8
    client.force_login(officer)
    client.post("/p/cambridgeshire/import/", {"file": SimpleUploadedFile("v.csv", content)})
    assert Value.objects.get(period=Period(2016, 1)).comment == note


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_csv_in_utf_8_is_read_with_or_without_a_byte_order_mark(cambridgeshire, tmp_path, bom):
    path = tmp_path / "v.csv"
    path.write_bytes(bom + csv_file(ROW.format(note="Café £5")))
    call_command("import_values", str(path), stdout=io.StringIO())
    assert Value.objects.get(period=Period(2016, 1)).comment == "Café £5"


def test_a_note_spanning_lines_keeps_the_line_numbers_of_the_rows_after_it(cambridgeshire):
    from indicators import tidy

    rows = tidy.read_csv(
        io.StringIO(HEADER + ROW.format(note='"two\nlines"') + ROW.format(note="next"), newline="")
    )
    assert [row.line for row in rows] == [2, 4]


def test_a_hostile_file_uploaded_into_a_return_is_refused_with_its_message(client, police_lead):
    client.force_login(police_lead)
    response = client.post(
        "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/upload/",
        {"file": SimpleUploadedFile("q3.xlsx", HOSTILE["entity bomb"][0]()), "version": 0},
        follow=True,
    )
    assert response.status_code == 200
    assert "declares XML entities" in response.content.decode()


def test_the_import_command_exits_non_zero_with_the_message_and_no_traceback(tmp_path):
    path = tmp_path / "v.csv"
    path.write_bytes(CSV_REFUSED["UTF-16"][0])
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_values", str(path)],
        cwd=Path(__file__).resolve().parents[2],
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert 'save it as "CSV UTF-8 (Comma delimited)"' in result.stderr
    assert "Traceback" not in result.stderr
