"""The database itself refuses what must never be stored, on SQLite and PostgreSQL alike."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from indicators.models import BreakdownOption, Indicator, Return, Target, Value
from indicators.periods import Period


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def incidents(cambridgeshire) -> Indicator:
    return cambridgeshire.indicators.get(code="police-da-incidents")


@pytest.fixture
def occupancy(cambridgeshire) -> Indicator:
    return cambridgeshire.indicators.get(code="refuge-occupancy-rate")


def test_indicator_codes_are_unique_in_a_partnership(cambridgeshire, cheshire_east):
    def copy(partnership):
        return Indicator.objects.create(
            partnership=partnership,
            code="new-indicator",
            title="Copy",
            unit="count",
            reporting_organisation=partnership.organisations.first(),
        )

    assert not refused(lambda: copy(cambridgeshire))
    assert refused(lambda: copy(cambridgeshire))
    assert not refused(lambda: copy(cheshire_east))


def test_breakdown_option_codes_are_unique_in_an_indicator(occupancy):
    assert refused(
        lambda: BreakdownOption.objects.create(indicator=occupancy, code="hunts", label="Again")
    )


def test_one_value_per_indicator_period_and_option(occupancy):
    hunts = occupancy.options.get(code="hunts")
    assert refused(
        lambda: Value.objects.create(
            indicator=occupancy, period=Period(2014), option=hunts, value=50
        )
    )
    # Another option, and the whole, are other figures for the same period.
    Value.objects.create(indicator=occupancy, period=Period(2014), option=None, value=88)
    assert refused(
        lambda: Value.objects.create(indicator=occupancy, period=Period(2014), option=None, value=1)
    )


def test_one_value_for_the_whole_per_period(incidents):
    assert refused(
        lambda: Value.objects.create(indicator=incidents, period=Period(2015, 1), value=1)
    )


@pytest.mark.parametrize("figure", ["-0.01", "100.01", "181"])
def test_a_percentage_is_between_0_and_100(occupancy, figure):
    assert refused(
        lambda: Value.objects.create(
            indicator=occupancy, period=Period(2020, 1), value=Decimal(figure)
        )
    )


@pytest.mark.parametrize("figure", ["0", "100", "81.5"])
def test_percentages_at_and_inside_the_bounds_are_stored(occupancy, figure):
    Value.objects.create(indicator=occupancy, period=Period(2020, 1), value=Decimal(figure))


def test_a_count_is_not_negative(incidents):
    assert refused(
        lambda: Value.objects.create(indicator=incidents, period=Period(2020, 1), value=-1)
    )
    Value.objects.create(indicator=incidents, period=Period(2020, 2), value=0)


def test_a_value_is_a_figure_or_a_reason_it_is_missing_never_both_or_neither(incidents):
    assert refused(
        lambda: Value.objects.create(indicator=incidents, period=Period(2020, 1), value=None)
    )
    assert refused(
        lambda: Value.objects.create(
            indicator=incidents, period=Period(2020, 1), value=5, missing_reason="suppressed"
        )
    )
    Value.objects.create(
        indicator=incidents, period=Period(2020, 1), value=None, missing_reason="suppressed"
    )


def test_the_database_refuses_a_percentage_saved_around_the_model(occupancy):
    """The unit is copied onto the value so the check holds even for a bulk write."""
    value = Value.objects.filter(indicator=occupancy).first()
    assert refused(lambda: Value.objects.filter(pk=value.pk).update(value=150))


def test_a_return_is_for_a_quarter(cambridgeshire):
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    assert refused(lambda: Return.objects.create(organisation=police, period=Period(2015)))
    Return.objects.create(organisation=police, period=Period(2015, 3))
    assert refused(lambda: Return.objects.create(organisation=police, period=Period(2015, 3)))


def test_a_returned_return_gives_its_reason(cambridgeshire):
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    assert refused(
        lambda: Return.objects.create(
            organisation=police, period=Period(2015, 3), status="returned"
        )
    )


def test_a_target_is_for_a_whole_year_once(incidents):
    assert refused(
        lambda: Target.objects.create(indicator=incidents, year=Period(2015, 1), value=1)
    )
    Target.objects.create(indicator=incidents, year=Period(2015), value=7000, tolerance=100)
    assert refused(lambda: Target.objects.create(indicator=incidents, year=Period(2015), value=1))
    assert refused(
        lambda: Target.objects.create(indicator=incidents, year=Period(2016), value=1, tolerance=-1)
    )
