"""Pages that keep the record: a figure deleted with its reason; the exports made."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django_tables2 import RequestConfig

from indicators import export_records, workflow
from indicators.forms import ValueDeleteForm
from indicators.models import Value
from indicators.years import partnership_years
from strategy.access import partnership_access_or_404


def value_delete(request, partnership: str, pk: int):
    """A coordinator deletes a figure: the page shows it and asks why; the POST deletes it."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.can_delete_values:
        raise Http404("No such page.")
    value = get_object_or_404(
        Value.objects.select_related(
            "indicator__partnership", "indicator__reporting_organisation", "option", "updated_by"
        ),
        pk=pk,
        indicator__partnership=access.partnership,
    )
    form = ValueDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reason = form.cleaned_data["reason"]
            workflow.value_delete(value=value, user=request.user, reason=reason)
        except workflow.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Deleted: {value.indicator.title}, {value.period}.")
            history = reverse("indicator", args=[partnership, value.indicator.code])
            if value.period in partnership_years(access.partnership):
                history += f"?period={value.period.slug}"
            return redirect(f"{history}#history")
    return render(
        request,
        "indicators/value_delete.html",
        {
            "partnership": access.partnership,
            "value": value,
            "quarter": value.indicator.quarter_carrying(value.period),
            "form": form,
        },
    )


def export_record_list(request, partnership: str):
    """Every board pack and figures export of the partnership, newest first (coordinators)."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.can_see_export_records:
        raise Http404("No such page.")
    filterset = export_records.ExportRecordFilter(
        request.GET or None, queryset=export_records.export_records(access.partnership)
    )
    table = export_records.ExportRecordTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(
        request,
        "indicators/export_records.html",
        {"partnership": access.partnership, "filter": filterset, "table": table},
    )
