"""Pages of the strategy app: the action plan."""

from django.shortcuts import render
from django.utils import timezone
from django_tables2 import RequestConfig

from strategy.access import partnership_access_or_404
from strategy.actions import ActionFilter, ActionTable, action_plan


def actions(request, partnership: str):
    access = partnership_access_or_404(request.user, partnership)
    filterset = ActionFilter(
        request.GET or None,
        queryset=action_plan(access.partnership),
        partnership=access.partnership,
        today=timezone.localdate(),
    )
    table = ActionTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(
        request,
        "strategy/actions.html",
        {"partnership": access.partnership, "filter": filterset, "table": table},
    )
