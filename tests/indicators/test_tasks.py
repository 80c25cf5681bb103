"""Each person's tasks: what a lead, a coordinator and a board member must do on a day, most
urgent first, each linking to the work; and the first page that shows them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import QuarterLock, Return
from indicators.periods import Period
from indicators.tasks import tasks_for
from strategy.models import Action, Organisation, RagUpdate

Q3 = Period(2015, 3)  # 2015/16 Q3 ended 31 December 2015; Cambridgeshire's returns due 30 days on
DUE = date(2016, 1, 30)
POLICE_RETURN = "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/"


@pytest.fixture
def police(cambridgeshire) -> Organisation:
    return cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")


def titles(tasks) -> list[str]:
    return [task.title for task in tasks]


def test_a_lead_sees_their_returns_due_and_late_with_days_and_links(police_lead):
    tasks = tasks_for(police_lead, today=date(2016, 1, 23))
    latest = tasks[-1]  # the least late comes last: most urgent first
    assert latest.title == "Cambridgeshire Constabulary's return for 2015/16 Q3"
    assert (latest.due, latest.when, latest.url) == (DUE, "Due in 7 days", POLICE_RETURN)
    assert tasks[0].when == "268 days late"  # 2014/15 Q4, due 30 April 2015
    assert [t.due for t in tasks] == sorted(t.due for t in tasks)
    assert all("Cambridgeshire Constabulary" in title for title in titles(tasks))

    later = tasks_for(police_lead, today=date(2016, 2, 6))[-1]
    assert later.when == "7 days late"
    assert tasks_for(police_lead, today=DUE)[-1].when == "Due today"


def test_a_submitted_or_approved_return_is_no_longer_a_lead_task(police_lead, police):
    Return.objects.create(organisation=police, period=Q3, status=Return.Status.SUBMITTED)
    tasks = tasks_for(police_lead, today=date(2016, 2, 6))
    assert "Cambridgeshire Constabulary's return for 2015/16 Q3" not in titles(tasks)
    assert len(tasks) == 3  # the three earlier quarters are still owed


def test_a_return_sent_back_says_why(police_lead, police):
    Return.objects.create(
        organisation=police,
        period=Q3,
        status=Return.Status.RETURNED,
        returned_reason="Incidents look <b>too low</b>",
    )
    task = tasks_for(police_lead, today=date(2016, 2, 6))[-1]
    assert task.detail == "Returned for correction: Incidents look <b>too low</b>"


def test_a_locked_quarter_is_not_chased(police_lead, cambridgeshire, coordinator):
    QuarterLock.objects.create(
        partnership=cambridgeshire, period=Q3, locked_by=coordinator, reason="Signed off"
    )
    assert "Cambridgeshire Constabulary's return for 2015/16 Q3" not in titles(
        tasks_for(police_lead, today=date(2016, 2, 6))
    )


def test_a_lead_sees_the_actions_their_organisation_leads_without_this_quarters_update(
    police_lead, cambridgeshire, police
):
    objective = cambridgeshire.strategies.get().objectives.first()
    action = Action.objects.create(
        objective=objective, area_for_development="Police training", lead_organisation=police
    )
    Action.objects.create(
        objective=objective,
        area_for_development="Somebody else's",
        lead_organisation=cambridgeshire.organisations.get(slug="idva-service"),
    )
    task = next(t for t in tasks_for(police_lead, today=date(2016, 2, 6)) if "RAG" in t.title)
    assert task.title == "RAG update for 2015/16 Q3: Police training"
    assert task.url == reverse("action", args=["cambridgeshire", action.pk])
    assert (task.due, task.when) == (DUE, "7 days late")
    assert "Somebody else's" not in " ".join(titles(tasks_for(police_lead, today=DUE)))

    RagUpdate.objects.create(action=action, period="2015/16 Q3", rag="green")
    assert not [t for t in tasks_for(police_lead, today=DUE) if "RAG" in t.title]


def test_an_actions_lead_officer_is_reminded_and_may_give_its_rag_update(
    client, officer, cambridgeshire
):
    objective = cambridgeshire.strategies.get().objectives.first()
    action = Action.objects.create(
        objective=objective,
        area_for_development="Training for housing officers",
        lead_organisation=cambridgeshire.organisations.get(slug="idva-service"),
    )
    assert not [t for t in tasks_for(officer, today=DUE) if "RAG" in t.title]
    action.lead_officer_user = officer  # an officer of the County Council, linked by name
    action.save()
    (task,) = [t for t in tasks_for(officer, today=DUE) if "RAG" in t.title]
    assert task.title == "RAG update for 2015/16 Q3: Training for housing officers"
    client.force_login(officer)
    page = client.get(task.url).content.decode()
    assert 'name="rag"' in page  # the update form: theirs to give
    client.post(task.url, {"period": "2015/16 Q3", "rag": "amber", "note": "Two sessions held"})
    assert RagUpdate.objects.get(action=action).rag == "amber"


def test_a_coordinator_sees_what_awaits_approval_what_is_late_and_what_can_be_locked(
    coordinator, cambridgeshire
):
    organisations = {o.slug: o for o in cambridgeshire.organisations.all()}
    Return.objects.create(
        organisation=organisations["cambridgeshire-constabulary"],
        period=Q3,
        status=Return.Status.SUBMITTED,
    )
    tasks = tasks_for(coordinator, today=date(2016, 2, 6))
    cambridgeshire_tasks = [t for t in tasks if t.partnership == cambridgeshire]
    approve = next(t for t in cambridgeshire_tasks if t.title.startswith("Approve"))
    assert approve.title == "Approve Cambridgeshire Constabulary's return for 2015/16 Q3"
    assert approve.url == POLICE_RETURN
    late = next(t for t in cambridgeshire_tasks if t.title.endswith("overdue for 2015/16 Q3"))
    assert late.title == "3 returns overdue for 2015/16 Q3"
    assert "Cambridgeshire Constabulary" not in late.detail  # submitted: not late
    assert late.url == reverse("completeness", args=["cambridgeshire", Q3])
    assert not [t for t in tasks if t.title.startswith("Lock")]

    for organisation in late.returns:
        Return.objects.create(
            organisation=organisation.organisation, period=Q3, status=Return.Status.APPROVED
        )
    Return.objects.filter(period=Q3, status=Return.Status.SUBMITTED).update(
        status=Return.Status.APPROVED
    )
    tasks = tasks_for(coordinator, today=date(2016, 2, 6))
    assert "Lock 2015/16 Q3: every return is approved" in titles(tasks)


def test_a_coordinator_sees_actions_without_an_update_and_self_assessments_due(
    cheshire_coordinator,
):
    tasks = tasks_for(cheshire_coordinator, today=date(2016, 2, 6))
    assert "26 actions without a RAG update for 2015/16 Q3" in titles(tasks)
    assessments = next(t for t in tasks if "self-assessment" in t.title)
    assert assessments.url == reverse("standards", args=["cheshire-east"])


def test_a_board_member_is_sent_to_the_latest_quarters_dashboard(board_member):
    (task,) = tasks_for(board_member, today=date(2016, 2, 6))
    assert task.title == "Read the dashboard for 2015/16 Q3 before the board meets"
    assert task.url == "/p/cambridgeshire/?quarter=2015-16-q3"
    assert task.due is None


def test_nobody_sees_another_partnerships_tasks(cheshire_coordinator, police_lead):
    assert {t.partnership.slug for t in tasks_for(cheshire_coordinator, today=DUE)} == {
        "cheshire-east"
    }
    assert {t.partnership.slug for t in tasks_for(police_lead, today=DUE)} == {"cambridgeshire"}


def test_tasks_take_a_bounded_number_of_queries(
    coordinator, cambridgeshire, django_assert_max_num_queries
):
    objective = cambridgeshire.strategies.get().objectives.first()
    for organisation in cambridgeshire.organisations.all():
        Action.objects.create(
            objective=objective, area_for_development="Extra", lead_organisation=organisation
        )
        Return.objects.create(organisation=organisation, period=Q3, status="submitted")
    # memberships, years, locks, indicators and their frequency changes, organisations,
    # returns, actions, standards: one each, whatever their number
    with django_assert_max_num_queries(10):
        tasks = tasks_for(coordinator, today=date(2016, 2, 6))
    assert len(tasks) > 10


@pytest.fixture
def on_2016_02_06(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2016, 2, 6))


def test_the_first_page_shows_a_lead_their_late_return_first_in_a_table(
    client, police_lead, on_2016_02_06, django_assert_max_num_queries
):
    client.force_login(police_lead)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("home")).content.decode()
    assert "<caption>What you need to do, most urgent first</caption>" in page
    assert f'<a href="{POLICE_RETURN}">Cambridgeshire Constabulary&#x27;s return for' in page
    assert "7 days late" in page
    assert "30 January 2016" in page
    assert page.index("Your tasks") < page.index("Domestic Abuse Strategy 2014-2018")


def test_the_first_page_escapes_a_reason_for_sending_back(
    client, police_lead, police, on_2016_02_06
):
    Return.objects.create(
        organisation=police, period=Q3, status="returned", returned_reason="<script>x</script>"
    )
    client.force_login(police_lead)
    page = client.get(reverse("home")).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x" not in page


def test_a_leads_dashboard_links_to_their_own_return(client, police_lead):
    client.force_login(police_lead)
    page = client.get(reverse("partnership", args=["cambridgeshire"])).content.decode()
    assert f'href="{POLICE_RETURN}">Cambridgeshire Constabulary\'s return for 2015/16 Q3' in page
