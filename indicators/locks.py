"""Quarter locks: the board's sign-off of a quarter, and the row lock that keeps saves out of it.

Locking a quarter and every write that asks whether its quarter is locked (a return's save,
sending a return back, an import) first take the partnership's row lock (`hold`): writes share
it, a lock takes it alone, so a save that started before the lock commits first and one that
starts after waits and sees the lock. Locking and unlocking each need a reason; the lock's
history keeps every lock and unlock with who, when and why.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connections, transaction
from django.db.models import QuerySet

from indicators.completeness import Outstanding, outstanding
from indicators.models import QuarterLock
from indicators.periods import Period
from indicators.years import partnership_years
from strategy.access import access_for
from strategy.models import Partnership


class LockError(Exception):
    """A lock or unlock that may not happen now, with the reason in words."""


class ReturnsOutstanding(LockError):
    """Returns of the quarter are not approved yet: locking needs an explicit confirmation."""

    def __init__(self, returns: Outstanding):
        self.returns = returns
        super().__init__(f"{returns} Confirm that the quarter is locked all the same.")


def hold(partnerships: QuerySet[Partnership], *, exclusive: bool = False) -> None:
    """Holds the partnerships' rows until the transaction ends, in id order so that writers
    holding several never deadlock. A write that checks a lock holds them shared (`FOR SHARE`):
    saves and imports run side by side, but never beside a lock or an unlock, which holds them
    exclusively (`FOR NO KEY UPDATE`). Neither holds up rows that only refer to a partnership
    (a new return, a new figure). SQLite has no row locks: it writes one at a time."""
    rows = partnerships.order_by("pk").values_list("pk", flat=True)
    if exclusive:
        list(rows.select_for_update(no_key=True))
    elif connections[rows.db].vendor == "postgresql":
        # Django's ORM has no FOR SHARE: its own query, with the clause added.
        sql, params = rows.query.sql_with_params()
        with connections[rows.db].cursor() as cursor:
            cursor.execute(f"{sql} FOR SHARE", params)


def is_locked(partnership_id: int, quarter: Period) -> bool:
    """The one answer to "is this quarter locked?"; a write holds the partnership first."""
    return QuarterLock.objects.filter(partnership_id=partnership_id, period=quarter).exists()


def locked_quarters(partnerships: Iterable[Partnership]) -> set[tuple[int, Period]]:
    """`is_locked` for many figures at once: (partnership id, quarter) of every lock."""
    return set(
        QuarterLock.objects.filter(partnership__in=list(partnerships)).values_list(
            "partnership_id", "period"
        )
    )


def quarter_lock_of(partnership: Partnership, quarter: Period) -> QuarterLock | None:
    """The quarter's lock with who made it, or None."""
    return (
        QuarterLock.objects.filter(partnership=partnership, period=quarter)
        .select_related("locked_by")
        .first()
    )


def lock_history(partnership: Partnership, quarter: Period) -> list:
    """Every lock and unlock of the quarter, newest first: `history_type` "+" a lock and "-"
    an unlock, with `history_user`, `history_date` and the reason in `history_change_reason`."""
    return list(
        QuarterLock.history.filter(partnership_id=partnership.pk, period=quarter)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise LockError(message)


@transaction.atomic
def quarter_lock(
    *,
    partnership: Partnership,
    quarter: Period,
    user,
    reason: str,
    outstanding_confirmed: bool = False,
) -> QuarterLock:
    """The board has signed the quarter off: from now on only a coordinator's correction
    changes it. Needs a reason; with returns not yet approved, an explicit confirmation."""
    _require(
        access_for(user, partnership).can_review_returns, "Only a coordinator may lock a quarter."
    )
    _require(quarter.is_quarter, "Lock a quarter, not a whole year.")
    years = partnership_years(partnership)
    _require(quarter in years, years.problem(quarter))
    reason = reason.strip()
    _require(bool(reason), "Say why the quarter is locked, e.g. when the board signed it off.")
    hold(Partnership.objects.filter(pk=partnership.pk), exclusive=True)
    _require(not is_locked(partnership.pk, quarter), f"{quarter} is already locked.")
    returns = outstanding(partnership, quarter)
    if returns.count and not outstanding_confirmed:
        raise ReturnsOutstanding(returns)
    lock = QuarterLock(partnership=partnership, period=quarter, locked_by=user, reason=reason)
    lock._change_reason = reason
    lock._history_user = user
    lock.save()
    return lock


@transaction.atomic
def quarter_unlock(*, partnership: Partnership, quarter: Period, user, reason: str) -> None:
    """A coordinator reopens a locked quarter (the board asked for a figure to be redone),
    saying why; partner leads may change their returns again."""
    _require(
        access_for(user, partnership).can_review_returns,
        "Only a coordinator may unlock a quarter.",
    )
    reason = reason.strip()
    _require(bool(reason), "Say why the quarter is unlocked; the reason is kept in its history.")
    hold(Partnership.objects.filter(pk=partnership.pk), exclusive=True)
    lock = QuarterLock.objects.filter(partnership=partnership, period=quarter).first()
    _require(lock is not None, f"{quarter} is not locked.")
    lock._change_reason = reason
    lock._history_user = user
    lock.delete()
