"""Downloads: each is saved under its name, with the type its ending says, and a name with an
accent or a dash such as – arrives whole (RFC 6266), not garbled by the header's encoding."""

import pytest

from indicators.downloads import download
from indicators.models import BreakdownOption, Indicator


def test_a_plain_name_is_quoted_as_before():
    response = download("cambridgeshire-values.csv")
    assert response["Content-Disposition"] == 'attachment; filename="cambridgeshire-values.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_a_name_with_an_accent_or_a_dash_is_written_in_utf_8():
    response = download("Café – strategy.xlsx", b"workbook")
    header = response["Content-Disposition"]
    assert header == "attachment; filename*=utf-8''Caf%C3%A9%20%E2%80%93%20strategy.xlsx"
    assert header.isascii()
    assert response.content == b"workbook"
    assert response["Content-Type"].endswith("spreadsheetml.sheet")


def test_a_name_without_a_known_ending_is_a_mistake_in_the_code():
    with pytest.raises(KeyError):
        download("board-pack.zip")


@pytest.mark.parametrize(
    ("address", "filename"),
    [
        ("/p/cambridgeshire/export/values.csv", "cambridgeshire-values.csv"),
        ("/p/cambridgeshire/actions/export.xlsx", "cambridgeshire-action-plan.xlsx"),
        (
            "/p/cambridgeshire/indicators/police-da-incidents/table.xlsx",
            "cambridgeshire-police-da-incidents.xlsx",
        ),
        (
            "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/return.xlsx",
            "cambridgeshire-cambridgeshire-constabulary-2015-16-q3.xlsx",
        ),
    ],
)
def test_each_download_is_saved_under_its_name(client, coordinator, address, filename):
    client.force_login(coordinator)
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_a_breakdown_option_with_an_accent_downloads_under_its_name(client, coordinator):
    # Codes are slugs in the forms, but the database keeps whatever it is given.
    indicator = Indicator.objects.get(
        partnership__slug="cambridgeshire", code="refuge-women-housed"
    )
    BreakdownOption.objects.create(indicator=indicator, code="café", label="Café", order=9)
    client.force_login(coordinator)
    address = "/p/cambridgeshire/indicators/refuge-women-housed/table.csv?option=café"
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''cambridgeshire-refuge-women-housed-caf%C3%A9.csv"
    )
