"""A strategy's action plan: actions and the quarterly RAG updates of their leads."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from strategy.models.partnerships import Objective, Organisation


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETE = "complete", "Complete"
    CARRIED_FORWARD = "carried-forward", "Carried forward"


_OPEN = Q(status=ActionStatus.OPEN)


class ActionQuerySet(models.QuerySet):
    """Actions, with the questions asked of many at once answered as `Action` answers them
    of one."""

    def open(self) -> ActionQuerySet:
        """Those still running: not complete and not carried forward (`Action.is_open`)."""
        return self.filter(_OPEN)

    def overdue(self, today: date, *, overdue: bool = True) -> ActionQuerySet:
        """Open actions whose target date has passed, or, with `overdue=False`, every other."""
        passed = _OPEN & Q(target_date__lt=today)
        return self.filter(passed) if overdue else self.exclude(passed)


class Action(models.Model):
    """One line of a strategy's action plan, led by an organisation and rated every quarter."""

    Status = ActionStatus

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    area_for_development = models.TextField()
    description = models.TextField("action", blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    lead_officer = models.CharField(
        max_length=200, blank=True, help_text="The lead officer's name, for one without an account."
    )
    lead_officer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_led",
        verbose_name="lead officer's account",
        help_text="A member of the partnership who leads this action and can be reminded.",
    )
    task_group = models.CharField(max_length=200, blank=True)
    milestones = models.TextField(blank=True)
    target_date = models.DateField(null=True, blank=True)
    performance_measure = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    carried_forward_to = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_forward_from",
    )
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["objective_id", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in ActionStatus]),
                name="action_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.area_for_development[:80]

    @property
    def is_open(self) -> bool:
        """Still running: it takes RAG updates and may be completed or carried forward."""
        return self.status == ActionStatus.OPEN

    def clean(self) -> None:
        if self.lead_officer_user_id and not self.is_lead_officer_allowed(self.lead_officer_user):
            raise ValidationError(
                {"lead_officer_user": "Choose a lead officer who is in the partnership."}
            )

    def is_lead_officer_allowed(self, user) -> bool:
        """Only an active member of the action's partnership may be linked as its lead officer."""
        return (
            user.is_active
            and user.memberships.filter(
                organisation__partnership_id=self.objective.strategy.partnership_id
            ).exists()
        )

    @property
    def lead_officer_name(self) -> str:
        """The linked account's name if there is one, else the free text."""
        user = self.lead_officer_user
        if user is not None:
            return user.get_full_name() or user.get_username()
        return self.lead_officer


class RagUpdate(models.Model):
    """An action's lead's rating and account of progress for one quarter."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="rag_updates")
    # Text, not indicators' PeriodField: this app must not depend on the indicators app.
    period = models.CharField(
        max_length=10,
        validators=[RegexValidator(r"^\d{4}/\d{2} Q[1-4]$", "Write the quarter as 2015/16 Q3.")],
        help_text="The quarter, e.g. 2015/16 Q3.",
    )
    rag = models.CharField("RAG", max_length=5, choices=Rag.choices)
    progress = models.TextField(blank=True)
    milestones_reached = models.TextField(blank=True)
    risks_and_issues = models.TextField(blank=True)
    reason = models.TextField(blank=True, help_text="Why the rating changed; required for red.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_id", "period"]
        constraints = [
            models.UniqueConstraint(fields=["action", "period"], name="rag_update_one_per_quarter"),
            models.CheckConstraint(
                condition=Q(rag__in=[choice.value for choice in Rag]), name="rag_update_rag_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.get_rag_display()}"
