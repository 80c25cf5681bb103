"""The rules a figure is judged by: is it a valid figure, is its change unusual, is it on target.

Plain functions over plain values, shared by the return form, imports and the dashboards.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from indicators.formatting import one_decimal
from indicators.models import Indicator, Unit

# ASCII digits only (Python's \d and Decimal also take Arabic-Indic and full-width digits),
# thousands commas in their places, one decimal point; no exponent, underscore, NaN or Infinity.
_FIGURE = re.compile(r"-?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)")
PERCENTAGE_POINTS_WARNING = Decimal(20)
WHOLE_NUMBERS = (Unit.COUNT, Unit.PEOPLE)  # a population is a whole number, as a count is
LARGEST_DIGITS = 12  # what a value's column holds: 14 digits, 2 of them decimals


def parse_figure(text: str, unit: str) -> Decimal:
    """A figure as someone typed it, checked against its unit's rules; ValueError says why not.

    A minus sign is read for every unit; the unit's rules then refuse it where it cannot be.
    """
    cleaned = str(text).strip()
    if unit == Unit.PERCENTAGE and cleaned.endswith("%"):
        cleaned = cleaned[:-1].strip()
    if not _FIGURE.fullmatch(cleaned):
        raise ValueError(f"{text!r} is not a number: write it as {_example(unit)}.")
    figure = Decimal(cleaned.replace(",", ""))
    if figure.adjusted() >= LARGEST_DIGITS:
        raise ValueError(f"{text!r} is too large: figures are below a million million.")
    if unit in WHOLE_NUMBERS and (figure < 0 or figure != figure.to_integral_value()):
        noun = "a number of people" if unit == Unit.PEOPLE else "a count"
        raise ValueError(f"{text!r} is not {noun}: {noun} is a whole number of at least 0.")
    if unit == Unit.PERCENTAGE and not 0 <= figure <= 100:
        raise ValueError(f"{text!r} is not a percentage between 0 and 100.")
    if unit in (Unit.FTE, Unit.RATE_PER_1000, Unit.RATE_PER_10000, Unit.RATIO) and figure < 0:
        raise ValueError(f"{text!r} cannot be below 0.")
    if figure.as_tuple().exponent < -2:
        raise ValueError(f"{text!r} has more than two decimal places.")
    return figure


def _example(unit: str) -> str:
    if unit == Unit.PERCENTAGE:
        return "81, 81.5 or 81%"
    if unit in WHOLE_NUMBERS:
        return "1,859 or 1859"
    return "1,859 or 1859.5"


def unusual_change(
    unit: str,
    figure: Decimal,
    last_year: Decimal | None,
    *,
    denominators: tuple[Decimal | None, Decimal | None] = (None, None),
    tolerance: Decimal = PERCENTAGE_POINTS_WARNING,
) -> bool:
    """A change on the same period last year that chance does not explain.

    For counts: more than half of last year's figure and more than three times the square root
    of the two counts added (so 3 to 6 passes, 180 to 400 does not); a plain percentage rule
    flags small counts all the time. For percentages: beyond three standard errors of binomial
    chance where both periods' denominators are known (81% of 50 cases to 70% of 60 is chance,
    of 5,000 and 6,000 it is not), else more than `tolerance` points (the partnership's; 20 by
    default).
    """
    if last_year is None:
        return False
    change = abs(figure - last_year)
    if unit == Unit.PERCENTAGE:
        now, then = denominators
        if now and then and now > 0 and then > 0:
            return float(change) > 3 * binomial_noise(figure, last_year, now, then)
        return change > tolerance
    if unit == Unit.COUNT:
        noise = 3 * math.sqrt(float(figure + last_year))
        return change > last_year / 2 and float(change) > noise
    return False


def binomial_noise(figure: Decimal, last_year: Decimal, now: Decimal, then: Decimal) -> float:
    """The standard error, in points, of the difference between two percentages of `now` and
    `then` cases, were both drawn from one rate (the two periods' pooled rate)."""
    pooled = float(figure * now + last_year * then) / float(now + then) / 100
    pooled = min(max(pooled, 0.0), 1.0)
    return 100 * math.sqrt(pooled * (1 - pooled) * (1 / float(now) + 1 / float(then)))


def expected_level_words(figure: Decimal, level: Decimal) -> str:
    """A figure read against an expected level: a reference, not a target, so no colour."""
    if figure < level:
        return "below the expected level"
    if figure > level:
        return "above the expected level"
    return "at the expected level"


def better(direction: str, figure: Decimal, than: Decimal) -> bool | None:
    """Whether `figure` is better than `than`, or None where the indicator makes no judgement."""
    if direction == Indicator.Direction.UP:
        return figure > than
    if direction == Indicator.Direction.DOWN:
        return figure < than
    return None


def target_rating(
    *,
    direction: str,
    figure: Decimal,
    target: Decimal,
    tolerance: Decimal,
    last_year: Decimal | None,
) -> str:
    """Green within the tolerance of the target; amber outside it but better than the same
    period last year; red outside it and no better."""
    if direction == Indicator.Direction.UP:
        missed = figure < target - tolerance
    elif direction == Indicator.Direction.DOWN:
        missed = figure > target + tolerance
    else:
        missed = abs(figure - target) > tolerance
    if not missed:
        return "green"
    if last_year is not None and better(direction, figure, last_year):
        return "amber"
    return "red"


@dataclass(frozen=True)
class Change:
    """A figure against the same period a year earlier, and whether that is better or worse."""

    current: Decimal
    previous: Decimal
    amount: Decimal | None  # per cent for counts and the like, points for percentages
    in_points: bool
    judgement: str  # "better", "worse", "no change" or "no judgement"

    @property
    def direction_word(self) -> str:
        if self.amount is None:
            return "up" if self.current > self.previous else "down"
        if self.amount > 0:
            return "up"
        if self.amount < 0:
            return "down"
        return "no change"

    @property
    def arrow(self) -> str:
        return {"up": "▲", "down": "▼"}.get(self.direction_word, "▬")

    @property
    def text(self) -> str:
        """`up 5.7%`, `down 8 points`, `no change`."""
        if self.direction_word == "no change":
            return "no change"
        if self.amount is None:  # from zero: a percentage change has no meaning
            return f"{self.direction_word} from {one_decimal(self.previous)}"
        size = abs(self.amount)
        unit = " points" if self.in_points else "%"
        if self.in_points and size == 1:
            unit = " point"
        return f"{self.direction_word} {one_decimal(size)}{unit}"


def change_on_last_year(
    *, unit: str, direction: str, current: Decimal | None, previous: Decimal | None
) -> Change | None:
    """Per cent for counts, percentage points for percentages; judged by the desired direction."""
    if current is None or previous is None:
        return None
    in_points = unit == "percentage"
    if in_points:
        amount = (current - previous).quantize(Decimal("0.1"))
    elif previous == 0:
        amount = None if current != 0 else Decimal(0)
    else:
        amount = ((current - previous) / previous * 100).quantize(Decimal("0.1"))
    if current == previous:
        judgement = "no change"
    elif direction == "none":
        judgement = "no judgement"
    else:
        rose = current > previous
        judgement = "better" if rose == (direction == "up") else "worse"
    return Change(current, previous, amount, in_points, judgement)
