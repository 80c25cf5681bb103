"""What each person sees of the figures: the one answer for every page and export.

The board sees approved figures only (a partner lead's once the return is approved; a
coordinator's or officer's import or correction at once), as they stood at the end of the
selected quarter: nothing for a later period. Drafts and figures awaiting approval are seen by
their organisation and the partnership's coordinators, always marked; a partnership may choose
to show its board the figures awaiting approval too, marked.
"""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from django.db.models import Q

from indicators import calculated, formatting
from indicators.models import Indicator, Value
from indicators.periods import Period
from indicators.years import PartnershipYears, partnership_years, years_of_indicators
from strategy.access import PartnershipAccess
from strategy.models import Partnership

State = Value.State


class Figure(NamedTuple):
    """One figure as a person may see it, or the reason it is missing; `mark` says when it is
    not the approved figure ("draft", "awaiting approval"). A tuple: a national dashboard
    reads thousands of them."""

    period: Period
    value: Decimal | None
    missing_reason: str = ""
    comment: str = ""
    corrective_action: str = ""
    mark: str = ""


@dataclass(frozen=True)
class Audience:
    """Who is looking. `drafts_of` names the organisations whose unapproved figures they see
    (None: every organisation's, as a coordinator does)."""

    partnership: Partnership
    drafts_of: frozenset[int] | None = frozenset()
    submitted: bool = False  # figures awaiting approval shown too, marked

    @classmethod
    def board(cls, partnership: Partnership) -> Audience:
        """The board's view in meetings and packs: approved figures, and the figures awaiting
        approval, marked, where the partnership chose to show them."""
        return cls(partnership, submitted=partnership.board_sees_submitted)

    @classmethod
    def approved(cls, partnership: Partnership) -> Audience:
        """Approved figures only, whatever the partnership chose: what leaves the product
        (tidy files, single tables, publications) and what moves the board's quarter."""
        return cls(partnership)

    @classmethod
    def of(cls, access: PartnershipAccess) -> Audience:
        """A signed-in person: coordinators see every draft, partner leads their own."""
        return cls(
            access.partnership,
            None if access.is_coordinator else access.lead_of,  # as access.sees_drafts_of
            submitted=access.partnership.board_sees_submitted,
        )

    @property
    def sees_only_approved(self) -> bool:
        """The board's view of a partnership that shows its board approved figures only."""
        return self.drafts_of == frozenset() and not self.submitted

    @cached_property
    def years(self) -> PartnershipYears:
        """The years the partnership's figures may be for: a figure stored outside them (before
        imports refused such periods) is shown to nobody."""
        return partnership_years(self.partnership)

    def sees_drafts_of(self, organisation_id: int | None) -> bool:
        return self.drafts_of is None or organisation_id in self.drafts_of

    def shown(self, row: dict, owners: dict[int, int]) -> Figure | None:
        """The figure of one stored value as this audience sees it, or None; `owners` maps
        an indicator to its reporting organisation where the audience needs to know."""
        state = row["state"]
        if state != State.APPROVED and self.sees_drafts_of(owners.get(row["indicator_id"])):
            return _figure(row, "", State(state).label.lower())
        if state == State.SUBMITTED and self.submitted:
            return _figure(row, "", State.SUBMITTED.label.lower())
        if row["approved"]:
            return _figure(row, "approved_", "")
        return None


def _figure(row: dict, prefix: str, mark: str) -> Figure:
    return Figure(
        row["period"],
        row[f"{prefix}value"],
        row[f"{prefix}missing_reason"],
        row[f"{prefix}comment"],
        row[f"{prefix}corrective_action"],
        mark,
    )


_WORKING = ("value", "missing_reason", "comment", "corrective_action")
_APPROVED = tuple(f"approved_{name}" for name in _WORKING)


def visible_figures(
    *,
    indicator_ids: Iterable[int],
    audience: Audience,
    as_at: Period | None = None,
    first_year: int | Mapping[int, int] | None = None,
) -> dict[tuple[int, int | None], list[Figure]]:
    """Every figure of the indicators the audience may see, known by the end of `as_at` (a
    quarter; None: all) and from `first_year` on (one year for all, or each indicator's), by
    (indicator, option), in one query, and one to learn which are calculated: a calculated
    indicator's figures are made from its parts' (fetched alongside, and returned too)."""
    asked = list(indicator_ids)
    made = calculated.calculations(asked)
    ids = list({*asked, *(pk for calculation in made for pk in calculation.part_ids)})
    if isinstance(first_year, Mapping) and made:
        first_year = _parts_first_year(first_year, made)
    figures = _visible(ids, audience, as_at, first_year)
    return calculated.with_calculated(figures, made) if made else figures


def _parts_first_year(first_year: Mapping[int, int], made) -> dict[int, int]:
    """Each part fetched from the earliest year of any indicator calculated from it (0: an
    indicator not named is fetched from the partnership's first year)."""
    chosen = dict(first_year)
    for calculation in made:
        own = first_year.get(calculation.indicator_id, 0)
        for pk in calculation.part_ids:
            chosen[pk] = min(own, chosen.get(pk, own))
    return chosen


def _visible(ids: list[int], audience: Audience, as_at: Period | None, first_year) -> dict:
    years = audience.years
    last_year = min(as_at.year, years.last) if as_at is not None else years.last
    rows = Value.objects.filter(
        _from_years(ids, first_year, years), period__lt=str(Period(last_year + 1))
    )
    if audience.sees_only_approved:
        # The board's own view: approved figures only, read from their columns alone.
        return _approved_figures(rows.filter(approved_at__isnull=False), as_at)
    owners = _owners(ids, audience)
    rows = rows.annotate(approved=Q(approved_at__isnull=False))
    shown = functools.partial(audience.shown, owners=owners)
    return _collect(rows, as_at, shown, (*_WORKING, "state", "approved"))


def shared_figures(
    *, indicator_ids: Iterable[int], periods: Iterable[Period]
) -> dict[int, list[Figure]]:
    """The approved figures of the whole (no breakdown) of indicators of any partnerships, for
    some periods, without their comments: what partnerships that share benchmarks see of each
    other's, by indicator, in two queries: each partnership's figures only for its own years,
    as every other page shows them."""
    periods = list(periods)
    by_periods: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for pk, years in years_of_indicators(indicator_ids).items():
        by_periods[tuple(str(period) for period in periods if period in years)].append(pk)
    within_years = functools.reduce(
        operator.or_,
        (Q(indicator_id__in=pks, period__in=shown) for shown, pks in by_periods.items() if shown),
        Q(pk__in=[]),
    )
    rows = Value.objects.filter(
        within_years, option__isnull=True, approved_at__isnull=False
    ).values_list("indicator_id", "period", "approved_value", "approved_missing_reason")
    figures: dict[int, list[Figure]] = defaultdict(list)
    for indicator_id, period, value, missing_reason in rows:
        figures[indicator_id].append(Figure(period, value, missing_reason))
    return figures


def _from_years(ids: list[int], first_year, years: PartnershipYears) -> Q:
    """The indicators' figures from their first year on, never before the partnership's."""
    if not isinstance(first_year, Mapping):
        return Q(indicator_id__in=ids, period__gte=str(Period(max(first_year or 0, years.first))))
    by_year: dict[int, list[int]] = defaultdict(list)
    for pk in ids:
        by_year[max(first_year.get(pk, years.first), years.first)].append(pk)
    return functools.reduce(
        operator.or_,
        (Q(indicator_id__in=pks, period__gte=str(Period(year))) for year, pks in by_year.items()),
        Q(pk__in=[]),
    )


def _approved_figures(rows, as_at: Period | None) -> dict:
    """The approved figures of the rows, as tuples straight from the database."""
    figures: dict[tuple[int, int | None], list[Figure]] = defaultdict(list)
    for indicator_id, option_id, period, *approved in rows.values_list(
        "indicator_id", "option_id", "period", *_APPROVED
    ):
        if as_at is None or period.known_at(as_at):
            figures[(indicator_id, option_id)].append(Figure(period, *approved))
    return figures


def _collect(rows, as_at: Period | None, shown, extra: tuple[str, ...] = ()) -> dict:
    figures: dict[tuple[int, int | None], list[Figure]] = defaultdict(list)
    for row in rows.values("indicator_id", "option_id", "period", *_APPROVED, *extra):
        if as_at is not None and not row["period"].known_at(as_at):
            continue
        figure = shown(row)
        if figure is not None:
            figures[(row["indicator_id"], row["option_id"])].append(figure)
    return figures


def _owners(indicator_ids: list[int], audience: Audience) -> dict[int, int]:
    """Each indicator's reporting organisation, asked for only when the audience sees some
    organisations' drafts but not all (a partner lead): no join on the figures' query."""
    if not audience.drafts_of:
        return {}
    return dict(
        Indicator.objects.filter(pk__in=indicator_ids).values_list(
            "pk", "reporting_organisation_id"
        )
    )


def board_quarters(
    partnership: Partnership, *, years: PartnershipYears | None = None
) -> list[Period]:
    """Every quarter of the partnership's years by whose end the board has an approved figure,
    newest first: a year's figure counts at its Q4, a year to date at its last quarter; a reason
    a figure is missing does not count, nor does a draft or a figure awaiting approval. One
    query over the distinct periods."""
    periods = (
        Value.objects.filter(
            indicator__partnership=partnership,
            approved_at__isnull=False,
            approved_value__isnull=False,
        )
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    years = years or partnership_years(partnership)
    return sorted({period.last_quarter for period in periods if period in years}, reverse=True)


def values_export_rows(
    *, partnership: Partnership, indicators=None, as_at: Period | None = None
) -> list[tuple[str, ...]]:
    """The approved figures of a partnership (or of some of its indicators) as tidy rows,
    ordered by indicator, period and breakdown: what `import_values` takes back unchanged."""
    # A calculated indicator's figures are made from its parts' rows, never imported.
    chosen = Indicator.objects.filter(partnership=partnership, multiplier__isnull=True)
    if indicators is not None:
        chosen = chosen.filter(pk__in=indicators.values("pk"))
    chosen = list(chosen.prefetch_related("options").order_by("order", "code"))
    figures = visible_figures(
        indicator_ids=[i.pk for i in chosen], audience=Audience.approved(partnership), as_at=as_at
    )
    rows = []
    for indicator in chosen:
        for option in [None, *indicator.options.all()]:
            found = figures.get((indicator.pk, option.pk if option else None), [])
            rows.extend(
                (
                    partnership.slug,
                    indicator.code,
                    str(figure.period),
                    option.code if option else "",
                    formatting.plain_figure(figure.value),
                    figure.missing_reason,
                    figure.comment,
                )
                for figure in sorted(found, key=lambda f: f.period)
            )
    return rows
