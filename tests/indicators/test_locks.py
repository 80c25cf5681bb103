"""Locking a quarter the board signed off, and unlocking it: who may, why, and the history."""

from datetime import date
from decimal import Decimal

import pytest

from indicators import completeness, locks, workflow
from indicators.models import QuarterLock, Return
from indicators.periods import Period
from indicators.tasks import tasks_for
from indicators.workflow import Entry

Q3 = Period(2015, 3)
Q4 = Period(2015, 4)
COMPLETENESS = "/p/cambridgeshire/returns/2015-16-q3/"
LOCK_PAGE = COMPLETENESS + "lock/"


def lock(partnership, user, *, quarter=Q3, reason="Signed off by the board on 2 March 2016"):
    return locks.quarter_lock(
        partnership=partnership,
        quarter=quarter,
        user=user,
        reason=reason,
        outstanding_confirmed=True,
    )


def approve_every_return(partnership, quarter, user):
    """Every organisation that reports figures has its return for the quarter approved."""
    for organisation in completeness.completeness_queryset(
        partnership, quarter, today=quarter.end, visible_ids=None
    ):
        Return.objects.create(
            organisation=organisation, period=quarter, status="approved", approved_by=user
        )


def test_a_lock_keeps_who_when_and_why(cambridgeshire, coordinator):
    made = lock(cambridgeshire, coordinator)
    stored = QuarterLock.objects.get(partnership=cambridgeshire, period=Q3)
    assert (stored.locked_by, stored.reason) == (coordinator, made.reason)
    assert stored.locked_at is not None


@pytest.mark.parametrize("who", ["police_lead", "board_member", "officer", "cheshire_coordinator"])
def test_only_a_coordinator_of_the_partnership_locks_and_unlocks(
    request, cambridgeshire, coordinator, who
):
    user = request.getfixturevalue(who)
    with pytest.raises(locks.LockError, match="Only a coordinator may lock"):
        lock(cambridgeshire, user)
    assert not locks.is_locked(cambridgeshire.pk, Q3)
    lock(cambridgeshire, coordinator)
    with pytest.raises(locks.LockError, match="Only a coordinator may unlock"):
        locks.quarter_unlock(partnership=cambridgeshire, quarter=Q3, user=user, reason="Redo")
    assert locks.is_locked(cambridgeshire.pk, Q3)


def test_a_quarter_is_locked_only_once(cambridgeshire, coordinator):
    lock(cambridgeshire, coordinator)
    with pytest.raises(locks.LockError, match="already locked"):
        lock(cambridgeshire, coordinator)
    assert QuarterLock.objects.filter(partnership=cambridgeshire).count() == 1


@pytest.mark.parametrize("reason", ["", "  \n  "])
def test_locking_and_unlocking_need_a_reason(cambridgeshire, coordinator, reason):
    with pytest.raises(locks.LockError, match="Say why the quarter is locked"):
        lock(cambridgeshire, coordinator, reason=reason)
    lock(cambridgeshire, coordinator)
    with pytest.raises(locks.LockError, match="Say why the quarter is unlocked"):
        locks.quarter_unlock(
            partnership=cambridgeshire, quarter=Q3, user=coordinator, reason=reason
        )
    assert locks.is_locked(cambridgeshire.pk, Q3)


@pytest.mark.parametrize(
    ("quarter", "message"),
    [
        (Period(2015), "Lock a quarter, not a whole year"),
        (Period(2021, 1), "2021/22 Q1 is outside"),
    ],
)
def test_only_a_quarter_of_the_partnerships_years_is_locked(
    cambridgeshire, coordinator, quarter, message
):
    with pytest.raises(locks.LockError, match=message):
        lock(cambridgeshire, coordinator, quarter=quarter)


def test_outstanding_returns_need_an_explicit_confirmation(cambridgeshire, coordinator):
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    Return.objects.create(organisation=police, period=Q3, status="approved")
    with pytest.raises(locks.ReturnsOutstanding) as refused:
        locks.quarter_lock(
            partnership=cambridgeshire, quarter=Q3, user=coordinator, reason="Signed off"
        )
    # Six organisations report figures; probation's and Ormiston's are annual, due in Q4.
    assert str(refused.value.returns) == "3 of 4 returns are not approved yet: 3 not started."
    assert not locks.is_locked(cambridgeshire.pk, Q3)
    lock(cambridgeshire, coordinator)
    assert locks.is_locked(cambridgeshire.pk, Q3)


def test_with_every_return_approved_no_confirmation_is_asked(cambridgeshire, coordinator):
    approve_every_return(cambridgeshire, Q3, coordinator)
    locks.quarter_lock(partnership=cambridgeshire, quarter=Q3, user=coordinator, reason="Done")
    assert locks.is_locked(cambridgeshire.pk, Q3)


def test_outstanding_returns_are_counted_by_status():
    statuses = ["not-started", "draft", "submitted", "returned", "approved", "not-started"]
    outstanding = completeness.Outstanding.of(statuses)
    assert (outstanding.count, outstanding.total) == (5, 6)
    assert str(outstanding) == (
        "5 of 6 returns are not approved yet: 2 not started, 1 draft, 1 submitted, "
        "1 returned for correction."
    )
    assert str(completeness.Outstanding.of(["approved"] * 3)) == "All 3 returns are approved."


def test_unlocking_reopens_the_quarter_to_its_partner_leads(
    cambridgeshire, coordinator, police_lead
):
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    lock(cambridgeshire, coordinator)
    entries = {"police-da-incidents.whole": Entry(Decimal(1861))}
    with pytest.raises(workflow.WorkflowError, match="is locked"):
        workflow.return_save(
            organisation=police, quarter=Q3, user=police_lead, entries=entries, version=0
        )
    locks.quarter_unlock(
        partnership=cambridgeshire, quarter=Q3, user=coordinator, reason="Board asked for a rerun"
    )
    workflow.return_save(
        organisation=police, quarter=Q3, user=police_lead, entries=entries, version=0
    )
    assert not locks.is_locked(cambridgeshire.pk, Q3)


def test_a_quarter_that_is_not_locked_cannot_be_unlocked(cambridgeshire, coordinator):
    with pytest.raises(locks.LockError, match="2015/16 Q3 is not locked"):
        locks.quarter_unlock(partnership=cambridgeshire, quarter=Q3, user=coordinator, reason="x")


def test_the_history_keeps_every_lock_and_unlock_with_who_and_why(
    cambridgeshire, coordinator, django_user_model
):
    from strategy.models import Membership

    second = django_user_model.objects.create_user("second-coordinator")
    Membership.objects.create(
        user=second, organisation=cambridgeshire.organisations.first(), role="coordinator"
    )
    lock(cambridgeshire, coordinator, reason="Signed off on 2 March")
    locks.quarter_unlock(
        partnership=cambridgeshire, quarter=Q3, user=second, reason="MARAC figures to redo"
    )
    lock(cambridgeshire, second, reason="Signed off again on 9 March")
    lock(cambridgeshire, coordinator, quarter=Q4)  # another quarter's history is its own
    history = locks.lock_history(cambridgeshire, Q3)
    assert [(e.history_type, e.history_user, e.history_change_reason) for e in history] == [
        ("+", second, "Signed off again on 9 March"),
        ("-", second, "MARAC figures to redo"),
        ("+", coordinator, "Signed off on 2 March"),
    ]


# The completeness page


def test_the_page_shows_who_locked_the_quarter_when_and_why_to_everyone(
    client, cambridgeshire, coordinator, police_lead, board_member
):
    lock(cambridgeshire, coordinator, reason="Signed off by the board on 2 March 2016")
    for user in (police_lead, board_member):
        client.force_login(user)
        page = client.get(COMPLETENESS).content.decode()
        assert "This quarter is locked" in page
        assert "Locked by coordinator on " in page
        assert "Signed off by the board on 2 March 2016" in page
        assert "Unlock 2015/16 Q3" not in page and "Lock 2015/16 Q3" not in page


def test_the_lock_button_opens_a_confirmation_listing_the_returns_not_approved(
    client, cambridgeshire, coordinator
):
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    Return.objects.create(organisation=police, period=Q3, status="approved")
    idva = cambridgeshire.organisations.get(slug="idva-service")
    Return.objects.create(organisation=idva, period=Q3, status="submitted")
    client.force_login(coordinator)
    page = client.get(COMPLETENESS).content.decode()
    assert f'href="{LOCK_PAGE}">Lock 2015/16 Q3</a>' in page and 'name="reason"' not in page
    page = client.get(LOCK_PAGE).content.decode()
    assert "3 of 4 returns are not approved yet: 2 not started, 1 submitted." in page
    table = page[page.index("<table") : page.index("</table>")]
    assert table.count('<th scope="row">') == 3 and "Cambridgeshire Constabulary" not in table
    idva_row = table[table.index("IDVA Service") :]
    assert '<span class="status status-submitted">Submitted</span>' in idva_row.split("</tr>")[0]
    assert '<label for="id_reason">Why lock it</label>' in page
    assert "Lock 2015/16 Q3 with 3 returns not approved</button>" in page
    assert f'<a href="{COMPLETENESS}">Cancel</a>' in page
    assert not locks.is_locked(cambridgeshire.pk, Q3)


def test_locking_through_the_confirmation_keeps_the_reason(client, cambridgeshire, coordinator):
    client.force_login(coordinator)
    page = client.post(
        LOCK_PAGE, {"reason": "Signed off on 2 March", "confirm": "on"}, follow=True
    ).content.decode()
    assert "2015/16 Q3 is locked." in page and "Signed off on 2 March" in page
    assert QuarterLock.objects.get(partnership=cambridgeshire, period=Q3).reason == (
        "Signed off on 2 March"
    )


def test_without_the_confirmation_the_quarter_stays_open_and_the_reason_is_kept(
    client, cambridgeshire, coordinator
):
    """A post that did not come from the page listing the outstanding returns (no `confirm`):
    the service refuses, and the page lists them."""
    client.force_login(coordinator)
    response = client.post(LOCK_PAGE, {"reason": "Signed off on 2 March"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The quarter was not locked" in page
    assert "Confirm that the quarter is locked all the same." in page
    assert "Signed off on 2 March</textarea>" in page
    assert '<input type="hidden" name="confirm" value="on">' in page
    assert not locks.is_locked(cambridgeshire.pk, Q3)


def test_without_a_reason_the_quarter_stays_open(client, cambridgeshire, coordinator):
    client.force_login(coordinator)
    response = client.post(LOCK_PAGE, {"reason": " ", "confirm": "on"})
    page = response.content.decode()
    assert 'class="error-summary" role="alert" tabindex="-1"' in page
    assert '<a href="#id_reason">Why lock it: This field is required.</a>' in page
    assert not locks.is_locked(cambridgeshire.pk, Q3)


def test_with_every_return_approved_the_page_asks_no_confirmation(
    client, cambridgeshire, coordinator
):
    approve_every_return(cambridgeshire, Q3, coordinator)
    client.force_login(coordinator)
    page = client.get(LOCK_PAGE).content.decode()
    assert "All 4 returns are approved." in page and 'name="confirm"' not in page
    client.post(LOCK_PAGE, {"reason": "Signed off"})
    assert locks.is_locked(cambridgeshire.pk, Q3)


def test_the_confirmation_of_a_locked_quarter_goes_back_to_completeness(
    client, cambridgeshire, coordinator
):
    lock(cambridgeshire, coordinator)
    client.force_login(coordinator)
    response = client.get(LOCK_PAGE, follow=True)
    assert response.redirect_chain == [(COMPLETENESS, 302)]
    assert "2015/16 Q3 is already locked." in response.content.decode()


def test_the_confirmation_page_reads_the_returns_in_one_query(
    client, cambridgeshire, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    # session, user; partnership, memberships; the partnership's years; the lock; who owes a
    # return (indicators, their frequency changes, returns begun); the organisations with their
    # returns' status; the session save (savepoint, update, release)
    with django_assert_max_num_queries(13):
        client.get(LOCK_PAGE)


def test_a_coordinator_unlocks_from_the_page_and_the_history_shows_both(
    client, cambridgeshire, coordinator
):
    lock(cambridgeshire, coordinator, reason="Signed off on 2 March")
    client.force_login(coordinator)
    page = client.get(COMPLETENESS).content.decode()
    assert "Unlock 2015/16 Q3" in page and "/lock/" not in page
    page = client.post(
        COMPLETENESS, {"reason": "Court figures to correct"}, follow=True
    ).content.decode()
    assert "2015/16 Q3 is unlocked." in page and "This quarter is locked" not in page
    history = page[page.index("Lock history") :]
    assert history.index("Unlocked") < history.index("Locked")
    assert "Court figures to correct" in history and "Signed off on 2 March" in history
    assert not locks.is_locked(cambridgeshire.pk, Q3)


def test_the_completeness_page_reads_the_lock_history_in_one_query(
    client, cambridgeshire, coordinator, django_assert_max_num_queries
):
    for number in range(5):
        lock(cambridgeshire, coordinator, reason=f"Signed off, time {number}")
        locks.quarter_unlock(
            partnership=cambridgeshire, quarter=Q3, user=coordinator, reason=f"Redo {number}"
        )
    client.force_login(coordinator)
    # session, user; partnership, memberships; the partnership's years; the lock; its history
    # (with who); who owes a return (indicators, their frequency changes, returns begun); the
    # organisations with their returns' status, for the counts and for the table; follow-ups;
    # the session save (savepoint, update, release)
    with django_assert_max_num_queries(16):
        page = client.get(COMPLETENESS).content.decode()
    assert page.count("<td>Redo ") == 5


def test_the_home_pages_ready_to_lock_and_the_lock_page_agree_on_who_owes_a_return(
    client, cambridgeshire, coordinator
):
    # In Q3 probation and Ormiston owe nothing: their indicators are annual, due in Q4.
    annual_only = {"national-probation-service", "ormiston-trust"}
    owing = completeness.owing_organisations([cambridgeshire], [Q3, Q4])
    slugs = dict(cambridgeshire.organisations.values_list("pk", "slug"))
    assert not {slugs[pk] for pk in owing[(cambridgeshire.pk, Q3)]} & annual_only
    assert {slugs[pk] for pk in owing[(cambridgeshire.pk, Q4)]} >= annual_only
    for pk in owing[(cambridgeshire.pk, Q3)]:
        Return.objects.create(organisation_id=pk, period=Q3, status="approved")
    tasks = tasks_for(coordinator, today=date(2016, 2, 6))
    assert "Lock 2015/16 Q3: every return is approved" in [task.title for task in tasks]
    assert str(locks.outstanding(cambridgeshire, Q3)) == "All 4 returns are approved."
    client.force_login(coordinator)
    page = client.get(LOCK_PAGE).content.decode()
    assert "All 4 returns are approved." in page and "Ormiston" not in page
    lock(cambridgeshire, coordinator)  # no confirmation asked
    assert locks.is_locked(cambridgeshire.pk, Q3)
