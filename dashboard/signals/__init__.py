"""Signals, not noise: NHS England's "Making Data Count" statistical process control.

An XmR chart (individuals and moving range) over a series of figures in time order, the
quarters in order or the years for an annual indicator: its mean and process limits, the four
rules that tell a special cause from common-cause variation, the variation word for the series
as it stands at its latest point and the assurance word against a target. Plain values in, plain
values out, no database; the same-quarter change keeps the returns' own chance test, because
quarters can be seasonal and an XmR chart over consecutive quarters does not allow for that.
"""

from dashboard.signals.reading import (
    NO_SIGNAL,
    NO_TARGET,
    Reading,
    change_beyond_chance,
    first_comparable,
    reading,
    series,
)
from dashboard.signals.xmr import (
    FEWEST_POINTS,
    MOST_POINTS,
    PROCESS_LIMIT,
    AssuranceWord,
    Limits,
    Rule,
    Signal,
    Variation,
    VariationWord,
    assurance,
    beyond_limits,
    bounds_for,
    near_limits,
    runs,
    since_definition_change,
    trends,
    variation,
    xmr,
)

__all__ = [
    "AssuranceWord",
    "FEWEST_POINTS",
    "Limits",
    "MOST_POINTS",
    "NO_SIGNAL",
    "NO_TARGET",
    "PROCESS_LIMIT",
    "Reading",
    "Rule",
    "Signal",
    "Variation",
    "VariationWord",
    "assurance",
    "beyond_limits",
    "bounds_for",
    "change_beyond_chance",
    "first_comparable",
    "near_limits",
    "reading",
    "runs",
    "series",
    "since_definition_change",
    "trends",
    "variation",
    "xmr",
]
