"""The e-mails of a day (`send_reminders`): to each person, one message listing their tasks
when one of their own enters the week before it is due, falls due, or starts another week
late; to coordinators a weekly digest (on Mondays) and an escalation when a return is 14 days
late.

Each rule holds for a span of days, not a single day, and each message records its reasons
(`SentMessage`): so running twice on a day sends nothing twice, and a day missed (no run that
day, or a mail server that refused) is made up by the next run within the span, saying how
things stand that day. Each goes only to people who have not opted out of its kind.
"""

from __future__ import annotations

import logging
import smtplib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model

from indicators.mail import Reason, message_send, wanted_kinds
from indicators.models import MessageKind
from indicators.tasks import Task, tasks_for
from strategy.access import coordinated_partnerships

logger = logging.getLogger(__name__)

DAYS_BEFORE = 7  # the first reminder goes this many days before a return is due
LATE_EVERY = 7  # then on the day, and every this many days while it is late
ESCALATE_AFTER = 14  # days late when coordinators are told


@dataclass(frozen=True)
class Draft:
    """A message that may go to a person today, for its reasons (those already sent are not
    sent again)."""

    kind: str
    reasons: list[Reason]
    subject: str | Callable[[list[Reason]], str]  # or made from the reasons not yet sent
    template: str
    context: dict = field(default_factory=dict)


@dataclass
class ReminderReport:
    """What a run sent, by kind, and to whom it could not send."""

    sent: Counter = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        summary = "Messages sent: " + "; ".join(
            f"{MessageKind(kind).name.lower().replace('_', ' ')}: {self.sent[kind]:,}"
            for kind in (MessageKind.REMINDER, MessageKind.DIGEST, MessageKind.ESCALATION)
        )
        if self.failed:
            summary += f". Not sent, to try again: {', '.join(self.failed)}"
        return summary + "."


def reminder_rule(due: date, today: date) -> str:
    """The rule whose span holds today, for a task due on `due`: `due-in-7-days` in the week
    before it (from 7 days before), `due-today` from the day until it is a week late, then
    `7-days-late`, `14-days-late`, ... each for its week; "" before the first. A reminder goes
    once a rule: on its first day, or on the next run after a day missed."""
    days = (due - today).days
    if days > DAYS_BEFORE:
        return ""
    if days > 0:
        return f"due-in-{DAYS_BEFORE}-days"
    if -days < LATE_EVERY:
        return "due-today"
    return f"{-days // LATE_EVERY * LATE_EVERY}-days-late"


def reminders_send(*, today: date) -> ReminderReport:
    """Sends the day's reminders, digests and escalations to every active person with an
    address; nothing already sent for the same reason."""
    report = ReminderReport()
    users = (
        get_user_model()
        .objects.filter(is_active=True, memberships__isnull=False)
        .exclude(email="")
        .distinct()
        .order_by("username")
    )
    coordinated = coordinated_partnerships()
    for user in users:
        tasks = tasks_for(user, today=today)
        if not tasks:
            continue
        kinds = wanted_kinds(user)
        drafts = [_reminder(tasks, today)]
        if user.pk in coordinated:
            theirs = [task for task in tasks if task.partnership.pk in coordinated[user.pk]]
            drafts += [_digest(theirs, today), _escalation(theirs, today)]
        for draft in drafts:
            if draft is None or draft.kind not in kinds:
                continue
            try:
                if message_send(
                    user=user,
                    kind=draft.kind,
                    reasons=draft.reasons,
                    subject=draft.subject,
                    template=draft.template,
                    context={"tasks": tasks, "today": today, **draft.context},
                ):
                    report.sent[draft.kind] += 1
            except (smtplib.SMTPException, OSError) as error:
                logger.error("Could not send %s to %s: %s", draft.kind, user.email, error)
                report.failed.append(f"{draft.kind} to {user.get_username()}")
    return report


def _reminder(tasks: list[Task], today: date) -> Draft | None:
    """The person's own tasks that meet a rule today; the message lists every task."""
    reasons = []
    for task in tasks:
        rule = reminder_rule(task.due, today) if task.own and task.due else ""
        if rule:
            reasons.append(
                Reason(
                    task.partnership,
                    f"{task.key}:{rule}",
                    f"{task.title}: {task.when.lower()}",
                    settings.SITE_URL + task.url,
                )
            )
    if not reasons:
        return None
    intro = "A reminder of what needs you in Partnership Monitor."
    return Draft(MessageKind.REMINDER, reasons, _reminder_subject, "tasks", {"intro": intro})


def _reminder_subject(new: list[Reason]) -> str:
    """The first of the reasons the person has not been told of yet, and how many more."""
    more = f" (and {len(new) - 1:,} more)" if len(new) > 1 else ""
    return f"Reminder: {new[0].text}{more}"


def _digest(tasks: list[Task], today: date) -> Draft | None:
    """Once a week, from Monday (or the week's first run after it), the tasks of the
    partnerships the person coordinates."""
    monday = today - timedelta(days=today.weekday())  # the week's, as the key has always said
    coordinated = {task.partnership for task in tasks}
    reasons = [
        Reason(partnership, f"digest:{partnership.slug}:{monday.isoformat()}", "Weekly digest")
        for partnership in sorted(coordinated, key=lambda p: p.name)
    ]
    if not reasons:
        return None
    count = len(tasks)
    subject = f"Weekly digest: {count:,} {'task' if count == 1 else 'tasks'} in your partnerships"
    intro = "This week's tasks in the partnerships you coordinate, most urgent first."
    context = {"intro": intro, "digest": True, "tasks": tasks}
    return Draft(MessageKind.DIGEST, reasons, subject, "tasks", context)


def _escalation(tasks: list[Task], today: date) -> Draft | None:
    """The late returns of the partnerships the person coordinates, once each."""
    late = [
        owed
        for task in tasks
        if not task.own
        for owed in task.returns
        if (today - owed.due).days >= ESCALATE_AFTER
    ]
    if not late:
        return None
    reasons = [
        Reason(
            owed.partnership,
            f"escalation:{owed.key}",
            f"{owed.organisation.name}'s return for {owed.quarter} is "
            f"{(today - owed.due).days:,} days late",
            settings.SITE_URL + owed.url,
        )
        for owed in late
    ]
    subject = f"Returns {ESCALATE_AFTER} days late or more in your partnership"
    return Draft(MessageKind.ESCALATION, reasons, subject, "escalation")
