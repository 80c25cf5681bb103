"""Calculated indicators: a ratio of two others (incidents per 1,000 residents, repeats as a
percentage of cases heard, cases per FTE), made whenever figures are read and never entered.

A calculated figure exists for each period and breakdown option where the audience may see a
figure of both parts as at the quarter asked for: `visible_figures` fetches the parts with the
indicators asked for and calls `with_calculated`. A year's ratio is made from the year's counts
(each part's year figure, entered or made from its four quarters), never from the mean of
quarterly ratios. A population is counted for a whole year, so its year's figure serves as the
denominator of that year's quarters and years to date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from indicators.models import BreakdownOption, Indicator, Unit
from indicators.periods import Period

NO_DENOMINATOR = "no denominator"

Key = tuple[int, int | None]  # (indicator, breakdown option or None for the whole)


@dataclass(frozen=True)
class Calculation:
    """How one calculated indicator is made: for each of its own options (None: the whole),
    the numerator's and the denominator's figures it divides (None: the part has no such
    option, so there is no figure to divide)."""

    indicator_id: int
    multiplier: int
    numerator_rule: str
    denominator_rule: str
    whole_year_denominator: bool
    parts: dict[int | None, tuple[Key | None, Key | None]]

    @property
    def part_ids(self) -> set[int]:
        return {key[0] for pair in self.parts.values() for key in pair if key is not None}


def calculated_refusal(indicator: Indicator) -> str:
    """Why a figure for a calculated indicator cannot be entered or imported."""
    return (
        f"{indicator.code} is calculated ({indicator.formula}): its figures are made from its "
        "parts and never entered. Enter or import the parts instead."
    )


def ratio(numerator: Decimal | None, denominator: Decimal | None, multiplier: int):
    """`numerator ÷ denominator × multiplier` to two decimal places; None without a numerator,
    or with a missing or zero denominator (never a division error)."""
    if numerator is None or not denominator:
        return None
    return (numerator * multiplier / denominator).quantize(Decimal("0.01"))


def year_from_quarters(rule: str, quarters: list[Decimal | None]) -> Decimal | None:
    """A year's figure made from its four quarters, only when all four are there."""
    if rule == "none" or any(q is None for q in quarters):
        return None
    if rule == "sum":
        return sum(quarters, Decimal(0))
    if rule == "mean":
        return (sum(quarters, Decimal(0)) / 4).quantize(Decimal("0.01"))
    if rule == "last":
        return quarters[-1]
    raise ValueError(f"Unknown year rule {rule!r}.")


def with_years(figures: Iterable, rule: str) -> dict[Period, object]:
    """A part's figures by period, with each year not entered made from its four quarters."""
    by_period = {figure.period: figure for figure in figures}
    for year in {period.year for period in by_period}:
        whole = Period(year)
        quarters = [by_period.get(quarter) for quarter in whole.quarters()]
        if whole in by_period or any(quarter is None for quarter in quarters):
            continue
        made = year_from_quarters(rule, [quarter.value for quarter in quarters])
        if made is not None:
            mark = next((quarter.mark for quarter in quarters if quarter.mark), "")
            by_period[whole] = _figure(quarters[0], whole, made, "", mark)
    return by_period


def calculated_figures(
    numerator: Iterable,
    denominator: Iterable,
    *,
    multiplier: int,
    numerator_rule: str = "sum",
    denominator_rule: str = "sum",
    whole_year_denominator: bool = False,
) -> list:
    """The ratio for every period the numerator has a figure: "no denominator" in place of a
    number where the denominator is missing or zero, the numerator's reason where it is
    missing, and "draft" or "awaiting approval" where either part is. No part's comment."""
    tops = with_years(numerator, numerator_rule)
    bottoms = with_years(denominator, denominator_rule)
    figures = []
    for period in sorted(tops):
        top = tops[period]
        bottom = bottoms.get(period)
        if bottom is None and whole_year_denominator and not period.is_year:
            bottom = bottoms.get(period.financial_year)
        mark = top.mark or (bottom.mark if bottom is not None else "")
        if top.value is None:
            figures.append(_figure(top, period, None, top.missing_reason, mark))
            continue
        value = ratio(top.value, bottom.value if bottom is not None else None, multiplier)
        if value is None:
            figures.append(_figure(top, period, None, NO_DENOMINATOR, ""))
        else:
            figures.append(_figure(top, period, value, "", mark))
    return figures


def _figure(like, period: Period, value: Decimal | None, missing: str, mark: str):
    """A `Figure` (of indicators.selectors, which calls this module) made from another."""
    return like._replace(
        period=period,
        value=value,
        missing_reason=missing,
        comment="",
        corrective_action="",
        mark=mark,
    )


def calculations(indicator_ids: Iterable[int]) -> list[Calculation]:
    """How each calculated indicator among these is made: one query, and one more for the
    breakdown options only where a calculated indicator is among them."""
    rows = list(
        Indicator.objects.filter(pk__in=list(indicator_ids), multiplier__isnull=False).values_list(
            "pk",
            "multiplier",
            "numerator_id",
            "denominator_id",
            "numerator__year_rule",
            "denominator__year_rule",
            "denominator__unit",
        )
    )
    if not rows:
        return []
    involved = {pk for row in rows for pk in (row[0], row[2], row[3])}
    codes: dict[int, dict[str, int]] = {pk: {} for pk in involved}
    for indicator_id, pk, code in BreakdownOption.objects.filter(
        indicator_id__in=involved
    ).values_list("indicator_id", "pk", "code"):
        codes[indicator_id][code] = pk
    made = []
    for pk, multiplier, top, bottom, top_rule, bottom_rule, bottom_unit in rows:
        parts = {None: ((top, None), (bottom, None))}
        for code, option in codes[pk].items():
            parts[option] = (
                _part(top, code, codes[top]),
                _part(bottom, code, codes[bottom]),
            )
        made.append(
            Calculation(pk, multiplier, top_rule, bottom_rule, bottom_unit == Unit.PEOPLE, parts)
        )
    return made


def _part(indicator_id: int, code: str, options: dict[str, int]) -> Key | None:
    """A part's figures for an option's code: its own option of that code, or its whole where
    it has no breakdown (a per-FTE rate by refuge over the service's FTE); else none."""
    if code in options:
        return indicator_id, options[code]
    return None if options else (indicator_id, None)


def with_calculated(figures: dict[Key, list], made: list[Calculation]) -> dict[Key, list]:
    """The figures fetched (each calculated indicator's parts among them) with each calculated
    indicator's figures added, by option; an option with no figures of its own is left out."""
    for calculation in made:
        for option, (top, bottom) in calculation.parts.items():
            found = calculated_figures(
                figures.get(top, []) if top else [],
                figures.get(bottom, []) if bottom else [],
                multiplier=calculation.multiplier,
                numerator_rule=calculation.numerator_rule,
                denominator_rule=calculation.denominator_rule,
                whole_year_denominator=calculation.whole_year_denominator,
            )
            key = (calculation.indicator_id, option)
            if found:
                figures[key] = found
            else:
                figures.pop(key, None)
    return figures
