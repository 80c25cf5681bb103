"""Practice standards: self-assessments, the matrix, comparison with the previous one."""

import io
from datetime import date

import openpyxl
import pytest

from strategy import services
from strategy.models import Standard
from strategy.standards import compare, standards_matrix


@pytest.fixture
def council(cheshire_east):
    return cheshire_east.organisations.get(slug="cheshire-east-council")


def all_rated(partnership, rating="green", evidence="Policy in place"):
    return {
        standard.pk: {"rating": rating, "evidence": evidence, "action_required": ""}
        for standard in Standard.objects.filter(section__partnership=partnership)
    }


def test_cheshire_easts_standards_are_in_the_demo_data(cheshire_east):
    sections = list(cheshire_east.standard_sections.order_by("order"))
    assert [s.code for s in sections] == [
        "prevention",
        "protection",
        "provision",
        "participation",
        "partnership",
        "performance",
    ]
    assert Standard.objects.filter(section__partnership=cheshire_east).count() == 24


def test_an_organisation_assesses_itself_and_the_matrix_shows_its_latest(
    cheshire_east, council, cheshire_coordinator
):
    services.self_assessment_record(
        organisation=council,
        user=cheshire_coordinator,
        completed_on=date(2014, 6, 1),
        ratings=all_rated(cheshire_east, "amber"),
    )
    services.self_assessment_record(
        organisation=council,
        user=cheshire_coordinator,
        completed_on=date(2015, 6, 1),
        ratings=all_rated(cheshire_east, "green"),
    )
    matrix = standards_matrix(cheshire_east)
    column = matrix.organisations.index(council)
    ratings = [row[1][column] for _, rows in matrix.table for row in rows]
    assert {r.rating for r in ratings} == {"green"}
    comparison = compare(list(council.self_assessments.order_by("-completed_on")))
    assert {(b.rating, n.rating) for _, b, n in comparison.rows} == {("amber", "green")}


def test_every_standard_must_be_rated(cheshire_east, council, cheshire_coordinator):
    ratings = all_rated(cheshire_east)
    ratings.popitem()
    with pytest.raises(services.ActionError, match="Rate every standard"):
        services.self_assessment_record(
            organisation=council,
            user=cheshire_coordinator,
            completed_on=date.today(),
            ratings=ratings,
        )


def test_another_partnership_may_not_assess(cheshire_east, council, coordinator):
    with pytest.raises(services.ActionError, match="may not assess"):
        services.self_assessment_record(
            organisation=council,
            user=coordinator,
            completed_on=date.today(),
            ratings=all_rated(cheshire_east),
        )


def test_the_self_assessment_form_saves_and_the_matrix_page_shows_it(
    client, cheshire_east, council, cheshire_coordinator
):
    client.force_login(cheshire_coordinator)
    data = {"completed_on": "2015-06-01"}
    for standard in Standard.objects.filter(section__partnership=cheshire_east):
        data[f"s{standard.pk}-rating"] = "amber"
        data[f"s{standard.pk}-evidence"] = "<script>alert(1)</script>"
    url = "/p/cheshire-east/standards/cheshire-east-council/"
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    matrix = client.get("/p/cheshire-east/standards/").content.decode()
    assert matrix.count('<td class="rag-cell rag-amber">Amber</td>') == 24


def test_the_matrix_exports_with_the_rating_word_and_fill(
    client, cheshire_east, council, cheshire_coordinator
):
    services.self_assessment_record(
        organisation=council,
        user=cheshire_coordinator,
        completed_on=date(2015, 6, 1),
        ratings=all_rated(cheshire_east, "red"),
    )
    client.force_login(cheshire_coordinator)
    response = client.get("/p/cheshire-east/standards/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[2]]
    column = header.index(council.name)
    cell = sheet.cell(row=4, column=column + 1)
    assert cell.value == "Red: not met"
    assert cell.fill.fgColor.rgb.endswith("F4CCCC")


def test_the_matrix_is_a_404_for_another_partnership(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/p/cheshire-east/standards/").status_code == 404
    assert client.get("/p/cheshire-east/standards/export.xlsx").status_code == 404
