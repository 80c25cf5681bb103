"""Each rule about a return's state decided once, and pinned here as a table: who may change a
return now (`PartnershipAccess.may_change_return`, `Return.is_editable_by`), whether a change
needs a reason, whether it may be approved or sent back. Then the pages and the services are
held to the same answers: a page never offers what the service refuses, nor hides what it
allows."""

import pytest

from indicators import workflow
from indicators.models import QuarterLock, Return
from indicators.periods import Period
from strategy.access import PartnershipAccess, access_for
from strategy.models import Membership, Organisation, Partnership
from tests.indicators.test_returns import url

Q4 = Period(2015, 4)
Role = Membership.Role
STATUSES = [status.value for status in Return.Status]

PARTNERSHIP = Partnership(pk=1, slug="p")
OWN = Organisation(pk=10, partnership=PARTNERSHIP)
OTHER = Organisation(pk=11, partnership=PARTNERSHIP)
ACCESS = {
    "lead": PartnershipAccess(PARTNERSHIP, frozenset({Role.PARTNER_LEAD}), frozenset({10})),
    "other lead": PartnershipAccess(PARTNERSHIP, frozenset({Role.PARTNER_LEAD}), frozenset({11})),
    "board": PartnershipAccess(PARTNERSHIP, frozenset({Role.BOARD_MEMBER}), frozenset()),
    "officer": PartnershipAccess(PARTNERSHIP, frozenset({Role.OFFICER}), frozenset()),
    "coordinator": PartnershipAccess(PARTNERSHIP, frozenset({Role.COORDINATOR}), frozenset()),
}

# who: may change the return when (open, handed in, locked, handed in and locked)
MAY_CHANGE = {
    "lead": (True, False, False, False),
    "other lead": (False, False, False, False),
    "board": (False, False, False, False),
    "officer": (False, False, False, False),
    "coordinator": (True, True, True, True),  # a correction, with a reason, once done or locked
}
STATES = ((False, False), (True, False), (False, True), (True, True))  # (done, locked)


@pytest.mark.parametrize("who", sorted(MAY_CHANGE))
def test_who_may_change_a_return_by_its_state(who):
    allowed = tuple(
        ACCESS[who].may_change_return(OWN, done=done, locked=locked) for done, locked in STATES
    )
    assert allowed == MAY_CHANGE[who]


# status: (is done, awaiting approval, may be approved, may be sent back, change needs a
# reason), in an open quarter
RULES = {
    "not-started": (False, False, False, False, False),
    "draft": (False, False, False, False, False),
    "submitted": (True, True, True, True, True),
    "returned": (False, False, False, False, False),
    "approved": (True, False, False, True, True),
}


@pytest.mark.parametrize("status", STATUSES)
def test_the_state_rules_of_a_return_by_status(status):
    the_return = Return(organisation=OWN, period=Q4, status=status)
    assert (
        the_return.is_done,
        the_return.awaiting_approval,
        the_return.may_be_approved(locked=False),
        the_return.may_be_sent_back(locked=False),
        the_return.change_needs_reason(locked=False),
    ) == RULES[status]
    # A locked quarter: nothing is approved or sent back, and every change says why.
    assert not the_return.may_be_approved(locked=True)
    assert not the_return.may_be_sent_back(locked=True)
    assert the_return.change_needs_reason(locked=True)


def test_the_statuses_still_owed_are_those_not_done():
    assert set(Return.OWED) == {s for s in STATUSES if not Return(status=s).is_done}


# The pages and the services against the rules, on the database.

USERS = ["police_lead", "idva_lead", "board_member", "officer", "coordinator"]


@pytest.fixture
def police_return(cambridgeshire):
    """Makes the police's 2015/16 Q4 return in a status, the quarter locked or not."""

    def make(status: str, locked: bool) -> Return:
        police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
        the_return = Return.objects.create(
            organisation=police,
            period=Q4,
            status=status,
            version=1,
            returned_reason="Check January" if status == "returned" else "",
        )
        if locked:
            QuarterLock.objects.create(partnership=cambridgeshire, period=Q4, reason="Signed off")
        return the_return

    return make


def _agree(request, client, police_return, status, locked, who):
    user = request.getfixturevalue(who)
    the_return = police_return(status, locked)
    client.force_login(user)
    return user, the_return, access_for(user, the_return.organisation.partnership)


@pytest.mark.parametrize("locked", [False, True])
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", USERS)
def test_the_pages_offer_the_form_exactly_when_the_service_saves(
    request, client, police_return, status, locked, who
):
    user, the_return, access = _agree(request, client, police_return, status, locked, who)
    rule = the_return.is_editable_by(access, locked=locked)
    page = client.get(url())
    correct = client.get(url() + "correct/")
    offered = 'value="save"' in page.content.decode() + correct.content.decode()
    try:
        workflow.return_save(
            organisation=the_return.organisation,
            quarter=Q4,
            user=user,
            entries={},
            version=1,
            reason="Because",
        )
        saved = True
    except workflow.WorkflowError:
        saved = False
    assert rule == offered == saved


@pytest.mark.parametrize("locked", [False, True])
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", ["police_lead", "officer", "coordinator"])
def test_the_pages_offer_approval_exactly_when_the_service_approves(
    request, client, police_return, status, locked, who
):
    user, the_return, access = _agree(request, client, police_return, status, locked, who)
    rule = the_return.can_be_approved_by(access, locked=locked)
    offered = "Approve the return" in client.get(url()).content.decode()
    try:
        workflow.return_approve(the_return=the_return, user=user)
        approved = True
    except workflow.WorkflowError:
        approved = False
    assert rule == offered == approved


@pytest.mark.parametrize("locked", [False, True])
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", ["police_lead", "officer", "coordinator"])
def test_the_pages_offer_sending_back_exactly_when_the_service_sends_back(
    request, client, police_return, status, locked, who
):
    user, the_return, access = _agree(request, client, police_return, status, locked, who)
    rule = the_return.can_be_sent_back_by(access, locked=locked)
    offered = "Send back for correction" in client.get(url()).content.decode()
    try:
        workflow.return_send_back(the_return=the_return, user=user, reason="Check it")
        sent_back = True
    except workflow.WorkflowError:
        sent_back = False
    assert rule == offered == sent_back


@pytest.mark.parametrize("locked", [False, True])
@pytest.mark.parametrize("status", STATUSES)
def test_the_form_asks_for_a_reason_exactly_when_the_service_needs_one(
    client, coordinator, police_return, status, locked
):
    the_return = police_return(status, locked)
    client.force_login(coordinator)
    page = client.get(url() + "correct/", follow=True).content.decode()
    asked = '<label for="id_reason">Reason for the change</label>' in page
    try:
        workflow.return_save(
            organisation=the_return.organisation,
            quarter=Q4,
            user=coordinator,
            entries={},
            version=1,
        )
        needed = False
    except workflow.WorkflowError:
        needed = True
    assert the_return.change_needs_reason(locked=locked) == asked == needed
