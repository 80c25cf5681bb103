"""Writes about people: inviting, accepting an invitation, changing a role, deactivating.

Each is atomic, asks strategy.access whether the user may, keeps the change in the
membership's history (who, when, why) and raises PeopleError with a message for the person.
"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from strategy.access import access_for
from strategy.models import Invitation, Membership, Organisation, Partnership
from strategy.models.people import token_digest
from strategy.people.mail import send_invitation

Role = Membership.Role


class PeopleError(Exception):
    """A change to the people of a partnership that may not be made, with the reason."""


class InvitationUnusable(PeopleError):
    """The link is unknown, already used or expired: nothing is created."""


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PeopleError(message)


def _require_not_administrator(person) -> None:
    """Administrators' accounts are looked after in the admin, not by a partnership."""
    _require(
        not (person.is_staff or person.is_superuser),
        f"{person} is an administrator; an administrator changes their account in the admin.",
    )


def account_for_email(email: str):
    """The one account with this address (any case), None if there is none.

    Raises PeopleError where several accounts share it: which one is meant is not ours to guess.
    """
    accounts = list(get_user_model().objects.filter(email__iexact=email.strip())[:2])
    _require(
        len(accounts) < 2,
        f"More than one account has the address {email}; ask an administrator to sort it out.",
    )
    return accounts[0] if accounts else None


@transaction.atomic
def invitation_create(
    *,
    partnership: Partnership,
    organisation: Organisation,
    role: str,
    name: str,
    email: str,
    invited_by,
    site_url: str,
) -> Invitation:
    """Invites a person into one of the partnership's organisations with a role, by e-mail.

    The e-mail's link (`site_url` is where the site is reached, e.g. https://monitor.example/)
    works once, for Invitation.VALID_FOR. A person who already has an account keeps it and
    gains the membership when they accept.
    """
    access = access_for(invited_by, partnership)
    _require(access.can_manage_people, "Only a coordinator of this partnership may invite people.")
    _require(
        organisation.partnership_id == partnership.pk,
        "Choose one of the partnership's organisations.",
    )
    _require(role in Role.values, "Choose a role.")
    email = get_user_model().objects.normalize_email(email.strip())
    _require(bool(email) and bool(name.strip()), "Give the person's name and e-mail address.")
    existing = account_for_email(email)
    if existing is not None:
        _require(
            existing.is_active,
            f"The account with the address {email} has been deactivated; ask an administrator "
            "to reactivate it.",
        )
        _require(
            not existing.memberships.filter(organisation__partnership=partnership).exists(),
            f"{email} is already in the partnership: change their role on their page instead.",
        )
    now = timezone.now()
    already = partnership.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, expires_at__gt=now
    ).first()
    if already is not None:
        expires = date_format(timezone.localtime(already.expires_at), "DATE_FORMAT")
        raise PeopleError(f"{email} already has an invitation, open until {expires}.")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        partnership=partnership,
        organisation=organisation,
        role=role,
        name=name.strip(),
        email=email,
        invited_by=invited_by,
        created_at=now,
        expires_at=now + Invitation.VALID_FOR,
        token_hash=token_digest(token),
    )
    link = site_url.rstrip("/") + reverse("invitation", args=[token])
    send_invitation(invitation, link=link)
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user=None, username: str = "", password: str = ""):
    """Uses an invitation: the membership it offers, and the account if there is none yet.

    Someone whose address already has an account accepts signed in as that account (`user`);
    anyone else chooses a username and a password (Django's password validators) and gets a
    new account. Returns the account. Used, expired or unknown: InvitationUnusable, and nothing
    is created.
    """
    invitation = (
        # Only the invitation's row: PostgreSQL locks no outer join (invited_by may be gone).
        Invitation.objects.select_for_update(of=("self",))
        .select_related("partnership", "organisation", "invited_by")
        .filter(token_hash=token_digest(token))
        .first()
    )
    if invitation is None or not invitation.is_open():
        raise InvitationUnusable(
            "This invitation link has already been used or has expired. "
            "Ask your partnership coordinator to invite you again."
        )
    account = account_for_email(invitation.email)
    if account is not None:
        _require(
            user is not None and user.pk == account.pk,
            f"An account already has the address {invitation.email}: sign in as "
            f"{account.get_username()} to accept.",
        )
    else:
        account = _account_create(invitation, username=username, password=password)
    place = {"user": account, "organisation": invitation.organisation, "role": invitation.role}
    if not Membership.objects.filter(**place).exists():
        membership = Membership(**place)
        membership._history_user = account
        membership._change_reason = (
            f"Accepted the invitation of {invitation.invited_by or 'a coordinator'}"
        )
        membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = account
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return account


def _account_create(invitation: Invitation, *, username: str, password: str):
    User = get_user_model()
    username = username.strip()
    _require(bool(username), "Choose a username.")
    _require(
        not User.objects.filter(username__iexact=username).exists(),
        f"The username {username} is taken; choose another.",
    )
    first, _, last = invitation.name.partition(" ")
    account = User(username=username, email=invitation.email, first_name=first, last_name=last)
    try:
        validate_password(password, account)
    except ValidationError as error:
        raise PeopleError(" ".join(error.messages)) from error
    account.set_password(password)
    account.save()
    return account


@transaction.atomic
def membership_change_role(
    *, membership: Membership, role: str, user, reason: str = ""
) -> Membership:
    """A person's new role in their organisation; the history keeps the old one and who changed
    it."""
    partnership = membership.organisation.partnership
    access = access_for(user, partnership)
    _require(access.can_manage_people, "Only a coordinator of this partnership may change roles.")
    _require(
        membership.user_id != user.pk, "You cannot change your own role; ask another coordinator."
    )
    _require(role in Role.values, "Choose a role.")
    _require_not_administrator(membership.user)
    _require(
        role != membership.role, f"{membership.user} is already {Role(role).label.lower()} there."
    )
    _require(
        not Membership.objects.filter(
            user_id=membership.user_id, organisation_id=membership.organisation_id, role=role
        ).exists(),
        f"{membership.user} already has that role in {membership.organisation}.",
    )
    before = membership.get_role_display()
    membership.role = role
    membership._history_user = user
    membership._change_reason = (
        f"Role changed from {before} to {membership.get_role_display()}. {reason.strip()}".strip()
    )
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def person_deactivate(*, person, partnership: Partnership, user, reason: str = "") -> bool:
    """A leaver: their account is switched off if this partnership is their only one (they can
    no longer sign in); otherwise only their places in this partnership end. True when the
    account was switched off.

    Either way each membership's history keeps who did it, when and why.
    """
    access = access_for(user, partnership)
    _require(
        access.can_manage_people, "Only a coordinator of this partnership may deactivate people."
    )
    _require(person.pk != user.pk, "You cannot deactivate yourself; ask another coordinator.")
    _require_not_administrator(person)
    here = list(Membership.objects.filter(user=person, organisation__partnership=partnership))
    _require(bool(here), f"{person} is not in {partnership}.")
    elsewhere = Membership.objects.filter(user=person).exclude(
        organisation__partnership=partnership
    )
    why = reason.strip()
    if elsewhere.exists():
        for membership in here:
            membership._history_user = user
            membership._change_reason = f"Removed from {partnership}. {why}".strip()
            membership.delete()
        return False
    _require(person.is_active, f"{person} is already deactivated.")
    person.is_active = False
    person.save(update_fields=["is_active"])
    for membership in here:
        membership._history_user = user
        membership._change_reason = f"Account deactivated. {why}".strip()
        membership.save()
    return True
