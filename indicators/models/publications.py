"""The public annual report: what a partnership publishes of a year, open without a login."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from indicators.fields import PeriodField
from indicators.models.indicators import Indicator
from strategy.models import Partnership


class AnnualReport(models.Model):
    """A partnership's report of a financial year for the public: the year's narrative, the
    indicators a coordinator picked (approved figures, small counts suppressed) and the
    actions' progress. Anyone may read it, without a login, only while it is published."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = PeriodField(help_text="The financial year, e.g. 2017/18.")
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="+")
    published = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[indicators])  # each row: the indicators published

    class Meta:
        ordering = ["partnership", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"], name="annual_report_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.year}"
