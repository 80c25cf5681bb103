"""Reads for a return: the figures an organisation owes for a quarter, with their context."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q, prefetch_related_objects

from indicators.judgement import PERCENTAGE_POINTS_WARNING
from indicators.models import (
    BreakdownOption,
    Indicator,
    Return,
    Target,
    Unit,
    Value,
)
from indicators.periods import Period
from strategy.models import Objective, Organisation, Partnership


@dataclass
class ReturnLine:
    """One figure of a return: an indicator (or one option of its breakdown) for a period."""

    indicator: Indicator
    option: BreakdownOption | None
    period: Period
    value: Value | None
    last_year: Value | None
    previous: Value | None
    target: Target | None
    objective: Objective | None
    # The chance test of a percentage's change: its denominator's counts this period and the
    # same period last year, where stored, else the partnership's tolerance in points.
    denominators: tuple[Decimal | None, Decimal | None] = (None, None)
    tolerance: Decimal = PERCENTAGE_POINTS_WARNING

    @property
    def key(self) -> str:
        """Names the line in forms and files: `marac-cases.whole`, `refuge-occupancy-rate.hunts`."""
        return f"{self.indicator.code}.{self.option.code if self.option else 'whole'}"

    @property
    def title(self) -> str:
        return (
            f"{self.indicator.title} - {self.option.label}" if self.option else self.indicator.title
        )

    @property
    def definition(self) -> str:
        """The definition in force for this line's period."""
        current = self.indicator.definition
        for definition in self.indicator.definitions.all():
            if definition.applies_from <= self.period:
                current = definition.text
        return current


def due_date(partnership: Partnership, quarter: Period) -> date:
    return quarter.end + timedelta(days=partnership.return_due_days)


def return_or_new(organisation: Organisation, quarter: Period) -> Return:
    """The organisation's return for the quarter; an unsaved, not-started one if none exists."""
    found = (
        Return.objects.filter(organisation=organisation, period=quarter)
        .select_related("submitted_by", "approved_by")
        .first()
    )
    if found is None:
        return Return(organisation=organisation, period=quarter)
    found.organisation = organisation  # its partnership is read by every rule: no query again
    return found


def reporting_indicators(organisation: Organisation, quarter: Period) -> list[Indicator]:
    """Quarterly and year-to-date indicators every quarter; annual ones in the quarter their
    year's figure is due (by the frequency of the quarter's year). Never a calculated one."""
    indicators = (
        Indicator.objects.filter(reporting_organisation=organisation, multiplier__isnull=True)
        .prefetch_related("frequency_changes")
        .order_by("order", "code")
    )
    return [i for i in indicators if i.period_reported_at(quarter) is not None]


def return_lines(organisation: Organisation, quarter: Period) -> list[ReturnLine]:
    """Every figure the organisation owes for the quarter, in five queries whatever their number."""
    indicators = reporting_indicators(organisation, quarter)
    prefetch_related_objects(
        indicators,
        "options",
        "definitions",
        Prefetch(
            "objectives",
            queryset=Objective.objects.select_related("strategy").order_by(
                "-strategy__start_year", "order"
            ),
        ),
    )
    year = quarter.financial_year
    to_date = Period(quarter.year, quarter.quarter, to_date=True)
    periods = {quarter, quarter.same_period_last_year(), quarter.previous(), year, year.previous()}
    periods |= {to_date, to_date.same_period_last_year()}
    by_pk = {indicator.pk: indicator for indicator in indicators}
    counts = {i.denominator_id for i in indicators if i.unit == Unit.PERCENTAGE} - {None}
    values = {}
    for value in Value.objects.filter(
        Q(indicator__in=indicators) | Q(indicator__in=counts), period__in=periods
    ):
        if value.indicator_id in by_pk:  # saving a value reads its unit: no query
            value.indicator = by_pk[value.indicator_id]
        values[(value.indicator_id, value.option_id, value.period)] = value
    targets = {
        target.indicator_id: target
        for target in Target.objects.filter(indicator__in=indicators, year=year)
    }
    lines = []
    for indicator in indicators:
        period = indicator.period_reported_at(quarter)
        previous = quarter.previous() if period.is_quarter else None
        for option in list(indicator.options.all()) or [None]:
            option_id = option.pk if option else None
            lines.append(
                ReturnLine(
                    indicator=indicator,
                    option=option,
                    period=period,
                    value=values.get((indicator.pk, option_id, period)),
                    last_year=values.get((indicator.pk, option_id, period.same_period_last_year())),
                    previous=values.get((indicator.pk, option_id, previous)) if previous else None,
                    target=targets.get(indicator.pk),
                    objective=_objective_for(indicator, quarter),
                    denominators=_counts(values, indicator.denominator_id, option_id, period),
                    tolerance=organisation.partnership.percentage_points_tolerance,
                )
            )
    return lines


def _counts(values: dict, indicator_id: int | None, option_id, period: Period) -> tuple:
    """A denominator's figures for the period and the same period last year, where stored."""
    periods = (period, period.same_period_last_year())
    found = (values.get((indicator_id, option_id, p)) for p in periods)
    return tuple(value.value if value else None for value in found)


def _objective_for(indicator: Indicator, quarter: Period) -> Objective | None:
    """The objective of the strategy running in the quarter's year, else the latest one."""
    objectives = list(indicator.objectives.all())
    for objective in objectives:
        if objective.strategy.start_year <= quarter.year <= objective.strategy.end_year:
            return objective
    return objectives[0] if objectives else None


def approved_only(line: ReturnLine) -> ReturnLine:
    """The line as someone who may not see drafts sees it: each figure as last approved."""
    return dataclasses.replace(
        line,
        value=_approved_copy(line.value),
        last_year=_approved_copy(line.last_year),
        previous=_approved_copy(line.previous),
    )


def _approved_copy(value: Value | None) -> Value | None:
    if value is None or value.approved_at is None:
        return None
    return Value(
        pk=value.pk,
        indicator=value.indicator,
        period=value.period,
        option=value.option,
        unit=value.unit,
        value=value.approved_value,
        missing_reason=value.approved_missing_reason,
        comment=value.approved_comment,
        corrective_action=value.approved_corrective_action,
        state=Value.State.APPROVED,
        approved_at=value.approved_at,
    )
