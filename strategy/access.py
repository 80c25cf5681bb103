"""The one place that answers "may this user do this?".

Every view and service asks here; nothing else looks at memberships to decide access.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from strategy.models import Membership, Organisation, Partnership

User = AbstractBaseUser | AnonymousUser
Role = Membership.Role


def visible_partnerships(user: User) -> QuerySet[Partnership]:
    """The partnerships whose data the user may see: those they hold any role in."""
    if not user.is_authenticated:
        return Partnership.objects.none()
    if user.is_superuser:
        return Partnership.objects.all()
    return Partnership.objects.filter(organisations__memberships__user=user).distinct()


def get_partnership_or_404(user: User, slug: str) -> Partnership:
    """The partnership, or a 404 that does not reveal whether it exists."""
    return get_object_or_404(visible_partnerships(user), slug=slug)


def roles_in(user: User, partnership: Partnership) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(user=user, organisation__partnership=partnership).values_list(
            "role", flat=True
        )
    )


def is_coordinator(user: User, partnership: Partnership) -> bool:
    return user.is_superuser or Role.COORDINATOR in roles_in(user, partnership)


def can_edit_for(user: User, organisation: Organisation) -> bool:
    """A partner lead of the organisation, or a coordinator of its partnership."""
    if not user.is_authenticated:
        return False
    if is_coordinator(user, organisation.partnership):
        return True
    return Membership.objects.filter(
        user=user, organisation=organisation, role=Role.PARTNER_LEAD
    ).exists()


def can_import_values(user: User, partnership: Partnership) -> bool:
    """Coordinators and officers load historic figures."""
    return user.is_superuser or bool(roles_in(user, partnership) & {Role.COORDINATOR, Role.OFFICER})
