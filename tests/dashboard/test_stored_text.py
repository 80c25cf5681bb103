"""Text stored before cleaning, or by other means, cannot break a download."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection

from indicators import tidy
from indicators.models import Indicator, Value
from strategy.models import Action

# PostgreSQL cannot store a NUL at all; SQLite can, so there it is stored too.
NUL = "" if connection.vendor == "postgresql" else "\x00"


@pytest.fixture
def hostile_text(cambridgeshire):
    """Control characters openpyxl refuses to write, put straight into the database."""
    hostile = f"Provisional\x0b figures{NUL}\x1b from the force"
    Value.objects.filter(indicator__code="police-da-incidents").update(
        comment=hostile, approved_comment=hostile
    )
    Indicator.objects.filter(partnership=cambridgeshire, code="police-da-incidents").update(
        title=f"Total number of domestic abuse incidents\x0b reported to the Police{NUL}"
    )
    Action.objects.filter(objective__strategy__partnership=cambridgeshire).update(
        lead_officer=f"Head of\x0c Community Safety{NUL}"
    )


def texts(content: bytes) -> list[str]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def test_the_board_pack_downloads_with_the_text_cleaned(client, officer, hostile_text):
    client.force_login(officer)
    response = client.get("/p/cambridgeshire/export/board-pack.xlsx")
    assert response.status_code == 200
    found = texts(response.content)
    assert "Provisional figures from the force" in found
    assert "Total number of domestic abuse incidents reported to the Police" in found
    assert "Head of Community Safety" in found


def test_export_values_writes_a_workbook_that_imports_back_clean(hostile_text, tmp_path):
    path = tmp_path / "values.xlsx"
    call_command(
        "export_values", partnership="cambridgeshire", output=str(path), stdout=io.StringIO()
    )
    notes = {row.comment for row in tidy.read_rows(path) if row.indicator == "police-da-incidents"}
    assert notes == {"Provisional figures from the force"}


def test_the_returns_excel_download_has_the_text_cleaned(client, police_lead, hostile_text):
    client.force_login(police_lead)
    response = client.get(
        "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/return.xlsx"
    )
    assert response.status_code == 200
    assert "Provisional figures from the force" in texts(response.content)


def test_the_csv_download_leaves_out_a_nul_and_the_single_table_downloads_work(
    client, officer, hostile_text
):
    client.force_login(officer)
    exported = client.get("/p/cambridgeshire/export/values.csv").content.decode()
    assert "\x00" not in exported and "Provisional figures" in exported
    for fmt in ("csv", "xlsx"):
        address = f"/p/cambridgeshire/indicators/police-da-incidents/table.{fmt}"
        assert client.get(address).status_code == 200
