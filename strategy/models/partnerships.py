"""Partnerships, the organisations and people in them, and the strategies they run.

Nothing here knows about indicators or dashboards: those apps build on this one.
"""

from django.conf import settings
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
    suppression_threshold = models.PositiveSmallIntegerField(
        default=5, help_text="Counts below this are shown as <N in tables for publication."
    )
    rag_green = models.CharField("green means", max_length=200, default="On track or complete")
    rag_amber = models.CharField("amber means", max_length=200, default="Progressing")
    rag_red = models.CharField("red means", max_length=200, default="Needs addressing")
    rag_definitions_own = models.BooleanField(
        "the partnership's own RAG definitions",
        default=False,
        help_text="Off while the definitions above are the product's defaults; pages say so.",
    )
    board_sees_submitted = models.BooleanField(
        "board sees submitted figures",
        default=False,
        help_text="Show the board figures awaiting approval too, marked so. Off: approved only.",
    )
    signal_baseline_from = models.PositiveSmallIntegerField(
        "signals' baseline from",
        null=True,
        blank=True,
        help_text="The first financial year (2012 for 2012/13) whose figures set the signals' "
        "process limits. Empty: the latest 20 points up to the quarter shown.",
    )
    signal_baseline_to = models.PositiveSmallIntegerField(
        "signals' baseline to",
        null=True,
        blank=True,
        help_text="The last financial year of the fixed baseline (2014 for 2014/15).",
    )
    percentage_points_tolerance = models.DecimalField(
        "chance tolerance for percentages, in points",
        max_digits=5,
        decimal_places=2,
        default=20,
        help_text="A percentage's change on the same period last year is beyond chance when "
        "larger than this, where its denominator is not stored (where it is, binomial chance "
        "decides).",
    )
    shares_benchmarks = models.BooleanField(
        "shares benchmark rates",
        default=False,
        help_text="Show this partnership's approved rates of indicators with a benchmark code "
        "to the other partnerships that share theirs (never comments, never a count below the "
        "suppression threshold), and see theirs. Turning it off removes them at once.",
    )
    history = HistoricalRecords()  # who changed what others see and how signals are read, when

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signal_baseline_from__isnull=True, signal_baseline_to__isnull=True)
                | Q(
                    signal_baseline_from__isnull=False,
                    signal_baseline_to__isnull=False,
                    signal_baseline_to__gte=F("signal_baseline_from"),
                ),
                name="partnership_signal_baseline_whole",
                violation_error_message="A baseline needs its first and last year, in order.",
            ),
            models.CheckConstraint(
                condition=Q(
                    percentage_points_tolerance__gt=0, percentage_points_tolerance__lte=100
                ),
                name="partnership_percentage_tolerance_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def signal_baseline(self) -> tuple[int, int] | None:
        """The financial years the partnership fixed for its signals' limits, or None."""
        if self.signal_baseline_from is None or self.signal_baseline_to is None:
            return None
        return self.signal_baseline_from, self.signal_baseline_to


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
    # Joining, a change of role and leaving, each with who did it and why (People page).
    history = HistoricalRecords()

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
        ordering = ["strategy_id", "order", "code"]
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
