"""The board's dashboard for a strategy and a quarter, fetched in a fixed number of queries.

The database is asked for the indicators and for all the figures of five years the audience
may see as at the quarter (`dashboard.selectors`), in one go; everything after that is the pure
comparison of `dashboard.comparison` over plain values.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Subquery

from dashboard import charts, comparison, levels, signals
from dashboard.comparison import Cell, Row
from dashboard.selectors import (
    INDICATOR_RELATED,
    BoardView,
    ComparisonTable,
    comparison_table,
    indicator_figures,
)
from dashboard.signals import Reading
from indicators import formatting
from indicators.completeness import completeness_queryset
from indicators.judgement import Change, change_on_last_year, target_rating
from indicators.models import BreakdownOption, Indicator, Unit
from indicators.parts import with_parts
from indicators.periods import Period
from indicators.selectors import Audience, Figure
from strategy.models import Action, Narrative, Objective, Partnership, RagUpdate, Strategy
from strategy.narratives import narratives_of

YEARS_SHOWN = 5


@dataclass
class Panel:
    """One indicator, or one option of its breakdown, as the board sees it for a quarter."""

    indicator: Indicator
    option: BreakdownOption | None
    table: ComparisonTable
    period: Period  # what the view reports: the quarter, its year to date, or a year
    current: Figure | None
    change: Change | None
    rating: str  # "red", "amber", "green", or "" without a target
    corrective_action: str
    sentence: str
    chart: dict
    new_definitions: list[Period]
    not_comparable_from: Period | None  # a changed definition between it and last year's
    reading: Reading
    exceptions: list[str]  # why the board should discuss it, if it should

    @property
    def exception(self) -> bool:
        return bool(self.exceptions)

    @property
    def caption(self) -> str:
        return self.table.caption

    @property
    def variation(self) -> str:
        """The variation word, or why there is none."""
        return self.reading.word

    @property
    def assurance(self) -> str:
        """The assurance word, or why there is none."""
        return self.reading.assurance_text

    @property
    def last_year(self) -> Cell | None:
        """The table's cell for the same period a year before the one reported."""
        return comparison.cell_for(self.rows, self.period.same_period_last_year())

    @property
    def trend(self) -> list[tuple[Period, Decimal | None]]:
        """The period reported and the same period in each earlier year of the table, oldest
        first: the scorecard's trend."""
        period, found = self.period, []
        for row in reversed(self.rows):
            if row.to_date != period.to_date or row.year.year > period.year:
                continue
            if period.is_year:
                cell = row.full_year
            else:
                cell = row.quarters[period.quarter - 1] if row.quarters else None
            found.append(
                (Period(row.year.year, period.quarter, period.to_date), cell and cell.value)
            )
        return found

    @property
    def rows(self) -> list[Row]:
        return self.table.rows

    @property
    def anchor(self) -> str:
        return f"{self.indicator.code}-{self.option.code if self.option else 'whole'}"


@dataclass
class ObjectiveSection:
    objective: Objective
    panels: list[Panel] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)
    narrative: Narrative | None = None  # the quarter's; see add_narratives

    @property
    def success_measures(self) -> list[str]:
        return [line for line in self.objective.success_measures.splitlines() if line.strip()]


@dataclass
class Dashboard:
    partnership: Partnership
    strategy: Strategy
    quarter: Period
    sections: list[ObjectiveSection]
    red_actions: list[Action]
    overdue: list
    audience: Audience

    @property
    def exceptions(self) -> list[Panel]:
        return [panel for section in self.sections for panel in section.panels if panel.exception]

    @property
    def charts(self) -> dict[str, dict]:
        return {panel.anchor: panel.chart for section in self.sections for panel in section.panels}

    @property
    def first_year(self) -> Period:
        """The strategy's first financial year: earlier years are its baseline."""
        return Period(self.strategy.start_year)

    @property
    def marked(self) -> bool:
        """Some figure shown is a draft or awaits approval."""
        return any(
            cell.mark
            for section in self.sections
            for panel in section.panels
            for row in panel.rows
            for cell in row.cells
        )


def dashboard(view: BoardView, *, today: date, years: int | None = YEARS_SHOWN) -> Dashboard:
    """Everything the dashboard shows for a view with a strategy and a quarter, in the same
    number of queries for 5 or 60 indicators."""
    strategy, quarter = view.strategy, view.quarter
    objectives = list(
        Objective.objects.filter(strategy=strategy).prefetch_related(
            Prefetch("indicators", queryset=view.indicators.select_related(*INDICATOR_RELATED))
        )
    )
    if view.objective_codes:
        objectives = [o for o in objectives if o.code in view.objective_codes]
    indicators = with_parts(i for objective in objectives for i in objective.indicators.all())
    partnership = view.partnership
    figures = indicator_figures(
        indicators,
        audience=view.audience,
        as_at=quarter,
        years=years,
        since=partnership.signal_baseline_from,
    )
    actions = _actions(strategy, quarter)
    sections = []
    for objective in objectives:
        section = ObjectiveSection(objective, actions=_action_counts(actions[objective.pk]))
        for indicator in objective.indicators.all():
            for option in list(indicator.options.all()) or [None]:
                table = comparison_table(
                    indicator,
                    option,
                    figures,
                    years=years,
                    first_year=strategy.start_year,
                    selected_year=quarter.financial_year,
                    since=quarter.year - years + 1 if years else None,
                )
                own = figures.get((indicator.pk, option.pk if option else None), [])
                panel = _panel(
                    indicator,
                    option,
                    quarter,
                    table,
                    own,
                    partnership=partnership,
                    denominators=_denominator_rows(indicator, option, figures),
                )
                if panel.exception or not view.only_exceptions:
                    section.panels.append(panel)
        sections.append(section)
    return Dashboard(
        partnership=view.partnership,
        strategy=strategy,
        quarter=quarter,
        sections=sections,
        red_actions=[a for group in actions.values() for a in group if _is_red(a)],
        overdue=[
            organisation
            for organisation in completeness_queryset(
                view.partnership, quarter, today=today, visible_ids=None
            )
            if organisation.is_overdue
        ],
        audience=view.audience,
    )


def _panel(
    indicator: Indicator,
    option: BreakdownOption | None,
    quarter: Period,
    table: ComparisonTable,
    series: list[Figure],
    *,
    partnership: Partnership,
    denominators: list[Row],
) -> Panel:
    """One table's panel; `series` holds every figure fetched for it, reaching further back
    than the table for its signals; `denominators` the rows of its denominator's figures, for
    the chance test of a percentage's change."""
    period = comparison.period_shown(
        frequency=indicator.frequency_in(quarter.year), quarter=quarter, compact=table.compact
    )
    figures = {f.period: f for f in table.figures}
    current_cell = comparison.cell_for(table.rows, period)
    previous_cell = comparison.cell_for(table.rows, period.same_period_last_year())
    value = current_cell.value if current_cell else None
    previous = previous_cell.value if previous_cell else None
    new_definitions = indicator.definition_starts()
    broken = comparison.break_between(period.same_period_last_year(), period, new_definitions)
    change = None
    if broken is None:
        change = change_on_last_year(
            unit=indicator.unit, direction=indicator.direction, current=value, previous=previous
        )
    target = next((t for t in indicator.targets.all() if t.year == period.financial_year), None)
    rating = ""
    if target is not None and value is not None:
        rating = target_rating(
            direction=indicator.direction,
            figure=value,
            target=target.value,
            tolerance=target.tolerance,
            last_year=previous,
        )
    current = figures.get(period)
    not_comparable_from = broken if value is not None and previous is not None else None
    reading = signals.reading(
        series,
        period=period,
        unit=indicator.unit,
        direction=indicator.direction,
        definitions=new_definitions,
        target=target.value if target is not None else None,
        baseline=partnership.signal_baseline,
    )
    beyond_chance = ""
    if change is not None:
        beyond_chance = signals.change_beyond_chance(
            unit=indicator.unit,
            direction=indicator.direction,
            figure=change.current,
            last_year=change.previous,
            denominators=(
                _value_at(denominators, period),
                _value_at(denominators, period.same_period_last_year()),
            ),
            tolerance=partnership.percentage_points_tolerance,
        )
    return Panel(
        indicator=indicator,
        option=option,
        table=table,
        period=period,
        current=current,
        change=change,
        rating=rating,
        corrective_action=current.corrective_action if current and rating == "red" else "",
        sentence=comparison.sentence(
            period=period,
            unit=indicator.unit,
            noun=indicator.noun,
            current=value,
            change=change,
            missing=formatting.missing_text(current_cell.missing_reason).lower()
            if current_cell and current_cell.missing_reason
            else "",
            not_comparable=not_comparable_from,
        ),
        chart=charts.chart(
            table.rows,
            selected_year=quarter.financial_year,
            title=table.caption,
            unit=indicator.unit,
            selected=period,
            expected=levels.chart_level(indicator, table.rows),
        ),
        new_definitions=new_definitions,
        not_comparable_from=not_comparable_from,
        reading=reading,
        exceptions=_exceptions(period, change, beyond_chance, rating, reading),
    )


def _exceptions(
    period: Period, change: Change | None, beyond_chance: str, rating: str, reading: Reading
) -> list[str]:
    """Why a panel is an exception: a concerning special cause at its latest point, a change
    on the same period last year beyond chance the wrong way, or red against target."""
    reasons = []
    if reading.variation.word == signals.VariationWord.CONCERNING:
        rules = ", ".join(reading.latest_rules)
        reasons.append(f"{signals.VariationWord.CONCERNING} ({rules})")
    if change is not None and beyond_chance == "worse":
        last_year = comparison.spoken(period.same_period_last_year())
        reasons.append(f"{change.text} on {last_year}: beyond chance, the wrong way")
    if rating == "red":
        reasons.append(f"red against the target for {period.financial_year}")
    return reasons


def _denominator_rows(
    indicator: Indicator, option: BreakdownOption | None, figures: dict
) -> list[Row]:
    """The denominator's figures as rows (years from counts), where the indicator is a
    percentage of a stored count; empty otherwise."""
    if indicator.unit != Unit.PERCENTAGE or not indicator.denominator_id:
        return []
    own = figures.get((indicator.denominator_id, option.pk if option else None), [])
    return comparison.comparison_rows(own, year_rule="sum")


def _value_at(rows: list[Row], period: Period) -> Decimal | None:
    cell = comparison.cell_for(rows, period)
    return cell.value if cell else None


def _actions(strategy: Strategy, quarter: Period) -> dict[int, list[Action]]:
    """The strategy's actions with their latest RAG rating by the end of the quarter, in one
    query (ratings are given for quarters, written as `2015/16 Q3`, which sort as text)."""
    latest = RagUpdate.objects.filter(action=OuterRef("pk"), period__lte=str(quarter))
    latest = latest.order_by("-period")
    grouped: dict[int, list[Action]] = defaultdict(list)
    for action in Action.objects.filter(objective__strategy=strategy).annotate(
        latest_rag=Subquery(latest.values("rag")[:1])
    ):
        grouped[action.objective_id].append(action)
    return grouped


def _is_red(action: Action) -> bool:
    return action.is_open and action.latest_rag == "red"


def _action_counts(actions: list[Action]) -> dict[str, int]:
    counts = Counter()
    for action in actions:
        if action.is_open:
            counts[action.latest_rag or "not-rated"] += 1
        else:
            counts[action.status] += 1
    keys = ("red", "amber", "green", "not-rated", "complete", "carried-forward")
    return {key: counts.get(key, 0) for key in keys}


def add_narratives(dashboard: Dashboard, *, drafts: bool) -> Dashboard:
    """Each section's narrative for the quarter, in one query: the final ones, and drafts too
    for those who write them (`drafts`), never for the board."""
    found = narratives_of(
        [section.objective for section in dashboard.sections], str(dashboard.quarter), drafts=drafts
    )
    for section in dashboard.sections:
        section.narrative = found.get(section.objective.pk)
    return dashboard
