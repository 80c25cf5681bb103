"""The first page: the partnerships a user may see, and nothing of anyone else's."""

import pytest
from django.urls import reverse


def test_every_page_needs_a_login(client):
    for url in ("/", "/p/cambridgeshire/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_login_page_has_labelled_fields(client):
    page = client.get("/accounts/login/").content.decode()
    assert '<label for="id_username">Username</label>' in page
    assert '<label for="id_password">Password</label>' in page


def test_a_member_sees_their_partnership_with_its_strategy_objectives_and_indicators(
    client, board_member
):
    client.force_login(board_member)
    page = client.get(reverse("home")).content.decode()
    assert "Cambridgeshire Domestic Abuse and Sexual Violence Partnership" in page
    assert "Domestic Abuse Strategy 2014-2018" in page
    assert "We will prevent people from becoming perpetrators or victims of domestic abuse" in page
    assert "Total number of domestic abuse incidents reported to the Police" in page
    assert "Cheshire East" not in page


def test_a_member_of_another_partnership_sees_only_theirs(client, cheshire_coordinator):
    client.force_login(cheshire_coordinator)
    page = client.get(reverse("home")).content.decode()
    assert "Cheshire East Domestic Abuse Partnership" in page
    assert "Cambridgeshire" not in page


def test_another_partnerships_page_is_a_404(client, cheshire_coordinator):
    client.force_login(cheshire_coordinator)
    assert client.get("/p/cambridgeshire/").status_code == 404
    assert client.get("/p/no-such-partnership/").status_code == 404
    assert client.get("/p/cheshire-east/").status_code == 200


def test_a_user_with_no_membership_is_told_what_to_do(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("newcomer"))
    page = client.get(reverse("home")).content.decode()
    assert "You are not a member of any partnership yet" in page


def test_the_partnership_page_lists_its_indicators_with_their_breakdowns(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/p/cambridgeshire/").content.decode()
    assert "Occupancy rate for the refuges" in page
    assert "Refuge (Hunts)" in page


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # session, user; the partnerships; strategies, objectives, their indicators, the
        # partnership's indicators, their options; the session save (savepoint, update, release);
        # the tasks: memberships, years, locks, indicators, their frequency changes,
        # organisations, returns, actions, practice standards
        ("/", 20),
    ],
)
def test_pages_load_in_a_fixed_number_of_queries(
    client, coordinator, django_assert_max_num_queries, url, queries
):
    client.force_login(coordinator)
    with django_assert_max_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_signing_in_with_a_demo_user_works(client, db):
    from tests.conftest import DEMO_PASSWORD

    response = client.post(
        "/accounts/login/", {"username": "police-lead", "password": DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Your partnerships" in response.content.decode()


def test_a_wrong_password_is_refused_with_a_message(client, db):
    response = client.post("/accounts/login/", {"username": "police-lead", "password": "nope"})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()


def test_a_successor_partnership_names_its_predecessor(client, make_member, db):
    from strategy.models import Organisation

    police = Organisation.objects.get(
        partnership__slug="cambs-peterborough", slug="cambridgeshire-constabulary"
    )
    client.force_login(make_member("merged-board", police, "board-member"))
    page = client.get("/p/cambs-peterborough/").content.decode()
    assert "Replaces Cambridgeshire Domestic Abuse and Sexual Violence Partnership" in page
