"""Pages of the strategy app: the action plan, an action and its updates, the quarter's
narrative, practice standards."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django_tables2 import RequestConfig

from strategy import narratives, services, standards
from strategy.access import partnership_access_or_404
from strategy.actions import ActionFilter, ActionTable, action_plan
from strategy.forms import (
    CompleteForm,
    LeadOfficerForm,
    NarrativeForm,
    RagUpdateForm,
    SelfAssessmentForm,
    strategy_quarters,
)
from strategy.models import Action, Objective, Organisation


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


def _action_or_404(access, pk: int) -> Action:
    """An action of this partnership; another partnership's is a 404."""
    return get_object_or_404(
        Action.objects.select_related(
            "objective__strategy__successor",
            "lead_organisation",
            "lead_officer_user",
            "carried_forward_to__objective__strategy",
            "carried_forward_from__objective__strategy",
        ),
        pk=pk,
        objective__strategy__partnership=access.partnership,
    )


def action_detail(request, partnership: str, pk: int):
    access = partnership_access_or_404(request.user, partnership)
    action = _action_or_404(access, pk)
    updates = list(action.rag_updates.select_related("updated_by").order_by("period"))
    strategy = action.objective.strategy
    form = RagUpdateForm(
        request.POST or None,
        strategy=strategy,
        latest_period=updates[-1].period if updates else None,
    )
    if request.method == "POST":
        if not access.can_update_action(action):
            raise Http404("No such action.")
        if form.is_valid():
            try:
                services.rag_update_record(action=action, user=request.user, **form.cleaned_data)
            except services.ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Update saved.")
                return redirect(request.path)
    return render(
        request,
        "strategy/action.html",
        {
            "partnership": access.partnership,
            "access": access,
            "action": action,
            "updates": updates,
            "earlier_updates": _earlier_updates(action),
            "form": form,
            "can_update": access.can_update_action(action) and action.is_open,
            "complete_form": CompleteForm(),
            "lead_form": _lead_form(access, action),
        },
    )


def _lead_form(access, action: Action, data=None) -> LeadOfficerForm | None:
    """The lead officer's form, for coordinators only."""
    if not access.is_coordinator:
        return None
    return LeadOfficerForm(
        data,
        partnership=access.partnership,
        initial={
            "lead_officer_user": action.lead_officer_user_id,
            "lead_officer": action.lead_officer,
        },
    )


def action_lead(request, partnership: str, pk: int):
    """A coordinator links the action's lead officer to a member's account, or names them."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.is_coordinator:
        raise Http404("No such page.")
    action = _action_or_404(access, pk)
    if request.method != "POST":
        return redirect("action", partnership, pk)
    form = _lead_form(access, action, request.POST)
    if form.is_valid():
        try:
            services.action_lead_set(action=action, user=request.user, **form.cleaned_data)
        except services.ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Lead officer: {action.lead_officer_name or 'not set'}.")
    else:
        messages.error(request, "Choose a lead officer who is in the partnership.")
    return redirect("action", partnership, pk)


def _earlier_updates(action: Action) -> list:
    """The updates of the action this one was carried forward from, so history stays whole."""
    earlier = getattr(action, "carried_forward_from", None)
    if earlier is None:
        return []
    return list(earlier.rag_updates.order_by("period"))


def action_end(request, partnership: str, pk: int):
    access = partnership_access_or_404(request.user, partnership)
    action = _action_or_404(access, pk)
    if request.method != "POST":
        return redirect("action", partnership, pk)
    try:
        if request.POST.get("end") == "carry-forward":
            carried = services.action_carry_forward(action=action, user=request.user)
            messages.success(request, f"Carried forward into {carried.objective.strategy}.")
        else:
            form = CompleteForm(request.POST)
            outcome = form.cleaned_data["outcome"] if form.is_valid() else ""
            services.action_complete(action=action, user=request.user, outcome=outcome)
            messages.success(request, "Action marked complete.")
    except services.ActionError as error:
        messages.error(request, str(error))
    return redirect("action", partnership, pk)


def standards_matrix(request, partnership: str):
    """Every organisation against every standard: its latest self-assessment's ratings."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.reads_everything:
        raise Http404("No such page.")
    return render(
        request,
        "strategy/standards.html",
        {
            "partnership": access.partnership,
            "access": access,
            "matrix": standards.standards_matrix(access.partnership),
        },
    )


def self_assessment(request, partnership: str, organisation: str):
    access = partnership_access_or_404(request.user, partnership)
    found = get_object_or_404(Organisation, partnership=access.partnership, slug=organisation)
    if not (access.can_assess(found) or access.reads_everything):
        raise Http404("No such organisation.")
    assessments = standards.assessments_of(found)
    form = SelfAssessmentForm(
        request.POST or None,
        standards=standards.standards_of(access.partnership),
        previous=assessments[0] if assessments else None,
    )
    if request.method == "POST":
        if not access.can_assess(found):
            raise Http404("No such organisation.")
        if form.is_valid():
            try:
                services.self_assessment_record(
                    organisation=found,
                    user=request.user,
                    completed_on=form.cleaned_data["completed_on"],
                    ratings=form.ratings(),
                )
            except services.ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Self-assessment saved.")
                return redirect(request.path)
    return render(
        request,
        "strategy/self_assessment.html",
        {
            "partnership": access.partnership,
            "organisation": found,
            "form": form,
            "can_assess": access.can_assess(found),
            "comparison": standards.compare(assessments[:2]),
        },
    )


def narrative_edit(request, partnership: str, strategy: str, objective: str, quarter: str):
    """An objective's narrative for a quarter: written by a coordinator or an officer, offered
    the previous quarter's text to start from."""
    access = partnership_access_or_404(request.user, partnership)
    period = narratives.quarter_from_slug(quarter)
    found = get_object_or_404(
        Objective.objects.select_related("strategy__partnership"),
        strategy__partnership=access.partnership,
        strategy__slug=strategy,
        code=objective,
    )
    if not access.can_write_narrative or period not in strategy_quarters(found.strategy):
        raise Http404("No such page.")
    start = narratives.narrative_start(found, period)
    form = NarrativeForm(
        request.POST or None,
        initial={"text": start.text, "state": start.state, "version": start.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            narratives.narrative_save(
                objective=found, user=request.user, period=period, **form.cleaned_data
            )
        except narratives.NarrativeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Narrative for {found.theme}, {period} saved.")
            return redirect(request.path)
    return render(
        request,
        "strategy/narrative.html",
        {
            "partnership": access.partnership,
            "objective": found,
            "period": period,
            "current": start.current,
            "from_previous": start.from_previous,
            "previous_period": narratives.previous_quarter(period),
            "history": narratives.narrative_history(start.current),
            "form": form,
            "dashboard_query": f"strategy={found.strategy.slug}&quarter={quarter}",
        },
    )
