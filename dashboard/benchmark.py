"""Benchmarks between partnerships: is our rate high or low for an area like ours?

A partnership that shares benchmarks sees, for each calculated indicator it marks with a
benchmark code, its rate for a financial year beside the rates of every other partnership that
shares the same code: ranked, with the median and quartiles, and on a funnel plot. Only the
board's view of each (approved figures), never a comment, and never a partnership whose count
or population is below its own suppression threshold. Opting out removes a partnership at once:
nothing is copied, every page reads who shares now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.shortcuts import get_object_or_404

from dashboard import funnel
from indicators import calculated
from indicators.formatting import figure_text
from indicators.models import Indicator
from indicators.periods import Period
from indicators.selectors import Audience, shared_figures, visible_figures
from strategy.models import Partnership


@dataclass(frozen=True)
class Entry:
    """One partnership's rate for the year, and where it sits on the funnel."""

    name: str  # the partnership's
    own: bool
    rate: Decimal
    population: Decimal
    count: Decimal
    placement: str = ""
    rank: int = 0


@dataclass(frozen=True)
class Peer:
    """A sharing partnership's indicator of the same benchmark code, read as one tuple."""

    indicator_id: int
    partnership_id: int
    name: str
    threshold: int
    numerator_id: int
    denominator_id: int
    numerator_rule: str
    denominator_rule: str
    multiplier: int


@dataclass
class Benchmark:
    """An indicator's benchmark for a year, or why there is none (`problem`)."""

    indicator: Indicator
    year: Period | None = None
    years: list[Period] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    withheld: int = 0  # partnerships left out: a count or population below their threshold
    spread: funnel.Spread | None = None
    centre: float | None = None
    chart: dict = field(default_factory=dict)
    problem: str = ""
    note: str = ""  # the year asked for was not understood, and which is shown instead

    @property
    def spread_text(self) -> str:
        """`Median 2.5; quartiles 1.9 to 3.1; all of them together 2.6.`"""
        if self.spread is None:
            return ""
        spread = self.spread
        said = [
            self._written(n) for n in (spread.median, spread.lower_quartile, spread.upper_quartile)
        ]
        return (
            f"Median {said[0]}; quartiles {said[1]} to {said[2]}; all of them together "
            f"{self._written(self.centre)}."
        )

    def _written(self, number: float) -> str:
        """A rate as the indicator's unit writes it, to two decimal places at most."""
        return figure_text(Decimal(str(number)).quantize(Decimal("0.01")), self.indicator.unit)


def benchmark(partnership: Partnership, code: str, *, year_text: str = "") -> Benchmark:
    """The benchmark page of one of the partnership's indicators (404 for another's); the year
    asked for as `2015-16` or `2015/16`, else the latest the partnership has a rate for."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("numerator", "denominator"),
        partnership=partnership,
        code=code,
    )
    found = Benchmark(indicator)
    if not (indicator.is_calculated and indicator.benchmark_code):
        found.problem = "This indicator is not compared with other partnerships: only a "
        found.problem += "calculated rate with a benchmark code is."
        return found
    if not partnership.shares_benchmarks:
        found.problem = "Your partnership does not share its rates, so it sees no one else's. "
        found.problem += "A coordinator can opt in (admin: shares benchmark rates)."
        return found
    found.years = _own_years(indicator, partnership)
    wanted = year_text.replace("-", "/")
    found.year = next((y for y in found.years if str(y) == wanted), None) or (
        found.years[0] if found.years else None
    )
    if found.year is None:
        found.problem = "Your partnership has no approved rate for a whole year yet."
        return found
    if year_text and str(found.year) != wanted:
        found.note = f"{year_text!r} is not a year with an approved rate: showing {found.year}."
    _compare(found, partnership)
    return found


def _own_years(indicator: Indicator, partnership: Partnership) -> list[Period]:
    """The whole years the board has a rate for, newest first."""
    figures = visible_figures(indicator_ids=[indicator.pk], audience=Audience.approved(partnership))
    years = {f.period for f in figures.get((indicator.pk, None), []) if f.period.is_year}
    rated = {f.period for f in figures.get((indicator.pk, None), []) if f.value is not None}
    return sorted(years & rated, reverse=True)


def _compare(found: Benchmark, partnership: Partnership) -> None:
    """Every sharing partnership's rate for the year: two queries whatever their number, read
    as tuples (a club of hundreds)."""
    peers = [
        Peer(*row)
        for row in Indicator.objects.filter(
            benchmark_code=found.indicator.benchmark_code,
            multiplier=found.indicator.multiplier,
            partnership__shares_benchmarks=True,
        ).values_list(
            "pk",
            "partnership_id",
            "partnership__name",
            "partnership__suppression_threshold",
            "numerator_id",
            "denominator_id",
            "numerator__year_rule",
            "denominator__year_rule",
            "multiplier",
        )
    ]
    year = found.year
    figures = shared_figures(
        indicator_ids={pk for peer in peers for pk in (peer.numerator_id, peer.denominator_id)},
        periods=[year, *year.quarters()],
    )
    entries = []
    for peer in peers:
        entry = _entry(peer, figures, year, own=peer.partnership_id == partnership.pk)
        if entry is None:
            continue
        threshold = peer.threshold
        if not entry.own and (entry.count < threshold or entry.population < threshold):
            found.withheld += 1
            continue
        entries.append(entry)
    _rank(found, entries)


def _entry(peer: Peer, figures: dict, year: Period, *, own: bool) -> Entry | None:
    count = calculated.with_years(figures.get(peer.numerator_id, []), peer.numerator_rule)
    people = calculated.with_years(figures.get(peer.denominator_id, []), peer.denominator_rule)
    top, bottom = count.get(year), people.get(year)
    if top is None or bottom is None:
        return None
    rate = calculated.ratio(top.value, bottom.value, peer.multiplier)
    if rate is None:
        return None
    return Entry(peer.name, own, rate, bottom.value, top.value)


def _rank(found: Benchmark, entries: list[Entry]) -> None:
    """Highest rate first, each placed on the funnel around the rate of them all."""
    multiplier = found.indicator.multiplier
    centre = funnel.pooled_rate(
        [float(e.count) for e in entries], [float(e.population) for e in entries], multiplier
    )
    ordered = sorted(entries, key=lambda e: (-e.rate, e.name))
    found.entries = [
        Entry(
            e.name,
            e.own,
            e.rate,
            e.population,
            e.count,
            funnel.placement(float(e.rate), centre, float(e.population), multiplier),
            rank,
        )
        for rank, e in enumerate(ordered, start=1)
    ]
    found.centre = centre
    found.spread = funnel.spread([float(e.rate) for e in entries])
    found.chart = _chart(found) if entries else {}


def _chart(found: Benchmark) -> dict:
    """The funnel plot: each partnership's rate against its population, the rate of them all
    across, and the 95% and 99.8% limits; the partnership itself a larger diamond."""
    multiplier, centre = found.indicator.multiplier, found.centre
    populations = [float(e.population) for e in found.entries]
    curve = {
        name: funnel.funnel_curve(
            centre, min(populations) * 0.8, max(populations) * 1.25, multiplier, level
        )
        for name, level in funnel.LEVELS.items()
    }
    xs = curve["95%"][0]
    traces = [
        _line(xs, [centre] * len(xs), "All sharing partnerships", "solid"),
        _line(xs, curve["95%"][1], "95% limits", "dash"),
        _line(xs, curve["95%"][2], "95% limits", "dash", legend=False),
        _line(xs, curve["99.8%"][1], "99.8% limits", "dot"),
        _line(xs, curve["99.8%"][2], "99.8% limits", "dot", legend=False),
    ]
    for own in (False, True):
        shown = [e for e in found.entries if e.own == own]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "This partnership" if own else "Other partnerships",
                "x": [float(e.population) for e in shown],
                "y": [float(e.rate) for e in shown],
                "text": [e.name for e in shown],
                "marker": {
                    "size": 16 if own else 9,
                    "symbol": "diamond" if own else "circle",
                    "color": "#1d70b8" if own else "#505a5f",
                },
            }
        )
    return {
        "data": traces,
        "layout": {
            "title": {"text": f"{found.indicator.title}, {found.year}"},
            "separators": ".,",
            "xaxis": {"title": {"text": "Population"}, "type": "log", "tickformat": ",d"},
            "yaxis": {"title": {"text": found.indicator.get_unit_display()}, "rangemode": "tozero"},
            "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
            "margin": {"l": 70, "r": 10, "t": 90, "b": 50},
            "hovermode": "closest",
        },
    }


def _line(xs, ys, name: str, dash: str, *, legend: bool = True) -> dict:
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "x": xs,
        "y": ys,
        "line": {"color": "#0b0c0c", "width": 1.5, "dash": dash},
        "showlegend": legend,
        "hoverinfo": "skip",
    }
