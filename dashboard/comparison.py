"""The central view: each quarter against the same quarter in earlier years.

Plain functions over plain figures, no database: the committee table of the 2016 paper, with
financial years as rows (newest first) and Q1 to Q4 and the full year as columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from indicators.periods import Period

QUARTER_COLUMNS = ("Q1", "Q2", "Q3", "Q4")


@dataclass(frozen=True)
class Figure:
    """One reported figure, or the reason it is missing."""

    period: Period
    value: Decimal | None
    missing_reason: str = ""
    comment: str = ""


@dataclass
class Cell:
    value: Decimal | None = None
    missing_reason: str = ""
    comment: str = ""
    derived: bool = False  # a full year made from its quarters, not entered


@dataclass
class Row:
    year: Period
    quarters: list[Cell] = field(default_factory=list)
    full_year: Cell = field(default_factory=Cell)

    @property
    def cells(self) -> list[Cell]:
        return [*self.quarters, self.full_year]


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


def comparison_rows(
    figures: Iterable[Figure], *, year_rule: str, years: int | None = None
) -> list[Row]:
    """The committee table: one row per financial year with figures, newest first."""
    by_period = {figure.period: figure for figure in figures}
    all_years = sorted({period.year for period in by_period}, reverse=True)
    rows = []
    for year in all_years[:years] if years else all_years:
        row = Row(year=Period(year))
        for quarter in Period(year).quarters():
            found = by_period.get(quarter)
            row.quarters.append(
                Cell(found.value, found.missing_reason, found.comment) if found else Cell()
            )
        entered = by_period.get(Period(year))
        if entered is not None:
            # A year's figure entered directly always wins over one made from quarters.
            row.full_year = Cell(entered.value, entered.missing_reason, entered.comment)
        else:
            made = year_from_quarters(year_rule, [cell.value for cell in row.quarters])
            row.full_year = Cell(made, derived=made is not None)
        rows.append(row)
    return rows
