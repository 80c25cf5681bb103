"""The workflow of a return: who may take each step, locked quarters, stale saves, history."""

from decimal import Decimal

import pytest

from indicators import locks, workflow
from indicators.models import Return, Value
from indicators.periods import Period
from indicators.workflow import Entry

Q4 = Period(2015, 4)
Q3 = Period(2015, 3)
INCIDENTS = "police-da-incidents.whole"
COMPLETE = {
    INCIDENTS: Entry(Decimal(1790)),
    "court-cases.whole": Entry(None, "not-yet-released"),
    "police-da-individuals.whole": Entry(None, "not-collected"),
}


@pytest.fixture
def police(cambridgeshire):
    return cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")


def save(user, organisation, *, entries=None, version=0, submit=False, quarter=Q4, reason=""):
    return workflow.return_save(
        organisation=organisation,
        quarter=quarter,
        user=user,
        entries=COMPLETE if entries is None else entries,
        version=version,
        submit=submit,
        reason=reason,
    )


def test_submit_send_back_resubmit_approve(police, police_lead, coordinator):
    the_return = save(police_lead, police, submit=True)
    assert the_return.status == "submitted"
    with pytest.raises(workflow.WorkflowError, match="ask your coordinator to send it back"):
        save(police_lead, police, version=the_return.version)
    the_return = workflow.return_send_back(
        the_return=the_return, user=coordinator, reason="Q4 incidents look low: check January"
    )
    assert (the_return.status, the_return.returned_reason) == (
        "returned",
        "Q4 incidents look low: check January",
    )
    entries = {**COMPLETE, INCIDENTS: Entry(Decimal(1850), comment="January re-run")}
    the_return = save(police_lead, police, entries=entries, version=the_return.version, submit=True)
    assert the_return.status == "submitted"
    the_return = workflow.return_approve(the_return=the_return, user=coordinator)
    assert (the_return.status, the_return.approved_by) == ("approved", coordinator)
    assert the_return.returned_reason == ""


@pytest.mark.parametrize("who", ["police_lead", "idva_lead", "board_member", "officer"])
def test_only_a_coordinator_approves_or_sends_back(request, police, police_lead, who):
    the_return = save(police_lead, police, submit=True)
    user = request.getfixturevalue(who)
    with pytest.raises(workflow.WorkflowError, match="Only a coordinator"):
        workflow.return_approve(the_return=the_return, user=user)
    with pytest.raises(workflow.WorkflowError, match="Only a coordinator"):
        workflow.return_send_back(the_return=the_return, user=user, reason="no")
    assert Return.objects.get(pk=the_return.pk).status == "submitted"


def test_another_partnerships_coordinator_may_not_approve(
    police, police_lead, cheshire_coordinator
):
    the_return = save(police_lead, police, submit=True)
    with pytest.raises(workflow.WorkflowError):
        workflow.return_approve(the_return=the_return, user=cheshire_coordinator)


def test_sending_back_needs_a_reason(police, police_lead, coordinator):
    the_return = save(police_lead, police, submit=True)
    with pytest.raises(workflow.WorkflowError, match="Say what needs correcting"):
        workflow.return_send_back(the_return=the_return, user=coordinator, reason="  ")


def test_only_a_submitted_return_is_approved(police, police_lead, coordinator):
    the_return = save(police_lead, police)
    with pytest.raises(workflow.WorkflowError, match="Only a submitted return"):
        workflow.return_approve(the_return=the_return, user=coordinator)


@pytest.mark.parametrize("who", ["idva_lead", "board_member", "officer", "cheshire_coordinator"])
def test_only_the_organisations_lead_or_a_coordinator_saves_its_return(request, police, who):
    with pytest.raises(workflow.WorkflowError, match="may not change"):
        save(request.getfixturevalue(who), police)
    assert not Value.objects.filter(period=Q4, indicator__code="police-da-incidents")


def test_a_locked_quarter_refuses_every_change_but_a_coordinators_correction(
    cambridgeshire, police, police_lead, coordinator
):
    locks.quarter_lock(
        partnership=cambridgeshire,
        quarter=Q3,
        user=coordinator,
        reason="Signed off",
        outstanding_confirmed=True,
    )
    the_return = Return.objects.create(organisation=police, period=Q3, status="approved")
    entries = {INCIDENTS: Entry(Decimal(1860), comment="Late crime reclassified")}
    with pytest.raises(workflow.WorkflowError, match="2015/16 Q3 is locked"):
        save(police_lead, police, entries=entries, quarter=Q3, version=the_return.version)
    with pytest.raises(workflow.WorkflowError, match="needs a reason"):
        save(coordinator, police, entries=entries, quarter=Q3, version=the_return.version)
    value = Value.objects.get(indicator__code="police-da-incidents", period=Q3)
    assert value.value == 1859
    save(
        coordinator,
        police,
        entries=entries,
        quarter=Q3,
        version=the_return.version,
        reason="Force re-ran the figures",
    )
    value.refresh_from_db()
    assert value.value == 1860
    latest = value.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        coordinator,
        "Force re-ran the figures",
    )
    assert latest.prev_record.value == Decimal("1859.00")


def test_a_correction_keeps_its_whole_reason_however_long_the_field_allows(
    police, police_lead, coordinator
):
    from strategy.text import NOTE_MAX_LENGTH

    the_return = save(police_lead, police, submit=True)
    reason = ("The force re-ran its figures after a reclassification. " * 100)[:NOTE_MAX_LENGTH]
    entries = {INCIDENTS: Entry(Decimal(1795))}
    save(coordinator, police, entries=entries, version=the_return.version, reason=reason)
    value = Value.objects.get(indicator__code="police-da-incidents", period=Q4)
    assert value.history.latest().history_change_reason == reason


def test_a_save_from_an_older_version_is_refused_and_shows_what_changed(
    police, police_lead, coordinator
):
    opened_at = 0  # both opened the form before anyone saved
    save(
        police_lead,
        police,
        entries={INCIDENTS: Entry(Decimal(1790), comment="From the force system")},
        version=opened_at,
    )
    with pytest.raises(workflow.StaleReturn) as stale:
        save(coordinator, police, entries={INCIDENTS: Entry(Decimal(1800))}, version=opened_at)
    [change] = stale.value.changes
    assert (
        change.title
        == "Total number of domestic abuse incidents reported to the Police, 2015/16 Q4"
    )
    assert (change.before, change.after, change.by) == (
        "empty",
        "1790 (From the force system)",
        "police-lead",
    )
    value = Value.objects.get(indicator__code="police-da-incidents", period=Q4)
    assert value.value == 1790
    assert value.history.count() == 1


def test_a_stale_save_after_several_versions_lists_only_the_later_changes(police, police_lead):
    first = save(police_lead, police, entries={INCIDENTS: Entry(Decimal(1790))})
    save(police_lead, police, entries={INCIDENTS: Entry(Decimal(1795))}, version=first.version)
    with pytest.raises(workflow.StaleReturn) as stale:
        save(police_lead, police, entries={INCIDENTS: Entry(Decimal(1))}, version=first.version)
    assert [(c.before, c.after) for c in stale.value.changes] == [("1790", "1795")]


def test_clearing_a_figure_in_a_draft_removes_it_and_keeps_the_history(police, police_lead):
    first = save(police_lead, police, entries={INCIDENTS: Entry(Decimal(1790))})
    save(police_lead, police, entries={INCIDENTS: Entry()}, version=first.version)
    assert not Value.objects.filter(indicator__code="police-da-incidents", period=Q4)
    history = Value.history.filter(indicator__code="police-da-incidents", period=Q4)
    assert [h.history_type for h in history.order_by("history_date")] == ["+", "-"]


def test_a_coordinator_marks_a_figure_for_follow_up(cambridgeshire, coordinator, police_lead):
    value = Value.objects.get(indicator__code="police-da-incidents", period=Q3)
    with pytest.raises(workflow.WorkflowError):
        workflow.value_follow_up(value=value, user=police_lead, follow_up=True)
    workflow.value_follow_up(value=value, user=coordinator, follow_up=True)
    value.refresh_from_db()
    assert value.follow_up
    assert value.history.latest().history_change_reason == "Marked for follow-up"
