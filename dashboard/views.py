"""The board's read-only pages."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from dashboard import selectors
from indicators import selectors as selectors_values
from indicators import tidy
from indicators.periods import PeriodError, parse_period
from strategy.access import partnership_access_or_404


def home(request):
    partnerships = selectors.partnerships_with_plans(request.user)
    return render(request, "dashboard/home.html", {"partnerships": partnerships})


def partnership_detail(request, partnership: str):
    access = partnership_access_or_404(request.user, partnership)
    return render(
        request,
        "dashboard/partnership.html",
        {
            "partnership": selectors.partnership_with_plans(access.partnership),
            "access": access,
            "latest_quarter": selectors.latest_quarter(access.partnership),
        },
    )


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
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{partnership}-values.csv"'
    tidy.write_csv(selectors_values.values_export_rows(partnership=access.partnership), response)
    return response
