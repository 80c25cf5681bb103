"""The board's dashboard for a strategy and a quarter, fetched in a fixed number of queries.

The database is asked for the indicators and for all their figures of five years in one go;
everything after that is the pure comparison of `dashboard.comparison` over plain values.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.html import escape
from django.utils.safestring import mark_safe

from dashboard import comparison
from dashboard.comparison import Change, Figure, Row
from indicators.completeness import completeness_queryset
from indicators.judgement import target_rating
from indicators.models import BreakdownOption, Indicator, MissingReason, Value
from indicators.periods import Period
from strategy.models import Action, Objective, Partnership, RagUpdate, Strategy

YEARS_SHOWN = 5


@dataclass
class Panel:
    """One indicator, or one option of its breakdown, as the board sees it for a quarter."""

    indicator: Indicator
    option: BreakdownOption | None
    rows: list[Row]
    current: Figure | None
    change: Change | None
    rating: str  # "red", "amber", "green", or "" without a target
    corrective_action: str
    sentence: str
    chart: dict
    new_definitions: list[Period]
    exception: bool
    selected_year: Period

    @property
    def caption(self) -> str:
        if self.option is None:
            return self.indicator.title
        return f"{self.indicator.title} - {self.option.label}"

    @property
    def anchor(self) -> str:
        return f"{self.indicator.code}-{self.option.code if self.option else 'whole'}"

    @property
    def table_rows(self) -> list[tuple[str, bool, str]]:
        """The comparison table's rows as (year, selected, the row's cells as HTML):
        formatting here rather than in the template keeps a 60-indicator page fast."""
        unit = self.indicator.unit
        return [
            (
                str(row.year),
                row.year == self.selected_year,
                mark_safe("".join(_cell_html(cell, unit) for cell in row.cells)),  # noqa: S308
            )
            for row in self.rows
        ]


@dataclass
class ObjectiveSection:
    objective: Objective
    panels: list[Panel] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)


@dataclass
class Dashboard:
    partnership: Partnership
    strategy: Strategy
    quarter: Period
    sections: list[ObjectiveSection]
    red_actions: list[Action]
    overdue: list

    @property
    def exceptions(self) -> list[Panel]:
        return [panel for section in self.sections for panel in section.panels if panel.exception]

    @property
    def charts(self) -> dict[str, dict]:
        return {panel.anchor: panel.chart for section in self.sections for panel in section.panels}


def dashboard(
    *,
    partnership: Partnership,
    strategy: Strategy,
    quarter: Period,
    indicators,
    objective_codes: set[str] | None = None,
    only_exceptions: bool = False,
    today: date,
    years: int | None = YEARS_SHOWN,
) -> Dashboard:
    """Everything the dashboard shows, in the same number of queries for 5 or 60 indicators."""
    objectives = list(
        Objective.objects.filter(strategy=strategy).prefetch_related(
            Prefetch(
                "indicators",
                queryset=indicators.select_related("reporting_organisation").prefetch_related(
                    "options", "definitions", "targets"
                ),
            )
        )
    )
    if objective_codes:
        objectives = [o for o in objectives if o.code in objective_codes]
    figures = _figures(
        {indicator.pk for objective in objectives for indicator in objective.indicators.all()},
        quarter,
        years,
    )
    actions = _actions(strategy)
    sections = []
    for objective in objectives:
        section = ObjectiveSection(objective, actions=_action_counts(actions[objective.pk]))
        for indicator in objective.indicators.all():
            for option in list(indicator.options.all()) or [None]:
                panel = _panel(
                    indicator,
                    option,
                    quarter,
                    figures[(indicator.pk, option.pk if option else None)],
                    partnership.exception_tolerance,
                    years,
                )
                if panel.exception or not only_exceptions:
                    section.panels.append(panel)
        sections.append(section)
    return Dashboard(
        partnership=partnership,
        strategy=strategy,
        quarter=quarter,
        sections=sections,
        red_actions=[a for group in actions.values() for a in group if _is_red(a)],
        overdue=[
            organisation
            for organisation in completeness_queryset(
                partnership, quarter, today=today, visible_ids=None
            )
            if organisation.is_overdue
        ],
    )


def _figures(
    indicator_ids: set[int], quarter: Period, years: int | None = YEARS_SHOWN
) -> dict[tuple, list[Figure]]:
    """All figures of the financial years up to the quarter's (every year if `years` is
    None), in one query."""
    rows = Value.objects.filter(
        indicator_id__in=indicator_ids, period__lte=str(Period(quarter.year, 4))
    )
    if years is not None:
        rows = rows.filter(period__gte=str(Period(quarter.year - years + 1)))
    rows = rows.values_list(
        "indicator_id",
        "option_id",
        "period",
        "value",
        "missing_reason",
        "comment",
        "corrective_action",
    )
    figures: dict[tuple, list[Figure]] = defaultdict(list)
    for indicator_id, option_id, period, value, missing, comment, action in rows:
        figures[(indicator_id, option_id)].append(
            Figure(period, value, missing, comment, corrective_action=action)
        )
    return figures


def _panel(
    indicator: Indicator,
    option: BreakdownOption | None,
    quarter: Period,
    figures: list[Figure],
    tolerance: Decimal,
    years: int | None = YEARS_SHOWN,
) -> Panel:
    quarterly = indicator.frequency == Indicator.Frequency.QUARTERLY
    period = quarter if quarterly else quarter.financial_year
    by_period = {figure.period: figure for figure in figures}
    current = by_period.get(period)
    previous = by_period.get(period.same_period_last_year())
    rows = comparison.comparison_rows(figures, year_rule=indicator.year_rule, years=years)
    # Each recorded change of definition breaks the series where it applies from.
    new_definitions = [definition.applies_from for definition in indicator.definitions.all()]
    comparison.mark_new_definitions(rows, new_definitions)
    value = current.value if current else None
    change = comparison.change_on_last_year(
        unit=indicator.unit,
        direction=indicator.direction,
        current=value,
        previous=previous.value if previous else None,
    )
    target = next((t for t in indicator.targets.all() if t.year == quarter.financial_year), None)
    rating = ""
    if target is not None and value is not None:
        rating = target_rating(
            direction=indicator.direction,
            figure=value,
            target=target.value,
            tolerance=target.tolerance,
            last_year=previous.value if previous else None,
        )
    caption = f"{indicator.title} - {option.label}" if option else indicator.title
    return Panel(
        indicator=indicator,
        option=option,
        rows=rows,
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
            missing=_missing_text(current),
        ),
        chart=comparison.chart(
            rows,
            selected_year=quarter.financial_year,
            title=caption,
            unit=indicator.unit,
            annual=not quarterly,
        ),
        new_definitions=new_definitions,
        exception=comparison.exceeds_tolerance(change, tolerance),
        selected_year=quarter.financial_year,
    )


def _cell_html(cell, unit: str) -> str:
    """One cell of a comparison table; its only text is an escaped figure or a fixed label."""
    marker = '<span title="Definition changed">† </span>' if cell.new_definition else ""
    if cell.value is not None:
        text = escape(comparison.format_figure(cell.value, unit))
    elif cell.missing_reason:
        text = f'<span class="missing">{MissingReason(cell.missing_reason).label}</span>'
    else:
        text = ""
    css = "figure new-definition" if cell.new_definition else "figure"
    return f'<td class="{css}">{marker}{text}</td>'


def _missing_text(figure: Figure | None) -> str:
    if figure is None or not figure.missing_reason:
        return ""
    return MissingReason(figure.missing_reason).label.lower()


def _actions(strategy: Strategy) -> dict[int, list[Action]]:
    """The strategy's actions with their latest RAG rating, in one query."""
    latest = RagUpdate.objects.filter(action=OuterRef("pk")).order_by("-period")
    grouped: dict[int, list[Action]] = defaultdict(list)
    for action in Action.objects.filter(objective__strategy=strategy).annotate(
        latest_rag=Subquery(latest.values("rag")[:1])
    ):
        grouped[action.objective_id].append(action)
    return grouped


def _is_red(action: Action) -> bool:
    return action.status == Action.Status.OPEN and action.latest_rag == "red"


def _action_counts(actions: list[Action]) -> dict[str, int]:
    counts = Counter()
    for action in actions:
        if action.status == Action.Status.OPEN:
            counts[action.latest_rag or "not-rated"] += 1
        else:
            counts[action.status] += 1
    keys = ("red", "amber", "green", "not-rated", "complete", "carried-forward")
    return {key: counts.get(key, 0) for key in keys}
