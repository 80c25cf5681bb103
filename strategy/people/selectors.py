"""Reads for the People page (the partnership's people, its invitations, their history) and
for an invitation's link."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from strategy.access import PartnershipAccess
from strategy.models import Invitation, Membership, Partnership
from strategy.models.people import token_digest


def memberships_of(partnership: Partnership) -> QuerySet[Membership]:
    """Every person's place in the partnership, one row per organisation and role."""
    return (
        Membership.objects.filter(organisation__partnership=partnership)
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name", "user__username", "organisation__name")
    )


def invitations_unaccepted(partnership: Partnership) -> QuerySet[Invitation]:
    """Invitations not yet accepted, open or expired, newest first."""
    return partnership.invitations.filter(accepted_at__isnull=True).select_related(
        "organisation", "invited_by"
    )


def membership_changes(partnership: Partnership, *, person=None, limit: int = 20) -> list:
    """The latest joins, role changes and leavings in the partnership (of one person if given)."""
    history = Membership.history.filter(
        organisation_id__in=partnership.organisations.values("pk")
    ).select_related("user", "history_user", "organisation")
    if person is not None:
        history = history.filter(user_id=person.pk)
    return list(history.order_by("-history_date")[:limit])


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link names, whatever its state; None for a link that never was one."""
    return (
        Invitation.objects.select_related("partnership", "organisation", "invited_by")
        .filter(token_hash=token_digest(token))
        .first()
    )


def person_or_404(access: PartnershipAccess, pk: int):
    """A person with a place in this partnership; anyone else, of any partnership, is a 404."""
    people = get_user_model().objects.filter(
        memberships__organisation__partnership=access.partnership
    )
    return get_object_or_404(people.distinct(), pk=pk)
