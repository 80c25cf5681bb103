"""E-mail: each message rendered as plain text and HTML from templates/email/, sent through
EMAIL_URL, recorded so it never goes twice for the same reason, and only to people who want
that kind. `reminders` decides what goes on a day; the workflow tells leads about reviews.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.urls import reverse

from indicators.models import MessageKind, MessageOptOut, Return, SentMessage
from strategy.access import partner_leads
from strategy.mail import email_message
from strategy.models import Partnership


@dataclass(frozen=True)
class Reason:
    """Why a message goes: recorded under `key`, shown to the partnership's coordinators."""

    partnership: Partnership
    key: str
    text: str
    url: str = ""


def recipients(users, kind: str):
    """The users among `users` who may get a message of this kind: active, with an address,
    and not opted out of it."""
    return (
        users.filter(is_active=True)
        .exclude(email="")
        .exclude(message_opt_outs__kind=kind)
        .order_by("username")
    )


def wanted_kinds(user) -> set[str]:
    opted_out = set(MessageOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return set(MessageKind.values) - opted_out


def message_send(
    *,
    user,
    kind: str,
    reasons: list[Reason],
    subject: str | Callable[[list[Reason]], str],
    template: str,
    context: dict,
) -> bool:
    """Sends one message to `user` for the reasons not yet recorded for them, and records
    them; False (nothing sent) when every reason was recorded before. `subject` may be made
    from those new reasons. The records are written first and kept only if the mail server
    took the message, so a failure is tried again on the next run and two runs at once cannot
    both send."""
    sent = set(
        SentMessage.objects.filter(
            user=user, kind=kind, key__in=[reason.key for reason in reasons]
        ).values_list("key", flat=True)
    )
    new = [reason for reason in reasons if reason.key not in sent]
    if not new:
        return False
    try:
        with transaction.atomic():
            SentMessage.objects.bulk_create(
                SentMessage(
                    user=user,
                    partnership=reason.partnership,
                    kind=kind,
                    key=reason.key,
                    reason=reason.text,
                )
                for reason in new
            )
            said = subject(new) if callable(subject) else subject
            _email(user, said, template, {**context, "reasons": new}).send()
    except IntegrityError:
        return False  # another run recorded the same reason first: it sends the message
    return True


def _email(user, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    return email_message(
        to=user.email,
        subject=subject,
        template=f"email/{template}",
        context={**context, "user": user, "name": user.get_full_name() or user.get_username()},
    )


def review_notify_on_commit(the_return: Return) -> None:
    """Once the transaction that sent back or approved the return commits (never for one
    rolled back), its organisation's partner leads are told."""
    transaction.on_commit(partial(_review_notify, the_return.pk, the_return.version), robust=True)


def _review_notify(return_id: int, version: int) -> None:
    the_return = Return.objects.select_related("organisation__partnership").get(pk=return_id)
    organisation = the_return.organisation
    partnership = organisation.partnership
    if the_return.status == Return.Status.RETURNED:
        kind, template = MessageKind.SENT_BACK, "sent_back"
        subject = f"Your return for {the_return.period} was sent back for correction"
        what = f"{organisation.name}'s return for {the_return.period} sent back"
    else:
        kind, template = MessageKind.APPROVED, "approved"
        subject = f"Your return for {the_return.period} was approved"
        what = f"{organisation.name}'s return for {the_return.period} approved"
    url = settings.SITE_URL + _return_path(the_return)
    reason = Reason(partnership, f"return:{return_id}:v{version}", what, url)
    for lead in recipients(partner_leads(organisation), kind):
        message_send(
            user=lead,
            kind=kind,
            reasons=[reason],
            subject=subject,
            template=template,
            context={"the_return": the_return, "organisation": organisation, "url": url},
        )


def _return_path(the_return: Return) -> str:
    organisation = the_return.organisation
    return reverse(
        "return", args=[organisation.partnership.slug, the_return.period, organisation.slug]
    )


@transaction.atomic
def message_preferences_update(*, user, kinds: set[str]) -> None:
    """Saves which kinds of e-mail the person gets: every kind not in `kinds` is opted out."""
    unknown = kinds - set(MessageKind.values)
    if unknown:
        raise ValueError(f"No such kind of message: {', '.join(sorted(unknown))}")
    MessageOptOut.objects.filter(user=user, kind__in=kinds).delete()
    for kind in set(MessageKind.values) - kinds:
        MessageOptOut.objects.get_or_create(user=user, kind=kind)
