"""The board's read-only pages. The one write they cause, the record of an export, goes
through indicators' service."""

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dashboard import benchmark, board, boardpack, exports, meeting_mode, scorecard, selectors
from dashboard.papers import report as papers
from dashboard.papers.word import board_report_docx
from indicators import export_records, tidy
from indicators import selectors as figures
from indicators.downloads import download
from indicators.models import ExportRecord
from indicators.periods import PeriodError, parse_period
from indicators.selectors import Audience
from indicators.tasks import tasks_for
from strategy.access import partnership_access_or_404
from strategy.actions import ActionFilter, action_plan
from strategy.standards import standards_matrix


def home(request):
    """The person's tasks, most urgent first, then the partnerships they may see."""
    partnerships = selectors.partnerships_with_plans(request.user)
    tasks = tasks_for(request.user, today=timezone.localdate())
    return render(request, "dashboard/home.html", {"partnerships": partnerships, "tasks": tasks})


def _board(request, partnership: str, *, params=None, as_board: bool = False):
    """The dashboard for the strategy and quarter in the address (by default the latest), or
    in `params`; `as_board`: as the board sees it, whoever is looking (meeting mode)."""
    access = partnership_access_or_404(request.user, partnership)
    partnership = access.partnership
    audience = Audience.board(partnership) if as_board else Audience.of(access)
    view = selectors.board_view(
        partnership=partnership,
        audience=audience,
        params=request.GET if params is None else params,
    )
    if view.problems:
        messages.error(request, "Some filters were not understood and were ignored.")
    context = {
        "access": access,
        "partnership": partnership,
        "strategy": view.strategy,
        "filter": view.filterset,
        "dashboard": None,
        "objective": view.objective,
        "indicator_base": reverse("indicator", args=[partnership.slug, "-"])[:-2],
        # A partner lead's link goes to their own return, not to the board's list of returns.
        "own_organisations": []
        if access.reads_everything
        else list(partnership.organisations.filter(pk__in=access.lead_of)),
    }
    if view.strategy and view.quarter:
        context["dashboard"] = board.add_narratives(
            board.dashboard(view, today=timezone.localdate()),
            drafts=access.sees_draft_narratives and not as_board,
        )
    return context


def partnership_dashboard(request, partnership: str):
    """The scorecard of the quarter, then each indicator's panel."""
    context = _board(request, partnership)
    if context["dashboard"] is not None:
        context["scorecard"] = scorecard.scorecard(
            context["dashboard"], sort=request.GET.get("sort", "")
        )
        context["sort_links"] = _sort_links(request.GET)
    return render(request, "dashboard/dashboard.html", context)


def _sort_links(query: QueryDict) -> dict[str, str]:
    """The same address in each of the scorecard's orders (`default`, `signal`, `rag`)."""
    links = {}
    for key in ("", *scorecard.SORTS):
        changed = query.copy()
        changed.pop("sort", None)
        if key:
            changed["sort"] = key
        links[key or "default"] = f"?{changed.urlencode()}"
    return links


def meeting(request, partnership: str):
    """One screen at a time, large type, next and previous by keyboard: the whole strategy is
    read, so the keys can move from one objective's last indicator to the next objective."""
    params = request.GET.copy()
    for key in meeting_mode.SCREEN_KEYS:
        params.pop(key, None)
    context = _board(request, partnership, params=params, as_board=True)
    dashboard = context["dashboard"]
    context["screen"] = meeting_mode.meeting_screen(dashboard, request.GET) if dashboard else None
    return render(request, "dashboard/meeting.html", context)


def indicator_detail(request, partnership: str, code: str):
    access = partnership_access_or_404(request.user, partnership)
    audience = Audience.of(access)
    indicator, tables = selectors.indicator_tables(access.partnership, code, audience=audience)
    period, problem = selectors.history_period(request.GET.get("period", ""), audience.years)
    if problem:
        messages.error(request, f"{problem} Showing the history of every period.")
    return render(
        request,
        "dashboard/indicator.html",
        {
            "access": access,
            "partnership": access.partnership,
            "indicator": indicator,
            "tables": tables,
            "charts": selectors.indicator_charts(indicator, tables, period),
            "period": period,
            "history": selectors.indicator_history(indicator, period, audience=audience),
        },
    )


def indicator_benchmark(request, partnership: str, code: str):
    """The partnership's rate against those of the partnerships that share theirs."""
    access = partnership_access_or_404(request.user, partnership)
    found = benchmark.benchmark(access.partnership, code, year_text=request.GET.get("year", ""))
    return render(
        request,
        "dashboard/benchmark.html",
        {
            "partnership": access.partnership,
            "benchmark": found,
            "charts": {"funnel": found.chart},
        },
    )


def values_export(request, partnership: str):
    """The board's figures as tidy CSV, the format `import_values` takes back; the dashboard's
    query narrows them (strategy, objective, organisation) and a quarter shows them as at its
    end."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.can_export_values:
        raise Http404("No such page.")
    view = selectors.board_view(
        partnership=access.partnership,
        audience=Audience.approved(access.partnership),
        params=request.GET,
    )
    indicators = view.indicators
    if request.GET.get("strategy") and view.strategy:
        indicators = indicators.filter(objectives__strategy=view.strategy)
    if view.objective:
        indicators = indicators.filter(objectives__code=view.objective)
    as_at = view.quarter if request.GET.get("quarter") else None
    rows = figures.values_export_rows(
        partnership=access.partnership, indicators=indicators, as_at=as_at
    )
    filename = f"{partnership}-values.csv"
    response = download(filename)
    tidy.write_csv(rows, response)
    export_records.export_record(
        partnership=access.partnership,
        kind=ExportRecord.Kind.VALUES,
        user=request.user,
        query=request.GET.urlencode(),
        quarter=as_at,
        filename=filename,
    )
    return response


def actions_export(request, partnership: str):
    """The action plan as filtered on its page, as an Excel sheet."""
    access = partnership_access_or_404(request.user, partnership)
    filterset = ActionFilter(
        request.GET or None,
        queryset=action_plan(access.partnership),
        partnership=access.partnership,
        today=timezone.localdate(),
    )
    content = exports.action_plan_workbook(access.partnership, filterset.qs)
    return download(f"{partnership}-action-plan.xlsx", content)


def standards_export(request, partnership: str):
    access = partnership_access_or_404(request.user, partnership)
    if not access.reads_everything:
        raise Http404("No such page.")
    matrix = standards_matrix(access.partnership)
    return download(
        f"{partnership}-practice-standards.xlsx",
        exports.standards_workbook(access.partnership, matrix),
    )


def board_pack(request, partnership: str):
    """The board pack of the strategy and quarter in the address (as on the dashboard)."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.can_export_values:
        raise Http404("No such page.")
    publication = request.GET.get("publication") == "1"
    try:
        pack = boardpack.make_board_pack(
            partnership=access.partnership,
            params=request.GET,
            made_by=request.user.get_full_name() or request.user.get_username(),
            publication=publication,
        )
    except boardpack.BoardPackError as error:
        messages.error(request, f"The board pack could not be made: {error}")
        return redirect("partnership", partnership)
    filename = f"{partnership}-board-pack{'-publication' if publication else ''}.xlsx"
    export_records.export_record(
        partnership=access.partnership,
        kind=ExportRecord.Kind.BOARD_PACK,
        user=request.user,
        query=request.GET.urlencode(),
        quarter=pack.quarter,
        publication=publication,
        filename=filename,
    )
    return download(filename, pack.content)


PAPERS = {
    "pdf": (papers.board_report_pdf, ExportRecord.Kind.BOARD_REPORT),
    "docx": (board_report_docx, ExportRecord.Kind.BOARD_REPORT_WORD),
}


def board_report(request, partnership: str, fmt: str):
    """The board report of the strategy and quarter in the address (as the board pack), as
    PDF or Word."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.can_export_values:
        raise Http404("No such page.")
    publication = request.GET.get("publication") == "1"
    try:
        report = papers.board_report(
            partnership=access.partnership,
            params=request.GET,
            made_by=request.user.get_full_name() or request.user.get_username(),
            publication=publication,
        )
    except boardpack.BoardPackError as error:
        messages.error(request, f"The board report could not be made: {error}")
        return redirect("partnership", partnership)
    write, kind = PAPERS[fmt]
    published = "-publication" if publication else ""
    filename = f"{partnership}-board-report-{report.quarter.slug}{published}.{fmt}"
    export_records.export_record(
        partnership=access.partnership,
        kind=kind,
        user=request.user,
        query=request.GET.urlencode(),
        quarter=report.quarter,
        publication=publication,
        filename=filename,
    )
    return download(filename, write(report))


def indicator_table(request, partnership: str, code: str, fmt: str):
    """One comparison table, just that table, as Excel or CSV."""
    access = partnership_access_or_404(request.user, partnership)
    if fmt not in ("csv", "xlsx"):
        raise Http404("Tables download as .xlsx or .csv.")
    # The quarter of the view the link came from: the table as it stood then.
    try:
        as_at = parse_period(request.GET["quarter"]) if request.GET.get("quarter") else None
    except PeriodError as error:
        raise Http404("No such quarter.") from error
    indicator, tables = selectors.indicator_tables(
        access.partnership,
        code,
        audience=Audience.approved(access.partnership),
        as_at=as_at.last_quarter if as_at else None,
    )
    option = request.GET.get("option") or None
    table = next((t for t in tables if (t.option.code if t.option else None) == option), None)
    if table is None:
        raise Http404("No such table.")
    publication = (
        exports.Publication(access.partnership.suppression_threshold)
        if request.GET.get("publication") == "1"
        else None
    )
    name = f"{partnership}-{code}{'-' + option if option else ''}"
    if fmt == "csv":
        response = download(f"{name}.csv")
        exports.comparison_csv(table, response, publication)
        return response
    return download(f"{name}.xlsx", exports.comparison_workbook(table, publication))
