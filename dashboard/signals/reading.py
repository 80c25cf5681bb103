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
from indicators.judgement import better, unusual_change
from indicators.periods import Period
from indicators.selectors import Figure


def change_beyond_chance(
    *, unit: str, direction: str, figure: Decimal, last_year: Decimal | None
) -> str:
    """The change on the same quarter last year, by the returns' chance test: `better` or
    `worse` by the desired direction, `unusual` without one, "" where chance explains it."""
    if last_year is None or not unusual_change(unit, figure, last_year):
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
    def latest_rules(self) -> tuple[Rule, ...]:
        """The rules the latest point breaks: why the word is a special cause."""
        latest = len(self.points) - 1
        found = [s.rule for s in self.variation.signals if latest in s.points]
        return tuple(dict.fromkeys(found))


def series(figures: Iterable[Figure], *, period: Period) -> list[Figure]:
    """The points a panel reporting `period` is judged on: the figures of the same kind up to
    it (each quarter; each whole year; or the same year to date of each year), with a value, in
    time order, the latest 20 at most."""
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
) -> Reading:
    """A panel's series judged as at `period`: limits from the latest definition on, bounded
    by what the unit allows, and the assurance against the target of the period's year."""
    points = series(figures, period=period)
    floor, ceiling = bounds_for(unit)
    judged = since_definition_change(
        [f.value for f in points],
        start=first_comparable(points, definitions),
        direction=direction,
        floor=floor,
        ceiling=ceiling,
    )
    return Reading(
        judged,
        assurance(judged.limits, target=target, direction=direction),
        tuple(points),
        has_target=target is not None,
    )
