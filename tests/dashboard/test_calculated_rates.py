"""A calculated rate on the board's pages and in its pack: paper 004's 1,065 incidents over
372,146 residents, 2.86 per 1,000 in 2012/13."""

import io

import openpyxl
import pytest
from django.core.management import call_command

from indicators.models import Indicator, Value
from indicators.periods import Period
from tests.dashboard.test_board_pack import blocks

TITLE = "Incidents of domestic abuse reported to police per 1,000 population"
RATE_PAGE = "/p/cheshire-east/indicators/police-da-incidents-per-1000/"


def test_the_dashboard_shows_cheshire_easts_rate_per_1000(client, cheshire_coordinator):
    client.force_login(cheshire_coordinator)
    page = client.get("/p/cheshire-east/").content.decode()
    assert TITLE in page
    assert "2012/13: 2.86; no figure for 2011/12 to compare." in page


def test_the_board_pack_carries_the_rate_as_a_number(cheshire_east, tmp_path):
    path = tmp_path / "pack.xlsx"
    call_command(
        "export_board_pack", partnership="cheshire-east", output=str(path), stdout=io.StringIO()
    )
    full_year = blocks(openpyxl.load_workbook(path))[TITLE]["2012/13"][4]
    assert full_year.value == pytest.approx(2.86)
    assert full_year.number_format == "#,##0.0#"  # written 2.86, as on the page


def test_a_pack_for_publication_withholds_a_rate_whose_count_it_hides(cheshire_east, tmp_path):
    """With the count of 1,065 shown as <2000, the rate and the public population would give
    it back: the rate's cell is withheld as well."""
    cheshire_east.suppression_threshold = 2000
    cheshire_east.save()
    path = tmp_path / "pack.xlsx"
    call_command(
        "export_board_pack",
        partnership="cheshire-east",
        publication=True,
        output=str(path),
        stdout=io.StringIO(),
    )
    assert blocks(openpyxl.load_workbook(path))[TITLE]["2012/13"][4].value == "[c]"


def test_the_indicator_page_says_it_is_calculated_with_its_formula_and_parts(
    client, cheshire_coordinator
):
    client.force_login(cheshire_coordinator)
    page = client.get(RATE_PAGE).content.decode()
    assert "Rate per 1,000 (calculated)" in page
    assert (
        "<strong>Calculated:</strong> Incidents of domestic abuse reported to police ÷ "
        "Total Population × 1,000." in page
    )
    assert 'href="/p/cheshire-east/indicators/population/"' in page
    assert '<td class="figure">2.86</td>' in page
    assert "keeps no figures of its own" in page


def test_a_zero_population_shows_no_denominator_never_an_error(client, cheshire_coordinator):
    population = Value.objects.get(
        indicator__partnership__slug="cheshire-east",
        indicator__code="population",
        period=Period(2012),
    )
    Value.objects.filter(pk=population.pk).update(value=0, approved_value=0)
    client.force_login(cheshire_coordinator)
    response = client.get(RATE_PAGE)
    assert response.status_code == 200
    assert "no denominator" in response.content.decode()


def test_a_rate_takes_no_query_per_calculated_indicator(
    client, cheshire_coordinator, cheshire_east, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cheshire_coordinator)
    with CaptureQueriesContext(connection) as one:
        client.get("/p/cheshire-east/")
    rate = Indicator.objects.get(partnership=cheshire_east, code="police-da-incidents-per-1000")
    objectives = list(rate.objectives.all())
    for n in range(5):
        rate.pk, rate.code = None, f"more-rates-{n}"
        rate.save()
        rate.objectives.set(objectives)
    with django_assert_max_num_queries(len(one)):
        page = client.get("/p/cheshire-east/").content.decode()
    assert page.count("2012/13: 2.86; no figure for 2011/12 to compare.") == 6
