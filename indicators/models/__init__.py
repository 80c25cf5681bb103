"""Indicators, the figures partners report for them, and the returns that carry the figures."""

from indicators.models.exports import ExportKind, ExportRecord, ExportSource
from indicators.models.indicators import (
    BreakdownOption,
    ExpectedLevel,
    FrequencyChange,
    Indicator,
    IndicatorDefinition,
    Multiplier,
    Target,
    Unit,
)
from indicators.models.messages import MessageKind, MessageOptOut, SentMessage
from indicators.models.publications import AnnualReport
from indicators.models.returns import QuarterLock, Return, ReturnStatus
from indicators.models.values import MissingReason, Value, ValueState

__all__ = [
    "AnnualReport",
    "BreakdownOption",
    "ExpectedLevel",
    "ExportKind",
    "ExportRecord",
    "ExportSource",
    "FrequencyChange",
    "Indicator",
    "IndicatorDefinition",
    "MessageKind",
    "MessageOptOut",
    "MissingReason",
    "Multiplier",
    "QuarterLock",
    "Return",
    "ReturnStatus",
    "SentMessage",
    "Target",
    "Unit",
    "Value",
    "ValueState",
]
