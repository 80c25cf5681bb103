"""Partnerships, the organisations and people in them, and the strategies they run.

Nothing here knows about indicators or dashboards: those apps build on this one.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class Partnership(models.Model):
    """The agencies of one area working together against domestic abuse and sexual violence."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    area = models.CharField(max_length=200)
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
        help_text="The partnership this one replaced, e.g. before a merger.",
    )
    return_due_days = models.PositiveSmallIntegerField(
        default=30, help_text="Days after a quarter ends that its returns are due."
    )
    exception_tolerance = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        default=10,
        help_text="How far a figure may move the wrong way on the same quarter last year "
        "before the dashboard lists it as an exception: per cent for counts, points for "
        "percentages.",
    )
    suppression_threshold = models.PositiveSmallIntegerField(
        default=5, help_text="Counts below this are shown as <N in tables for publication."
    )
    rag_green = models.CharField("green means", max_length=200, default="On track or complete")
    rag_amber = models.CharField("amber means", max_length=200, default="Progressing")
    rag_red = models.CharField("red means", max_length=200, default="Needs addressing")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    POLICE = "police", "Police"
    LOCAL_AUTHORITY = "local-authority", "Local authority"
    HEALTH = "health", "Health"
    PROBATION = "probation", "Probation"
    VOLUNTARY_SECTOR = "voluntary-sector", "Voluntary sector"
    COMMISSIONER = "commissioner", "Commissioner"


class Organisation(models.Model):
    """A partner agency: a police force, a council, an NHS trust, a charity."""

    Type = OrganisationType

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField()
    type = models.CharField(max_length=20, choices=Type.choices)

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "slug"], name="organisation_slug_unique_in_partnership"
            ),
            models.CheckConstraint(
                condition=Q(type__in=[choice.value for choice in OrganisationType]),
                name="organisation_type_known",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    PARTNER_LEAD = "partner-lead", "Partner lead"
    COORDINATOR = "coordinator", "Partnership coordinator"
    BOARD_MEMBER = "board-member", "Board member"
    OFFICER = "officer", "Officer"


class Membership(models.Model):
    """A user's place in an organisation, and so in its partnership, with the role they play."""

    Role = MembershipRole

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["organisation", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=[choice.value for choice in MembershipRole]),
                name="membership_role_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()}, {self.organisation}"


class Strategy(models.Model):
    """A partnership's strategy for a span of years, with its objectives and action plan."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="strategies"
    )
    slug = models.SlugField()
    title = models.CharField(max_length=200)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    vision = models.TextField(blank=True)
    successor = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessor",
        help_text="The strategy that carries this one's unfinished actions forward.",
    )

    class Meta:
        ordering = ["partnership", "-start_year"]
        verbose_name_plural = "strategies"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "slug"], name="strategy_slug_unique_in_partnership"
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="strategy_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Objective(models.Model):
    """A strategy's theme (Prevent, Protect...) with its statement and measures of success."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="objectives")
    code = models.SlugField()
    theme = models.CharField(max_length=100)
    statement = models.TextField()
    success_measures = models.TextField(
        blank=True, help_text="How will we measure our success: one measure per line."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["strategy", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "code"], name="objective_code_unique_in_strategy"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme} ({self.strategy})"

    @property
    def success_measure_list(self) -> list[str]:
        return [line for line in self.success_measures.splitlines() if line.strip()]


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETE = "complete", "Complete"
    CARRIED_FORWARD = "carried-forward", "Carried forward"


class Action(models.Model):
    """One line of a strategy's action plan, led by an organisation and rated every quarter."""

    Status = ActionStatus

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    area_for_development = models.TextField()
    description = models.TextField("action", blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    lead_officer = models.CharField(max_length=200, blank=True)
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

    class Meta:
        ordering = ["objective", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in ActionStatus]),
                name="action_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.area_for_development[:80]


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
        ordering = ["action", "period"]
        constraints = [
            models.UniqueConstraint(fields=["action", "period"], name="rag_update_one_per_quarter"),
            models.CheckConstraint(
                condition=Q(rag__in=[choice.value for choice in Rag]), name="rag_update_rag_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.get_rag_display()}"
