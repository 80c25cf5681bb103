"""Pages where figures get in: returns, their review, quarter locks and imports."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from indicators import completeness, formatting, locks, returns, services, tidy, workflow
from indicators.forms import (
    LockForm,
    ReturnForm,
    ReviewForm,
    UploadForm,
    change_warning,
    field_names,
)
from indicators.models import MissingReason, Value
from indicators.periods import Period, PeriodError, parse_period
from indicators.years import partnership_years
from strategy.access import PartnershipAccess, partnership_access_or_404
from strategy.models import Organisation


def _quarter_access_or_404(user, partnership: str, quarter: Period):
    """The user's access to the partnership and the partnership's years, or a 404 for a
    quarter outside them (`/returns/9998-99-q4/` is no page)."""
    access = partnership_access_or_404(user, partnership)
    years = partnership_years(access.partnership)
    if quarter not in years:
        raise Http404("No such quarter.")
    return access, years


def _organisation_or_404(access: PartnershipAccess, slug: str) -> Organisation:
    """Another organisation's return, reached by guessing its address, is a 404."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("partnership"),
        partnership=access.partnership,
        slug=slug,
    )
    if not access.can_view_return(organisation):
        raise Http404("No such return.")
    return organisation


def return_detail(request, partnership: str, quarter: Period, organisation: str):
    access, _ = _quarter_access_or_404(request.user, partnership, quarter)
    organisation = _organisation_or_404(access, organisation)
    the_return = returns.return_or_new(organisation, quarter)
    lines = returns.return_lines(organisation, quarter)
    if not access.sees_drafts_of(organisation.pk):
        lines = [returns.approved_only(line) for line in lines]
    locked = locks.is_locked(access.partnership.pk, quarter)
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
                messages.success(
                    request, "Return submitted." if form.submitting() else "Draft saved."
                )
                return redirect(request.path)
    else:
        form = ReturnForm(initial={"version": the_return.version}, **form_kwargs)
    return _render_return(request, access, the_return, form, lines, locked, stale=stale)


def _reason_required(access, the_return, locked: bool) -> bool:
    """A coordinator's correction of a locked quarter or of a submitted return says why."""
    done = the_return.status in (the_return.Status.SUBMITTED, the_return.Status.APPROVED)
    return locked or (done and access.is_coordinator)


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
    organisation, quarter = the_return.organisation, the_return.period
    return render(
        request,
        "indicators/return.html",
        {
            "access": access,
            "partnership": access.partnership,
            "organisation": organisation,
            "quarter": quarter,
            "the_return": the_return,
            "due": returns.due_date(access.partnership, quarter),
            "locked": locked,
            "groups": _grouped(form, lines),
            "form": form,
            "stale": stale,
            "editable": _editable(access, organisation, the_return, locked),
            "review_form": ReviewForm(),
            "upload_form": UploadForm(),
        },
    )


def _editable(access, organisation, the_return, locked: bool) -> bool:
    if not access.can_edit_return(organisation):
        return False
    if locked:
        return access.can_correct_locked_quarter
    done = the_return.status in (the_return.Status.SUBMITTED, the_return.Status.APPROVED)
    return access.is_coordinator or not done


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


@require_POST
def return_review(request, partnership: str, quarter: Period, organisation: str):
    access, _ = _quarter_access_or_404(request.user, partnership, quarter)
    organisation = _organisation_or_404(access, organisation)
    the_return = get_object_or_404(
        organisation.returns.select_related("organisation__partnership"), period=quarter
    )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose to approve the return or send it back.")
        return redirect("return", partnership, quarter, organisation.slug)
    try:
        if form.cleaned_data["decision"] == "approve":
            workflow.return_approve(the_return=the_return, user=request.user)
            messages.success(request, f"{organisation.name}'s return approved.")
        else:
            workflow.return_send_back(
                the_return=the_return, user=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, f"{organisation.name}'s return sent back for correction.")
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    return redirect("return", partnership, quarter, organisation.slug)


def return_download(request, partnership: str, quarter: Period, organisation: str):
    """The return as a tidy workbook, pre-filled, to complete offline and upload back."""
    access, _ = _quarter_access_or_404(request.user, partnership, quarter)
    organisation = _organisation_or_404(access, organisation)
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
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"{access.partnership.slug}-{organisation.slug}-{quarter.slug}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def return_upload(request, partnership: str, quarter: Period, organisation: str):
    """A workbook filled in offline goes back into the form, to check and then save."""
    access, _ = _quarter_access_or_404(request.user, partnership, quarter)
    organisation = _organisation_or_404(access, organisation)
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


def completeness_page(request, partnership: str, quarter: Period):
    access, years = _quarter_access_or_404(request.user, partnership, quarter)
    lock = locks.quarter_lock_of(access.partnership, quarter)
    lock_form = LockForm(request.POST or None, locked=lock is not None)
    if request.method == "POST":
        if not access.can_review_returns:
            raise Http404("No such page.")
        if _lock_or_unlock(request, access, quarter, lock_form):
            return redirect(request.path)
    organisations = completeness.completeness_queryset(
        access.partnership,
        quarter,
        today=timezone.localdate(),
        visible_ids=access.visible_organisation_ids(),
    )
    filterset = completeness.CompletenessFilter(request.GET or None, queryset=organisations)
    table = completeness.CompletenessTable(
        filterset.qs, partnership=access.partnership, quarter=quarter
    )
    RequestConfig(request, paginate=False).configure(table)
    return render(
        request,
        "indicators/completeness.html",
        {
            "access": access,
            "partnership": access.partnership,
            "quarter": quarter,
            "due": returns.due_date(access.partnership, quarter),
            "lock": lock,
            "locked": lock is not None,
            "lock_history": locks.lock_history(access.partnership, quarter),
            "lock_form": lock_form,
            "counts": completeness.status_counts(organisations),
            # Every organisation's, for the coordinator who locks (who sees them all).
            "outstanding": completeness.Outstanding.of(o.return_status for o in organisations),
            "filter": filterset,
            "table": table,
            # Marked figures are working figures, drafts among them: the coordinators' list.
            "follow_ups": completeness.follow_ups(access.partnership, quarter)
            if access.can_review_returns
            else [],
            "previous": quarter.previous() if quarter.previous() in years else None,
            "next": quarter.next() if quarter.next() in years else None,
        },
    )


def _lock_or_unlock(request, access, quarter: Period, form: LockForm) -> bool:
    """Locks or unlocks the quarter as the coordinator's form asks; False leaves the form with
    its errors to show again."""
    if not form.is_valid():
        return False
    reason = form.cleaned_data["reason"]
    try:
        if form.locked:
            locks.quarter_unlock(
                partnership=access.partnership, quarter=quarter, user=request.user, reason=reason
            )
        else:
            locks.quarter_lock(
                partnership=access.partnership,
                quarter=quarter,
                user=request.user,
                reason=reason,
                outstanding_confirmed=form.cleaned_data["confirm"],
            )
    except locks.LockError as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, f"{quarter} is {'unlocked' if form.locked else 'locked'}.")
    return True


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
