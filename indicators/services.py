"""Writes to indicators and their figures. Each is atomic, checks its input, and keeps history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from indicators import bulk, judgement, locks, tidy
from indicators.calculated import calculated_refusal
from indicators.models import BreakdownOption, Indicator, Value
from indicators.periods import Period
from indicators.years import years_of_partnerships
from strategy import access
from strategy.models import Partnership

BATCH = 10_000  # figures written, with their history, per step
# What an import writes on a figure it changes; the rest (its indicator, period, option,
# corrective action and follow-up) stays as it was.
IMPORTED_FIELDS = [
    "unit",
    "value",
    "missing_reason",
    "comment",
    "updated_by",
    "updated_at",
    "version",
    "state",
    "approved_value",
    "approved_missing_reason",
    "approved_comment",
    "approved_corrective_action",
    "approved_at",
    "approved_by",
]
# Of those, what an import sets without reading it: not fetched, since the dates, users and
# approved copies of 50,000 figures take about a second to read.
OVERWRITTEN_UNREAD = [
    name
    for name in IMPORTED_FIELDS
    if name not in ("value", "missing_reason", "comment", "version", "state")
]


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
    line: int
    indicator: Indicator
    period: Period
    option: BreakdownOption | None
    value: object
    missing_reason: str
    comment: str
    locked: Period | None  # the locked quarter carrying the figure: it may not change


@dataclass
class _Known:
    """What the rows may name, fetched once for the whole file: the partnerships the user may
    import for and their years, their indicators, the indicators' breakdown options, and the
    locked quarters."""

    partnerships: dict[str, Partnership]
    years: dict[int, object]
    indicators: dict[tuple[str, str], Indicator]
    options: dict[int, dict[str, BreakdownOption]]
    locked: set[tuple[int, Period]]
    period_problems: dict[tuple[int, Period], str] = field(default_factory=dict)

    def period_problem(self, indicator: Indicator, period: Period) -> str:
        """`Indicator.period_problem`, asked once for each figure's indicator and period."""
        key = (indicator.pk, period)
        if key not in self.period_problems:
            self.period_problems[key] = indicator.period_problem(period)
        return self.period_problems[key]


def _known(slugs: set[str], user) -> _Known:
    partnerships = {
        p.slug: p
        for p in Partnership.objects.filter(slug__in=slugs)
        if user is None or access.can_import_values(user, p)
    }
    indicators = {
        (indicator.partnership.slug, indicator.code): indicator
        for indicator in Indicator.objects.filter(partnership__in=partnerships.values())
        .select_related("partnership")
        .select_related("numerator", "denominator")
        .prefetch_related("options", "frequency_changes")
    }
    locked = locks.locked_quarters(partnerships.values())
    options = {
        indicator.pk: {option.code: option for option in indicator.options.all()}
        for indicator in indicators.values()
    }
    years = years_of_partnerships(partnerships.values())
    return _Known(partnerships, years, indicators, options, locked)


def _check_rows(rows: Sequence[tidy.TidyRow], user) -> tuple[list[_Checked], list[tidy.RowError]]:
    """Every row checked against what was fetched once: no query a row."""
    known = _known({row.partnership for row in rows}, user)
    checked, errors, seen = [], [], {}
    for row in rows:
        problems = []
        if row.problem:
            errors.append(tidy.RowError(row.line, row.problem))
            continue
        indicator = known.indicators.get((row.partnership, row.indicator))
        partnership = known.partnerships.get(row.partnership)
        if partnership is None:
            # The same words whether it does not exist or the user may not import for it.
            problems.append(f"no partnership {row.partnership!r} you may import figures for.")
        elif indicator is None:
            problems.append(f"no indicator {row.indicator!r} in {row.partnership!r}.")
        elif indicator.is_calculated:
            problems.append(calculated_refusal(indicator))
            indicator = None
        try:
            period = tidy.parse_period_text(row.period)
        except ValueError as error:
            problems.append(str(error))
            period = None
        outside = known.years[partnership.pk].problem(period) if period and partnership else ""
        if outside:
            problems.append(outside)
        option = None
        if indicator is not None and row.breakdown:
            options = known.options[indicator.pk]
            option = options.get(row.breakdown)
            if option is None:
                problems.append(
                    f"{row.breakdown!r} is not a breakdown of {indicator.code!r} "
                    f"(known: {', '.join(options) or 'none'})."
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
        if period is not None and indicator is not None:
            if problem := known.period_problem(indicator, period):
                problems.append(problem)
            due = indicator.quarter_carrying(period)
        key = (row.partnership, row.indicator, str(period), row.breakdown)
        if period is not None and key in seen:
            problems.append(f"the same figure as line {seen[key]}.")
        seen.setdefault(key, row.line)
        if problems:
            errors.extend(tidy.RowError(row.line, problem) for problem in problems)
        else:
            locked = due if (partnership.pk, due) in known.locked else None
            checked.append(
                _Checked(row.line, indicator, period, option, figure, status, row.comment, locked)
            )
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
    New and changed figures are written in batches, each with its history record (who, when,
    why), inside the one transaction: an import that fails half-way leaves nothing behind.
    """
    # Held until the import commits, before the locks are read: see indicators.locks.
    locks.hold(Partnership.objects.filter(slug__in={row.partnership for row in rows}))
    checked, errors = _check_rows(rows, user)
    summary = ImportSummary()
    now = timezone.now()
    existing = _existing_values({item.indicator.pk for item in checked})
    new, changed = [], []
    for item in checked:
        summary.partnerships.add(item.indicator.partnership.slug)
        key = (item.indicator.pk, item.period, item.option.pk if item.option else None)
        current = existing.get(key)
        if current is not None and keep_existing:
            summary.skipped += 1
            continue
        if current is not None and _unchanged(current, item):
            summary.unchanged += 1  # a locked quarter's too: left alone, so not refused
            continue
        if item.locked is not None:
            errors.append(
                tidy.RowError(
                    item.line,
                    f"{item.locked} is locked: the board has signed it off, and this row would "
                    "change its figure.",
                )
            )
            continue
        if current is None:
            current = Value(indicator=item.indicator, period=item.period, option=item.option)
            new.append(current)
        else:
            current.version += 1
            changed.append(current)
        current.unit = item.indicator.unit  # as Value.save does; the bulk writes skip save()
        current.value = item.value
        current.missing_reason = item.missing_reason
        current.comment = item.comment
        current.updated_by = user
        current.updated_at = now
        # An import is a coordinator's or officer's (or the system's): the board sees it at once.
        current.approve(by=user, at=now)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error.line))
    _values_write(new=new, changed=changed, user=user, reason=reason, at=now)
    summary.created, summary.changed = len(new), len(changed)
    return summary


def _unchanged(current: Value, item: _Checked) -> bool:
    """The file says what the board already sees: nothing to write. A figure in draft or
    awaiting approval is compared with its approved copy, so importing an export of the board's
    figures leaves a lead's draft alone."""
    wanted = (item.value, item.missing_reason, item.comment)
    if current.is_approved:
        return (current.value, current.missing_reason, current.comment) == wanted
    # Deferred, so read for these few figures only.
    approved = (current.approved_value, current.approved_missing_reason, current.approved_comment)
    return current.approved_at is not None and approved == wanted


def _existing_values(indicator_ids: set[int]) -> dict[tuple, Value]:
    """The figures of these indicators, locked against other writers until the import ends."""
    return {
        (value.indicator_id, value.period, value.option_id): value
        for value in Value.objects.select_for_update()
        .filter(indicator_id__in=indicator_ids)
        .defer(*OVERWRITTEN_UNREAD)
        .order_by("pk")
    }


def _values_write(*, new: list[Value], changed: list[Value], user, reason: str, at) -> None:
    """New and changed figures in batches, each figure with its history record."""
    stamp = bulk.HistoryStamp(user=user, reason=reason, at=at)
    for start in range(0, len(new), BATCH):
        bulk.values_insert(new[start : start + BATCH], stamp=stamp)
    for start in range(0, len(changed), BATCH):
        bulk.values_update(changed[start : start + BATCH], fields=IMPORTED_FIELDS, stamp=stamp)
