"""Expected levels: what a table says and a chart draws of the level an indicator is read
against (SafeLives: 40 MARAC cases a year per 10,000 adult women), with its source."""

from __future__ import annotations

from decimal import Decimal

from dashboard.comparison import Row, spoken
from indicators.formatting import figure_text
from indicators.judgement import expected_level_words
from indicators.models import ExpectedLevel, Indicator


def expected_line(indicator: Indicator, rows: list[Row]) -> str:
    """`Expected level: 40 (SafeLives ...), from 2014/15. 2015/16: 31.5, below the expected
    level.`: the latest figure of the table read against the level for its period; "" for an
    indicator without one (levels prefetched: no query)."""
    levels = list(indicator.expected_levels.all())
    if not levels:
        return ""
    for row in rows:
        if row.to_date:
            continue
        # The full year first, then the quarters from the latest: the newest figure read.
        for cell, period in reversed(list(zip(row.cells, row.periods(), strict=True))):
            level = indicator.expected_level_for(period) if cell.value is not None else None
            if level is not None:
                words = expected_level_words(cell.value, level.value)
                figure = figure_text(cell.value, indicator.unit)
                return f"{_said(level, indicator.unit)}. {spoken(period)}: {figure}, {words}."
    latest = max(levels, key=lambda level: level.applies_from)
    return f"{_said(latest, indicator.unit)}; no figure here to read against it."


def _said(level: ExpectedLevel, unit: str) -> str:
    each = " a year" if level.compares == ExpectedLevel.Compares.YEAR else ""
    return (
        f"Expected level: {figure_text(level.value, unit)}{each} ({level.source}), "
        f"from {level.applies_from}"
    )


def chart_level(indicator: Indicator, rows: list[Row]) -> Decimal | None:
    """The level a chart of these rows draws as a dashed line: the level of the newest year
    shown (levels prefetched: no query). Its source is said below the table, not in the chart."""
    if not rows or not indicator.expected_levels.all():
        return None
    newest = rows[0].year
    level = indicator.expected_level_for(newest)
    if level is None:
        return None
    return level.value
