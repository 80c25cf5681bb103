"""Meeting mode: the dashboard as a sequence of screens, each fitting the room's projector.

Each objective has a summary screen (its indicators' figures, changes and RAG; split into
parts when it has more than fit on one screen), then one screen per indicator or breakdown
option, then the next objective. A screen's address is the dashboard's query plus
`objective`, and `part` or `indicator`, so any screen can go into an agenda.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.http import QueryDict

from dashboard import comparison
from dashboard.board import Dashboard, ObjectiveSection, Panel
from indicators import formatting

# What one 1920 x 1080 screen holds at the room's type size, titles wrapping to two lines.
ROWS_PER_SCREEN = 9
SCREEN_KEYS = ("objective", "part", "indicator")


@dataclass(frozen=True)
class Screen:
    """One screen: part of an objective's summary, or one indicator (a panel's anchor)."""

    objective: str
    part: int = 1
    indicator: str = ""

    def query(self, base: QueryDict) -> str:
        """The screen's address: the dashboard's own query, then where in the meeting."""
        query = base.copy()
        for key in SCREEN_KEYS:
            query.pop(key, None)
        query["objective"] = self.objective
        if self.indicator:
            query["indicator"] = self.indicator
        elif self.part > 1:
            query["part"] = str(self.part)
        return f"?{query.urlencode()}"


@dataclass(frozen=True)
class SummaryRow:
    """An indicator's line on its objective's summary screen."""

    panel: Panel
    link: str  # the indicator's own screen
    figure: str  # the figure of the period reported, written out, or why there is none
    mark: str  # "draft" or "awaiting approval", if the figure is not yet approved


@dataclass
class MeetingScreen:
    """What a screen shows, and where the keys go from it."""

    screen: Screen
    section: ObjectiveSection
    objective_number: int  # of `objective_count`, from 1
    objective_count: int
    number: int  # of `total`, from 1
    total: int
    parts: int  # of the objective's summary
    rows: list[SummaryRow]  # a summary screen's; empty on an indicator's screen
    panel: Panel | None
    previous: str | None
    next: str | None
    chart: dict  # the indicator's, with the period it reports marked; {} for a single figure
    single: tuple[str, str] | None  # that single figure: its period and the figure written out

    @property
    def charts(self) -> dict[str, dict]:
        """What the page's chart data carries: this screen's chart, if it has one."""
        return {self.panel.anchor: self.chart} if self.panel and self.chart else {}


def screens(sections: list[ObjectiveSection]) -> list[Screen]:
    """Every screen, in the order the keys move through them."""
    found = []
    for section in sections:
        code = section.objective.code
        parts = _parts(section)
        found += [Screen(code, part=part) for part in range(1, parts + 1)]
        found += [Screen(code, indicator=panel.anchor) for panel in section.panels]
    return found


def _parts(section: ObjectiveSection) -> int:
    return max(1, -(-len(section.panels) // ROWS_PER_SCREEN))


def find(found: list[Screen], params: Mapping[str, str]) -> int:
    """The index of the screen an address asks for; what is not found falls back to the
    objective's first screen, then to the very first."""
    objective = params.get("objective", "")
    indicator = params.get("indicator", "")
    part = params.get("part", "")
    wanted = Screen(objective, int(part) if part.isdigit() else 1, indicator)
    if wanted in found:
        return found.index(wanted)
    return next((i for i, screen in enumerate(found) if screen.objective == objective), 0)


def meeting_screen(dashboard: Dashboard, params: QueryDict) -> MeetingScreen | None:
    """The screen the address asks for, with the addresses of the screens either side; None
    for a strategy without objectives."""
    found = screens(dashboard.sections)
    if not found:
        return None
    here = find(found, params)
    screen = found[here]
    codes = [section.objective.code for section in dashboard.sections]
    index = codes.index(screen.objective)
    section = dashboard.sections[index]
    panel = next((p for p in section.panels if p.anchor == screen.indicator), None)
    start = (screen.part - 1) * ROWS_PER_SCREEN
    return MeetingScreen(
        screen=screen,
        section=section,
        objective_number=index + 1,
        objective_count=len(codes),
        number=here + 1,
        total=len(found),
        parts=_parts(section),
        rows=[]
        if panel
        else [
            _summary_row(p, params, code=section.objective.code)
            for p in section.panels[start : start + ROWS_PER_SCREEN]
        ],
        panel=panel,
        previous=found[here - 1].query(params) if here > 0 else None,
        next=found[here + 1].query(params) if here + 1 < len(found) else None,
        chart=panel.chart if panel else {},
        single=only_figure(panel) if panel else None,
    )


def _summary_row(panel: Panel, params: QueryDict, *, code: str) -> SummaryRow:
    cell = comparison.cell_for(panel.rows, panel.period) or comparison.Cell()
    figure = formatting.figure_or_reason(cell.value, cell.missing_reason, panel.indicator.unit)
    link = Screen(code, indicator=panel.anchor).query(params)
    return SummaryRow(panel, link, figure, cell.mark)


def only_figure(panel: Panel) -> tuple[str, str] | None:
    """A table too short to chart: its one figure's period, and the figure written out."""
    for row in panel.rows:
        for cell, period in zip(row.cells, row.periods(), strict=True):
            if cell.value is not None:
                text = formatting.figure_text(cell.value, panel.indicator.unit)
                return comparison.spoken(period), f"{text} ({cell.mark})" if cell.mark else text
    return None
