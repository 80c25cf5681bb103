"""Financial periods: the April-to-March year and its quarters, as plain values.

A financial year is named by the calendar year it starts in (2015 is `2015/16`); Q1 is
April-June, Q2 July-September, Q3 October-December and Q4 January-March. A figure belongs to a
quarter or to a whole year. Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache, total_ordering

QUARTERS = (1, 2, 3, 4)
_FIRST_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}

_YEAR = r"(?P<year>\d{4})\s*[/-]\s*(?P<next>\d{2})"
_PATTERNS = (
    re.compile(rf"^{_YEAR}$"),
    re.compile(rf"^{_YEAR}[\s-]+q(?P<quarter>\d)$", re.IGNORECASE),
    re.compile(rf"^q(?P<quarter>\d)\s+{_YEAR}$", re.IGNORECASE),
)


class PeriodError(ValueError):
    """Text that is not a financial year or quarter."""


@total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """A financial year (`quarter` is None) or one quarter of it."""

    year: int
    quarter: int | None = None

    def __post_init__(self) -> None:
        if not 1000 <= self.year <= 9998:
            raise PeriodError(f"{self.year} is not a four-digit year.")
        if self.quarter is not None and self.quarter not in QUARTERS:
            raise PeriodError(f"Q{self.quarter} is not a quarter: quarters are Q1 to Q4.")

    def __str__(self) -> str:
        name = f"{self.year}/{(self.year + 1) % 100:02d}"
        return name if self.quarter is None else f"{name} Q{self.quarter}"

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    @property
    def sort_key(self) -> tuple[int, int]:
        """Orders a year's quarters after the year itself, as the database's text does."""
        return (self.year, self.quarter or 0)

    @property
    def is_quarter(self) -> bool:
        return self.quarter is not None

    @property
    def slug(self) -> str:
        """The form used in addresses: `2015-16-q3`, `2015-16`."""
        name = f"{self.year}-{(self.year + 1) % 100:02d}"
        return name if self.quarter is None else f"{name}-q{self.quarter}"

    @property
    def financial_year(self) -> Period:
        return Period(self.year)

    @property
    def start(self) -> date:
        if self.quarter is None:
            return date(self.year, 4, 1)
        month = _FIRST_MONTH[self.quarter]
        return date(self.year + (1 if self.quarter == 4 else 0), month, 1)

    @property
    def end(self) -> date:
        if self.quarter is None:
            return date(self.year + 1, 3, 31)
        following = self.next() if self.quarter != 4 else Period(self.year + 1, 1)
        return following.start - timedelta(days=1)

    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.quarter)

    def next(self) -> Period:
        if self.quarter is None:
            return Period(self.year + 1)
        if self.quarter == 4:
            return Period(self.year + 1, 1)
        return Period(self.year, self.quarter + 1)

    def previous(self) -> Period:
        if self.quarter is None:
            return Period(self.year - 1)
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def quarters(self) -> tuple[Period, ...]:
        """The four quarters of this period's financial year."""
        return _quarters_of(self.year)


@lru_cache(maxsize=4096)  # periods are few and immutable; a page of figures repeats them
def parse_period(text: str) -> Period:
    """Reads `2015/16 Q1`, `2015/16`, `2015-16 Q1`, `Q1 2015/16` or the address `2015-16-q1`."""
    cleaned = " ".join(str(text).split())
    for pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if match:
            break
    else:
        raise PeriodError(
            f"{text!r} is not a financial year or quarter: write it as 2015/16 or 2015/16 Q1."
        )
    year = int(match["year"])
    if int(match["next"]) != (year + 1) % 100:
        expected = f"{year}/{(year + 1) % 100:02d}"
        raise PeriodError(f"{text!r} is not a financial year: the year after {year} is {expected}.")
    quarter = match.groupdict().get("quarter")
    return Period(year, int(quarter) if quarter else None)


@lru_cache(maxsize=1024)  # tables ask for the same years' quarters again and again
def _quarters_of(year: int) -> tuple[Period, ...]:
    return tuple(Period(year, quarter) for quarter in QUARTERS)


def quarter_of(day: date) -> Period:
    """The quarter a date falls in."""
    year = day.year if day.month >= 4 else day.year - 1
    quarter = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3}.get(day.month, 4)
    return Period(year, quarter)


def financial_year_of(day: date) -> Period:
    return quarter_of(day).financial_year
