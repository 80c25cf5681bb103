"""Pages where figures get in: returns, their correction, and imports."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from indicators import formatting, locks, returns, services, tidy, workflow
from indicators.downloads import download
from indicators.forms import ReturnForm, UploadForm, change_warning, field_names
from indicators.models import MissingReason, Value
from indicators.periods import Period, PeriodError, parse_period
from indicators.views import review
from indicators.views.gates import (
    organisation_or_404,
    quarter_access_or_404,
    return_or_404,
    return_page_context,
)
from strategy.access import partnership_access_or_404


def return_detail(request, partnership: str, quarter: Period, organisation: str):
    """A return: its lead fills it in; once handed in, a coordinator reviews it (the summary)."""
    access, the_return, locked = return_or_404(request.user, partnership, quarter, organisation)
    if request.method == "GET" and review.shows_summary(access, the_return):
        return review.render_summary(request, access, the_return, locked)
    return _return_form_page(request, access, the_return, locked)


def return_correct(request, partnership: str, quarter: Period, organisation: str):
    """A coordinator's correction of a handed-in return: the form, a separate deliberate step."""
    access, the_return, locked = return_or_404(request.user, partnership, quarter, organisation)
    if not the_return.is_editable_by(access, locked=locked):
        raise Http404("No such page.")
    if not _reason_required(access, the_return, locked):
        # Nothing to correct: the return is open, and its own page is where it is filled in.
        return redirect("return", partnership, quarter, the_return.organisation.slug)
    return _return_form_page(request, access, the_return, locked)


def _return_form_page(request, access, the_return, locked: bool):
    organisation, quarter = the_return.organisation, the_return.period
    lines = returns.return_lines(organisation, quarter)
    if not access.sees_drafts_of(organisation.pk):
        lines = [returns.approved_only(line) for line in lines]
    form_kwargs = {"lines": lines, "reason_required": _reason_required(access, the_return, locked)}
    stale = None
    if request.method == "POST":
        if not access.can_edit_return(organisation):
            raise Http404("No such return.")
        form = ReturnForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                workflow.return_save(
                    organisation=organisation,
                    quarter=quarter,
                    user=request.user,
                    entries=form.entries(),
                    version=form.cleaned_data["version"],
                    submit=form.submitting(),
                    reason=form.cleaned_data["reason"],
                )
            except workflow.StaleReturn as error:
                # Start again from what is saved now, showing what the other person changed
                # and what this person entered, so nothing is overwritten unseen.
                stale = {"changes": error.changes, "message": str(error)}
                stale["unsaved"] = _unsaved(form, lines)
                the_return = returns.return_or_new(organisation, quarter)
                lines = returns.return_lines(organisation, quarter)
                form = ReturnForm(
                    initial={"version": the_return.version}, **{**form_kwargs, "lines": lines}
                )
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _saved_message(access, the_return, locked, form))
                return redirect("return", access.partnership.slug, quarter, organisation.slug)
    else:
        form = ReturnForm(initial={"version": the_return.version}, **form_kwargs)
    return _render_return(request, access, the_return, form, lines, locked, stale=stale)


def _reason_required(access, the_return, locked: bool) -> bool:
    """The form asks why when the change is a correction (see `Return.change_needs_reason`)."""
    return the_return.is_editable_by(access, locked=locked) and the_return.change_needs_reason(
        locked=locked
    )


def _saved_message(access, the_return, locked: bool, form: ReturnForm) -> str:
    if _reason_required(access, the_return, locked):
        return "Correction saved: the board sees the corrected figures."
    return "Return submitted." if form.submitting() else "Draft saved."


def _unsaved(form: ReturnForm, lines) -> list[tuple[str, str]]:
    entries = form.entries()
    shown = []
    for line in lines:
        entry = entries.get(line.key)
        if entry is None or entry.empty:
            continue
        figure = formatting.plain_figure(entry.figure) if entry.figure is not None else ""
        text = figure or dict(MissingReason.choices)[entry.missing_reason]
        shown.append((line.title, f"{text} ({entry.comment})" if entry.comment else text))
    return shown


def _render_return(request, access, the_return, form, lines, locked: bool, stale=None):
    return render(
        request,
        "indicators/return.html",
        {
            **return_page_context(access, the_return, locked=locked),
            "groups": _grouped(form, lines),
            "form": form,
            "stale": stale,
            "editable": the_return.is_editable_by(access, locked=locked),
            "correcting": _reason_required(access, the_return, locked),
            "upload_form": UploadForm(),
        },
    )


def _grouped(form: ReturnForm, lines: list[returns.ReturnLine]) -> list[dict]:
    """The form's lines under their objectives, each with its bound fields and any warning."""
    groups: dict[object, dict] = {}
    for line in lines:
        names = field_names(line)
        group = groups.setdefault(
            line.objective.pk if line.objective else None,
            {"objective": line.objective, "lines": []},
        )
        figure = line.value.value if line.value else None
        group["lines"].append(
            {
                "line": line,
                "fields": {part: form[name] for part, name in names.items() if name in form.fields},
                "warning": change_warning(line, figure)
                if figure is not None and not line.value.comment
                else "",
            }
        )
    return list(groups.values())


def return_download(request, partnership: str, quarter: Period, organisation: str):
    """The return as a tidy workbook, pre-filled, to complete offline and upload back."""
    access, _ = quarter_access_or_404(request.user, partnership, quarter)
    organisation = organisation_or_404(access, organisation)
    lines = returns.return_lines(organisation, quarter)
    if not access.sees_drafts_of(organisation.pk):
        lines = [returns.approved_only(line) for line in lines]
    rows = [
        (
            access.partnership.slug,
            line.indicator.code,
            str(line.period),
            line.option.code if line.option else "",
            formatting.plain_figure(line.value.value) if line.value else "",
            line.value.missing_reason if line.value else "",
            line.value.comment if line.value else "",
        )
        for line in lines
    ]
    buffer = io.BytesIO()
    tidy.write_xlsx(rows, buffer)
    return download(
        f"{access.partnership.slug}-{organisation.slug}-{quarter.slug}.xlsx", buffer.getvalue()
    )


@require_POST
def return_upload(request, partnership: str, quarter: Period, organisation: str):
    """A workbook filled in offline goes back into the form, to check and then save."""
    access, _ = quarter_access_or_404(request.user, partnership, quarter)
    organisation = organisation_or_404(access, organisation)
    if not access.can_edit_return(organisation):
        raise Http404("No such return.")
    the_return = returns.return_or_new(organisation, quarter)
    lines = returns.return_lines(organisation, quarter)
    upload = UploadForm(request.POST, request.FILES)
    # Start from what is saved, so lines the file leaves out keep their figures.
    saved = ReturnForm(initial={"version": the_return.version}, lines=lines).initial
    data = {name: "" if value is None else str(value) for name, value in saved.items()}
    data["version"] = request.POST.get("version", the_return.version)
    problems = []
    if upload.is_valid():
        try:
            data.update(_form_data_from_file(upload.cleaned_data["file"], lines, problems))
        except tidy.TidyFormatError as error:
            problems.append(str(error))
    else:
        problems.extend(upload.errors["file"])
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect("return", partnership, quarter, organisation.slug)
    locked = locks.is_locked(access.partnership.pk, quarter)
    form = ReturnForm(
        data, lines=lines, reason_required=_reason_required(access, the_return, locked)
    )
    form.is_valid()
    messages.info(request, "Figures loaded from your file. Check them, then save or submit.")
    return _render_return(request, access, the_return, form, lines, locked)


def _form_data_from_file(upload, lines, problems: list[str]) -> dict[str, str]:
    rows = tidy.read_file(upload, upload.name)
    by_key = {
        (line.indicator.code, line.option.code if line.option else ""): line for line in lines
    }
    data = {}
    for row in rows:
        line = by_key.get((row.indicator, row.breakdown))
        if line is None or _period_or_none(row.period) != line.period:
            problems.append(f"line {row.line}: not a figure of this return.")
            continue
        names = field_names(line)
        data[names["figure"]] = row.value
        data[names["missing"]] = row.status
        data[names["comment"]] = row.note
    return data


def _period_or_none(text: str) -> Period | None:
    try:
        return parse_period(text)
    except PeriodError:
        return None


@require_POST
def value_follow_up(request, partnership: str, pk: int):
    access = partnership_access_or_404(request.user, partnership)
    value = get_object_or_404(
        Value.objects.select_related("indicator__partnership", "indicator__reporting_organisation"),
        pk=pk,
        indicator__partnership=access.partnership,
    )
    try:
        workflow.value_follow_up(
            value=value, user=request.user, follow_up=request.POST.get("follow_up") == "on"
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    quarter = value.indicator.quarter_carrying(value.period)
    return redirect("return", partnership, quarter, value.indicator.reporting_organisation.slug)


def values_import(request, partnership: str):
    """Coordinators and officers load tidy data: all or nothing, every bad row reported."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.can_import_values:
        raise Http404("No such page.")
    errors, summary = [], None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = tidy.read_file(upload, upload.name)
            reason = f"Imported from {upload.name}"
            summary = services.values_import(rows=rows, user=request.user, reason=reason)
        except tidy.TidyFormatError as error:
            form.add_error("file", str(error))
        except services.ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(request, f"{upload.name}: {summary}.")
            return redirect("values-import", partnership)
    return render(
        request,
        "indicators/import.html",
        {"partnership": access.partnership, "form": form, "errors": errors, "access": access},
    )
