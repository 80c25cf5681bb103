"""Calculated indicators and populations: a ratio of two indicators made when figures are read,
on the papers' own figures (paper 004: 1,065 incidents over 372,146 residents, 2.86 per 1,000)."""

import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory

from indicators import services, tidy
from indicators.admin import ValueAdminForm
from indicators.calculated import NO_DENOMINATOR, calculated_figures, ratio
from indicators.models import Indicator, IndicatorDefinition, Value
from indicators.periods import Period
from indicators.returns import return_lines
from indicators.selectors import Audience, Figure, values_export_rows, visible_figures

HEADER = "partnership,indicator,period,breakdown,value,status,note\n"
Y = Period(2015)
Q1, Q2, Q3, Q4 = Y.quarters()


def rows(text: str) -> list[tidy.TidyRow]:
    return tidy.read_csv(io.StringIO(HEADER + text))


# Pure functions: no database.


def test_a_ratio_is_the_numerator_over_the_denominator_times_its_multiplier():
    assert ratio(D(1065), D(372146), 1000) == D("2.86")
    assert ratio(D(30), D(120), 100) == D("25.00")
    assert ratio(D(387), D(0), 10000) is None
    assert ratio(D(387), None, 10000) is None


def test_a_years_ratio_is_made_from_the_years_counts_not_the_mean_of_its_quarters():
    repeats = [Figure(q, D(n)) for q, n in zip(Y.quarters(), (1, 9, 0, 0), strict=True)]
    cases = [Figure(q, D(n)) for q, n in zip(Y.quarters(), (10, 10, 10, 70), strict=True)]
    made = {f.period: f.value for f in calculated_figures(repeats, cases, multiplier=100)}
    assert [made[q] for q in Y.quarters()] == [D(10), D(90), D(0), D(0)]
    # The mean of the quarters would say 25%; 10 repeats of 100 cases is 10%.
    assert made[Y] == D(10)


def test_a_missing_or_zero_denominator_says_no_denominator_in_place_of_a_number():
    repeats = [Figure(Q1, D(3)), Figure(Q2, D(4)), Figure(Q3, None, "not-yet-released")]
    cases = [Figure(Q1, D(0))]
    made = {f.period: f for f in calculated_figures(repeats, cases, multiplier=100)}
    assert (made[Q1].value, made[Q1].missing_reason) == (None, NO_DENOMINATOR)
    assert (made[Q2].value, made[Q2].missing_reason) == (None, NO_DENOMINATOR)
    assert (made[Q3].value, made[Q3].missing_reason) == (None, "not-yet-released")


def test_a_population_of_the_year_serves_its_quarters_and_no_part_comment_is_carried():
    incidents = [Figure(Q1, D(250), comment="A lead's comment"), Figure(Q2, D(300), mark="draft")]
    population = [Figure(Y, D(372146))]
    made = {
        f.period: f
        for f in calculated_figures(
            incidents, population, multiplier=1000, whole_year_denominator=True
        )
    }
    assert made[Q1].value == D("0.67") and made[Q1].comment == ""
    assert (made[Q2].value, made[Q2].mark) == (D("0.81"), "draft")


# On the database: the demo and made-up indicators.


def test_the_demo_holds_cheshire_easts_population_as_people_with_its_source(cheshire_east):
    population = Value.objects.get(
        indicator__partnership=cheshire_east, indicator__code="population", period=Period(2012)
    )
    assert population.indicator.unit == "people"
    assert population.value == 372146
    assert "demographic profile" in population.comment


def test_cheshire_easts_incidents_per_1000_population_are_2_86_in_2012_13(cheshire_east):
    rate = Indicator.objects.get(partnership=cheshire_east, code="police-da-incidents-per-1000")
    assert rate.is_calculated and rate.unit == "rate-per-1000"
    assert rate.formula == (
        "Incidents of domestic abuse reported to police ÷ Total Population × 1,000"
    )
    figures = visible_figures(indicator_ids=[rate.pk], audience=Audience.board(cheshire_east))
    assert figures[(rate.pk, None)] == [Figure(Period(2012), D("2.86"))]


@pytest.fixture
def per_1000(cambridgeshire):
    """Made-up incidents by quarter over a made-up population of the year, per 1,000."""
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")

    def made(code: str, unit: str, **extra) -> Indicator:
        return Indicator.objects.create(
            partnership=cambridgeshire,
            code=code,
            title=code.replace("-", " ").capitalize(),
            unit=unit,
            reporting_organisation=police,
            **extra,
        )

    incidents = made("made-up-incidents", "count")
    population = made("made-up-population", "people", frequency="annual", year_rule="none")
    rate = made(
        "made-up-rate",
        "rate-per-1000",
        numerator=incidents,
        denominator=population,
        multiplier=1000,
    )
    services.values_import(
        rows=rows(
            "".join(
                f"cambridgeshire,made-up-incidents,{q},,{n},,\n"
                for q, n in zip(Y.quarters(), (100, 200, 300, 400), strict=True)
            )
            + "cambridgeshire,made-up-population,2015/16,,500000,,ONS mid-2015 estimate\n"
        ),
        reason="Made up",
    )
    return rate


def test_as_at_a_quarter_neither_part_is_read_beyond_it(per_1000, cambridgeshire):
    board = Audience.board(cambridgeshire)
    as_q4 = visible_figures(indicator_ids=[per_1000.pk], audience=board, as_at=Q4)
    assert {f.period: f.value for f in as_q4[(per_1000.pk, None)]} == {
        Q1: D("0.20"),
        Q2: D("0.40"),
        Q3: D("0.60"),
        Q4: D("0.80"),
        Y: D("2.00"),  # 1,000 incidents in the year over 500,000 people
    }
    # The year's population is not known by the end of Q3: no rate without it.
    as_q3 = visible_figures(indicator_ids=[per_1000.pk], audience=board, as_at=Q3)
    assert {(f.period, f.missing_reason) for f in as_q3[(per_1000.pk, None)]} == {
        (Q1, NO_DENOMINATOR),
        (Q2, NO_DENOMINATOR),
        (Q3, NO_DENOMINATOR),
    }


def test_the_board_sees_a_rate_only_where_both_parts_are_approved(
    per_1000, cambridgeshire, coordinator
):
    population = Value.objects.get(indicator__code="made-up-population", period=Y)
    population.value, population.state = D(400000), Value.State.DRAFT  # a correction waits
    population.save()
    Value.objects.create(
        indicator=per_1000.numerator, period=Period(2016, 1), value=D(90)
    )  # a lead's draft, never approved
    board = visible_figures(indicator_ids=[per_1000.pk], audience=Audience.board(cambridgeshire))
    seen = {f.period: f for f in board[(per_1000.pk, None)]}
    assert seen[Y].value == D("2.00") and seen[Y].mark == ""  # the approved population
    assert Period(2016, 1) not in seen
    everyone = visible_figures(indicator_ids=[per_1000.pk], audience=Audience(cambridgeshire, None))
    seen = {f.period: f for f in everyone[(per_1000.pk, None)]}
    assert (seen[Y].value, seen[Y].mark) == (D("2.50"), "draft")
    assert seen[Period(2016, 1)].missing_reason == NO_DENOMINATOR


def test_a_change_of_either_parts_definition_breaks_the_rates_series(per_1000):
    IndicatorDefinition.objects.create(
        indicator=per_1000.denominator, applies_from=Period(2016), text="Mid-2016 on: new basis"
    )
    rate = Indicator.objects.get(pk=per_1000.pk)
    assert rate.definition_starts() == [Period(2016)]


def test_an_import_refuses_a_calculated_indicators_figure_and_writes_nothing(per_1000, officer):
    with pytest.raises(services.ImportRejected) as rejected:
        services.values_import(
            rows=rows(
                "cambridgeshire,made-up-incidents,2016/17 Q1,,120,,\n"
                "cambridgeshire,made-up-rate,2016/17 Q1,,0.24,,\n"
            ),
            user=officer,
            reason="Q1",
        )
    (error,) = rejected.value.errors
    assert error.line == 3
    assert "made-up-rate is calculated (Made up incidents ÷ Made up population × 1,000)" in str(
        error
    )
    assert not Value.objects.filter(period=Period(2016, 1)).exists()


def test_a_calculated_indicator_is_never_in_a_return_nor_entered_in_the_admin(per_1000):
    police = per_1000.reporting_organisation
    owed = {line.indicator.code for line in return_lines(police, Q1)}
    assert "made-up-incidents" in owed and "made-up-rate" not in owed
    form_class = modelform_factory(Value, form=ValueAdminForm, fields=["indicator", "period"])
    form = form_class(data={"indicator": per_1000.pk, "period": "2015/16 Q1"})
    assert not form.is_valid()
    assert "is calculated" in str(form.errors["indicator"])


def test_tidy_exports_leave_calculated_figures_out_so_a_round_trip_changes_nothing(
    per_1000, cambridgeshire
):
    exported = {row[1] for row in values_export_rows(partnership=cambridgeshire)}
    assert "made-up-incidents" in exported and "made-up-rate" not in exported


def test_a_calculated_indicator_has_the_unit_of_its_multiplier_and_entered_parts(per_1000):
    per_1000.unit = "percentage"
    with pytest.raises(ValidationError) as refused:
        per_1000.clean()
    assert "A ratio per 1,000 has the unit Rate per 1,000." in str(refused.value)
    per_1000.unit, per_1000.numerator = "rate-per-1000", per_1000
    with pytest.raises(ValidationError):
        per_1000.clean()
