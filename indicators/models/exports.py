"""The record of exports of a board pack, a board report or of every figure."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from indicators.fields import PeriodField
from strategy.models import Partnership


class ExportKind(models.TextChoices):
    BOARD_PACK = "board-pack", "Board pack"
    BOARD_REPORT = "board-report", "Board report (PDF)"
    BOARD_REPORT_WORD = "board-report-word", "Board report (Word)"
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
