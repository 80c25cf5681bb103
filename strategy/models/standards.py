"""Practice standards (Cheshire East's Appendix 6) and each organisation's self-assessment."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from strategy.models.actions import Rag
from strategy.models.partnerships import Organisation, Partnership


class StandardSection(models.Model):
    """A heading of a partnership's practice standards: prevention, protection, provision..."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="standard_sections"
    )
    code = models.SlugField()
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["partnership", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"], name="standard_section_unique_in_partnership"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Standard(models.Model):
    """One practice standard every organisation assesses itself against."""

    section = models.ForeignKey(StandardSection, on_delete=models.CASCADE, related_name="standards")
    code = models.SlugField()
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["section__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="standard_unique_in_section")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class SelfAssessment(models.Model):
    """An organisation's assessment of itself against every standard, on a date."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="self_assessments"
    )
    completed_on = models.DateField()
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-completed_on", "-created_at"]
        get_latest_by = ["completed_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.completed_on:%d %b %Y}"


class StandardRating(models.Model):
    """Per standard: the evidence, the action required and a rating (red, amber or green)."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="ratings")
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="ratings")
    evidence = models.TextField(blank=True)
    action_required = models.TextField(blank=True)
    rating = models.CharField(max_length=5, choices=Rag.choices)

    class Meta:
        ordering = ["assessment", "standard__section__order", "standard__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "standard"], name="standard_rated_once_per_assessment"
            ),
            models.CheckConstraint(
                condition=Q(rating__in=[choice.value for choice in Rag]),
                name="standard_rating_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard}: {self.get_rating_display()}"
