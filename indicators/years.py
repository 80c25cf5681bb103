"""The years a partnership's figures may be for: from ten years before its first strategy
starts to two years after its last one ends (a partnership without a strategy: the setting
PERIOD_YEARS_WITHOUT_STRATEGY). Imports, returns, addresses, the dashboard and the indicator
page all ask `partnership_years`, so a figure for 9998/99 is refused everywhere alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Min

from indicators.periods import Period
from strategy.models import Partnership, Strategy

YEARS_BEFORE_FIRST_STRATEGY = 10  # history a partnership brings from before its strategies
YEARS_AFTER_LAST_STRATEGY = 2  # a strategy may run late before its successor is agreed


@dataclass(frozen=True)
class PartnershipYears:
    """The financial years a partnership's figures may be for, the first and last included."""

    name: str
    first: int
    last: int

    def __contains__(self, period: Period) -> bool:
        return self.first <= period.year <= self.last

    def __str__(self) -> str:
        return f"{Period(self.first)} to {Period(self.last)}"

    def problem(self, period: Period) -> str:
        """Why a figure cannot be for `period`, in words for the person who gave it, or ""."""
        return "" if period in self else f"{period} is outside {self.name}'s years ({self})."


def partnership_years(partnership: Partnership) -> PartnershipYears:
    """The partnership's years, in one query over its strategies."""
    return years_of_partnerships([partnership])[partnership.pk]


def years_of_partnerships(partnerships: Iterable[Partnership]) -> dict[int, PartnershipYears]:
    """Each partnership's years by its id, in one query whatever their number."""
    partnerships = list(partnerships)
    spans = {
        row["partnership"]: (row["first"], row["last"])
        for row in Strategy.objects.filter(partnership__in=partnerships)
        .values("partnership")
        .annotate(first=Min("start_year"), last=Max("end_year"))
        .order_by()
    }
    years = {}
    for partnership in partnerships:
        if partnership.pk in spans:
            first, last = spans[partnership.pk]
            first, last = first - YEARS_BEFORE_FIRST_STRATEGY, last + YEARS_AFTER_LAST_STRATEGY
        else:
            first, last = settings.PERIOD_YEARS_WITHOUT_STRATEGY
        years[partnership.pk] = PartnershipYears(partnership.name, first, last)
    return years
