"""The board report: the quarter as a committee paper, from the same view as the board pack.

A cover (partnership, strategy, quarter, date, RAG definitions); per objective its final
narrative, its scorecard rows and each indicator's committee table (the one renderer,
`ComparisonTable.html`) with its chart drawn as SVG from the dashboard's series; then the action
plan as an appendix with every column the papers use. Written as HTML, printed to an A4 PDF by
WeasyPrint with tags for screen readers (PDF/UA-1), or laid out as Word by `word.py`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from dashboard import scorecard
from dashboard.board import YEARS_SHOWN, Dashboard
from dashboard.boardpack import BoardPackError, board_pack_dashboard
from dashboard.exports import Publication
from dashboard.papers.published import published_dashboard
from dashboard.papers.svg import line_chart
from indicators.periods import Period
from strategy.models import Action, Partnership

ACTION_COLUMNS = (
    "Objective",
    "Area for development",
    "Action",
    "Lead organisation",
    "Lead officer",
    "Task group",
    "Milestones",
    "Target date",
    "Performance measure",
    "Outcome",
    "RAG",
    "Progress",
    "Risks and issues",
    "Status",
)

# WeasyPrint styles an SVG only from a <style> inside it (the page's CSS does not reach it).
TREND_STYLE = (
    "<style>.spark-line{fill:none;stroke:#1d70b8;stroke-width:1.5}"
    ".spark-point,.spark-latest{fill:#1d70b8}</style>"
)

__all__ = ["BoardPackError", "BoardReport", "board_report", "board_report_pdf"]


@dataclass(frozen=True)
class IndicatorPart:
    """One committee table of the report, with its chart as SVG ("" for a single figure).

    The page shows the chart as an image, `chart:<anchor>`, that `ChartFetcher` serves: the
    page's HTML parser and styles never walk the chart's lines, and the PDF keeps it as vector
    graphics."""

    panel: object
    chart: str

    @property
    def address(self) -> str:
        return f"chart:{self.panel.anchor}"


@dataclass(frozen=True)
class ScorecardLine:
    """A scorecard row as printed: its indicator and its cells."""

    caption: str
    cells: SafeString


@dataclass(frozen=True)
class ObjectivePart:
    section: object
    scorecard_rows: list[ScorecardLine]
    indicators: list[IndicatorPart]


@dataclass(frozen=True)
class BoardReport:
    """What the report holds, whichever file it is written to."""

    dashboard: Dashboard
    objectives: list[ObjectivePart]
    actions: QuerySet[Action]
    made_by: str
    made_at: datetime
    publication: Publication | None = None  # for publication: small counts suppressed

    @property
    def quarter(self) -> Period:
        return self.dashboard.quarter

    @property
    def title(self) -> str:
        return f"Board report: {self.dashboard.partnership.name}, {self.dashboard.quarter}"

    @property
    def for_publication(self) -> str:
        """What the cover says of publication, as the board pack's does."""
        if self.publication is None:
            return "No: for the partnership only."
        return (
            f"Yes: counts below {self.publication.threshold}, and every figure, rating or "
            "signal that would give one away, are shown as suppressed; partners' comments on "
            "figures are left out (a comment can give a count away). The action plan is shown "
            "as written, as committee papers publish it."
        )


def board_report(
    *,
    partnership: Partnership,
    params: Mapping[str, str],
    made_by: str,
    publication: bool = False,
) -> BoardReport:
    """The report of the view the address's (or command's) query chooses, as the board sees it;
    raises BoardPackError as the board pack does. For publication, as the board pack for
    publication: approved figures only, small counts and what gives them away suppressed, no
    partner's comments."""
    # The dashboard's five years: a paper's tables are read, not searched (the pack has all).
    _, dashboard, actions = board_pack_dashboard(
        partnership=partnership, params=params, years=YEARS_SHOWN, publication=publication
    )
    published = Publication(partnership.suppression_threshold) if publication else None
    if published is not None:
        dashboard = published_dashboard(dashboard, published)
    card = scorecard.scorecard(dashboard)
    objectives = [
        ObjectivePart(
            section=section,
            scorecard_rows=[
                ScorecardLine(row.panel.caption, _printable(row.cells)) for row in group.rows
            ],
            indicators=[
                IndicatorPart(panel, line_chart(panel.chart, unit=panel.indicator.unit))
                for panel in section.panels
            ],
        )
        for section, group in zip(dashboard.sections, card.groups, strict=True)
    ]
    return BoardReport(
        dashboard=dashboard,
        objectives=objectives,
        actions=actions.select_related("objective"),
        made_by=made_by,
        made_at=timezone.localtime(),
        publication=published,
    )


def _printable(cells: SafeString) -> SafeString:
    """The scorecard's cells with the trend's look written inside its SVG."""
    return mark_safe(cells.replace("<title>", f"{TREND_STYLE}<title>", 1))  # noqa: S308


def board_report_html(report: BoardReport) -> str:
    return render_to_string(
        "dashboard/report/board_report.html",
        {
            "report": report,
            "dashboard": report.dashboard,
            "partnership": report.dashboard.partnership,
            "action_columns": ACTION_COLUMNS,
        },
    )


def board_report_pdf(report: BoardReport) -> bytes:
    """A4, tagged for screen readers (PDF/UA-1: a title, a language, a structure tree)."""
    from weasyprint import HTML  # loaded when a report is made: it loads pango
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    charts = {
        part.address: part.chart.encode()
        for objective in report.objectives
        for part in objective.indicators
        if part.chart
    }

    class ChartFetcher(URLFetcher):
        """Serves the report's own charts; nothing else is fetched (no network, no files)."""

        def fetch(self, url, headers=None):
            if url not in charts:
                raise ValueError(f"{url}: a board report fetches nothing but its charts.")
            return URLFetcherResponse(
                url, body=charts[url], headers={"Content-Type": "image/svg+xml"}
            )

    with _collector_paused():
        return HTML(string=board_report_html(report), url_fetcher=ChartFetcher()).write_pdf(
            pdf_variant="pdf/ua-1"
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """WeasyPrint makes about a million objects for a national report, all alive until the PDF
    is written; Python's cyclic collector would walk them again and again meanwhile (a third of
    the time). Paused while printing, it collects them once, after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect(0)  # the report's objects: all made since the pause, so all in generation 0
