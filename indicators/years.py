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

from indicators.models import Indicator
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
    return {p.pk: _years(p.name, spans.get(p.pk)) for p in partnerships}


def years_of_indicators(indicator_ids: Iterable[int]) -> dict[int, PartnershipYears]:
    """The years of each indicator's partnership, by the indicator's id, in one query whatever
    the number of partnerships: for a page that reads several partnerships' figures at once."""
    rows = (
        Indicator.objects.filter(pk__in=list(indicator_ids))
        .values_list("pk", "partnership__name")
        .annotate(
            first=Min("partnership__strategies__start_year"),
            last=Max("partnership__strategies__end_year"),
        )
        .order_by()
    )
    return {
        pk: _years(name, None if first is None else (first, last)) for pk, name, first, last in rows
    }


def _years(name: str, span: tuple[int, int] | None) -> PartnershipYears:
    """A partnership's years from the first and last years of its strategies (None: it has
    none)."""
    if span is None:
        first, last = settings.PERIOD_YEARS_WITHOUT_STRATEGY
        return PartnershipYears(name, first, last)
    first, last = span
    return PartnershipYears(
        name, first - YEARS_BEFORE_FIRST_STRATEGY, last + YEARS_AFTER_LAST_STRATEGY
    )
