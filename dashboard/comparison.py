"""The central view: each quarter against the same quarter in earlier years.

Plain functions over plain figures, no database: the committee table of the 2016 paper, with
financial years as rows (newest first) and Q1 to Q4 and the full year as columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from indicators.calculated import year_from_quarters
from indicators.formatting import NO_FIGURE, figure_text
from indicators.judgement import Change
from indicators.periods import Period
from indicators.selectors import Figure

QUARTER_COLUMNS = ("Q1", "Q2", "Q3", "Q4")
QUARTERLY_HEADER = ("Year", *QUARTER_COLUMNS, "Full year")
COMPACT_HEADER = ("Year", "Full year")
AVERAGE_OF_QUARTERS = "average of quarters"
FROM_COUNTS = "from the year's counts"


@dataclass
class Cell:
    value: Decimal | None = None
    missing_reason: str = ""
    comment: str = ""
    derived: bool = False  # a full year made from its quarters, not entered
    new_definition: bool = False  # the first period counted under a changed definition
    mark: str = ""  # "draft" or "awaiting approval": not (yet) the approved figure
    basis: str = ""  # how a derived full year was made, where a reader needs telling


@dataclass
class Row:
    """One financial year of a committee table; a year to date has a row of its own, each
    quarter's column holding the total from Q1 to that quarter."""

    year: Period
    quarters: list[Cell] = field(default_factory=list)
    full_year: Cell = field(default_factory=Cell)
    to_date: bool = False
    baseline: bool = False  # before the strategy's first year

    @property
    def cells(self) -> list[Cell]:
        return [*self.quarters, self.full_year]

    @property
    def label(self) -> str:
        """`2015/16`, or `2015/16 to date`: the row's header on pages and in files. A baseline
        year keeps its plain label; tables say below which years are the baseline."""
        return f"{self.year} to date" if self.to_date else str(self.year)

    def periods(self) -> list[Period]:
        """The period of each cell, in the order of `cells`."""
        quarters = [Period(self.year.year, q, to_date=self.to_date) for q in range(1, 5)]
        return [*quarters[: len(self.quarters)], self.year]


def is_compact(figures: Iterable[Figure]) -> bool:
    """Only whole years among the figures: the table is just `Year, Full year`."""
    return all(figure.period.is_year for figure in figures)


def percentage_from_counts(numerator: Decimal | None, denominator: Decimal | None):
    """A year's percentage from the year's counts (repeats over cases heard)."""
    if numerator is None or not denominator:
        return None
    return (numerator / denominator * 100).quantize(Decimal("0.01"))


def comparison_rows(
    figures: Iterable[Figure],
    *,
    year_rule: str,
    years: int | None = None,
    from_counts: dict[int, Decimal] | None = None,
    first_year: int | None = None,
) -> list[Row]:
    """The committee table: one row per financial year with figures, newest first, and a row
    for each year to date. `from_counts` gives a percentage's full year made from its counts;
    years before `first_year` (the strategy's) are its baseline."""
    figures = list(figures)
    by_period = {figure.period: figure for figure in figures}
    compact = is_compact(figures)
    all_years = sorted({period.year for period in by_period}, reverse=True)
    rows = []
    for year in all_years[:years] if years else all_years:
        baseline = first_year is not None and year < first_year
        periods = [p for p in by_period if p.year == year]
        if compact or any(not p.to_date for p in periods):
            row = Row(year=Period(year), baseline=baseline)
            if not compact:
                row.quarters = [_cell(by_period.get(q)) for q in Period(year).quarters()]
            row.full_year = _full_year(
                by_period.get(Period(year)), row.quarters, year_rule, (from_counts or {}).get(year)
            )
            rows.append(row)
        if any(p.to_date for p in periods):
            to_date = [_cell(by_period.get(Period(year, q, to_date=True))) for q in (1, 2, 3, 4)]
            rows.append(Row(Period(year), to_date, Cell(), to_date=True, baseline=baseline))
    return rows


def _cell(figure: Figure | None) -> Cell:
    if figure is None:
        return Cell()
    return Cell(figure.value, figure.missing_reason, figure.comment, mark=figure.mark)


def _full_year(
    entered: Figure | None, quarters: list[Cell], rule: str, from_counts: Decimal | None
) -> Cell:
    # A year's figure entered directly always wins over one made from quarters.
    if entered is not None:
        return _cell(entered)
    mark = next((cell.mark for cell in quarters if cell.mark), "")
    complete = len(quarters) == 4 and all(cell.value is not None for cell in quarters)
    if complete and from_counts is not None:
        return Cell(from_counts, derived=True, mark=mark, basis=FROM_COUNTS)
    made = year_from_quarters(rule, [cell.value for cell in quarters]) if quarters else None
    basis = AVERAGE_OF_QUARTERS if rule == "mean" else ""
    return Cell(made, derived=made is not None, mark=mark if made is not None else "", basis=basis)


def cell_for(rows: list[Row], period: Period) -> Cell | None:
    """The table's cell for a period: a quarter, a year to date or a full year."""
    for row in rows:
        if row.year.year == period.year and row.to_date == period.to_date:
            if period.is_year:
                return row.full_year
            return row.quarters[period.quarter - 1] if row.quarters else None
    return None


def period_shown(*, frequency: str, quarter: Period, compact: bool) -> Period:
    """The period a view as at `quarter` reports: the quarter; its year to date; or, for a
    measure of whole years, the latest year that ended on or before the quarter."""
    if frequency == "year-to-date" and not compact:
        return Period(quarter.year, quarter.quarter, to_date=True)
    if frequency == "annual" or compact:
        return Period(quarter.year) if quarter.quarter == 4 else Period(quarter.year - 1)
    return quarter


def sentence(
    *,
    period: Period,
    unit: str,
    noun: str,
    current: Decimal | None,
    change: Change | None,
    missing: str = "",
    not_comparable: Period | None = None,
) -> str:
    """Says it plainly: `Q3 2015/16: 1,859 incidents, up 5.7% on Q3 2014/15 (1,758).`"""
    said, last_year = spoken(period), spoken(period.same_period_last_year())
    if current is None:
        return f"{said}: {missing or NO_FIGURE.lower()}."
    text = f"{said}: {figure_text(current, unit)}{' ' + noun if noun else ''}"
    if not_comparable is not None:
        return (
            f"{text}; not comparable with {last_year}: the definition changed from "
            f"{not_comparable}."
        )
    if change is None:
        return f"{text}; no figure for {last_year} to compare."
    return f"{text}, {change.text} on {last_year} ({figure_text(change.previous, unit)})."


def spoken(period: Period) -> str:
    """`Q3 2015/16`, `2015/16 to the end of Q3`, as committee papers say it in a sentence."""
    if period.to_date:
        return f"{period.financial_year} to the end of Q{period.quarter}"
    return f"Q{period.quarter} {period.financial_year}" if period.is_quarter else str(period)


def mark_new_definitions(rows: list[Row], starts: Iterable[Period]) -> None:
    """Flags each cell whose period holds the start of a changed definition: the series
    breaks there (the quarter it starts in, and that quarter's year and years to date)."""
    starts = [start.start for start in starts]
    if not starts:
        return
    for row in rows:
        for cell, period in zip(row.cells, row.periods(), strict=True):
            cell.new_definition = any(period.start <= day <= period.end for day in starts)


def break_between(earlier: Period, later: Period, starts: Iterable[Period]) -> Period | None:
    """The changed definition that makes two periods not comparable, if any."""
    return next((s for s in starts if earlier.end < s.start <= later.end), None)
