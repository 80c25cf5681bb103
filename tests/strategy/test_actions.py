"""Action plans: who updates what, red needs a reason, history, ending and carrying forward."""

import io
from datetime import date

import openpyxl
import pytest

from strategy import services
from strategy.models import Action, Organisation, RagUpdate


@pytest.fixture
def police_action(cambridgeshire):
    """An open action in the Protect objective, led by the police."""
    objective = cambridgeshire.strategies.get().objectives.get(code="protect")
    return Action.objects.create(
        objective=objective,
        area_for_development="The need to improve the first police response",
        lead_organisation=cambridgeshire.organisations.get(slug="cambridgeshire-constabulary"),
        lead_officer="Jon McAdam",
        task_group="Implementation Board",
        target_date=date(2016, 3, 31),
    )


def rate(action, user, period="2015/16 Q3", rag="green", **extra):
    return services.rag_update_record(action=action, user=user, period=period, rag=rag, **extra)


def test_the_lead_organisations_partner_lead_and_a_coordinator_may_update(
    police_action, police_lead, coordinator
):
    rate(police_action, police_lead, progress="Training booked")
    rate(police_action, coordinator, period="2015/16 Q4", rag="amber")
    assert [u.rag for u in police_action.rag_updates.order_by("period")] == ["green", "amber"]


@pytest.mark.parametrize("who", ["idva_lead", "board_member", "officer", "cheshire_coordinator"])
def test_nobody_else_may_update_an_action(request, police_action, who):
    with pytest.raises(services.ActionError, match="Only the lead organisation"):
        rate(police_action, request.getfixturevalue(who))
    assert not police_action.rag_updates.exists()


def test_resaving_a_red_quarter_keeps_its_reason(police_action, police_lead):
    rate(police_action, police_lead, rag="red", reason="Funding withdrawn")
    rate(police_action, police_lead, rag="red", progress="Bid submitted")
    update = police_action.rag_updates.get()
    assert (update.reason, update.progress) == ("Funding withdrawn", "Bid submitted")


def test_ending_an_action_is_kept_in_its_history(police_action, police_lead):
    services.action_complete(action=police_action, user=police_lead, outcome="Done")
    latest = police_action.history.latest()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "complete",
        police_lead,
        "Completed",
    )


def test_moving_to_red_needs_a_reason(police_action, police_lead):
    rate(police_action, police_lead, rag="amber")
    with pytest.raises(services.ActionError, match="Say why the action is now red"):
        rate(police_action, police_lead, period="2015/16 Q4", rag="red")
    rate(police_action, police_lead, period="2015/16 Q4", rag="red", reason="Funding withdrawn")
    # staying red in the next quarter is not a move
    rate(police_action, police_lead, period="2016/17 Q1", rag="red")
    assert police_action.rag_updates.filter(rag="red").count() == 2


def test_rerating_a_quarter_keeps_the_earlier_rating_in_the_history(police_action, police_lead):
    rate(police_action, police_lead, rag="green", progress="On track")
    rate(police_action, police_lead, rag="amber", progress="Slipping")
    update = RagUpdate.objects.get(action=police_action)
    assert [h.rag for h in update.history.order_by("history_date")] == ["green", "amber"]
    assert update.history.latest().history_user == police_lead


@pytest.mark.parametrize("period", ["2015", "2015/16", "2015/17 Q3", "2015-16 Q3", "2015/16 Q1-Q3"])
def test_a_bad_quarter_is_refused(police_action, police_lead, period):
    with pytest.raises(services.ActionError, match="is not a quarter"):
        rate(police_action, police_lead, period=period)
    assert not police_action.rag_updates.exists()


def test_an_action_is_open_until_completed_or_carried_forward(police_action):
    objective = police_action.objective
    no_date = Action.objects.create(objective=objective, area_for_development="No target date")
    ended = {
        status: Action.objects.create(
            objective=objective,
            area_for_development=f"Ended: {status}",
            target_date=date(2016, 3, 31),
            status=status,
        )
        for status in (Action.Status.COMPLETE, Action.Status.CARRIED_FORWARD)
    }
    assert police_action.is_open and no_date.is_open
    assert not any(action.is_open for action in ended.values())
    made = [police_action, no_date, *ended.values()]
    mine = Action.objects.filter(pk__in=[action.pk for action in made])
    assert set(mine.open()) == {police_action, no_date}
    assert set(mine.overdue(date(2016, 4, 1))) == {police_action}
    assert set(mine.overdue(date(2016, 3, 31))) == set()
    assert set(mine.overdue(date(2016, 4, 1), overdue=False)) == {no_date, *ended.values()}


def test_completing_an_action_needs_its_outcome(police_action, police_lead):
    with pytest.raises(services.ActionError, match="Say what the action achieved"):
        services.action_complete(action=police_action, user=police_lead, outcome=" ")
    services.action_complete(action=police_action, user=police_lead, outcome="Training delivered")
    police_action.refresh_from_db()
    assert (police_action.status, police_action.outcome) == ("complete", "Training delivered")
    with pytest.raises(services.ActionError, match="has ended"):
        rate(police_action, police_lead)


def test_carrying_forward_links_a_new_action_in_the_successor_strategy(
    police_action, police_lead, coordinator, make_member
):
    rate(police_action, police_lead, rag="amber")
    with pytest.raises(services.ActionError, match="Only a coordinator"):
        services.action_carry_forward(action=police_action, user=police_lead)
    council = Organisation.objects.get(
        partnership__slug="cambridgeshire", slug="cambridgeshire-county-council"
    )
    only_here = make_member("only-cambridgeshire", council, "coordinator")
    with pytest.raises(services.ActionError, match="Only a coordinator of Cambridgeshire and"):
        services.action_carry_forward(action=police_action, user=only_here)
    # the demo coordinator coordinates both Cambridgeshire partnerships
    carried = services.action_carry_forward(action=police_action, user=coordinator)
    police_action.refresh_from_db()
    assert police_action.status == "carried-forward"
    assert police_action.carried_forward_to == carried
    assert carried.carried_forward_from == police_action
    assert carried.objective.strategy.slug == "vawg-2017-2021"
    assert carried.objective.code == "protect"
    assert carried.lead_organisation.partnership.slug == "cambs-peterborough"
    assert carried.lead_organisation.slug == "cambridgeshire-constabulary"


def test_a_strategy_without_a_successor_cannot_carry_forward(cheshire_east, cheshire_coordinator):
    action = Action.objects.create(
        objective=cheshire_east.strategies.get().objectives.first(), area_for_development="x"
    )
    with pytest.raises(services.ActionError, match="no successor"):
        services.action_carry_forward(action=action, user=cheshire_coordinator)


def test_the_action_page_shows_rag_quarter_by_quarter_and_each_update(
    client, police_action, police_lead, board_member
):
    rate(police_action, police_lead, rag="green", progress="Training booked")
    rate(police_action, police_lead, period="2015/16 Q4", rag="red", reason="Trainer ill")
    client.force_login(board_member)
    page = client.get(f"/p/cambridgeshire/actions/{police_action.pk}/").content.decode()
    assert '<th scope="col">2015/16 Q3</th><th scope="col">2015/16 Q4</th>' in page
    assert '<td class="rag-cell rag-green">Green</td><td class="rag-cell rag-red">Red</td>' in page
    assert "Trainer ill" in page and "Training booked" in page
    assert "Give this quarter&#x27;s update" not in page  # a board member only reads


def test_a_partner_lead_rates_an_action_red_through_the_page(client, police_action, police_lead):
    client.force_login(police_lead)
    url = f"/p/cambridgeshire/actions/{police_action.pk}/"
    page = client.post(url, {"period": "2015/16 Q3", "rag": "red"}).content.decode()
    assert "Say why the action is now red" in page
    response = client.post(url, {"period": "2015/16 Q3", "rag": "red", "reason": "No budget"})
    assert response.status_code == 302
    assert police_action.rag_updates.get().reason == "No budget"


def test_another_organisations_lead_cannot_post_an_update(client, police_action, idva_lead):
    client.force_login(idva_lead)
    response = client.post(
        f"/p/cambridgeshire/actions/{police_action.pk}/", {"period": "2015/16 Q3", "rag": "green"}
    )
    assert response.status_code == 404
    assert not police_action.rag_updates.exists()


def test_an_action_of_another_partnership_is_a_404(client, police_action, cheshire_coordinator):
    client.force_login(cheshire_coordinator)
    assert client.get(f"/p/cheshire-east/actions/{police_action.pk}/").status_code == 404
    assert client.get(f"/p/cambridgeshire/actions/{police_action.pk}/").status_code == 404


def test_the_action_plan_filters_by_rag_and_lead(client, police_action, police_lead, board_member):
    rate(police_action, police_lead, rag="amber")
    client.force_login(board_member)
    page = client.get("/p/cambridgeshire/actions/?rag=amber").content.decode()
    assert "The need to improve the first police response" in page
    assert page.count('<span class="rag rag-amber">Amber</span>') == 2  # legend and row
    page = client.get("/p/cambridgeshire/actions/?rag=red").content.decode()
    assert "first police response" not in page
    page = client.get(
        "/p/cambridgeshire/actions/?lead_organisation=cambridgeshire-constabulary"
    ).content.decode()
    assert "first police response" in page and "integrate messages" not in page


def test_the_action_plan_of_200_actions_loads_in_a_constant_number_of_queries(
    client, cambridgeshire, board_member, django_assert_max_num_queries
):
    objective = cambridgeshire.strategies.get().objectives.get(code="prevent")
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    Action.objects.bulk_create(
        Action(objective=objective, area_for_development=f"Action {n}", lead_organisation=police)
        for n in range(200)
    )
    client.force_login(board_member)
    # session, user; partnership, memberships; the filter's strategies, organisations and
    # task groups; the count and the page of actions; session save
    with django_assert_max_num_queries(13):
        response = client.get("/p/cambridgeshire/actions/?per_page=200")
    assert response.status_code == 200


def test_the_action_plan_exports_with_the_rag_word_and_fill(
    client, police_action, police_lead, officer
):
    rate(police_action, police_lead, rag="red", reason="No budget")
    client.force_login(officer)
    response = client.get("/p/cambridgeshire/actions/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Actions"]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=3) if len(row) > 7}
    rag = rows["The need to improve the first police response"][7]
    assert rag.value == "Red"
    assert rag.fill.fgColor.rgb.endswith("F4CCCC")
    assert sheet.freeze_panes == "A3"


ALL_COLUMNS = [
    "Action",
    "Lead organisation",
    "Lead officer",
    "Task group",
    "Milestones",
    "Target date",
    "Performance measure",
    "Outcome",
    "RAG",
    "Progress",
    "Risks and issues",
]


@pytest.fixture
def described_action(police_action, police_lead):
    police_action.description = "Train every response officer"
    police_action.milestones = "Course written by June"
    police_action.performance_measure = "Officers trained"
    police_action.outcome = "Victims believed at first contact"
    police_action.save()
    rate(
        police_action,
        police_lead,
        rag="amber",
        progress="Half trained",
        risks_and_issues="Shift cover",
    )
    return police_action


def test_the_action_plan_page_shows_every_column_of_the_papers(client, described_action, officer):
    client.force_login(officer)
    page = client.get("/p/cambridgeshire/actions/?per_page=200").content.decode()
    for title in ALL_COLUMNS:
        assert f">{title}<" in page, title
    for text in ("Course written by June", "Officers trained", "Half trained", "Shift cover"):
        assert text in page


def test_the_action_plan_export_carries_every_column_of_the_papers(
    client, described_action, officer
):
    client.force_login(officer)
    response = client.get("/p/cambridgeshire/actions/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Actions"]
    header = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert set(ALL_COLUMNS) <= set(header)
    row = next(
        r for r in sheet.iter_rows(min_row=3) if r[1].value == described_action.area_for_development
    )
    found = {title: row[header.index(title)].value for title in ALL_COLUMNS}
    assert found["Milestones"] == "Course written by June"
    assert found["Performance measure"] == "Officers trained"
    assert found["Outcome"] == "Victims believed at first contact"
    assert (found["RAG"], found["Progress"], found["Risks and issues"]) == (
        "Amber",
        "Half trained",
        "Shift cover",
    )
