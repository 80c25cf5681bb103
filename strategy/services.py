"""Writes to action plans and practice standards. Each is atomic, checks permission and
state, and raises ActionError with a message for the person who tried."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from strategy.access import access_for
from strategy.models import (
    Action,
    Objective,
    Organisation,
    Rag,
    RagUpdate,
    SelfAssessment,
    Standard,
    StandardRating,
)
from strategy.periods import PeriodError, parse_period


class ActionError(Exception):
    """A change to an action plan that may not be made, with the reason."""


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ActionError(message)


def _is_quarter(text: str) -> bool:
    """Whether `text` is a quarter written as updates keep it, `2015/16 Q3`: kept as text, a
    quarter written otherwise would not sort or match beside the others."""
    try:
        period = parse_period(text)
    except PeriodError:
        return False
    return period.is_quarter and str(period) == text


@transaction.atomic
def rag_update_record(
    *,
    action: Action,
    user,
    period: str,
    rag: str,
    progress: str = "",
    milestones_reached: str = "",
    risks_and_issues: str = "",
    reason: str = "",
) -> RagUpdate:
    """The lead's rating and account of an action for a quarter; moving to red needs a reason.

    Rating the same quarter again replaces it, and the history keeps the earlier rating.
    """
    access = access_for(user, action.objective.strategy.partnership)
    _require(
        access.can_update_action(action),
        "Only the lead organisation's partner lead or a coordinator may update this action.",
    )
    _require(action.is_open, "This action has ended; it takes no updates.")
    _require(_is_quarter(period), f"{period!r} is not a quarter such as 2015/16 Q3.")
    _require(rag in Rag.values, "Choose red, amber or green.")
    previous = action.rag_updates.filter(period__lt=period).order_by("-period").first()
    current = action.rag_updates.filter(period=period).first()
    before = current or previous
    if rag == Rag.RED and not (before is not None and before.rag == Rag.RED):
        _require(bool(reason.strip()), "Say why the action is now red: the board will read it.")
    if not reason.strip() and current is not None and current.rag == rag:
        reason = current.reason  # re-saving the same rating keeps the reason the board read
    update = current or RagUpdate(action=action, period=period)
    update.rag = rag
    update.progress = progress.strip()
    update.milestones_reached = milestones_reached.strip()
    update.risks_and_issues = risks_and_issues.strip()
    update.reason = reason.strip()
    update.updated_by = user
    update._change_reason = reason.strip() or f"RAG update for {period}"
    update._history_user = user
    update.save()
    return update


@transaction.atomic
def action_complete(*, action: Action, user, outcome: str) -> Action:
    """The action is done; its outcome is what the board will read."""
    access = access_for(user, action.objective.strategy.partnership)
    _require(access.can_update_action(action), "You may not end this action.")
    _require(action.is_open, "This action has already ended.")
    _require(bool(outcome.strip()), "Say what the action achieved.")
    action.status = Action.Status.COMPLETE
    action.outcome = outcome.strip()
    action._change_reason = "Completed"
    action._history_user = user
    action.save()
    return action


@transaction.atomic
def action_carry_forward(*, action: Action, user, objective: Objective | None = None) -> Action:
    """Moves an open action into the successor strategy, linked both ways; returns the new one.

    The new action goes under the successor's objective of the same code, unless one is given.
    """
    strategy = action.objective.strategy
    access = access_for(user, strategy.partnership)
    _require(access.is_coordinator, "Only a coordinator may carry an action forward.")
    _require(action.is_open, "This action has already ended.")
    successor = strategy.successor
    _require(successor is not None, f"{strategy} has no successor strategy to carry it into.")
    _require(
        access_for(user, successor.partnership).is_coordinator,
        f"Only a coordinator of {successor.partnership} may carry actions into {successor}.",
    )
    if objective is None:
        objective = successor.objectives.filter(code=action.objective.code).first()
    _require(
        objective is not None and objective.strategy_id == successor.pk,
        f"Choose the objective of {successor} to carry this action into.",
    )
    lead = action.lead_organisation
    if lead is not None and lead.partnership_id != successor.partnership_id:
        # A successor partnership has its own organisations: the same agency by its slug.
        lead = Organisation.objects.filter(
            partnership_id=successor.partnership_id, slug=lead.slug
        ).first()
    officer = action.lead_officer_user
    if officer is not None and not Action(objective=objective).is_lead_officer_allowed(officer):
        officer = None  # not in the successor partnership: the name as text carries on
    carried = Action.objects.create(
        objective=objective,
        area_for_development=action.area_for_development,
        description=action.description,
        lead_organisation=lead,
        lead_officer=action.lead_officer,
        lead_officer_user=officer,
        task_group=action.task_group,
        milestones=action.milestones,
        target_date=action.target_date,
        performance_measure=action.performance_measure,
        order=objective.actions.count(),
    )
    action.status = Action.Status.CARRIED_FORWARD
    action.carried_forward_to = carried
    action._change_reason = f"Carried forward into {successor}"
    action._history_user = user
    action.save()
    return carried


@transaction.atomic
def action_lead_set(*, action: Action, user, lead_officer: str, lead_officer_user=None) -> Action:
    """Who leads the action: a member of the partnership's account (who can then be reminded)
    and, for someone without an account, their name as text."""
    partnership = action.objective.strategy.partnership
    access = access_for(user, partnership)
    _require(access.is_coordinator, "Only a coordinator may change an action's lead officer.")
    _require(
        lead_officer_user is None or action.is_lead_officer_allowed(lead_officer_user),
        "Choose a lead officer who is in the partnership.",
    )
    action.lead_officer = lead_officer.strip()
    action.lead_officer_user = lead_officer_user
    action._change_reason = "Lead officer changed"
    action._history_user = user
    action.save(update_fields=["lead_officer", "lead_officer_user"])
    return action


@transaction.atomic
def self_assessment_record(
    *, organisation: Organisation, user, completed_on: date, ratings: dict[int, dict]
) -> SelfAssessment:
    """An organisation's assessment against every standard of its partnership.

    `ratings` maps a standard's id to its evidence, action required and rating.
    """
    access = access_for(user, organisation.partnership)
    _require(access.can_assess(organisation), "You may not assess this organisation.")
    standards = {
        s.pk: s for s in Standard.objects.filter(section__partnership=organisation.partnership)
    }
    _require(set(ratings) == set(standards), "Rate every standard.")
    _require(
        all(item["rating"] in Rag.values for item in ratings.values()),
        "Rate each standard red, amber or green.",
    )
    assessment = SelfAssessment.objects.create(
        organisation=organisation, completed_on=completed_on, completed_by=user
    )
    StandardRating.objects.bulk_create(
        StandardRating(
            assessment=assessment,
            standard=standards[pk],
            evidence=item.get("evidence", "").strip(),
            action_required=item.get("action_required", "").strip(),
            rating=item["rating"],
        )
        for pk, item in ratings.items()
    )
    return assessment
