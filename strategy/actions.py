"""The action plan of a strategy: its table, its filters and the query behind them."""

from __future__ import annotations

from datetime import date

import django_filters
import django_tables2 as tables
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.html import format_html

from strategy.models import Action, Organisation, Partnership, Rag, RagUpdate, Strategy
from strategy.widgets import AnyYesNo

RAG_CHOICES = [*Rag.choices, ("none", "Not yet rated")]


def action_plan(partnership: Partnership, *, as_at: str | None = None) -> QuerySet[Action]:
    """Every action of the partnership's strategies with its latest RAG rating, progress, risks
    and issues, and the quarter they were given for (the latest by the end of the quarter
    `as_at`, written `2015/16 Q3`, if given)."""
    latest = RagUpdate.objects.filter(action=OuterRef("pk")).order_by("-period")
    if as_at is not None:
        latest = latest.filter(period__lte=as_at)
    return (
        Action.objects.filter(objective__strategy__partnership=partnership)
        .select_related(
            "objective__strategy__partnership", "lead_organisation", "lead_officer_user"
        )
        .annotate(
            latest_rag=Subquery(latest.values("rag")[:1]),
            latest_period=Subquery(latest.values("period")[:1]),
            latest_progress=Subquery(latest.values("progress")[:1]),
            latest_risks=Subquery(latest.values("risks_and_issues")[:1]),
        )
        .order_by("objective__order", "order", "pk")
    )


class ActionFilter(django_filters.FilterSet):
    strategy = django_filters.ModelChoiceFilter(
        label="Strategy",
        field_name="objective__strategy",
        queryset=Strategy.objects.none(),
        to_field_name="slug",
    )
    objective = django_filters.CharFilter(
        label="Objective code",
        field_name="objective__code",
        widget=django_filters.widgets.forms.HiddenInput,
    )
    rag = django_filters.ChoiceFilter(label="RAG", choices=RAG_CHOICES, method="by_rag")
    lead_organisation = django_filters.ModelChoiceFilter(
        label="Lead organisation", queryset=Organisation.objects.none(), to_field_name="slug"
    )
    task_group = django_filters.ChoiceFilter(label="Task group")
    status = django_filters.ChoiceFilter(label="Status", choices=Action.Status.choices)
    overdue = django_filters.BooleanFilter(
        label="Target date passed", method="by_overdue", widget=AnyYesNo
    )

    class Meta:
        model = Action
        fields = ["strategy", "objective", "rag", "lead_organisation", "task_group", "status"]

    def __init__(self, *args, partnership: Partnership, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.filters["strategy"].queryset = partnership.strategies.all()
        self.filters["lead_organisation"].queryset = partnership.organisations.all()
        groups = (
            Action.objects.filter(objective__strategy__partnership=partnership)
            .exclude(task_group="")
            .order_by("task_group")
            .values_list("task_group", flat=True)
            .distinct()
        )
        self.filters["task_group"].extra["choices"] = [(group, group) for group in groups]

    def by_rag(self, queryset, name, value):
        if value == "none":
            return queryset.filter(latest_rag__isnull=True)
        return queryset.filter(latest_rag=value)

    def by_overdue(self, queryset, name, value):
        return queryset.overdue(self.today, overdue=value)


class ActionTable(tables.Table):
    caption = "Actions"
    area_for_development = tables.Column(verbose_name="Area for development")
    description = tables.Column(verbose_name="Action")
    lead_organisation = tables.Column(
        verbose_name="Lead organisation", order_by="lead_organisation__name"
    )
    lead_officer = tables.Column(verbose_name="Lead officer", empty_values=())
    task_group = tables.Column(verbose_name="Task group")
    target_date = tables.DateColumn(verbose_name="Target date", format="DATE_FORMAT")
    latest_rag = tables.Column(verbose_name="RAG", empty_values=(None, ""))
    status = tables.Column(verbose_name="Status")
    latest_period = tables.Column(verbose_name="Last update")
    milestones = tables.Column(verbose_name="Milestones")
    performance_measure = tables.Column(verbose_name="Performance measure")
    outcome = tables.Column(verbose_name="Outcome")
    latest_progress = tables.Column(verbose_name="Progress")
    latest_risks = tables.Column(verbose_name="Risks and issues")
    objective = tables.Column(verbose_name="Objective", accessor="objective__theme")

    class Meta:
        model = Action
        fields = [
            "objective",
            "area_for_development",
            "description",
            "lead_organisation",
            "lead_officer",
            "task_group",
            "target_date",
            "latest_rag",
            "status",
            "latest_period",
            "milestones",
            "performance_measure",
            "outcome",
            "latest_progress",
            "latest_risks",
        ]
        sequence = fields
        empty_text = "No actions match these filters."

    def render_area_for_development(self, record, value):
        url = reverse("action", args=[record.objective.strategy.partnership.slug, record.pk])
        return format_html('<a href="{}">{}</a>', url, value)

    def render_lead_officer(self, record):
        return record.lead_officer_name or self.default

    def render_latest_rag(self, value):
        if not value:
            return "Not yet rated"
        return format_html('<span class="rag rag-{}">{}</span>', value, Rag(value).label)

    def render_status(self, record):
        return record.get_status_display()
