"""Reads for the board's pages: each fetches what a page shows in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from indicators.models import Indicator
from strategy import access
from strategy.models import Objective, Partnership, Strategy


def partnerships_with_plans(user) -> QuerySet[Partnership]:
    """The user's partnerships, each with its strategies, their objectives and indicators."""
    objectives = Objective.objects.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("order", "code"))
    )
    strategies = Strategy.objects.prefetch_related(Prefetch("objectives", queryset=objectives))
    return (
        access.visible_partnerships(user)
        .select_related("predecessor")
        .prefetch_related(
            Prefetch("strategies", queryset=strategies),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.select_related(
                    "reporting_organisation"
                ).prefetch_related("options"),
            ),
        )
    )
