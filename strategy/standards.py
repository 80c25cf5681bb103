"""Reads for practice standards: the matrix of organisations and standards, and comparisons."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from strategy.models import (
    Organisation,
    Partnership,
    SelfAssessment,
    Standard,
    StandardRating,
    StandardSection,
)


def standards_of(partnership: Partnership) -> list[Standard]:
    return list(Standard.objects.filter(section__partnership=partnership).select_related("section"))


def assessments_of(organisation: Organisation) -> list[SelfAssessment]:
    """Newest first, each with its ratings."""
    return list(
        organisation.self_assessments.prefetch_related(
            Prefetch("ratings", queryset=StandardRating.objects.select_related("standard"))
        ).order_by("-completed_on", "-created_at")
    )


@dataclass
class Matrix:
    sections: list[StandardSection]
    organisations: list[Organisation]
    latest: dict[int, SelfAssessment]
    ratings: dict[tuple[int, int], StandardRating]

    @property
    def table(self) -> list[tuple[StandardSection, list[tuple[Standard, list]]]]:
        """Per section, per standard, each organisation's rating (None where not assessed)."""
        return [
            (
                section,
                [
                    (standard, [self.ratings.get((o.pk, standard.pk)) for o in self.organisations])
                    for standard in section.standards.all()
                ],
            )
            for section in self.sections
        ]


def standards_matrix(partnership: Partnership) -> Matrix:
    """Standards down the side, organisations across, each organisation's latest ratings."""
    sections = list(partnership.standard_sections.prefetch_related("standards").order_by("order"))
    organisations = list(partnership.organisations.order_by("name"))
    latest: dict[int, SelfAssessment] = {}
    for assessment in SelfAssessment.objects.filter(organisation__partnership=partnership).order_by(
        "organisation_id", "-completed_on", "-created_at"
    ):
        latest.setdefault(assessment.organisation_id, assessment)
    ratings = {
        (rating.assessment.organisation_id, rating.standard_id): rating
        for rating in StandardRating.objects.filter(
            assessment__in=list(latest.values())
        ).select_related("assessment")
    }
    return Matrix(sections, organisations, latest, ratings)


@dataclass
class Comparison:
    latest: SelfAssessment | None
    previous: SelfAssessment | None
    rows: list[tuple[Standard, StandardRating | None, StandardRating | None]]


def compare(assessments: list[SelfAssessment]) -> Comparison:
    """An organisation's latest assessment beside its previous one, standard by standard."""
    latest = assessments[0] if assessments else None
    previous = assessments[1] if len(assessments) > 1 else None
    now = {r.standard_id: r for r in latest.ratings.all()} if latest else {}
    before = {r.standard_id: r for r in previous.ratings.all()} if previous else {}
    standards = sorted(
        {r.standard for r in [*now.values(), *before.values()]},
        key=lambda s: (s.section_id, s.order),
    )
    return Comparison(latest, previous, [(s, before.get(s.pk), now.get(s.pk)) for s in standards])
