"""The coordinator's view of a quarter: every organisation's return, its status and due date."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import django_filters
import django_tables2 as tables
from django.db.models import BooleanField, Case, OuterRef, QuerySet, Subquery, When
from django.db.models import Value as V
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html

from indicators.models import Indicator, Return, Value
from indicators.periods import Period
from indicators.returns import due_date
from strategy.models import Organisation, OrganisationType, Partnership
from strategy.widgets import AnyYesNo

Status = Return.Status


def owing_organisations(
    partnerships: Iterable[Partnership], quarters: Iterable[Period]
) -> dict[tuple[int, Period], set[int]]:
    """The one answer to "which organisations owe a return for this quarter", by (partnership
    id, quarter): each that reports a figure of an indicator in that quarter, under the
    indicator's frequency in its year (an annual one only in the quarter its year's figure is
    due), and each that has begun a return for it. Tasks, reminders, the completeness page and
    the lock all ask it. Three queries whatever the number."""
    partnerships, quarters = list(partnerships), list(quarters)
    owing: dict[tuple[int, Period], set[int]] = defaultdict(set)
    indicators = Indicator.objects.filter(
        partnership__in=partnerships, reporting_organisation__isnull=False
    ).prefetch_related("frequency_changes")
    for indicator in indicators:
        for quarter in quarters:
            if indicator.period_reported_at(quarter) is not None:
                owing[(indicator.partnership_id, quarter)].add(indicator.reporting_organisation_id)
    begun = Return.objects.filter(
        organisation__partnership__in=partnerships, period__in=quarters
    ).values_list("organisation__partnership_id", "period", "organisation_id")
    for partnership_id, period, organisation_id in begun:
        owing[(partnership_id, period)].add(organisation_id)
    return owing


def completeness_queryset(
    partnership: Partnership, quarter: Period, *, today: date, visible_ids: frozenset[int] | None
) -> QuerySet[Organisation]:
    """Every organisation that owes a return for the quarter, with its return's status."""
    returns = Return.objects.filter(organisation=OuterRef("pk"), period=quarter)
    overdue = today > due_date(partnership, quarter)
    owing = owing_organisations([partnership], [quarter])[(partnership.pk, quarter)]
    organisations = (
        Organisation.objects.filter(partnership=partnership, pk__in=owing)
        .annotate(
            return_status=Coalesce(Subquery(returns.values("status")[:1]), V(Status.NOT_STARTED)),
            submitted_at=Subquery(returns.values("submitted_at")[:1]),
            is_overdue=Case(
                When(return_status__in=Return.OWED if overdue else [], then=V(True)),
                default=V(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-is_overdue", "name")
    )
    if visible_ids is not None:
        organisations = organisations.filter(pk__in=visible_ids)
    return organisations


def status_counts(organisations) -> list[tuple[str, int]]:
    counts = Counter(org.return_status for org in organisations)
    return [(label, counts.get(value, 0)) for value, label in Status.choices]


def approved(status: str) -> bool:
    """A status as the completeness queryset annotates it: is the return approved?"""
    return status == Status.APPROVED


def not_approved(organisations: Iterable[Organisation]) -> list[Organisation]:
    """The organisations (from `completeness_queryset`) whose return is not approved yet."""
    return [
        organisation for organisation in organisations if not approved(organisation.return_status)
    ]


@dataclass(frozen=True)
class Outstanding:
    """The returns of a quarter not yet approved, by status, out of every return it should
    have: what a coordinator is told before locking it."""

    counts: dict[str, int]
    total: int

    @classmethod
    def of(cls, statuses: Iterable[str]) -> Outstanding:
        statuses = list(statuses)
        counts = Counter(status for status in statuses if not approved(status))
        return cls(
            {value: counts[value] for value in Status.values if counts[value]}, len(statuses)
        )

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    def __str__(self) -> str:
        if not self.count:
            return f"All {self.total:,} returns are approved."
        parts = ", ".join(
            f"{n:,} {Status(status).label.lower()}" for status, n in self.counts.items()
        )
        return f"{self.count:,} of {self.total:,} returns are not approved yet: {parts}."


def outstanding(partnership: Partnership, quarter: Period) -> Outstanding:
    """The quarter's returns not yet approved, of every organisation that reports figures."""
    organisations = completeness_queryset(
        partnership, quarter, today=quarter.end, visible_ids=None
    ).order_by()
    return Outstanding.of(organisations.values_list("return_status", flat=True))


def follow_ups(partnership: Partnership, quarter: Period) -> QuerySet[Value]:
    """Figures of the quarter (and of its year) a coordinator marked to check with the lead."""
    return (
        Value.objects.filter(
            indicator__partnership=partnership,
            follow_up=True,
            period__in=[
                quarter,
                quarter.financial_year,
                Period(quarter.year, quarter.quarter, to_date=True),
            ],
        )
        .select_related("indicator__reporting_organisation", "option")
        .order_by("indicator__order", "option__order")
    )


class CompletenessFilter(django_filters.FilterSet):
    return_status = django_filters.ChoiceFilter(label="Status", choices=Status.choices)
    type = django_filters.ChoiceFilter(label="Organisation type", choices=OrganisationType.choices)
    is_overdue = django_filters.BooleanFilter(label="Overdue", widget=AnyYesNo)

    class Meta:
        model = Organisation
        fields = ["return_status", "type", "is_overdue"]


class CompletenessTable(tables.Table):
    name = tables.Column(verbose_name="Organisation")
    type = tables.Column(verbose_name="Type")
    return_status = tables.Column(verbose_name="Status")
    due = tables.Column(verbose_name="Due", empty_values=(), orderable=False)
    submitted_at = tables.DateTimeColumn(verbose_name="Submitted", format="DATETIME_FORMAT")
    is_overdue = tables.BooleanColumn(verbose_name="Overdue", yesno="Overdue,No")

    class Meta:
        model = Organisation
        fields = ["name", "type", "return_status", "due", "submitted_at", "is_overdue"]
        sequence = ["name", "type", "return_status", "due", "submitted_at", "is_overdue"]
        orderable = True
        attrs = {"class": "completeness"}
        empty_text = "No organisation reports figures for this partnership yet."

    def __init__(self, *args, partnership: Partnership, quarter: Period, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.quarter = quarter
        self.due_date = due_date(partnership, quarter)
        self.caption = f"Returns for {quarter}, by organisation"

    def render_name(self, record: Organisation, value: str):
        url = reverse(
            "return",
            kwargs={
                "partnership": self.partnership.slug,
                "quarter": self.quarter,
                "organisation": record.slug,
            },
        )
        return format_html('<a href="{}">{}</a>', url, value)

    def render_type(self, record: Organisation):
        return record.get_type_display()

    def render_return_status(self, value: str):
        return format_html('<span class="status status-{}">{}</span>', value, Status(value).label)

    def render_due(self):
        return date_format(self.due_date)
