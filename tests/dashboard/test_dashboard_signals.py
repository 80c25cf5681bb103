"""Making Data Count's signals through the dashboard and the board pack, on the database: a
made-up series with a step change, imported as an officer would, is read as a real change."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from dashboard import board, selectors
from dashboard.signals import AssuranceWord, VariationWord
from indicators import tidy
from indicators.models import Indicator, IndicatorDefinition, Target
from indicators.periods import Period
from indicators.selectors import Audience
from indicators.services import values_import
from tests.dashboard.conftest import NOISE, STEP

DASHBOARD = "/p/cambridgeshire/?quarter=2015-16-q3"


def panel_of(partnership, code: str):
    view = selectors.board_view(
        partnership=partnership,
        audience=Audience.board(partnership),
        params={"quarter": "2015-16-q3"},
    )
    dashboard = board.dashboard(view, today=date(2016, 3, 1))
    return next(p for s in dashboard.sections for p in s.panels if p.indicator.code == code)


def pack_lines(partnership_slug: str, tmp_path) -> list[str]:
    path = tmp_path / "pack.xlsx"
    call_command(
        "export_board_pack",
        partnership=partnership_slug,
        quarter="2015/16 Q3",
        output=str(path),
        stdout=io.StringIO(),
    )
    workbook = openpyxl.load_workbook(path)
    return [
        " ".join(str(cell) for cell in row if cell is not None)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    ]


def block_and_signals(lines: list[str], title: str) -> str:
    """The signals line below the block titled `title` in the pack."""
    start = lines.index(title)
    return next(line for line in lines[start:] if line.startswith("Variation: "))


def thirty_quarters(partnership) -> None:
    """The MARAC repeat rate for each quarter from 2008/09 Q1 to 2015/16 Q3."""
    lines = [",".join(tidy.HEADER)]
    period = Period(2008, 1)
    while period <= Period(2015, 3):
        lines.append(f"{partnership.slug},marac-repeat-rate,{period},,{20 + period.quarter * 3},,")
        period = period.next()
    values_import(rows=tidy.read_csv(io.StringIO("\n".join(lines))), reason="Thirty quarters")


def marac_repeat_reading(partnership, years: int | None):
    """The dashboard's reading of the MARAC repeat rate in 2015/16 Q3, fetching `years` years
    (None: every year, as the board pack does)."""
    view = selectors.board_view(
        partnership=partnership,
        audience=Audience.board(partnership),
        params={"quarter": "2015-16-q3"},
    )
    dashboard = board.dashboard(view, today=date(2016, 3, 1), years=years)
    return next(
        p.reading
        for s in dashboard.sections
        for p in s.panels
        if p.indicator.code == "marac-repeat-rate"
    )


def test_a_step_change_up_where_up_is_good_is_improving_on_the_page_and_in_the_pack(
    client, board_member, step_change, tmp_path
):
    panel = panel_of(step_change.partnership, "made-up-step")
    assert [f.value for f in panel.reading.points] == [Decimal(f) for f in NOISE + STEP]
    assert panel.reading.variation.word == VariationWord.IMPROVING
    assert not panel.exception  # an improvement is not for the board to worry about
    client.force_login(board_member)
    page = client.get(DASHBOARD).content.decode()
    assert (
        '<span class="variation variation-special-cause-improving">'
        "special cause - improving</span>" in page
    )
    assert (
        'Variation: <strong class="variation">special cause - improving</strong>; '
        "assurance: <strong>no target</strong>." in page
    )
    lines = pack_lines("cambridgeshire", tmp_path)
    assert block_and_signals(lines, "Made-up referrals with a step change") == (
        "Variation: special cause - improving; assurance: no target"
    )


def test_a_step_change_the_wrong_way_is_concerning_and_an_exception_with_its_reason(
    client, board_member, step_change, tmp_path
):
    step_change.direction = "down"
    step_change.save()
    panel = panel_of(step_change.partnership, "made-up-step")
    assert panel.variation == VariationWord.CONCERNING
    # 70 to 73 on Q3 2014/15 is within chance: the exception is the series' alone.
    assert panel.exceptions == ["special cause - concerning (a point beyond a limit)"]
    client.force_login(board_member)
    page = client.get(DASHBOARD).content.decode()
    exceptions = page[page.index('id="exceptions-heading"') : page.index("</section>")]
    assert "special cause - concerning (a point beyond a limit)" in exceptions
    lines = pack_lines("cambridgeshire", tmp_path)
    assert block_and_signals(lines, "Made-up referrals with a step change") == (
        "Variation: special cause - concerning; assurance: no target"
    )
    assert (
        "Indicator Made-up referrals with a step change special cause - concerning "
        "(a point beyond a limit)" in lines
    )


def test_without_a_desired_direction_a_step_change_is_a_special_cause(step_change):
    step_change.direction = "none"
    step_change.save()
    panel = panel_of(step_change.partnership, "made-up-step")
    assert panel.variation == VariationWord.SPECIAL_CAUSE
    assert panel.exceptions == []


@pytest.mark.parametrize(
    ("target", "word"),
    [(40, AssuranceWord.MET), (60, AssuranceWord.HIT_AND_MISS), (80, AssuranceWord.MISSED)],
)
def test_assurance_against_the_years_target(step_change, target, word):
    Target.objects.create(indicator=step_change, year=Period(2015), value=target, tolerance=0)
    # Limits 45.9 to 68.3 over the fifteen quarters.
    assert panel_of(step_change.partnership, "made-up-step").assurance == word


def test_a_definition_change_starts_the_series_again(step_change):
    IndicatorDefinition.objects.create(
        indicator=step_change, applies_from=Period(2014, 4), text="Referrals by any agency."
    )
    panel = panel_of(step_change.partnership, "made-up-step")
    # Since 2014/15 Q4 there are 4 quarters: too few to claim a signal.
    assert panel.reading.variation.first == 11
    assert panel.variation == "no signal: fewer than 8 points"


def test_the_signal_is_as_at_the_quarter_shown(step_change):
    view = selectors.board_view(
        partnership=step_change.partnership,
        audience=Audience.board(step_change.partnership),
        params={"quarter": "2014-15-q2"},
    )
    dashboard = board.dashboard(view, today=date(2015, 1, 1))
    panel = next(p for s in dashboard.sections for p in s.panels if p.anchor.startswith("made-up"))
    # Up to 2014/15 Q2: the ten quarters of noise and no step yet.
    assert [f.value for f in panel.reading.points] == [Decimal(f) for f in NOISE]
    assert panel.variation == VariationWord.COMMON_CAUSE


def test_an_annual_series_reaches_back_twenty_years_on_the_dashboard(cambridgeshire):
    court = Indicator.objects.get(partnership=cambridgeshire, code="court-cases")
    lines = [",".join(tidy.HEADER)] + [
        f"cambridgeshire,court-cases,{Period(year)},,{900 + (year % 3) * 10},,"
        for year in range(2004, 2013)
    ]
    values_import(rows=tidy.read_csv(io.StringIO("\n".join(lines))), reason="Earlier years")
    panel = panel_of(cambridgeshire, "court-cases")
    # Nine years imported and 2013/14 and 2014/15 from the papers: eleven points, though the
    # table shows the five years to 2015/16 (four of them with figures).
    assert len(panel.reading.points) == 11
    assert [str(row.year) for row in panel.rows] == ["2014/15", "2013/14", "2012/13", "2011/12"]
    assert panel.variation == VariationWord.IMPROVING  # 949 then 1,121 lie beyond the limit
    assert court.direction == "up"


def test_the_dashboard_and_the_board_pack_judge_the_same_points(cambridgeshire):
    """The dashboard fetches five years and as far back as the signals look; the pack fetches
    every year: both judge the latest 20 quarters."""
    thirty_quarters(cambridgeshire)
    readings = [marac_repeat_reading(cambridgeshire, years) for years in (board.YEARS_SHOWN, None)]
    assert len(readings[0].points) == 20
    assert readings[0].points[0].period == Period(2010, 4)
    assert readings[0] == readings[1]


def test_the_signals_show_on_the_indicator_page_and_the_meeting_screen(client, board_member):
    client.force_login(board_member)
    page = client.get("/p/cambridgeshire/indicators/police-da-incidents/").content.decode()
    assert "Variation: common cause; assurance: no target: the series as it stands" in page
    screen = client.get(
        "/p/cambridgeshire/meeting/?quarter=2015-16-q3&objective=prevent"
        "&indicator=police-da-incidents-whole"
    ).content.decode()
    assert 'Variation: <strong class="variation">common cause</strong>' in screen


def test_a_baseline_the_partnership_fixes_sets_the_limits_on_every_page(
    client, board_member, step_change
):
    partnership = step_change.partnership
    partnership.signal_baseline_from, partnership.signal_baseline_to = 2012, 2013
    partnership.save()
    panel = panel_of(partnership, "made-up-step")
    # The eight quarters of 2012/13 and 2013/14: mean 50, where the fifteen give 57.1.
    assert panel.reading.baseline == (2012, 2013)
    assert panel.reading.variation.limits.mean == 50
    client.force_login(board_member)
    page = client.get(f"/p/{partnership.slug}/indicators/made-up-step/").content.decode()
    assert "limits from the baseline 2012/13 to 2013/14 (8 points)" in page


def test_a_baseline_before_the_years_shown_is_fetched_for_the_dashboard_and_the_pack(
    cambridgeshire,
):
    thirty_quarters(cambridgeshire)
    cambridgeshire.signal_baseline_from, cambridgeshire.signal_baseline_to = 2008, 2009
    cambridgeshire.save()
    readings = [marac_repeat_reading(cambridgeshire, years) for years in (board.YEARS_SHOWN, None)]
    # From 2008/09 Q1, six years before the five the dashboard shows, to 2015/16 Q3.
    assert readings[0].points[0].period == Period(2008, 1)
    assert len(readings[0].points) == 31
    assert readings[0].variation.limits.baseline_points == 8
    assert readings[0] == readings[1]


def test_the_baseline_needs_both_years_in_order(cambridgeshire):
    for first, last in [(2012, None), (None, 2013), (2014, 2013)]:
        cambridgeshire.signal_baseline_from, cambridgeshire.signal_baseline_to = first, last
        with pytest.raises(IntegrityError), transaction.atomic():
            cambridgeshire.save()


def marac_repeat_exceptions(partnership) -> list[str]:
    return panel_of(partnership, "marac-repeat-rate").exceptions


def test_a_percentage_change_is_judged_by_the_tolerance_or_by_its_counts(cambridgeshire):
    # 13% of 144 cases in 2014/15 Q3, 34% of 185 in 2015/16 Q3: 21 points, the wrong way.
    assert any("beyond chance" in r for r in marac_repeat_exceptions(cambridgeshire))
    cambridgeshire.percentage_points_tolerance = Decimal(25)
    cambridgeshire.save()
    assert not any("beyond chance" in r for r in marac_repeat_exceptions(cambridgeshire))
    # With the cases heard linked as its denominator, binomial chance decides: three standard
    # errors of 4.8 points are 14.4, so 21 points is beyond chance whatever the tolerance.
    Indicator.objects.filter(partnership=cambridgeshire, code="marac-repeat-rate").update(
        denominator=Indicator.objects.get(partnership=cambridgeshire, code="marac-cases")
    )
    assert any("beyond chance" in r for r in marac_repeat_exceptions(cambridgeshire))
