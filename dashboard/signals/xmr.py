"""The statistics of an XmR chart: its limits from a baseline, the four rules of Making Data
Count that tell a special cause from common-cause variation, and the variation and assurance
words. Plain numbers in, plain values out."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import groupby, pairwise

from indicators.models import Indicator, Unit

# Three sigma of the individuals: 3 / d2, with d2 = 1.128 for moving ranges of two points.
PROCESS_LIMIT = Decimal("2.66")
FEWEST_POINTS = 8  # fewer points give limits too unsteady to claim any signal
MOST_POINTS = 20  # the default baseline: the latest 20 points, enough for steady limits
RUN = 7  # points in a row on one side of the mean
TREND = 6  # points in a row each higher, or each lower, than the one before


class Rule(StrEnum):
    """The four rules of Making Data Count, each a kind of special cause."""

    BEYOND_LIMIT = "a point beyond a limit"
    RUN = "a run of 7 points on one side of the mean"
    TREND = "6 points rising or falling"
    NEAR_LIMIT = "2 of 3 points close to a limit"


class VariationWord(StrEnum):
    """What the series is doing, shown wherever the series is shown."""

    COMMON_CAUSE = "common cause"
    IMPROVING = "special cause - improving"
    CONCERNING = "special cause - concerning"
    SPECIAL_CAUSE = "special cause"  # no desired direction, so neither better nor worse


class AssuranceWord(StrEnum):
    """Whether the process, as its limits say, can be relied on to meet the target."""

    MET = "target consistently met"
    MISSED = "target consistently missed"
    HIT_AND_MISS = "target hit and miss"


@dataclass(frozen=True)
class Limits:
    """The centre and process limits of an XmR chart, and the baseline they came from."""

    mean: Decimal
    moving_range: Decimal  # the mean of the moving ranges within the baseline
    lower: Decimal
    upper: Decimal
    baseline_points: int  # how many points the limits came from

    @property
    def near_upper(self) -> Decimal:
        """Where the outer third below the upper limit begins (from the unbounded limit)."""
        return self.mean + PROCESS_LIMIT * self.moving_range * 2 / 3

    @property
    def near_lower(self) -> Decimal:
        """Where the outer third above the lower limit begins (from the unbounded limit)."""
        return self.mean - PROCESS_LIMIT * self.moving_range * 2 / 3


@dataclass(frozen=True)
class Signal:
    """One special cause: which rule found it, the points it covers (their places in the
    series) and whether it lies high (above the mean, or rising) or low."""

    rule: Rule
    points: tuple[int, ...]
    high: bool


@dataclass(frozen=True)
class Variation:
    """A series judged: its word at the latest point, its limits and every special cause found,
    for marking on a chart. No limits and no word where the series is too short to tell."""

    word: str  # a VariationWord, or "" where no signal can be claimed
    limits: Limits | None
    signals: tuple[Signal, ...] = field(default=())
    first: int = 0  # the first point judged: where a changed definition starts

    @property
    def special(self) -> tuple[int, ...]:
        """The places of the points that are part of a special cause, in order."""
        return tuple(sorted({point for signal in self.signals for point in signal.points}))


NOT_NEGATIVE = (
    Unit.COUNT,
    Unit.PEOPLE,
    Unit.FTE,
    Unit.RATIO,
    Unit.RATE_PER_1000,
    Unit.RATE_PER_10000,
)


def bounds_for(unit: str) -> tuple[Decimal | None, Decimal | None]:
    """The lowest and highest a figure of this unit can be, to bound its process limits: a
    limit no figure could reach is drawn at the bound instead."""
    if unit == Unit.PERCENTAGE:
        return Decimal(0), Decimal(100)
    if unit in NOT_NEGATIVE:
        return Decimal(0), None
    return None, None


def xmr(
    points: Sequence[Decimal | float],
    *,
    baseline: slice | None = None,
    floor: Decimal | None = None,
    ceiling: Decimal | None = None,
) -> Limits | None:
    """The mean, the mean moving range and the process limits (mean ± 2.66 × mean moving
    range) of the baseline: by default every point given, at most the last 20; or the slice of
    the points a partnership fixes. None with fewer than 8 points: no signal is claimed.

    `floor` raises a lower limit below it to it (0 for counts and percentages) and `ceiling`
    lowers an upper limit above it to it (100 for percentages); `bounds_for(unit)` gives both.
    The outer thirds that the 2-of-3 rule looks at stay those of the unbounded limits.
    """
    figures = _decimals(points)
    chosen = figures[baseline] if baseline is not None else figures[-MOST_POINTS:]
    if len(chosen) < FEWEST_POINTS:
        return None
    mean = sum(chosen, Decimal(0)) / len(chosen)
    ranges = [abs(later - earlier) for earlier, later in pairwise(chosen)]
    moving_range = sum(ranges, Decimal(0)) / len(ranges)
    lower = mean - PROCESS_LIMIT * moving_range
    upper = mean + PROCESS_LIMIT * moving_range
    if floor is not None:
        lower = max(lower, floor)
    if ceiling is not None:
        upper = min(upper, ceiling)
    return Limits(mean, moving_range, lower, upper, len(chosen))


def beyond_limits(points: Sequence[Decimal | float], limits: Limits) -> list[Signal]:
    """Each point above the upper limit or below the lower one."""
    return [
        Signal(Rule.BEYOND_LIMIT, (place,), figure > limits.upper)
        for place, figure in enumerate(_decimals(points))
        if figure > limits.upper or figure < limits.lower
    ]


def runs(points: Sequence[Decimal | float], limits: Limits) -> list[Signal]:
    """Each run of 7 or more points all above, or all below, the mean; a point on the mean
    belongs to neither side, so it breaks a run."""
    sides = [_sign(figure - limits.mean) for figure in _decimals(points)]
    return [
        Signal(Rule.RUN, tuple(range(first, last + 1)), side > 0)
        for first, last, side in _stretches(sides)
        if last - first + 1 >= RUN
    ]


def trends(points: Sequence[Decimal | float]) -> list[Signal]:
    """Each trend of 6 or more points, each higher than the one before, or each lower; two
    equal points in a row break it. Rising counts as high, falling as low."""
    figures = _decimals(points)
    # The sign of each step, placed at the point it ends on (the first point has no step).
    steps = [0, *(_sign(later - earlier) for earlier, later in pairwise(figures))]
    return [
        Signal(Rule.TREND, tuple(range(first - 1, last + 1)), side > 0)
        for first, last, side in _stretches(steps)
        if last - first + 2 >= TREND
    ]


def near_limits(points: Sequence[Decimal | float], limits: Limits) -> list[Signal]:
    """Two (or three) of any three points in a row in the same outer third between the mean
    and a limit; a point beyond the limit is left to `beyond_limits`. Only the points close to
    the limit are special, not the third point of the three."""
    figures = _decimals(points)
    bands = {  # each outer third, from the mean's side to the limit's
        True: (limits.near_upper, limits.upper),
        False: (limits.lower, limits.near_lower),
    }
    found = []
    for high, (low_end, high_end) in bands.items():
        close = [
            place
            for place, figure in enumerate(figures)
            if (low_end < figure <= high_end if high else low_end <= figure < high_end)
        ]
        found += [Signal(Rule.NEAR_LIMIT, group, high) for group in _within_three(close)]
    return found


def variation_word(signals: Sequence[Signal], *, direction: str) -> str:
    """The word for a point or a series from the special causes it is part of: improving when
    they lie on the good side for the desired direction, concerning when any lies on the bad
    side (a board should not miss a concern), `special cause` with no desired direction."""
    if not signals:
        return VariationWord.COMMON_CAUSE
    if direction not in (Indicator.Direction.UP, Indicator.Direction.DOWN):
        return VariationWord.SPECIAL_CAUSE
    good_high = direction == Indicator.Direction.UP
    if all(signal.high == good_high for signal in signals):
        return VariationWord.IMPROVING
    return VariationWord.CONCERNING


def variation(
    points: Sequence[Decimal | float],
    *,
    direction: str,
    baseline: slice | None = None,
    floor: Decimal | None = None,
    ceiling: Decimal | None = None,
) -> Variation:
    """The series as it stands at its latest point, with every special cause marked.

    Following Making Data Count ("Getting started": the variation icon reflects the most
    recent data point), the word comes only from the special causes the latest point is part
    of: it lies beyond a limit, it ends a run of 7 or a trend of 6, or it is one of the two
    points close to a limit among the last three. An earlier special cause is still marked on
    the chart but leaves the word `common cause`. Every point given is judged against the
    baseline's limits. Fewer than 8 points in the baseline: no limits, no word.
    """
    figures = _decimals(points)
    limits = xmr(figures, baseline=baseline, floor=floor, ceiling=ceiling)
    if limits is None:
        return Variation("", None)
    signals = (
        *beyond_limits(figures, limits),
        *runs(figures, limits),
        *trends(figures),
        *near_limits(figures, limits),
    )
    latest = [signal for signal in signals if len(figures) - 1 in signal.points]
    return Variation(variation_word(latest, direction=direction), limits, signals)


def since_definition_change(
    points: Sequence[Decimal | float],
    *,
    start: int,
    direction: str,
    baseline: slice | None = None,
    floor: Decimal | None = None,
    ceiling: Decimal | None = None,
) -> Variation:
    """The series judged afresh from a changed definition on: limits and rules from the point
    at `start` only, since earlier figures counted something else (fewer than 8 points since
    the change: no signal). `baseline` slices the points from `start` on. Places stay those of
    the whole series, for marking a chart."""
    judged = variation(
        points[start:], direction=direction, baseline=baseline, floor=floor, ceiling=ceiling
    )
    signals = tuple(
        Signal(signal.rule, tuple(place + start for place in signal.points), signal.high)
        for signal in judged.signals
    )
    return Variation(judged.word, judged.limits, signals, first=start)


def assurance(limits: Limits | None, *, target: Decimal | None, direction: str) -> str:
    """Whether the target will be met, as the process limits say: consistently met when both
    limits lie on the passing side of it (a figure equal to the target passes), consistently
    missed when both lie on the failing side, hit and miss when the target lies between them.
    Nothing without a target, limits or a desired direction."""
    if limits is None or target is None:
        return ""
    if direction == Indicator.Direction.UP:
        passing, failing = limits.lower >= target, limits.upper < target
    elif direction == Indicator.Direction.DOWN:
        passing, failing = limits.upper <= target, limits.lower > target
    else:
        return ""
    if passing:
        return AssuranceWord.MET
    return AssuranceWord.MISSED if failing else AssuranceWord.HIT_AND_MISS


def _within_three(places: list[int]) -> list[tuple[int, ...]]:
    """The places grouped, each within three points in a row of the one before; groups of two
    or more only."""
    groups: list[list[int]] = []
    for place in places:
        if groups and place - groups[-1][-1] <= 2:
            groups[-1].append(place)
        else:
            groups.append([place])
    return [tuple(group) for group in groups if len(group) >= 2]


def _stretches(signs: Sequence[int]) -> Iterator[tuple[int, int, int]]:
    """The first and last place and the sign of each stretch of equal, non-zero signs."""
    place = 0
    for sign, group in groupby(signs):
        size = len(list(group))
        if sign:
            yield place, place + size - 1, sign
        place += size


def _sign(difference: Decimal) -> int:
    return (difference > 0) - (difference < 0)


def _decimals(points: Sequence[Decimal | float]) -> list[Decimal]:
    # Through str, so 0.1 is the 0.1 a person typed, not its binary approximation.
    if all(type(point) is Decimal for point in points):
        return list(points)
    return [point if isinstance(point, Decimal) else Decimal(str(point)) for point in points]
