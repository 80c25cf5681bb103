"""Expected levels: a reference level with its source, a dashed line on the chart, a line
below the table and the judgement in words."""

import io
import json
import re
from decimal import Decimal as D

import openpyxl
from django.core.management import call_command

from dashboard.charts import chart
from dashboard.comparison import comparison_rows
from indicators.judgement import expected_level_words
from indicators.models import ExpectedLevel, Indicator
from indicators.periods import Period
from indicators.selectors import Figure
from tests.indicators.test_calculated import per_1000  # noqa: F401 (a fixture)

SAFELIVES = "SafeLives: about 40 MARAC cases a year per 10,000 adult women"


def test_a_figure_is_below_at_or_above_the_expected_level():
    assert expected_level_words(D(29), D(40)) == "below the expected level"
    assert expected_level_words(D(40), D(40)) == "at the expected level"
    assert expected_level_words(D("40.5"), D(40)) == "above the expected level"


def test_the_level_read_is_the_latest_applying_by_then_and_a_yearly_one_reads_years_only(
    per_1000,  # noqa: F811
):
    ExpectedLevel.objects.create(
        indicator=per_1000, applies_from=Period(2014), value=D(3), source="Old"
    )
    ExpectedLevel.objects.create(
        indicator=per_1000, applies_from=Period(2015), value=D(4), source="New"
    )
    rate = Indicator.objects.get(pk=per_1000.pk)
    assert rate.expected_level_for(Period(2013)) is None
    assert rate.expected_level_for(Period(2014)).source == "Old"
    assert rate.expected_level_for(Period(2015)).source == "New"
    assert rate.expected_level_for(Period(2015, 2)) is None  # 4 a year: not a quarter's level


def test_the_chart_draws_the_level_as_a_dashed_line_named_in_the_legend():
    rows = comparison_rows(
        [Figure(Period(year), D(n)) for year, n in ((2013, 31), (2014, 35))], year_rule="none"
    )
    drawn = chart(rows, selected_year=Period(2014), title="MARAC", unit="count", expected=D(40))
    level = drawn["data"][-1]
    assert (level["name"], level["line"]["dash"]) == ("Expected level", "dash")
    assert level["x"] == ["2013/14", "2014/15"] and level["y"] == [40.0, 40.0]


def test_the_indicator_page_reads_the_latest_year_against_the_level_under_its_table(
    client,
    coordinator,
    per_1000,  # noqa: F811
):
    ExpectedLevel.objects.create(
        indicator=per_1000,
        applies_from=Period(2015),
        value=D(4),
        source="<b>Made-up</b> guidance",
    )
    client.force_login(coordinator)
    page = client.get("/p/cambridgeshire/indicators/made-up-rate/").content.decode()
    assert (
        '<p class="expected-note">Expected level: 4 a year (&lt;b&gt;Made-up&lt;/b&gt; '
        "guidance), from 2015/16. 2015/16: 2, below the expected level.</p>"
    ) in page
    charts = json.loads(
        re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', page, re.S)[1]
    )
    (drawn,) = charts.values()
    assert drawn["data"][-1]["name"] == "Expected level"


def test_cheshire_easts_marac_rate_carries_safelives_level_but_no_invented_women(
    client, cheshire_coordinator
):
    rate = Indicator.objects.get(
        partnership__slug="cheshire-east", code="marac-cases-per-10000-women"
    )
    (level,) = rate.expected_levels.all()
    assert (level.value, level.applies_from) == (40, Period(2012))
    assert level.source.startswith("SafeLives")
    assert not rate.denominator.values.exists()  # the paper gives no number of adult women
    client.force_login(cheshire_coordinator)
    page = client.get("/p/cheshire-east/indicators/marac-cases-per-10000-women/").content.decode()
    assert "no denominator" in page
    assert "Expected level: 40 a year (SafeLives" in page
    assert "no figure here to read against it." in page


def test_the_dashboard_says_the_expected_level_below_the_rates_table(client, cheshire_coordinator):
    client.force_login(cheshire_coordinator)
    page = client.get("/p/cheshire-east/").content.decode()
    assert '<p class="expected-note">Expected level: 40 a year (SafeLives' in page


def test_the_board_pack_says_the_expected_level_below_the_block(cheshire_east, tmp_path):
    path = tmp_path / "pack.xlsx"
    call_command(
        "export_board_pack", partnership="cheshire-east", output=str(path), stdout=io.StringIO()
    )
    texts = [
        cell.value
        for sheet in openpyxl.load_workbook(path).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert any(t.startswith("Expected level: 40 a year (SafeLives") for t in texts)


def test_the_tables_csv_ends_with_the_expected_level_never_a_formula(
    client,
    coordinator,
    per_1000,  # noqa: F811
):
    ExpectedLevel.objects.create(
        indicator=per_1000, applies_from=Period(2015), value=D(4), source="=HYPERLINK(1)"
    )
    client.force_login(coordinator)
    text = client.get("/p/cambridgeshire/indicators/made-up-rate/table.csv").content.decode()
    last = text.strip().splitlines()[-1]
    assert last == (
        '"Expected level: 4 a year (=HYPERLINK(1)), from 2015/16. 2015/16: 2, below the '
        'expected level."'
    )  # a cell starting "Expected", never "="
