"""Financial periods: the April-to-March year and its quarters, as plain values.

A financial year is named by the calendar year it starts in (2015 is `2015/16`); Q1 is
April-June, Q2 July-September, Q3 October-December and Q4 January-March. A figure belongs to a
quarter, to a whole year, or to a year to date (cumulative from Q1 to a quarter, written
`2015/16 Q1-Q3`). Nothing here touches the database.

It lives in `strategy`, the app the others build on, so that action plans and narratives read
quarters as indicators do; `indicators.periods` offers the same names.
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
    re.compile(rf"^{_YEAR}[\s-]+q(?P<first>\d)\s*-\s*q(?P<to>\d)$", re.IGNORECASE),
    re.compile(rf"^{_YEAR}[\s-]+q(?P<quarter>\d)$", re.IGNORECASE),
    re.compile(rf"^q(?P<quarter>\d)\s+{_YEAR}$", re.IGNORECASE),
)


class PeriodError(ValueError):
    """Text that is not a financial year or quarter."""


@total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """A financial year (`quarter` is None), one quarter of it, or, with `to_date`, the year
    to date from Q1 to `quarter`."""

    year: int
    quarter: int | None = None
    to_date: bool = False

    def __post_init__(self) -> None:
        if not 1000 <= self.year <= 9998:
            raise PeriodError(f"{self.year} is not a four-digit year.")
        if self.quarter is not None and self.quarter not in QUARTERS:
            raise PeriodError(f"Q{self.quarter} is not a quarter: quarters are Q1 to Q4.")
        if self.to_date and self.quarter is None:
            raise PeriodError("A year to date runs to a quarter: write it as 2015/16 Q1-Q3.")

    def __str__(self) -> str:
        name = f"{self.year}/{(self.year + 1) % 100:02d}"
        if self.quarter is None:
            return name
        return f"{name} Q1-Q{self.quarter}" if self.to_date else f"{name} Q{self.quarter}"

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """A year first, then its quarters, each year to date after the quarter it ends with."""
        return (self.year, self.quarter or 0, 1 if self.to_date else 0)

    @property
    def is_quarter(self) -> bool:
        return self.quarter is not None and not self.to_date

    @property
    def is_year(self) -> bool:
        return self.quarter is None

    @property
    def slug(self) -> str:
        """The form used in addresses: `2015-16-q3`, `2015-16`, `2015-16-q1-q3`."""
        name = f"{self.year}-{(self.year + 1) % 100:02d}"
        if self.quarter is None:
            return name
        return f"{name}-q1-q{self.quarter}" if self.to_date else f"{name}-q{self.quarter}"

    @property
    def last_quarter(self) -> Period:
        """The quarter this period ends with: the board may see it from the end of that quarter."""
        return Period(self.year, self.quarter or 4)

    def known_at(self, quarter: Period) -> bool:
        """Over by the end of `quarter`: a view as at that quarter may show it."""
        return (self.year, self.quarter or 4) <= (quarter.year, quarter.quarter or 4)

    @property
    def financial_year(self) -> Period:
        return Period(self.year)

    @property
    def start(self) -> date:
        if self.quarter is None or self.to_date:
            return date(self.year, 4, 1)
        month = _FIRST_MONTH[self.quarter]
        return date(self.year + (1 if self.quarter == 4 else 0), month, 1)

    @property
    def end(self) -> date:
        if self.quarter is None:
            return date(self.year + 1, 3, 31)
        following = Period(self.year, self.quarter + 1) if self.quarter != 4 else None
        return (following or Period(self.year + 1, 1)).start - timedelta(days=1)

    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.quarter, self.to_date)

    def next(self) -> Period:
        if self.to_date:
            raise PeriodError("A year to date has no next period; take its quarter's.")
        if self.quarter is None:
            return Period(self.year + 1)
        if self.quarter == 4:
            return Period(self.year + 1, 1)
        return Period(self.year, self.quarter + 1)

    def previous(self) -> Period:
        if self.to_date:
            raise PeriodError("A year to date has no previous period; take its quarter's.")
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
    """Reads `2015/16 Q1`, `2015/16`, `2015-16 Q1`, `Q1 2015/16`, the year to date
    `2015/16 Q1-Q3`, or the addresses `2015-16-q1` and `2015-16-q1-q3`."""
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
    parts = match.groupdict()
    if parts.get("to"):
        if parts["first"] != "1":
            raise PeriodError(
                f"{text!r} is not a year to date: a year to date starts at Q1, e.g. 2015/16 Q1-Q3."
            )
        return Period(year, int(parts["to"]), to_date=True)
    quarter = parts.get("quarter")
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
