"""Reads for the board's pages: each fetches what a page shows in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from dashboard.comparison import Figure, Row, comparison_rows
from indicators.models import BreakdownOption, Indicator, Value
from indicators.periods import Period
from strategy import access
from strategy.models import Objective, Partnership, Strategy


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


def quarters_with_figures(partnership: Partnership) -> list[Period]:
    """Every quarter the partnership has a figure for, newest first."""
    return list(
        Value.objects.filter(indicator__partnership=partnership, period__contains="Q")
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()
    )


@dataclass
class ComparisonTable:
    """The committee table of one indicator, or of one option of its breakdown."""

    caption: str
    option: BreakdownOption | None
    rows: list[Row]


def indicator_with_figures(partnership: Partnership, code: str):
    """An indicator with its options, definitions, targets and owner, and its tables."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("reporting_organisation").prefetch_related(
            "options", "definitions", "targets"
        ),
        partnership=partnership,
        code=code,
    )
    values = list(indicator.values.all())
    tables = []
    for option in [None, *indicator.options.all()]:
        figures = [
            Figure(v.period, v.value, v.missing_reason, v.comment)
            for v in values
            if v.option_id == (option.pk if option else None)
        ]
        if option is not None or figures or not indicator.options.all():
            caption = f"{indicator.title} - {option.label}" if option else indicator.title
            tables.append(
                ComparisonTable(
                    caption, option, comparison_rows(figures, year_rule=indicator.year_rule)
                )
            )
    return indicator, tables


def indicator_history(indicator: Indicator, period: Period | None = None):
    """Every recorded change to the indicator's figures, newest first."""
    records = Value.history.filter(indicator_id=indicator.pk).select_related(
        "history_user", "option"
    )
    if period is not None:
        records = records.filter(period=period)
    return records.order_by("-history_date", "-history_id")
