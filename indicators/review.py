"""The coordinator's read of a handed-in return: each figure against the same period last year
and the previous quarter, the change in words, and the checks the form asked the lead for."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.forms import change_warning
from indicators.judgement import Change, change_on_last_year
from indicators.returns import ReturnLine


@dataclass(frozen=True)
class ReviewLine:
    """One figure of the return as the coordinator reviews it."""

    line: ReturnLine
    on_last_year: Change | None
    on_previous: Change | None
    warning: str  # a change chance does not explain, shown whether or not the lead commented


def review_lines(lines: list[ReturnLine]) -> list[ReviewLine]:
    """Each line with its changes on last year and on the previous quarter; no query."""
    return [
        ReviewLine(
            line=line,
            on_last_year=_change(line, line.last_year),
            on_previous=_change(line, line.previous),
            warning=change_warning(line, line.value.value)
            if line.value and line.value.value is not None
            else "",
        )
        for line in lines
    ]


def _change(line: ReturnLine, earlier) -> Change | None:
    return change_on_last_year(
        unit=line.indicator.unit,
        direction=line.indicator.direction,
        current=line.value.value if line.value else None,
        previous=earlier.value if earlier else None,
    )
