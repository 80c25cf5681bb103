"""Writes to indicators and their figures. Each is atomic, checks its input, and keeps history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from indicators import judgement, locks, tidy
from indicators.models import BreakdownOption, Indicator, QuarterLock, Value
from indicators.periods import Period
from indicators.years import years_of_partnerships
from strategy import access
from strategy.models import Partnership


class ImportRejected(Exception):
    """Tidy data with bad rows: nothing was written; `errors` says what is wrong, line by line."""

    def __init__(self, errors: Sequence[tidy.RowError]):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors):,} bad row(s); nothing was imported.")


@dataclass
class ImportSummary:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    partnerships: set[str] = field(default_factory=set)

    def __str__(self) -> str:
        return f"{self.created:,} new, {self.changed:,} changed, {self.unchanged:,} unchanged" + (
            f", {self.skipped:,} already present (kept)" if self.skipped else ""
        )


@dataclass(frozen=True)
class _Checked:
    indicator: Indicator
    period: Period
    option: BreakdownOption | None
    value: object
    missing_reason: str
    comment: str


def _check_rows(rows: Sequence[tidy.TidyRow], user) -> tuple[list[_Checked], list[tidy.RowError]]:
    slugs = {row.partnership for row in rows}
    partnerships = {p.slug: p for p in Partnership.objects.filter(slug__in=slugs)}
    years = years_of_partnerships(partnerships.values())
    indicators = {
        (indicator.partnership.slug, indicator.code): indicator
        for indicator in Indicator.objects.filter(partnership__slug__in=slugs)
        .select_related("partnership")
        .prefetch_related("options", "frequency_changes")
    }
    locked = {
        (lock.partnership.slug, lock.period)
        for lock in QuarterLock.objects.filter(partnership__slug__in=slugs).select_related(
            "partnership"
        )
    }
    checked, errors, seen = [], [], {}
    for row in rows:
        problems = []
        if row.problem:
            errors.append(tidy.RowError(row.line, row.problem))
            continue
        partnership = partnerships.get(row.partnership)
        indicator = indicators.get((row.partnership, row.indicator))
        if partnership is None:
            problems.append(f"no partnership {row.partnership!r} you may import figures for.")
        elif user is not None and not access.can_import_values(user, partnership):
            # The same words as for no such partnership: do not reveal which ones exist.
            problems.append(f"no partnership {row.partnership!r} you may import figures for.")
            partnership = None  # nor its years
        elif indicator is None:
            problems.append(f"no indicator {row.indicator!r} in {row.partnership!r}.")
        try:
            period = tidy.parse_period_text(row.period)
        except ValueError as error:
            problems.append(str(error))
            period = None
        outside = years[partnership.pk].problem(period) if period and partnership else ""
        if outside:
            problems.append(outside)
        option = None
        if indicator is not None and row.breakdown:
            option = next((o for o in indicator.options.all() if o.code == row.breakdown), None)
            if option is None:
                known = ", ".join(o.code for o in indicator.options.all()) or "none"
                problems.append(
                    f"{row.breakdown!r} is not a breakdown of {indicator.code!r} (known: {known})."
                )
        figure = None
        try:
            status = tidy.parse_status(row.status)
            if status and row.value:
                problems.append(f"a row with status {status!r} must leave value empty.")
            elif not status and not row.value:
                problems.append(
                    "value is empty: give a figure, or a status saying why it is missing."
                )
            elif row.value and indicator is not None:
                figure = judgement.parse_figure(row.value, indicator.unit)
        except ValueError as error:
            problems.append(str(error))
            status = ""
        if period is not None and indicator is not None and indicator.period_problem(period):
            problems.append(indicator.period_problem(period))
        if period is not None and indicator is not None:
            due = indicator.quarter_carrying(period)
            if (row.partnership, due) in locked:
                problems.append(f"{due} is locked: the board has signed it off.")
        key = (row.partnership, row.indicator, str(period), row.breakdown)
        if period is not None and key in seen:
            problems.append(f"the same figure as line {seen[key]}.")
        seen.setdefault(key, row.line)
        if problems:
            errors.extend(tidy.RowError(row.line, problem) for problem in problems)
        else:
            checked.append(_Checked(indicator, period, option, figure, status, row.comment))
    return checked, errors


@transaction.atomic
def values_import(
    *,
    rows: Sequence[tidy.TidyRow],
    user=None,
    reason: str,
    keep_existing: bool = False,
) -> ImportSummary:
    """Loads tidy rows all or nothing; a changed figure keeps its old one in history with `reason`.

    `user` None is the system (the demo loader); a person must be allowed to import for every
    partnership in the file. With `keep_existing`, figures already present are left alone.
    """
    # Held until the import commits, before the locks are read: see indicators.locks.
    locks.hold(Partnership.objects.filter(slug__in={row.partnership for row in rows}))
    checked, errors = _check_rows(rows, user)
    if errors:
        raise ImportRejected(errors)
    summary = ImportSummary()
    now = timezone.now()
    indicator_ids = {item.indicator.pk for item in checked}
    existing = {
        (value.indicator_id, value.period, value.option_id): value
        for value in Value.objects.select_for_update()
        .filter(indicator_id__in=indicator_ids)
        .order_by("pk")
    }
    for item in checked:
        summary.partnerships.add(item.indicator.partnership.slug)
        key = (item.indicator.pk, item.period, item.option.pk if item.option else None)
        current = existing.get(key)
        if current is None:
            current = Value(indicator=item.indicator, period=item.period, option=item.option)
            summary.created += 1
        elif keep_existing:
            summary.skipped += 1
            continue
        elif (current.value, current.missing_reason, current.comment) == (
            item.value,
            item.missing_reason,
            item.comment,
        ) and current.is_approved:
            summary.unchanged += 1
            continue
        else:
            current.version += 1
            summary.changed += 1
        current.value = item.value
        current.missing_reason = item.missing_reason
        current.comment = item.comment
        current.updated_by = user
        # An import is a coordinator's or officer's (or the system's): the board sees it at once.
        current.approve(by=user, at=now)
        current._change_reason = reason
        current._history_user = user
        current.save()
        existing[key] = current
    return summary
