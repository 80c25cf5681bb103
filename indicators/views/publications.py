"""A coordinator's page for a year's public annual report: pick the indicators, publish or
unpublish."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from indicators.periods import PeriodError, parse_period
from indicators.publications import PublicationError, annual_report_save, annual_report_start
from strategy.access import partnership_access_or_404


class AnnualReportForm(forms.Form):
    indicators = forms.MultipleChoiceField(
        label="Indicators to publish",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Approved figures only; counts below the partnership's threshold suppressed.",
    )
    published = forms.BooleanField(
        label="Published: anyone may read it without signing in", required=False
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = [(i.code, i.title) for i in indicators]


def annual_report_edit(request, partnership: str, year: str):
    access = partnership_access_or_404(request.user, partnership)
    try:
        period = parse_period(year)
    except PeriodError as error:
        raise Http404("No such year.") from error
    if not access.can_publish_reports or not period.is_year:
        raise Http404("No such page.")
    start = annual_report_start(access.partnership, period)
    form = AnnualReportForm(
        request.POST or None,
        indicators=start.indicators,
        initial={"indicators": start.chosen, "published": start.published},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = annual_report_save(
                partnership=access.partnership,
                user=request.user,
                year=period,
                indicator_codes=form.cleaned_data["indicators"],
                published=form.cleaned_data["published"],
            )
        except PublicationError as error:
            form.add_error(None, str(error))
        else:
            state = "published" if saved.published else "not published"
            messages.success(request, f"The annual report for {period} is saved, {state}.")
            return redirect(request.path)
    return render(
        request,
        "indicators/annual_report.html",
        {"partnership": access.partnership, "year": period, "report": start.report, "form": form},
    )
