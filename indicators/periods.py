"""Financial periods, for the indicators app and those built on it: the one definition lives in
`strategy.periods`, below both, so that action plans and narratives read quarters the same way."""

from strategy.periods import (
    QUARTERS,
    Period,
    PeriodError,
    financial_year_of,
    parse_period,
    quarter_of,
)

__all__ = ["QUARTERS", "Period", "PeriodError", "financial_year_of", "parse_period", "quarter_of"]
