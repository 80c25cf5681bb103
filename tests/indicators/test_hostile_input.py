"""Input meant to break things: it gets a clear message or a 404, and changes nothing."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import Value
from tests.indicators.test_returns import form_data, url

HEADER = "partnership,indicator,period,breakdown,value,status,note\n"


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        ("99999999999999999999", b"too large"),
        ("999,999,999,999,999", b"too large"),
        ("1e999999999", b"is not a number: write it as 1,859 or 1859"),
        ("-1e20", b"is not a number: write it as 1,859 or 1859"),
    ],
)
def test_a_figure_too_large_to_store_is_refused_with_a_message(
    client, police_lead, figure, message
):
    client.force_login(police_lead)
    page = client.post(url(), form_data(police_da_incidents__whole=(figure, "", ""))).content
    assert message in page
    assert client.get("/p/cambridgeshire/").status_code == 200


def test_html_and_script_in_text_fields_are_shown_escaped(
    client, coordinator, police_lead, board_member
):
    script = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    client.force_login(coordinator)  # a coordinator's figure: the board sees it at once
    client.post(url(), form_data(police_da_incidents__whole=("1790", "", script)))
    for user, address in (
        (police_lead, url()),
        (board_member, "/p/cambridgeshire/?quarter=2015-16-q4"),
    ):
        client.force_login(user)
        page = client.get(address).content.decode()
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
        assert "<script>alert" not in page and "<img src=x" not in page


@pytest.mark.parametrize(
    "query",
    [
        "?organisation=' OR 1=1 --",
        "?objective=prevent'; DROP TABLE indicators_value; --",
        "?strategy=x%27%20UNION%20SELECT%201",
        "?quarter=2015-16-q3' OR '1'='1",
    ],
)
def test_sql_in_filters_changes_nothing_and_shows_no_other_partnership(client, board_member, query):
    before = Value.objects.count()
    client.force_login(board_member)
    response = client.get("/p/cambridgeshire/" + query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cheshire East" not in page
    assert Value.objects.count() == before


@pytest.mark.parametrize("quarter", ["9998-99-q4", "1000-01-q1"])
def test_a_quarter_outside_the_years_served_is_a_404(client, coordinator, quarter):
    client.force_login(coordinator)
    assert client.get(f"/p/cambridgeshire/returns/{quarter}/").status_code == 404


def test_a_return_file_covering_some_lines_leaves_the_others_as_saved(client, coordinator):
    client.force_login(coordinator)
    address = "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-county-council/"
    content = (HEADER + "cambridgeshire,marac-repeat-rate,2015/16 Q3,,35,,\n").encode()
    page = client.post(
        address + "upload/", {"file": SimpleUploadedFile("part.csv", content), "version": 0}
    ).content.decode()
    assert 'name="marac-repeat-rate.whole-figure" value="35"' in page
    assert 'name="marac-cases.whole-figure" value="185"' in page  # kept from what is saved


def test_a_percentage_typed_as_81_percent_in_excel_imports_as_81(cambridgeshire, client, officer):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["partnership", "indicator", "period", "breakdown", "value", "status", "note"])
    sheet.append(["cambridgeshire", "idva-engagement-rate", "2015/16 Q4", None, 0.81, None, None])
    sheet["E2"].number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(officer)
    client.post(
        "/p/cambridgeshire/import/", {"file": SimpleUploadedFile("v.xlsx", buffer.getvalue())}
    )
    assert (
        Value.objects.get(indicator__code="idva-engagement-rate", period="2015/16 Q4").value == 81
    )


def test_a_coordinators_correction_of_a_submitted_return_needs_a_reason(
    client, police_lead, coordinator
):
    client.force_login(police_lead)
    client.post(
        url(),
        form_data(
            action="submit",
            police_da_incidents__whole=("1790", "", ""),
            court_cases__whole=("", "not-yet-released", ""),
            police_da_individuals__whole=("", "not-collected", ""),
        ),
    )
    client.force_login(coordinator)
    data = form_data(1, police_da_incidents__whole=("1795", "", ""))
    page = client.post(url(), data).content.decode()
    assert "say why the figures are corrected" in page
    data["reason"] = "Force re-ran the January figures"
    assert client.post(url(), data).status_code == 302
    value = Value.objects.get(indicator__code="police-da-incidents", period="2015/16 Q4")
    assert value.history.latest().history_change_reason == "Force re-ran the January figures"
