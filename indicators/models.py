"""Indicators, the figures partners report for them, and the returns that carry the figures."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from indicators.fields import PeriodField
from indicators.periods import Period
from strategy.models import Objective, Organisation, Partnership


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE_PER_1000 = "rate-per-1000", "Rate per 1,000"
    FTE = "fte", "FTE"
    MONEY = "money", "Money (£)"


class Indicator(models.Model):
    """A measure a partnership tracks quarter by quarter, across its strategies."""

    class Frequency(models.TextChoices):
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"
        YEAR_TO_DATE = "year-to-date", "Year to date"

    class YearRule(models.TextChoices):
        SUM = "sum", "Sum of the quarters"
        MEAN = "mean", "Mean of the quarters"
        LAST = "last", "Last quarter's value"
        NONE = "none", "Entered for the year only"

    class Direction(models.TextChoices):
        UP = "up", "Up is good"
        DOWN = "down", "Down is good"
        NONE = "none", "No judgement"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField()
    title = models.CharField(max_length=300, help_text="As the committee papers print it.")
    definition = models.TextField(
        blank=True,
        help_text="What is counted; a later change of definition is recorded with the period "
        "it applies from.",
    )
    noun = models.CharField(
        max_length=50,
        blank=True,
        help_text="What a count counts, in the plural, for sentences: incidents, cases.",
    )
    unit = models.CharField(max_length=20, choices=Unit.choices)
    frequency = models.CharField(
        max_length=15,
        choices=Frequency.choices,
        default=Frequency.QUARTERLY,
        help_text="How it is reported, in the years without a recorded change of frequency.",
    )
    year_rule = models.CharField(
        "year from quarters", max_length=10, choices=YearRule.choices, default=YearRule.SUM
    )
    direction = models.CharField(
        "desired direction", max_length=10, choices=Direction.choices, default=Direction.NONE
    )
    reporting_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="indicators"
    )
    annual_due_quarter = models.PositiveSmallIntegerField(
        default=4,
        choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)],
        help_text="For an annual indicator: the quarter whose return carries the year's figure.",
    )
    breakdown_label = models.CharField(
        max_length=100, blank=True, help_text="What the figure is broken down by, e.g. Refuge."
    )
    numerator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For a percentage: the count it is made from (repeats), so a year's figure "
        "comes from the year's counts rather than the average of its quarters.",
    )
    denominator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For a percentage: the count it is out of (cases heard).",
    )
    objectives = models.ManyToManyField(Objective, blank=True, related_name="indicators")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["partnership", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"], name="indicator_code_unique_in_partnership"
            ),
            models.CheckConstraint(
                condition=Q(unit__in=[choice.value for choice in Unit]),
                name="indicator_unit_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def frequency_in(self, year: int) -> str:
        """How the indicator is reported in a financial year (changes prefetched or not)."""
        changes = [c for c in self.frequency_changes.all() if c.applies_from.year <= year]
        return max(changes, key=lambda c: c.applies_from).frequency if changes else self.frequency

    def period_reported_at(self, quarter: Period) -> Period | None:
        """The period whose figure a return for `quarter` carries, or None in that quarter."""
        frequency = self.frequency_in(quarter.year)
        if frequency == self.Frequency.QUARTERLY:
            return quarter
        if frequency == self.Frequency.YEAR_TO_DATE:
            return Period(quarter.year, quarter.quarter, to_date=True)
        return quarter.financial_year if quarter.quarter == self.annual_due_quarter else None

    def quarter_carrying(self, period: Period) -> Period:
        """The quarter whose return carries a figure for `period`: a quarter's own, a year to
        date's last, a whole year's in the quarter the year's figure is due."""
        return (
            Period(period.year, self.annual_due_quarter) if period.is_year else period.last_quarter
        )

    def period_problem(self, period: Period) -> str:
        """Why a figure cannot be for `period` under the year's frequency, or "". A whole
        year is always allowed, and so are quarters of an annual measure (papers give both)."""
        frequency = self.frequency_in(period.year)
        if period.to_date and frequency != self.Frequency.YEAR_TO_DATE:
            return (
                f"{self.code} is reported {self.Frequency(frequency).label.lower()} in "
                f"{period.financial_year}, not as a year to date."
            )
        if period.is_quarter and frequency == self.Frequency.YEAR_TO_DATE:
            return (
                f"{self.code} is reported as a year to date in {period.financial_year}: write "
                f"the period as {Period(period.year, period.quarter, to_date=True)}."
            )
        return ""


class FrequencyChange(models.Model):
    """From a financial year on, an indicator is reported at another frequency (paper 002
    gives court cases by quarter, paper 003 by year)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="frequency_changes"
    )
    applies_from = PeriodField(
        help_text="The first financial year reported this way, e.g. 2015/16."
    )
    frequency = models.CharField(max_length=15, choices=Indicator.Frequency.choices)

    class Meta:
        ordering = ["indicator_id", "applies_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "applies_from"], name="frequency_change_one_per_year"
            ),
            models.CheckConstraint(
                condition=~Q(applies_from__contains="Q"), name="frequency_change_from_a_year"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.indicator.code} {self.get_frequency_display().lower()} from {self.applies_from}"
        )


class BreakdownOption(models.Model):
    """One part of an indicator's breakdown: a refuge, a referring agency, a district."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField()
    label = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator_id", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "code"], name="breakdown_option_code_unique_in_indicator"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class IndicatorDefinition(models.Model):
    """What an indicator counted from a period on; figures either side are not comparable."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="definitions")
    applies_from = PeriodField(help_text="The first period counted this way, e.g. 2016/17 Q1.")
    text = models.TextField()

    class Meta:
        ordering = ["indicator_id", "applies_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "applies_from"], name="definition_one_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} from {self.applies_from}"


class Target(models.Model):
    """What the partnership aims for in a financial year, and how far off still counts as met."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = PeriodField(help_text="The financial year, e.g. 2015/16.")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    tolerance = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text="How far from the target a figure may be and still be green, in its unit.",
    )

    class Meta:
        ordering = ["indicator_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_one_per_year"),
            models.CheckConstraint(condition=Q(tolerance__gte=0), name="target_tolerance_positive"),
            models.CheckConstraint(
                condition=~Q(year__contains="Q"), name="target_is_for_a_whole_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


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


class ReturnStatus(models.TextChoices):
    NOT_STARTED = "not-started", "Not started"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for correction"
    APPROVED = "approved", "Approved"


class Return(models.Model):
    """One organisation's figures for one quarter, and where they are in the workflow."""

    Status = ReturnStatus

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="returns")
    period = PeriodField(help_text="The quarter, e.g. 2015/16 Q3.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    returned_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(
        default=0, help_text="Goes up with every save, so a save from a stale form is refused."
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"], name="return_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in ReturnStatus]),
                name="return_status_known",
            ),
            models.CheckConstraint(
                condition=Q(period__contains="Q") & ~Q(period__contains="-"),
                name="return_is_for_a_quarter",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(returned_reason=""),
                name="return_returned_with_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period}: {self.get_status_display()}"


class QuarterLock(models.Model):
    """A quarter the board has signed off: its figures change only by a coordinator's correction.

    Unlocking deletes the lock; `history` keeps every lock and unlock with who, when and why.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="quarter_locks"
    )
    period = PeriodField(help_text="The quarter, e.g. 2015/16 Q3.")
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(help_text="Why the quarter was locked: the board's sign-off.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "period"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "period"], name="quarter_locked_once"),
            models.CheckConstraint(
                condition=Q(period__contains="Q") & ~Q(period__contains="-"),
                name="lock_is_for_a_quarter",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="lock_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.period} locked"


class ExportKind(models.TextChoices):
    BOARD_PACK = "board-pack", "Board pack"
    VALUES = "values", "Figures"


class ExportSource(models.TextChoices):
    PAGE = "page", "Download"
    COMMAND = "command", "Command"


class ExportRecord(models.Model):
    """One export of a board pack or of every figure, kept so a coordinator can see who (or
    which command) took the partnership's figures out, when, and what they took."""

    Kind = ExportKind
    Source = ExportSource

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="export_records"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    made_at = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too, so the record still says who after an account is removed.
    by = models.CharField(
        max_length=150, help_text="The person's username, or the command that was run."
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    query = models.TextField(
        blank=True, help_text="The address's query, or the command's options, as given."
    )
    quarter = PeriodField(
        null=True, blank=True, help_text="The quarter the figures stood at; empty: every one."
    )
    publication = models.BooleanField(default=False, help_text="Small counts hidden.")
    filename = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-made_at", "-pk"]
        indexes = [
            models.Index(fields=["partnership", "-made_at"], name="export_partnership_newest")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in ExportKind]),
                name="export_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(source__in=[choice.value for choice in ExportSource]),
                name="export_source_known",
            ),
            models.CheckConstraint(condition=~Q(by=""), name="export_says_who"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.partnership} by {self.by}, {self.made_at}"
