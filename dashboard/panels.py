"""A dashboard panel, rendered once in Python: a national dashboard of a hundred panels spent
most of its time in template includes (`make bench`), so a panel is written here as the
committee table is (`dashboard/tables.py`). Every piece of stored or derived text is escaped."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst, slugify

from dashboard.board import Panel
from indicators.periods import Period


def panel_html(
    panel: Panel, *, quarter: Period, indicator_base: str, board_sees_submitted: bool
) -> SafeString:
    """The panel closed to its title and sentence, then its table; opening it shows the rest
    and draws the chart (static/js/dashboard.js)."""
    anchor = escape(panel.anchor)
    caption = escape(panel.caption)
    return mark_safe(  # noqa: S308
        f'<article class="panel{" exception" if panel.exception else ""}" id="{anchor}" '
        f'aria-labelledby="{anchor}-title">\n'
        f'  <details class="panel-details">\n'
        f'  <summary><h3 id="{anchor}-title">{caption}</h3> '
        f'<span class="sentence">{escape(panel.sentence)}</span></summary>\n'
        f'  <p class="signals">Variation: <strong class="variation">{escape(panel.variation)}'
        f"</strong>; assurance: <strong>{escape(panel.assurance)}</strong>.</p>\n"
        f"{_notes(panel, board_sees_submitted)}"
        f'  <figure aria-describedby="{anchor}-table">\n'
        f"    <figcaption>{caption}: {_chart_caption(panel, quarter)}</figcaption>\n"
        f'    <div class="chart" data-chart="{anchor}" aria-hidden="true"></div>\n'
        f"  </figure>\n"
        f"  </details>\n"
        f"  {panel.table.html}\n"
        f"{_links(panel, quarter, indicator_base)}"
        f"</article>\n"
    )


def _notes(panel: Panel, board_sees_submitted: bool) -> str:
    """The exception, the mark of a figure not yet approved, the change, the RAG rating, the
    comment and the definition breaks: each a paragraph, where it applies."""
    notes = []
    if panel.exception:
        reasons = escape("; ".join(panel.exceptions))
        notes.append(f'<p class="exception-note"><strong>Exception:</strong> {reasons}.</p>')
    mark = panel.current.mark if panel.current else ""
    if mark:
        hidden = "" if board_sees_submitted else ", so the board does not see it"
        notes.append(
            f'<p class="mark-note"><strong>{escape(capfirst(mark))}:</strong> '
            f"not yet approved{hidden}.</p>"
        )
    if panel.change:
        change = panel.change
        notes.append(
            f'<p class="change change-{slugify(change.judgement)}">'
            f'<span aria-hidden="true">{escape(change.arrow)}</span> '
            f"{escape(capfirst(change.text))} on {_compared_with(panel.period)}: "
            f"<strong>{escape(change.judgement)}</strong></p>"
        )
    if panel.rating:
        action = (
            f". Corrective action: {escape(panel.corrective_action)}"
            if panel.corrective_action
            else ""
        )
        notes.append(
            f'<p class="rag rag-{escape(panel.rating)}"><strong>{escape(capfirst(panel.rating))}'
            f"</strong> against the target for {panel.period.financial_year}{action}</p>"
        )
    comment = panel.current.comment if panel.current else ""
    if comment:
        notes.append(f'<p class="comment"><strong>Comment:</strong> {escape(comment)}</p>')
    notes += [
        f'<p class="break-note"><span aria-hidden="true">†</span> The definition changed from '
        f"{start}: figures before it are not comparable with those after.</p>"
        for start in panel.new_definitions
    ]
    return "".join(f"  {note}\n" for note in notes)


def _compared_with(period: Period) -> str:
    if period.is_year:
        return "the year before"
    return "the same period last year" if period.to_date else "the same quarter last year"


def _chart_caption(panel: Panel, quarter: Period) -> str:
    if not panel.chart:
        return "a single figure, so no chart"
    each = "each financial year" if panel.table.compact else "each quarter by financial year"
    return f"{each}, {quarter.financial_year} emphasised"


def _links(panel: Panel, quarter: Period, indicator_base: str) -> str:
    """The indicator's page and this table's downloads, as at the quarter shown."""
    page = escape(f"{indicator_base}{panel.indicator.code}/")
    query = f"?quarter={quarter.slug}"
    if panel.option:
        query += f"&option={panel.option.code}"
    hidden = f'<span class="visually-hidden"> ({escape(panel.caption)})</span>'
    return (
        f'  <p class="panel-links"><a href="{page}">{escape(panel.indicator.title)}: every year '
        f"and the history of its figures</a>\n"
        f'  · Download this table: <a href="{page}table.xlsx{escape(query)}">Excel{hidden}</a>,\n'
        f'  <a href="{page}table.csv{escape(query)}">CSV{hidden}</a></p>\n'
    )
