"""Indicators: what a partnership measures, how, by whom, and against which target."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
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
    PEOPLE = "people", "People"
    RATE_PER_10000 = "rate-per-10000", "Rate per 10,000"
    RATIO = "ratio", "Ratio"


class Multiplier(models.IntegerChoices):
    """What a calculated indicator's ratio is multiplied by, and the unit that goes with it."""

    PER_1 = 1, "per 1 (a ratio, e.g. cases per FTE)"
    PER_100 = 100, "per 100 (a percentage)"
    PER_1000 = 1000, "per 1,000"
    PER_10000 = 10000, "per 10,000"


# The unit each multiplier gives: a rate per 1,000 is written and judged as one.
MULTIPLIER_UNITS = {
    Multiplier.PER_1: Unit.RATIO,
    Multiplier.PER_100: Unit.PERCENTAGE,
    Multiplier.PER_1000: Unit.RATE_PER_1000,
    Multiplier.PER_10000: Unit.RATE_PER_10000,
}


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
        help_text="The count it is made from (repeats; incidents): for a percentage, so a "
        "year's figure comes from the year's counts; for a calculated indicator, its top.",
    )
    denominator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The count it is out of (cases heard; the population).",
    )
    multiplier = models.PositiveIntegerField(
        "calculated per",
        null=True,
        blank=True,
        choices=Multiplier.choices,
        help_text="Set for a calculated indicator: numerator ÷ denominator × this, made for "
        "every period both are approved and never entered. Empty: figures are entered.",
    )
    benchmark_code = models.SlugField(
        blank=True,
        help_text="The same code in every partnership that measures it the same way "
        "(marac-cases-per-10000-women): a calculated rate is compared across partnerships "
        "that share benchmarks.",
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
            models.CheckConstraint(
                condition=Q(multiplier__isnull=True)
                | Q(numerator__isnull=False, denominator__isnull=False),
                name="indicator_calculated_has_both_parts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_calculated(self) -> bool:
        """Its figures are made from two other indicators' and never entered."""
        return self.multiplier is not None

    @property
    def formula(self) -> str:
        """`Incidents reported to police ÷ Total Population × 1,000`, beside the definition."""
        if not self.is_calculated:
            return ""
        text = f"{self.numerator.title} ÷ {self.denominator.title}"
        return text if self.multiplier == 1 else f"{text} × {self.multiplier:,}"

    def definition_starts(self) -> list[Period]:
        """Where the series breaks: its own changes of definition and, for a calculated
        indicator, either part's (prefetch `numerator__definitions` and
        `denominator__definitions` to ask this of many without a query each)."""
        owners = [self]
        if self.is_calculated:
            owners += [self.numerator, self.denominator]
        return sorted({d.applies_from for owner in owners for d in owner.definitions.all()})

    def clean(self) -> None:
        """A calculated indicator names two other indicators of its partnership, themselves
        entered, and has the unit its multiplier gives."""
        if not self.is_calculated:
            return
        errors = {}
        for name in ("numerator", "denominator"):
            part = getattr(self, name)
            if part is None:
                errors[name] = "A calculated indicator needs both its parts."
            elif part.pk == self.pk or part.partnership_id != self.partnership_id:
                errors[name] = "Choose another indicator of the same partnership."
            elif part.is_calculated:
                errors[name] = "Choose an entered indicator: a calculated one cannot be a part."
        unit = MULTIPLIER_UNITS[Multiplier(self.multiplier)]
        if self.unit != unit:
            per = Multiplier(self.multiplier).label
            errors["unit"] = f"A ratio {per} has the unit {unit.label}."
        if errors:
            raise ValidationError(errors)

    def expected_level_for(self, period: Period) -> ExpectedLevel | None:
        """The expected level a figure for `period` is read against (levels prefetched or
        not): the latest applying by then, if it compares with such a period."""
        levels = [level for level in self.expected_levels.all() if level.reads(period)]
        return max(levels, key=lambda level: level.applies_from, default=None)

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


class ExpectedLevel(models.Model):
    """A level set outside the partnership that a figure is read against, with its source
    (SafeLives: 40 MARAC cases a year per 10,000 adult women), from a financial year on: a
    reference, not a target, so it is judged in words ("below the expected level"), not RAG."""

    class Compares(models.TextChoices):
        YEAR = "year", "A whole year's figure (a level per year)"
        EVERY = "every", "Every figure (a percentage or a rate at any period)"

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="expected_levels"
    )
    applies_from = PeriodField(help_text="The first financial year it applies to, e.g. 2014/15.")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(
        max_length=300, help_text="Who sets it, and where: SafeLives, MARAC guidance (2014)."
    )
    compares = models.CharField(
        "compared with", max_length=10, choices=Compares.choices, default=Compares.YEAR
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "applies_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "applies_from"], name="expected_level_one_per_year"
            ),
            models.CheckConstraint(
                condition=~Q(applies_from__contains="Q"), name="expected_level_from_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} from {self.applies_from}: {self.value} ({self.source})"

    def reads(self, period: Period) -> bool:
        """Whether a figure for `period` is read against this level."""
        if period.year < self.applies_from.year:
            return False
        return self.compares == self.Compares.EVERY or period.is_year
