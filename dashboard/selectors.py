"""What the board sees: the one place that reads an address's (or a command's) choice of
strategy, quarter and filters, and the figures each person may see as at that quarter.

The dashboard, meeting mode, the board pack (download and command), the CSV of figures and
single-table downloads all start here, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from dashboard import charts, comparison, levels, signals
from dashboard.comparison import Row
from dashboard.filters import DashboardFilter
from dashboard.tables import ComparisonTable
from indicators.models import BreakdownOption, Indicator, Unit, Value
from indicators.parts import with_parts
from indicators.periods import Period, PeriodError, parse_period
from indicators.selectors import Audience, Figure, board_quarters, visible_figures
from indicators.years import PartnershipYears
from strategy import access
from strategy.models import Objective, Organisation, Partnership, Strategy

# A calculated indicator's series breaks where either part's definition changes, so a page of
# indicators reads its parts too (indicators.parts.with_parts holds their definitions).
INDICATOR_RELATED = ("reporting_organisation", "numerator", "denominator")


def _plans() -> list[Prefetch]:
    objectives = Objective.objects.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("order", "code"))
    )
    strategies = Strategy.objects.prefetch_related(Prefetch("objectives", queryset=objectives))
    return [
        Prefetch("strategies", queryset=strategies),
        Prefetch(
            "indicators",
            queryset=Indicator.objects.select_related("reporting_organisation").prefetch_related(
                "options"
            ),
        ),
    ]


def partnerships_with_plans(user) -> QuerySet[Partnership]:
    """The user's partnerships, each with its strategies, their objectives and indicators."""
    return (
        access.visible_partnerships(user).select_related("predecessor").prefetch_related(*_plans())
    )


@dataclass
class BoardView:
    """A strategy, a quarter and the filters, chosen from an address's query or a command's
    options; defaults: the latest strategy, and the latest quarter with approved figures."""

    partnership: Partnership
    audience: Audience
    strategies: list[Strategy]
    strategy: Strategy | None
    quarters: list[Period]
    quarter: Period | None
    filterset: DashboardFilter
    objective: str | None = None
    organisation: Organisation | None = None
    only_exceptions: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def indicators(self) -> QuerySet[Indicator]:
        """The partnership's indicators, narrowed by the reporting organisation if chosen."""
        chosen = Indicator.objects.filter(partnership=self.partnership)
        if self.organisation is not None:
            chosen = chosen.filter(reporting_organisation=self.organisation)
        return chosen

    @property
    def objective_codes(self) -> set[str] | None:
        return {self.objective} if self.objective else None


def board_view(
    *,
    partnership: Partnership,
    audience: Audience,
    params: Mapping[str, str],
) -> BoardView:
    """Reads `strategy`, `quarter` (`2015-16-q3` or `2015/16 Q3`), `objective`,
    `organisation` and `exceptions`; what is not understood is ignored and said in
    `problems`."""
    strategies = list(partnership.strategies.order_by("-start_year"))
    quarters = board_quarters(partnership, years=audience.years)
    chosen = params.get("strategy")
    strategy = next((s for s in strategies if s.slug == chosen), None) or (
        strategies[0] if strategies else None
    )
    data = {key: params[key] for key in params if params.get(key)} or None
    if data and data.get("quarter"):
        data["quarter"] = _slug(data["quarter"])
    filterset = DashboardFilter(
        data,
        partnership=partnership,
        strategies=strategies,
        quarters=quarters,
        objectives=strategy.objectives.all() if strategy else [],
    )
    options = filterset.form.cleaned_data if filterset.is_valid() else {}
    problems = []
    if filterset.is_bound and not filterset.is_valid():
        problems = [f"{name}: {' '.join(errors)}" for name, errors in filterset.form.errors.items()]
    if chosen and (strategy is None or strategy.slug != chosen):
        problems.append(f"strategy: no strategy {chosen!r}.")
    quarter = next((q for q in quarters if q.slug == options.get("quarter")), None)
    return BoardView(
        partnership=partnership,
        audience=audience,
        strategies=strategies,
        strategy=strategy,
        quarters=quarters,
        quarter=quarter or (quarters[0] if quarters else None),
        filterset=filterset,
        objective=options.get("objective") or None,
        organisation=options.get("organisation"),
        only_exceptions=bool(options.get("exceptions")),
        problems=problems,
    )


def _slug(text: str) -> str:
    """A quarter as written by a person (`2015/16 Q3`) or in an address (`2015-16-q3`)."""
    try:
        return parse_period(text).slug
    except PeriodError:
        return text


def indicator_figures(
    indicators: list[Indicator],
    *,
    audience: Audience,
    as_at: Period | None = None,
    years: int | None = None,
    since: int | None = None,
) -> dict[tuple[int, int | None], list[Figure]]:
    """The figures the audience may see of these indicators and, for percentages made from
    counts, of their counts, in one query: as at a quarter, the last `years` years, and as far
    back as each indicator's signals look (to the year `since`, a fixed baseline's first)."""
    ids = {i.pk for i in indicators}
    ids |= {i.numerator_id for i in indicators if i.numerator_id}
    ids |= {i.denominator_id for i in indicators if i.denominator_id}
    first_year = None
    if as_at is not None and years:
        shown = as_at.year - years + 1
        first_year = dict.fromkeys(ids, shown)
        signals_from = {i.pk: series_first_year(i, as_at) for i in indicators}
        if since is not None:
            signals_from = {pk: min(year, since) for pk, year in signals_from.items()}
        first_year |= {pk: min(shown, year) for pk, year in signals_from.items()}
    return visible_figures(indicator_ids=ids, audience=audience, as_at=as_at, first_year=first_year)


def series_first_year(indicator: Indicator, as_at: Period) -> int:
    """The earliest year an indicator's signals as at a quarter may reach: 20 quarters back
    for one reported quarterly throughout, 20 years back for one with whole years or years to
    date, whose series are a point a year. (A quarterly indicator with whole years entered
    alone in the years shown is judged on the years fetched.)"""
    quarterly = Indicator.Frequency.QUARTERLY
    if indicator.frequency == quarterly and all(
        change.frequency == quarterly for change in indicator.frequency_changes.all()
    ):
        return (as_at.year * 4 + as_at.quarter - 1 - (signals.MOST_POINTS - 1)) // 4
    return as_at.year - (signals.MOST_POINTS - 1)


def comparison_table(
    indicator: Indicator,
    option: BreakdownOption | None,
    figures: dict[tuple[int, int | None], list[Figure]],
    *,
    years: int | None = None,
    first_year: int | None = None,
    selected_year: Period | None = None,
    since: int | None = None,
) -> ComparisonTable:
    """One indicator's (or option's) table from figures fetched by `indicator_figures`, of the
    years from `since` on (all the years fetched, if None)."""
    key = option.pk if option else None
    own = figures.get((indicator.pk, key), [])
    if since is not None:
        own = [figure for figure in own if figure.period.year >= since]
    rows = comparison.comparison_rows(
        own,
        year_rule=indicator.year_rule,
        years=years,
        from_counts=_from_counts(indicator, key, figures),
        first_year=first_year,
    )
    comparison.mark_new_definitions(rows, indicator.definition_starts())
    caption = f"{indicator.title} - {option.label}" if option else indicator.title
    return ComparisonTable(
        caption,
        indicator.unit,
        rows,
        option,
        selected_year,
        own,
        code=indicator.code,
        expected=levels.expected_line(indicator, rows),
        counts=_counts_of(indicator, key, figures),
    )


def _counts_of(indicator: Indicator, option_id, figures) -> list[Row]:
    """The rows of the count a calculated rate is made from (its numerator's), so that a
    publication withholds a rate wherever it withholds the count: with the population, which
    is public, the rate would give the count away."""
    if not indicator.is_calculated or indicator.numerator.unit != Unit.COUNT:
        return []
    own = figures.get((indicator.numerator_id, option_id), [])
    return comparison.comparison_rows(own, year_rule="sum")


def _from_counts(indicator: Indicator, option_id, figures) -> dict[int, Decimal]:
    """Each year's percentage from the year's counts, where both counts have all four
    quarters (or a year's figure) the audience may see."""
    if not (indicator.numerator_id and indicator.denominator_id) or indicator.is_calculated:
        return {}  # a calculated indicator's years are already made from its parts' years
    parts = [
        comparison.comparison_rows(figures.get((pk, option_id), []), year_rule="sum")
        for pk in (indicator.numerator_id, indicator.denominator_id)
    ]
    numerators, denominators = ({r.year.year: r.full_year.value for r in p} for p in parts)
    made = {
        year: comparison.percentage_from_counts(numerators[year], denominators.get(year))
        for year in numerators
    }
    return {year: value for year, value in made.items() if value is not None}


def indicator_tables(
    partnership: Partnership, code: str, *, audience: Audience, as_at: Period | None = None
) -> tuple[Indicator, list[ComparisonTable]]:
    """An indicator with its options, definitions, targets and owner, and its tables: every
    year the audience may see (as at the end of a quarter, if given)."""
    indicator = get_object_or_404(
        Indicator.objects.select_related(*INDICATOR_RELATED), partnership=partnership, code=code
    )
    return indicator, tables_of([indicator], audience=audience, as_at=as_at)[indicator.pk]


def tables_of(
    indicators: Iterable[Indicator], *, audience: Audience, as_at: Period | None = None
) -> dict[int, list[ComparisonTable]]:
    """Each indicator's tables (fetched with INDICATOR_RELATED), every year the audience may
    see, by indicator: in the same queries for one indicator or twenty."""
    indicators = with_parts(indicators)
    figures = indicator_figures(indicators, audience=audience, as_at=as_at)
    baseline = audience.partnership.signal_baseline
    found = {}
    for indicator in indicators:
        options = list(indicator.options.all())
        # The whole has a table of its own unless the figures come only by breakdown.
        whole = [None] if not options or figures.get((indicator.pk, None)) else []
        tables = [comparison_table(indicator, o, figures) for o in [*whole, *options]]
        for table in tables:
            table.reading = _latest_reading(indicator, table, baseline=baseline)
        found[indicator.pk] = tables
    return found


def _latest_reading(
    indicator: Indicator, table: ComparisonTable, *, baseline: tuple[int, int] | None
) -> signals.Reading | None:
    """The table's series judged at its latest figure, as the dashboard would judge it."""
    latest = max((f.period for f in table.figures if f.value is not None), default=None)
    if latest is None:
        return None
    return signals.reading(
        table.figures,
        period=latest,
        unit=indicator.unit,
        direction=indicator.direction,
        definitions=indicator.definition_starts(),
        baseline=baseline,
    )


def indicator_charts(
    indicator: Indicator, tables: list[ComparisonTable], period: Period | None
) -> dict[str, dict]:
    """Each table's chart, by the table's anchor: its latest five years, the latest (or the
    year of the period asked for) strong, and that period marked."""
    return {
        table.anchor: charts.chart(
            table.rows,
            selected_year=period.financial_year if period else table.rows[0].year,
            title=table.caption,
            unit=indicator.unit,
            selected=period,
            expected=levels.chart_level(indicator, table.rows),
        )
        for table in tables
        if table.rows
    }


def history_period(text: str, years: PartnershipYears) -> tuple[Period | None, str]:
    """The period an indicator page's `?period=` asks for (None: every period), and why it
    was not understood, if it was not: not a period, or outside the partnership's years."""
    if not text:
        return None, ""
    try:
        period = parse_period(text)
    except PeriodError as error:
        return None, str(error)
    return (period, "") if period in years else (None, years.problem(period))


def indicator_history(
    indicator: Indicator, period: Period | None = None, *, audience: Audience
) -> list:
    """Every recorded change to the indicator's figures, newest first: drafts and figures
    awaiting approval only for those who may see the reporting organisation's drafts.
    `is_current` marks each figure's latest record while the figure exists (what a coordinator
    may delete)."""
    records = Value.history.filter(indicator_id=indicator.pk).select_related(
        "history_user", "option"
    )
    if not audience.sees_drafts_of(indicator.reporting_organisation_id):
        records = records.filter(state=Value.State.APPROVED)
    existing = Value.objects.filter(indicator=indicator)
    if period is not None:
        records = records.filter(period=period)
        existing = existing.filter(period=period)
    current = set(existing.values_list("pk", flat=True))
    records = list(records.order_by("-history_date", "-history_id"))
    for record in records:
        record.is_current = record.id in current
        current.discard(record.id)
    return records
