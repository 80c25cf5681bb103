"""Indicators, the figures partners report for them, and the returns that carry the figures."""

from indicators.models.exports import ExportKind, ExportRecord, ExportSource
from indicators.models.indicators import (
    BreakdownOption,
    FrequencyChange,
    Indicator,
    IndicatorDefinition,
    Target,
    Unit,
)
from indicators.models.publications import AnnualReport
from indicators.models.returns import QuarterLock, Return, ReturnStatus
from indicators.models.values import MissingReason, Value, ValueState

__all__ = [
    "AnnualReport",
    "BreakdownOption",
    "ExportKind",
    "ExportRecord",
    "ExportSource",
    "FrequencyChange",
    "Indicator",
    "IndicatorDefinition",
    "MissingReason",
    "QuarterLock",
    "Return",
    "ReturnStatus",
    "Target",
    "Unit",
    "Value",
    "ValueState",
]
