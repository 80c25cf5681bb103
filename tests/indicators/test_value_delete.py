"""A coordinator deletes a figure, with a reason kept in its history: the service and its page."""

from decimal import Decimal

import pytest
from django.utils import timezone

from indicators import workflow
from indicators.models import Indicator, QuarterLock, Return, Value
from indicators.periods import Period
from indicators.selectors import Audience, visible_figures
from indicators.workflow import Entry

Q3 = Period(2015, 3)
Q4 = Period(2015, 4)
INCIDENTS = "police-da-incidents.whole"


def incidents(period: Period = Q3) -> Value:
    return Value.objects.get(indicator__code="police-da-incidents", period=period, option=None)


def delete_address(value: Value) -> str:
    return f"/p/cambridgeshire/values/{value.pk}/delete/"


@pytest.fixture
def police(cambridgeshire):
    return cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")


@pytest.fixture
def far_figure(cambridgeshire) -> Value:
    """A figure for a year that never was, stored before imports refused it."""
    indicator = Indicator.objects.get(partnership=cambridgeshire, code="police-da-incidents")
    return Value.objects.create(
        indicator=indicator,
        period=Period(9998, 4),
        value=5,
        state="approved",
        approved_value=5,
        approved_at=timezone.now(),
    )


def test_a_coordinator_deletes_a_figure_and_its_history_keeps_who_when_and_why(coordinator):
    value = incidents()
    workflow.value_delete(value=value, user=coordinator, reason="Entered twice by mistake")
    assert not Value.objects.filter(pk=value.pk).exists()
    removed = Value.history.filter(id=value.pk).latest()
    assert (removed.history_type, removed.history_user, removed.history_change_reason) == (
        "-",
        coordinator,
        "Entered twice by mistake",
    )
    assert removed.value == Decimal("1859.00")  # the figure itself is kept in the record


def test_the_board_no_longer_sees_a_deleted_figure(cambridgeshire, coordinator):
    indicator = incidents().indicator
    workflow.value_delete(value=incidents(), user=coordinator, reason="Wrong force area")
    seen = visible_figures(indicator_ids=[indicator.pk], audience=Audience.board(cambridgeshire))
    assert Q3 not in {figure.period for figure in seen[(indicator.pk, None)]}


@pytest.mark.parametrize(
    "who", ["police_lead", "idva_lead", "board_member", "officer", "cheshire_coordinator"]
)
def test_only_a_coordinator_of_the_partnership_deletes_a_figure(request, cambridgeshire, who):
    value = incidents()
    with pytest.raises(workflow.WorkflowError, match="Only a coordinator"):
        workflow.value_delete(value=value, user=request.getfixturevalue(who), reason="Because")
    assert Value.objects.filter(pk=value.pk).exists()


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_deletion_needs_a_reason(coordinator, reason):
    value = incidents()
    with pytest.raises(workflow.WorkflowError, match="Say why"):
        workflow.value_delete(value=value, user=coordinator, reason=reason)
    assert Value.objects.filter(pk=value.pk).exists()


def test_a_coordinator_may_delete_in_a_locked_quarter(cambridgeshire, coordinator):
    QuarterLock.objects.create(partnership=cambridgeshire, period=Q3, reason="Board 2 March")
    workflow.value_delete(value=incidents(), user=coordinator, reason="Duplicate of Q4's")
    assert not Value.objects.filter(indicator__code="police-da-incidents", period=Q3).exists()


def test_a_figure_deleted_twice_says_so(coordinator):
    value = incidents()
    workflow.value_delete(value=value, user=coordinator, reason="Once")
    with pytest.raises(workflow.WorkflowError, match="already been deleted"):
        workflow.value_delete(value=value, user=coordinator, reason="Twice")


def test_a_form_opened_before_the_deletion_cannot_put_the_figure_back_unseen(
    police, police_lead, coordinator
):
    saved = workflow.return_save(
        organisation=police,
        quarter=Q4,
        user=police_lead,
        entries={INCIDENTS: Entry(Decimal(1790))},
        version=0,
    )
    workflow.value_delete(value=incidents(Q4), user=coordinator, reason="Sent in error")
    assert Return.objects.get(pk=saved.pk).version == saved.version + 1
    with pytest.raises(workflow.StaleReturn) as stale:
        workflow.return_save(
            organisation=police,
            quarter=Q4,
            user=police_lead,
            entries={INCIDENTS: Entry(Decimal(1790), comment="again")},
            version=saved.version,
        )
    assert [(c.before, c.after, c.by) for c in stale.value.changes] == [
        ("1790", "empty", "coordinator")
    ]


def test_the_page_shows_the_figure_and_asks_why(client, coordinator):
    client.force_login(coordinator)
    page = client.get(delete_address(incidents())).content.decode()
    assert "Delete a figure" in page and "2015/16 Q3" in page and "1,859" in page
    assert 'name="reason"' in page and "Cambridgeshire Constabulary" in page


def test_a_post_without_a_reason_deletes_nothing_and_says_why(client, coordinator):
    client.force_login(coordinator)
    value = incidents()
    response = client.post(delete_address(value), {"reason": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Value.objects.filter(pk=value.pk).exists()


def test_the_post_deletes_and_the_history_shows_the_deletion(client, coordinator):
    client.force_login(coordinator)
    value = incidents()
    response = client.post(delete_address(value), {"reason": "Entered for the wrong quarter"})
    assert response.status_code == 302
    assert response["Location"] == (
        "/p/cambridgeshire/indicators/police-da-incidents/?period=2015-16-q3#history"
    )
    assert not Value.objects.filter(pk=value.pk).exists()
    page = client.get(response["Location"]).content.decode()
    history = page[page.index('id="history"') :]
    assert "Removed" in history and "Entered for the wrong quarter" in history
    assert "coordinator" in history


def test_a_figure_of_another_partnership_is_a_404(client, coordinator, cheshire_east):
    client.force_login(coordinator)
    theirs = Value.objects.filter(indicator__partnership=cheshire_east).first()
    assert client.get(delete_address(theirs)).status_code == 404
    assert client.post(delete_address(theirs), {"reason": "x"}).status_code == 404
    assert Value.objects.filter(pk=theirs.pk).exists()


def test_the_figure_for_a_year_that_never_was_can_be_removed_from_the_pages(
    client, coordinator, far_figure
):
    client.force_login(coordinator)
    page = client.get("/p/cambridgeshire/indicators/police-da-incidents/").content.decode()
    assert f'href="{delete_address(far_figure)}"' in page
    response = client.post(delete_address(far_figure), {"reason": "No such year"})
    # Outside the partnership's years there is no period to narrow the history to.
    assert response["Location"] == "/p/cambridgeshire/indicators/police-da-incidents/#history"
    assert not Value.objects.filter(pk=far_figure.pk).exists()


def test_the_history_offers_deletion_only_to_coordinators_and_only_for_the_latest_record(
    client, coordinator, board_member, officer
):
    value = incidents()
    workflow.value_follow_up(value=value, user=coordinator, follow_up=True)  # a second record
    address = "/p/cambridgeshire/indicators/police-da-incidents/?period=2015-16-q3"
    client.force_login(coordinator)
    assert client.get(address).content.decode().count(delete_address(value)) == 1
    for user in (board_member, officer):
        client.force_login(user)
        assert "/delete/" not in client.get(address).content.decode()


def test_the_return_page_links_a_coordinator_to_delete_each_figure(client, coordinator):
    client.force_login(coordinator)
    page = client.get(
        "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/"
    ).content.decode()
    assert f'href="{delete_address(incidents())}"' in page


def test_the_return_page_offers_no_deletion_to_the_lead(client, police_lead):
    client.force_login(police_lead)
    page = client.get(
        "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/"
    ).content.decode()
    assert "/delete/" not in page
