"""A coordinator's review of a handed-in return: the read-only summary, then approve or send
back (with a reason); correcting figures is the separate `return-correct` page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from indicators import returns, workflow
from indicators.forms import SendBackForm
from indicators.models import Return
from indicators.periods import Period
from indicators.review import review_lines
from indicators.views.gates import return_or_404, return_page_context
from strategy.access import PartnershipAccess


def shows_summary(access: PartnershipAccess, the_return: Return) -> bool:
    """A coordinator opens a handed-in return to review it, not to edit it."""
    return access.can_review_returns and the_return.is_done


def render_summary(
    request, access: PartnershipAccess, the_return: Return, locked: bool, send_back=None
):
    organisation, quarter = the_return.organisation, the_return.period
    lines = review_lines(returns.return_lines(organisation, quarter))
    return render(
        request,
        "indicators/return_summary.html",
        {
            **return_page_context(access, the_return, locked=locked),
            "lines": lines,
            "warnings": sum(1 for line in lines if line.warning),
            "may_approve": the_return.can_be_approved_by(access, locked=locked),
            "may_send_back": the_return.can_be_sent_back_by(access, locked=locked),
            "may_correct": the_return.is_editable_by(access, locked=locked),
            "send_back": send_back or SendBackForm(),
        },
    )


@require_POST
def return_review(request, partnership: str, quarter: Period, organisation: str):
    """Approve, or send back with what needs correcting; a missing reason shows the summary
    again with the problem."""
    access, the_return, locked = return_or_404(request.user, partnership, quarter, organisation)
    if the_return.pk is None or not access.can_review_returns:
        raise Http404("No such return.")
    name = the_return.organisation.name
    decision = request.POST.get("decision")
    try:
        if decision == "approve":
            workflow.return_approve(the_return=the_return, user=request.user)
            messages.success(request, f"{name}'s return approved.")
        elif decision == "send-back":
            form = SendBackForm(request.POST)
            if not form.is_valid():
                return render_summary(request, access, the_return, locked, send_back=form)
            workflow.return_send_back(
                the_return=the_return, user=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, f"{name}'s return sent back for correction.")
        else:
            messages.error(request, "Choose to approve the return or send it back.")
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    return redirect("return", partnership, quarter, the_return.organisation.slug)
