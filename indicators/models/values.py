"""Values: one figure for an indicator, a period and a breakdown option, and its approved copy."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indicators.fields import PeriodField
from indicators.models.indicators import BreakdownOption, Indicator, Unit


class MissingReason(models.TextChoices):
    NOT_YET_RELEASED = "not-yet-released", "Not yet released"
    NOT_COLLECTED = "not-collected", "Not collected"
    NOT_APPLICABLE = "not-applicable", "Not applicable"
    SUPPRESSED = "suppressed", "Suppressed"


class ValueState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting approval"
    APPROVED = "approved", "Approved"


class Value(models.Model):
    """One figure for an indicator, a period and a breakdown option (or the whole).

    A figure may be missing, with the reason; every change keeps the old figure, who made the
    change, when and why (in `history`).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = PeriodField()
    option = models.ForeignKey(
        BreakdownOption,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="values",
        help_text="Empty for the whole; otherwise one part of the indicator's breakdown.",
    )
    # Copied from the indicator so that the database itself can hold each unit's rules.
    unit = models.CharField(max_length=20, choices=Unit.choices, editable=False)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    missing_reason = models.CharField(max_length=20, choices=MissingReason.choices, blank=True)
    comment = models.TextField(blank=True)
    corrective_action = models.TextField(
        blank=True, help_text="What the lead will do about a figure off target, for the board."
    )
    follow_up = models.BooleanField(
        default=False, help_text="A coordinator wants this figure checked with its lead."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up with every change, so a save from a stale copy is refused."
    )
    state = models.CharField(
        max_length=10,
        choices=ValueState.choices,
        default=ValueState.DRAFT,
        help_text="Where the figure above is: the board sees only what was approved.",
    )
    # What the board sees: the figure as it was last approved (a lead's once the coordinator
    # approved the return; a coordinator's or officer's import or correction at once). A
    # correction in progress leaves it as it was until the correction is approved.
    approved_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    approved_missing_reason = models.CharField(
        max_length=20, choices=MissingReason.choices, blank=True
    )
    approved_comment = models.TextField(blank=True)
    approved_corrective_action = models.TextField(blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    State = ValueState

    class Meta:
        # Ids, not the related models' own orderings: no joins on every query of figures.
        ordering = ["indicator_id", "period", "option_id"]
        indexes = [models.Index(fields=["indicator", "period"], name="value_indicator_period")]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "option"],
                condition=Q(option__isnull=False),
                name="value_one_per_period_and_option",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(option__isnull=True),
                name="value_one_per_period_for_the_whole",
            ),
            models.CheckConstraint(
                condition=(
                    Q(value__isnull=False, missing_reason="")
                    | (Q(value__isnull=True) & ~Q(missing_reason=""))
                ),
                name="value_is_a_figure_or_a_missing_reason",
            ),
            models.CheckConstraint(
                condition=~Q(unit=Unit.PERCENTAGE)
                | Q(value__gte=0, value__lte=100)
                | Q(value__isnull=True),
                name="value_percentage_between_0_and_100",
            ),
            models.CheckConstraint(
                condition=Q(unit__in=[Unit.PERCENTAGE, Unit.MONEY])
                | Q(value__gte=0)
                | Q(value__isnull=True),
                name="value_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(unit__in=[choice.value for choice in Unit]), name="value_unit_known"
            ),
            models.CheckConstraint(
                condition=Q(state__in=[choice.value for choice in ValueState]),
                name="value_state_known",
            ),
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True)
                | Q(approved_value__isnull=False, approved_missing_reason="")
                | (Q(approved_value__isnull=True) & ~Q(approved_missing_reason="")),
                name="value_approved_is_a_figure_or_a_missing_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state=ValueState.APPROVED) | Q(approved_at__isnull=False),
                name="value_approved_state_has_an_approval",
            ),
        ]

    def __str__(self) -> str:
        where = f" - {self.option}" if self.option_id else ""
        shown = self.value if self.value is not None else self.get_missing_reason_display()
        return f"{self.indicator.code}{where} {self.period}: {shown}"

    def save(self, *args, **kwargs):
        self.unit = self.indicator.unit
        super().save(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        """The figure above is the one the board sees."""
        return self.state == ValueState.APPROVED

    def approve(self, *, by, at) -> None:
        """The figure above becomes the one the board sees (the caller saves)."""
        self.state = ValueState.APPROVED
        self.approved_value = self.value
        self.approved_missing_reason = self.missing_reason
        self.approved_comment = self.comment
        self.approved_corrective_action = self.corrective_action
        self.approved_at = at
        self.approved_by = by
