"""A quarter's pages: every organisation's return (completeness), and locking or unlocking it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django_tables2 import RequestConfig

from indicators import completeness, locks, returns
from indicators.forms import LockForm
from indicators.periods import Period
from indicators.views.gates import quarter_access_or_404


def completeness_page(request, partnership: str, quarter: Period):
    access, years = quarter_access_or_404(request.user, partnership, quarter)
    lock = locks.quarter_lock_of(access.partnership, quarter)
    # Locking goes through its confirmation page; this page's form only unlocks.
    unlock_form = LockForm(request.POST or None, locked=True) if lock else None
    if request.method == "POST":
        if not access.can_review_returns or unlock_form is None:
            raise Http404("No such page.")
        if _unlock(request, access, quarter, unlock_form):
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
            "unlock_form": unlock_form,
            "counts": completeness.status_counts(organisations),
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


def _unlock(request, access, quarter: Period, form: LockForm) -> bool:
    """Unlocks the quarter; False leaves the form with its errors to show again."""
    if not form.is_valid():
        return False
    try:
        locks.quarter_unlock(
            partnership=access.partnership,
            quarter=quarter,
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
    except locks.LockError as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, f"{quarter} is unlocked.")
    return True


def quarter_lock_page(request, partnership: str, quarter: Period):
    """The confirmation before a coordinator locks a quarter: which returns are not approved
    (by organisation, with their state), and why it is locked."""
    access, _ = quarter_access_or_404(request.user, partnership, quarter)
    if not access.can_review_returns:
        raise Http404("No such page.")
    if locks.is_locked(access.partnership.pk, quarter):
        messages.info(request, f"{quarter} is already locked.")
        return redirect("completeness", partnership, quarter)
    organisations = list(
        completeness.completeness_queryset(
            access.partnership, quarter, today=timezone.localdate(), visible_ids=None
        ).order_by("name")
    )
    outstanding = completeness.Outstanding.of(o.return_status for o in organisations)
    form = LockForm(request.POST or None, locked=False)
    if request.method == "POST" and form.is_valid():
        try:
            locks.quarter_lock(
                partnership=access.partnership,
                quarter=quarter,
                user=request.user,
                reason=form.cleaned_data["reason"],
                outstanding_confirmed=form.cleaned_data["confirm"],
            )
        except locks.LockError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{quarter} is locked.")
            return redirect("completeness", partnership, quarter)
    return render(
        request,
        "indicators/quarter_lock.html",
        {
            "access": access,
            "partnership": access.partnership,
            "quarter": quarter,
            "outstanding": outstanding,
            "not_approved": completeness.not_approved(organisations),
            "form": form,
        },
    )
