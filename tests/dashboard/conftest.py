"""The dashboard's shared fixtures."""

import io

import pytest

from indicators import tidy
from indicators.models import Indicator
from indicators.periods import Period
from indicators.services import values_import

# Ten quarters of noise around 50 from 2012/13 Q1, then a step up to about 70 for the five
# quarters to 2015/16 Q3: over all fifteen the limits are 57.1 ± 11.2, and the five are above.
NOISE = [50, 53, 48, 51, 49, 52, 47, 50, 52, 49]
STEP = [70, 72, 69, 71, 73]
FIRST = Period(2012, 1)


@pytest.fixture
def step_change(cambridgeshire) -> Indicator:
    """A count the police report quarterly, higher being better, with a step change imported."""
    indicator = Indicator.objects.create(
        partnership=cambridgeshire,
        code="made-up-step",
        title="Made-up referrals with a step change",
        unit="count",
        direction="up",
        reporting_organisation=cambridgeshire.organisations.get(slug="cambridgeshire-constabulary"),
    )
    indicator.objectives.add(cambridgeshire.strategies.get().objectives.get(code="prevent"))
    periods, period = [], FIRST
    for _ in NOISE + STEP:
        periods.append(period)
        period = period.next()
    lines = [",".join(tidy.HEADER)] + [
        f"cambridgeshire,made-up-step,{period},,{figure},,"
        for period, figure in zip(periods, NOISE + STEP, strict=True)
    ]
    values_import(rows=tidy.read_csv(io.StringIO("\n".join(lines))), reason="A made-up series")
    return indicator
