"""An action's lead officer linked to a member's account, the name as text kept for others."""

import pytest
from django.core.exceptions import ValidationError

from strategy import services
from strategy.models import Action


@pytest.fixture
def police_action(cambridgeshire):
    objective = cambridgeshire.strategies.get().objectives.get(code="protect")
    return Action.objects.create(
        objective=objective,
        area_for_development="The need to improve the first police response",
        lead_organisation=cambridgeshire.organisations.get(slug="cambridgeshire-constabulary"),
        lead_officer="Jon McAdam",
    )


def test_a_coordinator_links_the_lead_officer_and_the_action_page_shows_them(
    client, coordinator, police_lead, police_action
):
    client.force_login(coordinator)
    url = f"/p/cambridgeshire/actions/{police_action.pk}/"
    form = client.get(url).text
    assert "Lead officer&#x27;s account" in form or "Lead officer's account" in form
    response = client.post(
        f"{url}lead/", {"lead_officer_user": police_lead.pk, "lead_officer": ""}, follow=True
    )
    assert "Lead officer: Pat Police." in response.text
    assert "Pat Police (police-lead@example.org)" in response.text
    police_action.refresh_from_db()
    assert police_action.lead_officer_user == police_lead
    latest = police_action.history.latest("history_date")
    assert latest.history_user == coordinator
    assert latest.lead_officer_user_id == police_lead.pk


def test_the_action_plan_shows_the_linked_name_or_the_text(
    client, board_member, police_lead, police_action, coordinator
):
    client.force_login(board_member)
    assert "Jon McAdam" in client.get("/p/cambridgeshire/actions/").text
    services.action_lead_set(
        action=police_action, user=coordinator, lead_officer="", lead_officer_user=police_lead
    )
    assert "Pat Police" in client.get("/p/cambridgeshire/actions/").text


def test_someone_outside_the_partnership_cannot_be_linked(
    client, coordinator, cheshire_coordinator, police_action
):
    client.force_login(coordinator)
    response = client.post(
        f"/p/cambridgeshire/actions/{police_action.pk}/lead/",
        {"lead_officer_user": cheshire_coordinator.pk, "lead_officer": ""},
        follow=True,
    )
    assert "Choose a lead officer who is in the partnership." in response.text
    police_action.refresh_from_db()
    assert police_action.lead_officer_user is None
    with pytest.raises(services.ActionError):
        services.action_lead_set(
            action=police_action,
            user=coordinator,
            lead_officer="",
            lead_officer_user=cheshire_coordinator,
        )
    police_action.lead_officer_user = cheshire_coordinator
    with pytest.raises(ValidationError, match="in the partnership"):
        police_action.full_clean()  # as the admin checks it


@pytest.mark.parametrize("who", ["police_lead", "board_member", "cheshire_coordinator"])
def test_only_a_coordinator_changes_the_lead_officer(request, client, who, police_action):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.post(
        f"/p/cambridgeshire/actions/{police_action.pk}/lead/",
        {"lead_officer_user": "", "lead_officer": "Someone else"},
    )
    assert response.status_code == 404
    police_action.refresh_from_db()
    assert police_action.lead_officer == "Jon McAdam"
    assert (
        "Save the lead officer"
        not in client.get(f"/p/cambridgeshire/actions/{police_action.pk}/").text
    )
