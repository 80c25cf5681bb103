"""Synthetic partnerships at a chosen size, for benchmarks and load tests.

Figures are random but plausible (counts around a level with seasonal noise, percentages
between 20 and 95), written with bulk inserts and without history: they were never edited.
With `rates`, each partnership is a member of a benchmark club: it has a population (people,
one figure a year), its first counts scale with it, and as many calculated rates per 1,000
over it, each with a benchmark code the club shares.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from indicators.models import BreakdownOption, Indicator, Return, Unit, Value
from indicators.periods import Period
from strategy.models import Objective, Organisation, OrganisationType, Partnership, Strategy

THEMES = ("Prevent", "Protect", "Pursue", "Recover")
OPTIONS = (("north", "North"), ("south", "South"), ("city", "City"))
BATCH = 5000


@dataclass
class SyntheticSize:
    partnerships: int = 3
    indicators: int = 60
    years: int = 12
    last_year: int = 2025
    rates: int = 0  # calculated rates per 1,000 population, shared as benchmarks


def synthetic_generate(
    *, size: SyntheticSize, prefix: str = "synthetic", seed: int = 1, first: int = 1
) -> int:
    """Makes partnerships PREFIX-FIRST to PREFIX-N; returns how many figures were written.

    Each partnership is written in its own transaction, so an interrupted run can go on from
    the next number.
    """
    rng = random.Random(seed + first)
    written = 0
    for number in range(first, size.partnerships + 1):
        written += _partnership(f"{prefix}-{number}", number, size, rng)
    return written


@transaction.atomic
def _partnership(slug: str, number: int, size: SyntheticSize, rng: random.Random) -> int:
    partnership = Partnership.objects.create(
        slug=slug,
        name=f"Synthetic Partnership {number}",
        area=f"Synthetic area {number}",
        shares_benchmarks=size.rates > 0,
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            partnership=partnership, slug=kind.value, name=f"{kind.label} {number}", type=kind
        )
        for kind in OrganisationType
    )
    first_year = size.last_year - size.years + 1
    strategy = Strategy.objects.create(
        partnership=partnership,
        slug="strategy",
        title=f"Strategy {first_year}-{size.last_year + 1}",
        start_year=first_year,
        end_year=size.last_year + 1,
    )
    objectives = Objective.objects.bulk_create(
        Objective(
            strategy=strategy,
            code=theme.lower(),
            theme=theme,
            statement=f"We will {theme.lower()}.",
            order=i,
        )
        for i, theme in enumerate(THEMES)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            partnership=partnership,
            code=f"indicator-{i}",
            title=f"Synthetic indicator {i}",
            unit=Unit.PERCENTAGE if i % 4 == 3 else Unit.COUNT,
            year_rule="mean" if i % 4 == 3 else "sum",
            direction=("up", "down", "none")[i % 3],
            reporting_organisation=organisations[i % len(organisations)],
            order=i,
        )
        for i in range(size.indicators)
    )
    links = Indicator.objectives.through
    links.objects.bulk_create(
        links(indicator_id=indicator.pk, objective_id=objectives[i % len(objectives)].pk)
        for i, indicator in enumerate(indicators)
    )
    options = BreakdownOption.objects.bulk_create(
        BreakdownOption(indicator=indicator, code=code, label=label, order=position)
        for i, indicator in enumerate(indicators)
        if i % 3 == 0  # a third have a breakdown
        for position, (code, label) in enumerate(OPTIONS)
    )
    by_whole = [i for n, i in enumerate(indicators) if i.unit == Unit.COUNT and n % 3 != 0]
    numerators = by_whole[: size.rates]  # counts of the whole, without a breakdown
    population = rng.randint(80_000, 1_500_000) if size.rates else 0
    if size.rates:
        _rates(partnership, numerators, population, size, objectives, first_year)
    # A club's counts scale with its population: about 4 a year per 1,000 people.
    means = {indicator.pk: population / 1000 for indicator in numerators}
    by_indicator: dict[int, list] = {}
    for option in options:
        by_indicator.setdefault(option.indicator_id, []).append(option)
    quarters = [
        q for year in range(first_year, size.last_year + 1) for q in Period(year).quarters()
    ]
    approved_at = timezone.now()
    values = (
        _approved(
            Value(
                indicator=indicator,
                option=option,
                period=quarter,
                unit=indicator.unit,
                value=_figure(indicator.unit, rng, means.get(indicator.pk, 400)),
            ),
            approved_at,
        )
        for indicator in indicators
        for option in by_indicator.get(indicator.pk, [None])
        for quarter in quarters
    )
    written = 0
    batch = []
    for value in values:
        batch.append(value)
        if len(batch) == BATCH:
            Value.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    Value.objects.bulk_create(batch)
    written += len(batch)
    Return.objects.bulk_create(
        Return(organisation=organisation, period=quarter, status=Return.Status.APPROVED, version=1)
        for organisation in organisations
        for quarter in quarters
    )
    return written


def _figure(unit: str, rng: random.Random, mean: float = 400) -> int:
    if unit == Unit.PERCENTAGE:
        return rng.randint(20, 95)
    return max(0, int(rng.gauss(mean, mean * 0.3)))


def _rates(partnership, numerators, population: int, size: SyntheticSize, objectives, first):
    """A population indicator with a figure a year, and a rate per 1,000 over it for each
    numerator, each with the club's benchmark code."""
    council = partnership.organisations.get(type=OrganisationType.LOCAL_AUTHORITY)
    people = Indicator.objects.create(
        partnership=partnership,
        code="population",
        title="Population",
        unit=Unit.PEOPLE,
        frequency=Indicator.Frequency.ANNUAL,
        year_rule=Indicator.YearRule.NONE,
        reporting_organisation=council,
        order=size.indicators,
    )
    approved_at = timezone.now()
    Value.objects.bulk_create(
        _approved(
            Value(indicator=people, period=Period(year), unit=Unit.PEOPLE, value=population),
            approved_at,
        )
        for year in range(first, size.last_year + 1)
    )
    rates = Indicator.objects.bulk_create(
        Indicator(
            partnership=partnership,
            code=f"rate-{n}",
            title=f"{numerator.title} per 1,000 population",
            unit=Unit.RATE_PER_1000,
            year_rule=Indicator.YearRule.NONE,
            reporting_organisation=numerator.reporting_organisation,
            numerator=numerator,
            denominator=people,
            multiplier=1000,
            benchmark_code=f"synthetic-rate-{n}",
            order=size.indicators + 1 + n,
        )
        for n, numerator in enumerate(numerators)
    )
    links = Indicator.objectives.through
    links.objects.bulk_create(
        links(indicator_id=rate.pk, objective_id=objectives[n % len(objectives)].pk)
        for n, rate in enumerate(rates)
    )


def _approved(value: Value, at) -> Value:
    """Synthetic returns are all approved: the board sees every figure."""
    value.approve(by=None, at=at)
    return value
