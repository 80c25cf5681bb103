"""Funnel plots and spread: how far an area's rate may sit from the others' by chance alone.

Plain functions over plain numbers. A count of events in a population is taken as Poisson;
its control limits around the expected count are Byar's approximation to the exact Poisson
limits (as the public-health funnel plot tools use), so a small area is not called an outlier
for the chance swings a small count has.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# Two-sided: 95% (about 2 standard deviations) and 99.8% (about 3).
LEVELS = {"95%": 0.95, "99.8%": 0.998}


def z_for(level: float) -> float:
    """The standard normal quantile of a two-sided level: 1.96 for 95%, 3.09 for 99.8%."""
    return statistics.NormalDist().inv_cdf(1 - (1 - level) / 2)


def poisson_limits(expected: float, level: float) -> tuple[float, float]:
    """The lower and upper limits of a Poisson count whose expectation is `expected` (Byar):
    lower λ(1 − 1/(9λ) − z/(3√λ))³, upper (λ+1)(1 − 1/(9(λ+1)) + z/(3√(λ+1)))³."""
    z = z_for(level)
    if expected <= 0:
        return 0.0, 0.0
    lower = expected * (1 - 1 / (9 * expected) - z / (3 * math.sqrt(expected))) ** 3
    above = expected + 1
    upper = above * (1 - 1 / (9 * above) + z / (3 * math.sqrt(above))) ** 3
    return max(lower, 0.0), upper


def rate_limits(
    centre: float, population: float, multiplier: int, level: float
) -> tuple[float, float]:
    """The limits of a rate per `multiplier` people, for an area of `population` people, when
    the rate everywhere is `centre`."""
    expected = centre * population / multiplier
    lower, upper = poisson_limits(expected, level)
    return lower / population * multiplier, upper / population * multiplier


def pooled_rate(counts: Sequence[float], populations: Sequence[float], multiplier: int) -> float:
    """The rate of all the areas together: every event over every person (the funnel's
    centre), not the mean of their rates."""
    people = sum(populations)
    return sum(counts) / people * multiplier if people else 0.0


def placement(rate: float, centre: float, population: float, multiplier: int) -> str:
    """Where an area's rate sits on the funnel, in words."""
    low95, high95 = rate_limits(centre, population, multiplier, LEVELS["95%"])
    low998, high998 = rate_limits(centre, population, multiplier, LEVELS["99.8%"])
    if rate > high998:
        return "above the 99.8% limit"
    if rate < low998:
        return "below the 99.8% limit"
    if rate > high95:
        return "above the 95% limit"
    if rate < low95:
        return "below the 95% limit"
    return "within the limits"


@dataclass(frozen=True)
class Spread:
    """The median and quartiles of the areas' rates."""

    lower_quartile: float
    median: float
    upper_quartile: float


def spread(rates: Sequence[float]) -> Spread | None:
    """Quartiles as a spreadsheet's QUARTILE.INC gives them; None for fewer than two rates."""
    if len(rates) < 2:
        return None
    lower, median, upper = statistics.quantiles(rates, n=4, method="inclusive")
    return Spread(lower, median, upper)


def funnel_curve(
    centre: float, smallest: float, largest: float, multiplier: int, level: float, steps: int = 40
) -> tuple[list[float], list[float], list[float]]:
    """Populations from `smallest` to `largest` (evenly on a log scale) with the lower and
    upper rate limits at each: the funnel's two edges."""
    smallest = max(smallest, 1.0)
    largest = max(largest, smallest)
    ratio = (largest / smallest) ** (1 / (steps - 1)) if largest > smallest else 1.0
    populations = [smallest * ratio**step for step in range(steps)]
    edges = [rate_limits(centre, n, multiplier, level) for n in populations]
    return populations, [low for low, _ in edges], [high for _, high in edges]
