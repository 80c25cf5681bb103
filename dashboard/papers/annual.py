"""The public annual report's content: the year's final narratives, the picked indicators'
committee tables (approved figures as at the year's end, small counts suppressed as in
publication mode, no comments) and the actions' progress. The page and its PDF show the same."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.template.loader import render_to_string

from dashboard import selectors
from dashboard.exports import Publication
from dashboard.papers.published import suppressed
from dashboard.tables import ComparisonTable
from indicators.models import AnnualReport
from indicators.periods import Period
from indicators.selectors import Audience
from strategy.actions import action_plan
from strategy.models import Action, Narrative, Objective, Strategy


@dataclass(frozen=True)
class AnnualContent:
    """What the public report of a year shows, whichever way it is read."""

    report: AnnualReport
    strategy: Strategy | None
    narratives: list[tuple[Objective, Narrative]]
    tables: list[ComparisonTable]
    actions: QuerySet[Action]
    threshold: int

    @property
    def title(self) -> str:
        return f"{self.report.partnership.name}: annual report {self.report.year}"


def annual_content(report: AnnualReport) -> AnnualContent:
    partnership, year = report.partnership, report.year
    strategy = (
        partnership.strategies.filter(start_year__lte=year.year, end_year__gte=year.year)
        .order_by("-start_year")
        .first()
    )
    objectives = list(strategy.objectives.all()) if strategy else []
    latest: dict[int, Narrative] = {}  # each objective's final narrative of the year's latest
    for narrative in Narrative.objects.filter(
        objective__in=objectives,
        period__in=[str(Period(year.year, quarter)) for quarter in range(1, 5)],
        state=Narrative.State.FINAL,
    ).order_by("period"):
        latest[narrative.objective_id] = narrative
    publication = Publication(partnership.suppression_threshold)
    picked = report.indicators.select_related(*selectors.INDICATOR_RELATED).order_by(
        "order", "code"
    )
    found = selectors.tables_of(
        picked, audience=Audience.approved(partnership), as_at=Period(year.year, 4)
    )
    tables = [suppressed(table, publication) for pk in found for table in found[pk]]
    actions = action_plan(partnership, as_at=f"{year} Q4").filter(objective__strategy=strategy)
    return AnnualContent(
        report=report,
        strategy=strategy,
        narratives=[(o, latest[o.pk]) for o in objectives if o.pk in latest],
        tables=tables,
        actions=actions,
        threshold=partnership.suppression_threshold,
    )


def annual_report_html(content: AnnualContent, template: str) -> str:
    return render_to_string(template, {"content": content, "report": content.report})


def annual_report_pdf(content: AnnualContent) -> bytes:
    """The page as an A4 PDF, tagged for screen readers; it fetches nothing."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class NothingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"{url}: the annual report fetches nothing.")

    html = annual_report_html(content, "dashboard/public/annual_report_print.html")
    return HTML(string=html, url_fetcher=NothingFetcher()).write_pdf(pdf_variant="pdf/ua-1")
