"""The board's read-only pages."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dashboard import board, boardpack, exports, selectors
from dashboard.filters import DashboardFilter
from indicators import selectors as figures
from indicators import tidy
from indicators.models import Indicator
from indicators.periods import PeriodError, parse_period
from strategy.access import partnership_access_or_404
from strategy.actions import ActionFilter, action_plan
from strategy.standards import standards_matrix


def home(request):
    partnerships = selectors.partnerships_with_plans(request.user)
    return render(request, "dashboard/home.html", {"partnerships": partnerships})


def _board(request, partnership: str, *, one_objective: bool = False) -> dict:
    """The dashboard for the strategy and quarter in the address (by default the latest)."""
    access = partnership_access_or_404(request.user, partnership)
    partnership = access.partnership
    strategies = list(partnership.strategies.order_by("-start_year"))
    quarters = selectors.quarters_with_figures(partnership)
    chosen = request.GET.get("strategy")
    strategy = next((s for s in strategies if s.slug == chosen), None) or (
        strategies[0] if strategies else None
    )
    filterset = DashboardFilter(
        request.GET or None,
        partnership=partnership,
        strategies=strategies,
        quarters=quarters,
        objectives=strategy.objectives.all() if strategy else [],
    )
    options = filterset.form.cleaned_data if filterset.is_valid() else {}
    if filterset.is_bound and not filterset.is_valid():
        messages.error(request, "Some filters were not understood and were ignored.")
    quarter = parse_period(options["quarter"]) if options.get("quarter") else None
    quarter = quarter or (quarters[0] if quarters else None)
    objective = options.get("objective")
    if one_objective and strategy and not objective:
        first = strategy.objectives.first()
        objective = first.code if first else None
    context = {
        "access": access,
        "partnership": partnership,
        "strategy": strategy,
        "filter": filterset,
        "dashboard": None,
        "indicator_base": reverse("indicator", args=[partnership.slug, "-"])[:-2],
    }
    if strategy and quarter:
        context["dashboard"] = board.dashboard(
            partnership=partnership,
            strategy=strategy,
            quarter=quarter,
            indicators=filterset.qs if options else filterset.queryset,
            objective_codes={objective} if objective else None,
            only_exceptions=bool(options.get("exceptions")),
            today=timezone.localdate(),
        )
    context["objective"] = objective
    return context


def partnership_dashboard(request, partnership: str):
    return render(request, "dashboard/dashboard.html", _board(request, partnership))


def meeting(request, partnership: str):
    """One objective per screen, large type, next and previous by keyboard."""
    context = _board(request, partnership, one_objective=True)
    codes = [o.code for o in context["strategy"].objectives.all()] if context["strategy"] else []
    here = codes.index(context["objective"]) if context["objective"] in codes else 0
    query = request.GET.copy()

    def link(index: int) -> str | None:
        if not 0 <= index < len(codes):
            return None
        query["objective"] = codes[index]
        return f"?{query.urlencode()}"

    context.update(previous=link(here - 1), next=link(here + 1), position=(here + 1, len(codes)))
    return render(request, "dashboard/meeting.html", context)


def indicator_detail(request, partnership: str, code: str):
    access = partnership_access_or_404(request.user, partnership)
    indicator, tables = selectors.indicator_with_figures(access.partnership, code)
    try:
        period = parse_period(request.GET["period"]) if request.GET.get("period") else None
    except PeriodError:
        period = None
    return render(
        request,
        "dashboard/indicator.html",
        {
            "partnership": access.partnership,
            "indicator": indicator,
            "tables": tables,
            "period": period,
            "history": selectors.indicator_history(indicator, period),
        },
    )


def values_export(request, partnership: str):
    """Every figure of the partnership as tidy CSV, the format `import_values` takes back."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.can_export_values:
        raise Http404("No such page.")
    # The dashboard's query narrows the figures: strategy, objective, reporting organisation.
    indicators = Indicator.objects.filter(partnership=access.partnership)
    if request.GET.get("strategy"):
        indicators = indicators.filter(objectives__strategy__slug=request.GET["strategy"])
    if request.GET.get("objective"):
        indicators = indicators.filter(objectives__code=request.GET["objective"])
    if request.GET.get("organisation"):
        indicators = indicators.filter(reporting_organisation__slug=request.GET["organisation"])
    rows = figures.values_export_rows(partnership=access.partnership, indicators=indicators)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{partnership}-values.csv"'
    tidy.write_csv(rows, response)
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
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
    return _xlsx(content, f"{partnership}-action-plan.xlsx")


def standards_export(request, partnership: str):
    access = partnership_access_or_404(request.user, partnership)
    if not access.reads_everything:
        raise Http404("No such page.")
    matrix = standards_matrix(access.partnership)
    return _xlsx(
        exports.standards_workbook(access.partnership, matrix),
        f"{partnership}-practice-standards.xlsx",
    )


def board_pack(request, partnership: str):
    """The board pack of the strategy and quarter in the address (as on the dashboard)."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.can_export_values:
        raise Http404("No such page.")
    try:
        quarter = parse_period(request.GET["quarter"]) if request.GET.get("quarter") else None
        content = boardpack.make_board_pack(
            partnership=access.partnership,
            strategy_slug=request.GET.get("strategy") or None,
            quarter=quarter if quarter and quarter.is_quarter else None,
            objective_code=request.GET.get("objective") or None,
            organisation_slug=request.GET.get("organisation") or None,
            only_exceptions=request.GET.get("exceptions") in ("on", "true", "1"),
            made_by=request.user.get_full_name() or request.user.get_username(),
            publication=request.GET.get("publication") == "1",
        )
    except (PeriodError, boardpack.BoardPackError) as error:
        messages.error(request, f"The board pack could not be made: {error}")
        return redirect("partnership", partnership)
    suffix = "-publication" if request.GET.get("publication") == "1" else ""
    return _xlsx(content, f"{partnership}-board-pack{suffix}.xlsx")


def indicator_table(request, partnership: str, code: str, fmt: str):
    """One comparison table, just that table, as Excel or CSV."""
    access = partnership_access_or_404(request.user, partnership)
    if fmt not in ("csv", "xlsx"):
        raise Http404("Tables download as .xlsx or .csv.")
    indicator, tables = selectors.indicator_with_figures(access.partnership, code)
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
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        exports.comparison_csv(table, indicator.unit, response, publication)
        return response
    return _xlsx(exports.comparison_workbook(table, indicator.unit, publication), f"{name}.xlsx")
