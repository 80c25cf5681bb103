"""The workflow of a return: save, submit, send back, approve; flag or delete a figure (locking
a quarter is `locks`).

Each service is atomic, checks permission and state, keeps the history of every figure it
changes, and raises WorkflowError with a message for the person who tried.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from indicators import formatting, locks, mail
from indicators.models import Return, Value
from indicators.periods import Period
from indicators.returns import ReturnLine, return_lines
from strategy.access import access_for
from strategy.models import Organisation, Partnership

Status = Return.Status


class WorkflowError(Exception):
    """A step that may not be taken now, with the reason in words a user understands."""


class StaleReturn(WorkflowError):
    """Someone else saved the return after this form was opened; `changes` says what they did."""

    def __init__(self, changes: list[Change]):
        self.changes = changes
        super().__init__(
            "Someone else saved this return after you opened it, so your changes were not "
            "saved. Their changes are shown below; enter yours again on top of them."
        )


@dataclass(frozen=True)
class Entry:
    """What a form or file says for one line of a return."""

    figure: Decimal | None = None
    missing_reason: str = ""
    comment: str = ""
    corrective_action: str = ""

    @property
    def empty(self) -> bool:
        return self.figure is None and not self.missing_reason


@dataclass(frozen=True)
class Change:
    """One change another person made: what the line said before and after."""

    title: str
    before: str
    after: str
    by: str
    at: datetime


def _shown(figure, missing_reason: str, comment: str) -> str:
    text = formatting.plain_figure(figure) if figure is not None else (missing_reason or "empty")
    return f"{text} ({comment})" if comment else text


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise WorkflowError(message)


@transaction.atomic
def return_save(
    *,
    organisation: Organisation,
    quarter: Period,
    user,
    entries: dict[str, Entry],
    version: int,
    submit: bool = False,
    reason: str = "",
) -> Return:
    """Saves a return's figures as a draft or submits them, refusing a save from a stale form."""
    access = access_for(user, organisation.partnership)
    _require(access.can_edit_return(organisation), "You may not change this organisation's return.")
    # Held until this save commits: a lock of the quarter waits for it, or it waits and sees it.
    locks.hold(Partnership.objects.filter(pk=organisation.partnership_id))
    locked = locks.is_locked(organisation.partnership_id, quarter)
    the_return = _lock_return(organisation, quarter)
    the_return.organisation = organisation
    if the_return.version != version:
        raise StaleReturn(changes_since(the_return, version))
    _require(the_return.is_editable_by(access, locked=locked), _refusal(the_return, locked))
    _require(
        bool(reason.strip()) or not the_return.change_needs_reason(locked=locked),
        "A correction to a locked quarter needs a reason."
        if locked
        else f"This return was {the_return.get_status_display().lower()}: a correction needs "
        "a reason.",
    )
    lines = {line.key: line for line in return_lines(organisation, quarter)}
    unknown = set(entries) - set(lines)
    _require(not unknown, f"Not part of this return: {', '.join(sorted(unknown))}.")
    if submit:
        missing = [
            line.title for key, line in lines.items() if entries.get(key, _saved(line)).empty
        ]
        _require(not missing, "Give a figure or a reason it is missing for: " + "; ".join(missing))
    why = reason.strip() or ("Submitted" if submit else "Saved as draft")
    # A coordinator's figure is a correction the board sees at once; a lead's waits for approval.
    state = Value.State.APPROVED if access.is_coordinator else Value.State.DRAFT
    for key, entry in entries.items():
        _write(lines[key], entry, user=user, reason=why, state=state)
    if submit:
        _move_figures(organisation, quarter, Value.State.DRAFT, Value.State.SUBMITTED)
    the_return.version += 1
    if submit:
        the_return.status = Status.SUBMITTED
        the_return.submitted_at = timezone.now()
        the_return.submitted_by = user
    elif the_return.status == Status.NOT_STARTED:  # a first save starts the draft
        the_return.status = Status.DRAFT
    the_return._change_reason = why
    the_return.save()
    return the_return


def _refusal(the_return: Return, locked: bool) -> str:
    """Why a partner lead may not change the return now."""
    if locked:
        return (
            f"{the_return.period} is locked: the board has signed it off. Ask your coordinator "
            "to correct it."
        )
    return (
        f"This return was {the_return.get_status_display().lower()}; ask your coordinator to "
        "send it back if a figure needs correcting."
    )


def _saved(line: ReturnLine) -> Entry:
    """What the return already holds for a line the form or file left out."""
    value = line.value
    if value is None:
        return Entry()
    return Entry(value.value, value.missing_reason, value.comment, value.corrective_action)


def _lock_return(organisation: Organisation, quarter: Period) -> Return:
    """The return row, locked for this transaction; made if this is the first save."""
    try:
        with transaction.atomic():
            the_return, _ = Return.objects.select_for_update().get_or_create(
                organisation=organisation, period=quarter
            )
    except IntegrityError:
        # Someone else's first save won the race: theirs is the newer version.
        the_return = Return.objects.select_for_update().get(
            organisation=organisation, period=quarter
        )
    return the_return


def _write(line: ReturnLine, entry: Entry, *, user, reason: str, state: str) -> None:
    value = line.value
    if value is None:
        if entry.empty and not entry.comment:
            return
        value = Value(indicator=line.indicator, period=line.period, option=line.option)
    elif (value.value, value.missing_reason, value.comment, value.corrective_action) == (
        entry.figure,
        entry.missing_reason,
        entry.comment,
        entry.corrective_action,
    ):
        return  # unchanged: a coordinator's save approves only what the coordinator changed
    value._change_reason = reason
    value._history_user = user
    if entry.empty:
        _require(
            value.approved_at is None or state == Value.State.APPROVED,
            f"{line.title}, {line.period}: the board already has an approved figure; ask your "
            "coordinator to remove it.",
        )
        value.delete()
        return
    if value.pk:
        value.version += 1
    value.value = entry.figure
    value.missing_reason = entry.missing_reason
    value.comment = entry.comment
    value.corrective_action = entry.corrective_action
    value.updated_by = user
    value.state = state
    if state == Value.State.APPROVED:
        value.approve(by=user, at=timezone.now())
    value.save()


def _move_figures(organisation: Organisation, quarter: Period, from_state: str, to: str) -> None:
    """The return's figures in one state move to another: submitted, sent back."""
    ids = [line.value.pk for line in return_lines(organisation, quarter) if line.value]
    Value.objects.filter(pk__in=ids, state=from_state).update(state=to)


def _approve_figures(the_return: Return, user) -> None:
    """Every figure of the return not yet approved becomes the one the board sees."""
    now = timezone.now()
    for line in return_lines(the_return.organisation, the_return.period):
        value = line.value
        if value is not None and not value.is_approved:
            value.approve(by=user, at=now)
            value._change_reason = "Approved"
            value._history_user = user
            value.save()


def changes_since(the_return: Return, version: int) -> list[Change]:
    """What changed in the return's figures after the version a form was opened at."""
    # The return's history record of that version was written after that save's figures.
    opened = the_return.history.filter(version=version).order_by("history_date").last()
    since = opened.history_date if opened else the_return.history.earliest().history_date
    changes = []
    for line in return_lines(the_return.organisation, the_return.period):
        records = Value.history.filter(
            indicator_id=line.indicator.pk,
            option_id=line.option.pk if line.option else None,
            period=line.period,
            history_date__gte=since,
        ).select_related("history_user")
        for record in records.order_by("history_date"):
            before = record.prev_record
            changes.append(
                Change(
                    title=f"{line.title}, {line.period}",
                    before=_shown(before.value, before.missing_reason, before.comment)
                    if before
                    else "empty",
                    after=_shown(record.value, record.missing_reason, record.comment)
                    if record.history_type != "-"
                    else "empty",
                    by=record.history_user.get_username() if record.history_user else "system",
                    at=record.history_date,
                )
            )
    return changes


@transaction.atomic
def return_send_back(*, the_return: Return, user, reason: str) -> Return:
    """A coordinator returns a submitted return to its lead for correction, saying why."""
    access = access_for(user, the_return.organisation.partnership)
    _require(access.can_review_returns, "Only a coordinator may send a return back.")
    _require(bool(reason.strip()), "Say what needs correcting, so the lead knows.")
    partnership_id = the_return.organisation.partnership_id
    locks.hold(Partnership.objects.filter(pk=partnership_id))
    locked = locks.is_locked(partnership_id, the_return.period)
    _require(
        the_return.may_be_sent_back(locked=locked),
        f"{the_return.period} is locked."
        if locked
        else "Only a submitted or approved return can be sent back.",
    )
    _move_figures(
        the_return.organisation, the_return.period, Value.State.SUBMITTED, Value.State.DRAFT
    )
    the_return.status = Status.RETURNED
    the_return.returned_reason = reason.strip()
    the_return.version += 1
    the_return._change_reason = reason.strip()
    the_return.save()
    mail.review_notify_on_commit(the_return)
    return the_return


@transaction.atomic
def return_approve(*, the_return: Return, user) -> Return:
    """A coordinator accepts a submitted return."""
    access = access_for(user, the_return.organisation.partnership)
    _require(access.can_review_returns, "Only a coordinator may approve a return.")
    partnership_id = the_return.organisation.partnership_id
    locks.hold(Partnership.objects.filter(pk=partnership_id))
    locked = locks.is_locked(partnership_id, the_return.period)
    _require(
        the_return.may_be_approved(locked=locked),
        f"{the_return.period} is locked: the board has signed it off. Correct a figure with a "
        "reason instead."
        if locked
        else "Only a submitted return can be approved.",
    )
    _approve_figures(the_return, user)
    the_return.status = Status.APPROVED
    the_return.approved_at = timezone.now()
    the_return.approved_by = user
    the_return.returned_reason = ""
    the_return.version += 1
    the_return._change_reason = "Approved"
    the_return.save()
    mail.review_notify_on_commit(the_return)
    return the_return


@transaction.atomic
def value_follow_up(*, value: Value, user, follow_up: bool) -> Value:
    """A coordinator marks a figure to check with its lead (or clears the mark)."""
    _require(
        access_for(user, value.indicator.partnership).can_review_returns,
        "Only a coordinator may mark figures for follow-up.",
    )
    value.follow_up = follow_up
    value._change_reason = "Marked for follow-up" if follow_up else "Follow-up done"
    value._history_user = user
    value.save(update_fields=["follow_up", "updated_at"])
    return value


@transaction.atomic
def value_delete(*, value: Value, user, reason: str) -> None:
    """A coordinator removes a figure entered in error (one for a period that never was, say),
    in any quarter, locked or not; the history keeps the figure, who deleted it, when and why.
    The return carrying it moves to a new version, so a form opened before cannot put the
    figure back unseen."""
    indicator = value.indicator
    _require(
        access_for(user, indicator.partnership).can_delete_values,
        "Only a coordinator may delete a figure.",
    )
    reason = reason.strip()
    _require(bool(reason), "Say why the figure is deleted: the reason is kept in its history.")
    # The return first, then the figure: the order return_save takes them in.
    the_return = (
        Return.objects.select_for_update()
        .filter(
            organisation_id=indicator.reporting_organisation_id,
            period=indicator.quarter_carrying(value.period),
        )
        .first()
    )
    current = Value.objects.select_for_update().filter(pk=value.pk).first()
    _require(current is not None, "This figure has already been deleted.")
    current._change_reason = reason
    current._history_user = user
    current.delete()
    if the_return is not None:
        the_return.version += 1
        the_return._change_reason = f"A figure deleted: {reason}"
        the_return.save()
