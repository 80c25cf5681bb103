"""The committee table, rendered once: every page shows a comparison table through
`ComparisonTable.html`, printed by every template that shows one."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dashboard import comparison
from dashboard.comparison import QUARTERLY_HEADER, Cell, Row
from dashboard.signals import Reading
from indicators import formatting
from indicators.models import BreakdownOption
from indicators.periods import Period
from indicators.selectors import Figure


@dataclass
class ComparisonTable:
    """The committee table of one indicator, or of one option of its breakdown: one renderer
    (`html`) and one writer per file type use it."""

    caption: str
    unit: str
    rows: list[Row]
    option: BreakdownOption | None = None
    selected_year: Period | None = None
    figures: list[Figure] = field(default_factory=list)
    reading: Reading | None = None  # on the indicator page: judged at its latest figure
    code: str = ""  # the indicator's
    expected: str = ""  # its latest figure read against an expected level, said below it
    counts: list[Row] = field(default_factory=list)  # a calculated rate's count, by year

    @property
    def anchor(self) -> str:
        """`police-da-incidents-whole`: the table's place on a page, as on the dashboard."""
        return f"{self.code}-{self.option.code if self.option else 'whole'}"

    @property
    def compact(self) -> bool:
        return all(not row.quarters for row in self.rows)

    @property
    def header(self) -> tuple[str, ...]:
        return comparison.COMPACT_HEADER if self.compact and self.rows else QUARTERLY_HEADER

    @property
    def baseline(self) -> str:
        """`2012/13, 2011/12`: the years shown before the strategy began, or ""."""
        return ", ".join(row.label for row in self.rows if row.baseline and not row.to_date)

    @property
    def html(self) -> SafeString:
        """The table, in its box that scrolls sideways on a phone, and its baseline note: the
        one renderer of a committee table, written here rather than by a template include so
        that a page of a hundred tables stays fast. Its only text is escaped or fixed."""
        caption = escape(self.caption)
        header = "".join(f'<th scope="col">{title}</th>' for title in self.header)
        rows = "".join(self._row_html(row) for row in self.rows) or (
            f'<tr><td colspan="{len(self.header)}">No figures for these years.</td></tr>'
        )
        baseline = (
            f'<p class="baseline-note">Baseline, before the strategy began: {self.baseline}.</p>'
            if self.baseline
            else ""
        )
        return mark_safe(  # noqa: S308
            f'<div class="table-scroll" role="region" aria-label="Table: {caption}" tabindex="0">'
            f'<table class="comparison" id="{escape(self.anchor)}-table">'
            f"<caption>{caption}</caption><thead><tr>{header}</tr></thead>"
            f"<tbody>{rows}</tbody></table></div>{baseline}{self._expected_html()}"
        )

    def _expected_html(self) -> str:
        if not self.expected:
            return ""
        return f'<p class="expected-note">{escape(self.expected)}</p>'  # a source is user text

    def _row_html(self, row: Row) -> str:
        classes = " ".join(
            name
            for name, applies in (
                ("selected", row.year == self.selected_year),
                ("baseline", row.baseline),
            )
            if applies
        )
        css = f' class="{classes}"' if classes else ""
        cells = "".join(cell_html(cell, self.unit) for cell in row.cells)
        return f'<tr{css}><th scope="row">{row.label}</th>{cells}</tr>'


def cell_html(cell: Cell, unit: str) -> str:
    """One cell; its only text is a figure (digits and its unit) or a fixed label."""
    parts = ['<span title="Definition changed">† </span>'] if cell.new_definition else []
    if cell.value is not None:
        parts.append(formatting.figure_text(cell.value, unit))  # digits, , . - % £: no markup
    elif cell.missing_reason:
        parts.append(f'<span class="missing">{formatting.missing_text(cell.missing_reason)}</span>')
    if cell.value is not None and cell.derived:
        basis = f" ({cell.basis})" if cell.basis else ""
        hidden = "" if basis else '<span class="visually-hidden"> (made from the quarters)</span>'
        parts.append(f'{hidden}<span class="basis">{basis}</span>' if basis else hidden)
    if cell.mark and (cell.value is not None or cell.missing_reason):
        parts.append(f' <span class="mark">({cell.mark})</span>')
    css = "figure new-definition" if cell.new_definition else "figure"
    return f'<td class="{css}">{"".join(parts)}</td>'
