"""The demo keeps the papers' meaning: definition breaks, years to date, frequencies that change
from one year to another, the action plan's RAG and carried-forward actions, and users who can
sign in to every partnership. Each reading is recorded in fixtures/README.md."""

from collections import Counter

import pytest
from django.contrib.auth import get_user_model

from indicators.models import Indicator, IndicatorDefinition, Value
from indicators.periods import Period
from strategy.access import access_for
from strategy.models import Action, Partnership, RagUpdate


def indicator(code: str, slug: str = "cambridgeshire") -> Indicator:
    return Indicator.objects.get(partnership__slug=slug, code=code)


def _opening(text: str) -> str:
    return " ".join(text.split()[:9])


@pytest.mark.parametrize("code", ["marac-cases", "marac-referrals"])
def test_the_june_2014_threshold_change_is_a_definition_break_from_2014_15_q1(db, code):
    """Paper 003: "This is a result of the threshold for referrals to MARAC being lowered in
    June 2014.\""""
    definitions = list(IndicatorDefinition.objects.filter(indicator=indicator(code)))
    assert [d.applies_from for d in definitions] == [Period(2014, 1)]
    assert "lowered in June 2014" in definitions[0].text
    assert "June 2014" not in indicator(code).definition


def test_2015_16_refuge_occupancy_is_the_year_to_date_to_q3(db):
    occupancy = indicator("refuge-occupancy-rate")
    figures = {
        (value.option.code, str(value.period)): value.approved_value
        for value in occupancy.values.select_related("option").filter(period__startswith="2015")
    }
    assert figures == {
        ("cambridge", "2015/16 Q1-Q3"): 79,
        ("hunts", "2015/16 Q1-Q3"): 88,
        ("fenland", "2015/16 Q1-Q3"): 89,
    }
    # Paper 003's other 2015/16 figures reach Q3 too.
    incidents = indicator("police-da-incidents").values.filter(period__startswith="2015")
    assert max(value.period for value in incidents) == Period(2015, 3)
    assert occupancy.frequency_in(2015) == "year-to-date"
    assert (occupancy.frequency_in(2013), occupancy.frequency_in(2014)) == ("quarterly",) * 2
    assert occupancy.values.filter(period="2014/15").count() == 3  # whole years stay whole


@pytest.mark.parametrize("code", ["court-cases", "bbr-completions", "refuge-women-housed"], ids=str)
def test_paper_002s_quarters_and_paper_003s_years_each_import_under_their_years_frequency(db, code):
    measure = indicator(code)
    assert [measure.frequency_in(year) for year in (2013, 2014, 2015)] == [
        "annual",
        "quarterly",
        "annual",
    ]
    periods = {value.period for value in measure.values.all()}
    assert {p for p in periods if p.is_quarter} <= set(Period(2014).quarters())
    assert all(measure.period_problem(period) == "" for period in periods)
    assert Period(2014) in periods  # paper 003's whole year beside paper 002's quarters


def test_court_cases_keep_paper_002s_quarter_and_paper_003s_years(db):
    figures = {str(v.period): v.approved_value for v in indicator("court-cases").values.all()}
    assert (figures["2014/15 Q1"], figures["2013/14"], figures["2014/15"]) == (219, 949, 1121)


def test_outreach_referrals_given_only_by_year_are_annual(db):
    referrals = indicator("outreach-referrals")
    assert referrals.frequency == "annual"
    assert all(value.period.is_year for value in referrals.values.all())


def test_every_demo_figure_is_approved(db):
    assert not Value.objects.exclude(state=Value.State.APPROVED).exists()


def test_paper_003s_action_plan_is_rated_for_2015_16_q4(cambridgeshire):
    """Paper 003 (1 March 2016), Appendix 1, "Progress Update January 2016": every action is
    complete (green: "action progressing towards completion / is complete") or carried
    forward, which the paper does not rate."""
    actions = Action.objects.filter(objective__strategy__partnership=cambridgeshire)
    updates = RagUpdate.objects.filter(action__in=actions)
    assert Counter(updates.values_list("rag", flat=True)) == {"green": 18}
    assert set(updates.values_list("period", flat=True)) == {"2015/16 Q3"}
    assert Counter(actions.values_list("status", flat=True)) == {
        "complete": 18,
        "carried-forward": 2,
    }
    assert not updates.filter(action__status="carried-forward").exists()


def test_loading_twice_leaves_one_update_per_action(load_demo_command):
    before = list(RagUpdate.objects.order_by("pk").values_list("pk", "action", "period", "rag"))
    history = RagUpdate.history.count()
    load_demo_command()
    after = list(RagUpdate.objects.order_by("pk").values_list("pk", "action", "period", "rag"))
    assert (after, RagUpdate.history.count()) == (before, history)


def test_paper_003s_carried_forward_actions_link_to_their_successors_in_paper_001(cambridgeshire):
    carried = Action.objects.filter(
        objective__strategy__partnership=cambridgeshire, status="carried-forward"
    ).select_related("carried_forward_to__objective__strategy__partnership")
    links = sorted(
        (
            _opening(action.area_for_development),
            action.carried_forward_to.objective.strategy.partnership.slug,
            action.carried_forward_to.objective.code,
            _opening(action.carried_forward_to.area_for_development),
        )
        for action in carried
    )
    assert links == [
        (
            "The need to carry out more work with young",
            "cambs-peterborough",
            "protect",
            "Carry out more work with young people who are,",
        ),
        (
            "The need to provide new specialist interventions for children",
            "cambs-peterborough",
            "protect",
            "Provide, in Peterborough, new specialist interventions for young people,",
        ),
    ]
    assert all(action.carried_forward_to.carried_forward_from == action for action in carried)


def test_only_cambridgeshires_rag_definitions_are_its_own(db):
    own = dict(Partnership.objects.values_list("slug", "rag_definitions_own"))
    assert own == {"cambridgeshire": True, "cambs-peterborough": False, "cheshire-east": False}
    cambridgeshire = Partnership.objects.get(slug="cambridgeshire")
    assert cambridgeshire.rag_amber == "Action progressing"  # paper 003's "Orange"
    defaults = Partnership.objects.get(slug="cheshire-east")
    assert (defaults.rag_green, defaults.rag_amber, defaults.rag_red) == (
        "On track or complete",
        "Progressing",
        "Needs addressing",
    )


DEFAULT_RAG = "Partnership Monitor's default definitions: the partnership has not set its own."


@pytest.mark.parametrize(
    ("slug", "username", "marked"),
    [
        ("cambridgeshire", "coordinator", False),
        ("cambs-peterborough", "cp-coordinator", True),
        ("cheshire-east", "cheshire-coordinator", True),
    ],
)
def test_the_action_plan_says_when_the_rag_definitions_are_the_defaults(
    client, db, slug, username, marked
):
    client.force_login(get_user_model().objects.get(username=username))
    page = client.get(f"/p/{slug}/actions/").content.decode()
    assert (DEFAULT_RAG in page) is marked
    action = Action.objects.filter(objective__strategy__partnership__slug=slug).first()
    page = client.get(f"/p/{slug}/actions/{action.pk}/").content.decode()
    assert (DEFAULT_RAG in page) is marked


def test_the_standards_rating_scale_is_always_marked_as_the_default(client, cheshire_coordinator):
    client.force_login(cheshire_coordinator)
    note = "Partnership Monitor's default rating scale: the partnership has not set its own."
    assert note in client.get("/p/cheshire-east/standards/").content.decode()
    page = client.get("/p/cheshire-east/standards/cheshire-east-council/").content.decode()
    assert note in page


@pytest.mark.parametrize("username", ["cp-coordinator", "cp-board", "coordinator"])
def test_the_merged_partnerships_demo_users_see_its_dashboard(client, db, username):
    client.force_login(get_user_model().objects.get(username=username))
    assert client.get("/p/cambs-peterborough/").status_code == 200


def test_the_demo_coordinator_coordinates_both_cambridgeshire_partnerships(coordinator):
    for slug in ("cambridgeshire", "cambs-peterborough"):
        assert access_for(coordinator, Partnership.objects.get(slug=slug)).is_coordinator
    roles = {
        (m.organisation.partnership.slug, m.role)
        for user in get_user_model().objects.filter(username__in=["cp-coordinator", "cp-board"])
        for m in user.memberships.select_related("organisation__partnership")
    }
    assert roles == {
        ("cambs-peterborough", "coordinator"),
        ("cambs-peterborough", "board-member"),
    }


def test_every_demo_user_has_an_address_at_example_org(db):
    users = get_user_model().objects.all()
    assert {user.email for user in users} == {f"{user.username}@example.org" for user in users}
    assert users.count() == 8
