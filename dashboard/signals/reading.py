"""A panel's series judged: the points of the same kind up to the period shown, from the
latest definition on, against a baseline (the latest 20 points, or years the partnership fixes),
and the same-quarter change by the returns' chance test."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from dashboard.signals.xmr import (
    FEWEST_POINTS,
    MOST_POINTS,
    Rule,
    Variation,
    assurance,
    bounds_for,
    since_definition_change,
)
from indicators.judgement import PERCENTAGE_POINTS_WARNING, better, unusual_change
from indicators.periods import Period
from indicators.selectors import Figure


def change_beyond_chance(
    *,
    unit: str,
    direction: str,
    figure: Decimal,
    last_year: Decimal | None,
    denominators: tuple[Decimal | None, Decimal | None] = (None, None),
    tolerance: Decimal = PERCENTAGE_POINTS_WARNING,
) -> str:
    """The change on the same quarter last year, by the returns' chance test (Poisson for
    counts; binomial for a percentage with both denominators, else `tolerance` points):
    `better` or `worse` by the desired direction, `unusual` without one, "" where chance
    explains it."""
    if last_year is None or not unusual_change(
        unit, figure, last_year, denominators=denominators, tolerance=tolerance
    ):
        return ""
    improved = better(direction, figure, last_year)
    if improved is None:
        return "unusual"
    return "better" if improved else "worse"


NO_SIGNAL = f"no signal: fewer than {FEWEST_POINTS} points"
NO_TARGET = "no target"


@dataclass(frozen=True)
class Reading:
    """A panel's series judged as at the period it reports: its variation, the assurance
    against the year's target, and the points it was judged on, oldest first."""

    variation: Variation
    assurance: str  # an AssuranceWord, or "" without a target or limits
    points: tuple[Figure, ...] = ()
    has_target: bool = False
    baseline: tuple[int, int] | None = None  # the financial years fixed for the limits, if any

    @property
    def word(self) -> str:
        """The variation word, or why there is none."""
        return self.variation.word or NO_SIGNAL

    @property
    def assurance_text(self) -> str:
        """The assurance word, or why there is none."""
        if not self.has_target:
            return NO_TARGET
        if self.assurance:
            return self.assurance
        return NO_SIGNAL if self.variation.limits is None else "no desired direction"

    @property
    def summary(self) -> str:
        """`Variation: common cause; assurance: target hit and miss`, below a block or a
        panel."""
        return f"Variation: {self.word}; assurance: {self.assurance_text}"

    @property
    def limits_text(self) -> str:
        """Where the process limits came from: `limits from the baseline 2012/13 to 2014/15
        (12 points)` or `limits from the latest 20 points`; "" without limits."""
        limits = self.variation.limits
        if limits is None:
            return ""
        if self.baseline:
            first, last = (Period(year) for year in self.baseline)
            return f"limits from the baseline {first} to {last} ({limits.baseline_points} points)"
        return f"limits from the latest {limits.baseline_points} points"

    @property
    def latest_rules(self) -> tuple[Rule, ...]:
        """The rules the latest point breaks: why the word is a special cause."""
        latest = len(self.points) - 1
        found = [s.rule for s in self.variation.signals if latest in s.points]
        return tuple(dict.fromkeys(found))


def series(figures: Iterable[Figure], *, period: Period, since: int | None = None) -> list[Figure]:
    """The points a panel reporting `period` is judged on: the figures of the same kind up to
    it (each quarter; each whole year; or the same year to date of each year), with a value, in
    time order: the latest 20 at most, or every one from the year `since` on (a fixed
    baseline's first year)."""
    if period.is_quarter:
        same_kind = [f for f in figures if f.period.is_quarter]
    elif period.is_year:
        same_kind = [f for f in figures if f.period.is_year]
    else:
        same_kind = [f for f in figures if f.period.to_date and f.period.quarter == period.quarter]
    last = period.sort_key
    points = sorted(
        (f for f in same_kind if f.value is not None and f.period.sort_key <= last),
        key=lambda f: f.period.sort_key,
    )
    if since is not None:
        return [f for f in points if f.period.year >= since]
    return points[-MOST_POINTS:]


def first_comparable(points: Sequence[Figure], definitions: Iterable[Period]) -> int:
    """The place of the first point counted wholly under the latest definition that changed
    within the series (0: none did); a point that straddles the change belongs to neither."""
    if not points:
        return 0
    changes = [
        d.start for d in definitions if points[0].period.start < d.start <= points[-1].period.end
    ]
    if not changes:
        return 0
    latest = max(changes)
    return next((place for place, f in enumerate(points) if f.period.start >= latest), len(points))


def reading(
    figures: Iterable[Figure],
    *,
    period: Period,
    unit: str,
    direction: str,
    definitions: Iterable[Period] = (),
    target: Decimal | None = None,
    baseline: tuple[int, int] | None = None,
) -> Reading:
    """A panel's series judged as at `period`: limits from the latest definition on, bounded
    by what the unit allows, and the assurance against the target of the period's year.

    A `baseline` the partnership fixed (its first and last financial year) sets the limits
    once its last year is over by `period`, and only where no definition changed after it
    began; otherwise the latest 20 points (from the change on) do."""
    definitions = list(definitions)
    fixed = baseline if baseline and Period(baseline[1]).known_at(period) else None
    points = series(figures, period=period, since=fixed[0] if fixed else None)
    start = first_comparable(points, definitions)
    if fixed and start:
        fixed, points = None, points[-MOST_POINTS:]
        start = first_comparable(points, definitions)
    floor, ceiling = bounds_for(unit)
    judged = since_definition_change(
        [f.value for f in points],
        start=start,
        direction=direction,
        baseline=slice(0, sum(f.period.year <= fixed[1] for f in points)) if fixed else None,
        floor=floor,
        ceiling=ceiling,
    )
    return Reading(
        judged,
        assurance(judged.limits, target=target, direction=direction),
        tuple(points),
        has_target=target is not None,
        baseline=fixed,
    )
