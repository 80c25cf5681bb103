"""People: a coordinator invites, changes roles and deactivates, only in their partnership."""

import json
import re
import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.utils import timezone

from strategy.models import Invitation, Membership
from strategy.people import services
from tests.conftest import DEMO_PASSWORD

PEOPLE = "/p/cambridgeshire/people/"
NEW_PASSWORD = "a long unusual passphrase 47"
LINK = re.compile(r"https?://[^/\s]+(/accounts/invitation/[^/\s]+/)")


def invite_form(**overrides) -> dict:
    form = {
        "name": "Lee Lead",
        "email": "lee.lead@example.org",
        "organisation": "",
        "role": "partner-lead",
    }
    return {**form, **overrides}


@pytest.fixture
def idva_service(cambridgeshire):
    return cambridgeshire.organisations.get(slug="idva-service")


def sign_in(client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def invite(coordinator, organisation, *, email="lee.lead@example.org", role="partner-lead"):
    return services.invitation_create(
        partnership=organisation.partnership,
        organisation=organisation,
        role=role,
        name="Lee Lead",
        email=email,
        invited_by=coordinator,
        site_url="http://testserver/",
    )


def test_a_coordinator_invites_and_the_person_accepts_into_the_role(
    client, coordinator, idva_service, mailoutbox
):
    client.force_login(coordinator)
    response = client.post(PEOPLE, invite_form(organisation=idva_service.pk), follow=True)
    assert "Invitation sent to lee.lead@example.org." in response.text
    assert "lee.lead@example.org" in response.text  # listed as waiting
    (message,) = mailoutbox
    assert message.to == ["lee.lead@example.org"]
    assert "IDVA" in message.body or idva_service.name in message.body
    assert message.alternatives[0].mimetype == "text/html"
    link = link_in(message)
    assert link in message.alternatives[0].content

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert "Accept your invitation" in page.text
    response = client.post(
        link,
        {"username": "lee", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Welcome. You are now partner lead" in response.text
    lee = get_user_model().objects.get(username="lee")
    assert response.context["user"] == lee
    assert (lee.first_name, lee.last_name, lee.email) == ("Lee", "Lead", "lee.lead@example.org")
    assert list(lee.memberships.values_list("organisation", "role")) == [
        (idva_service.pk, "partner-lead")
    ]
    client.logout()
    assert sign_in(client, "lee", NEW_PASSWORD)["Location"] == "/"


def test_only_a_digest_of_the_link_is_stored(coordinator, idva_service, mailoutbox):
    invitation = invite(coordinator, idva_service)
    token = link_in(mailoutbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_hash
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)


def test_an_expired_link_creates_nothing(client, coordinator, idva_service, mailoutbox):
    invitation = invite(coordinator, idva_service)
    week_ago = timezone.now() - timedelta(days=7, minutes=1)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=week_ago, expires_at=week_ago + Invitation.VALID_FOR
    )
    link = link_in(mailoutbox[0])
    page = client.get(link)
    assert page.status_code == 410
    assert "ask your partnership coordinator to invite you again" in page.text.lower()
    users = get_user_model().objects.count()
    client.post(link, {"username": "lee", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert get_user_model().objects.count() == users
    assert not Membership.objects.filter(organisation=idva_service, user__username="lee").exists()


def test_a_link_works_once(client, coordinator, idva_service, mailoutbox):
    invite(coordinator, idva_service)
    link = link_in(mailoutbox[0])
    client.post(link, {"username": "lee", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    users = get_user_model().objects.count()
    again = client.post(
        link, {"username": "lee2", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert again.status_code == 410
    assert "already been used" in again.text
    assert get_user_model().objects.count() == users
    with pytest.raises(services.InvitationUnusable):
        services.invitation_accept(token=link.split("/")[-2], username="lee3", password="x")


def test_a_weak_password_is_refused_with_a_message_and_nothing_made(
    client, coordinator, idva_service, mailoutbox
):
    invite(coordinator, idva_service)
    link = link_in(mailoutbox[0])
    weak = {"username": "lee", "password1": "password", "password2": "password"}
    response = client.post(link, weak)
    assert "There is a problem" in response.text
    assert "too common" in response.text
    assert not get_user_model().objects.filter(username="lee").exists()
    assert client.get(link).status_code == 200  # still usable


def test_a_taken_username_is_refused(client, coordinator, idva_service, mailoutbox):
    invite(coordinator, idva_service)
    response = client.post(
        link_in(mailoutbox[0]),
        {"username": "Board", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert "That username is taken" in response.text
    assert (
        not Membership.objects.filter(organisation=idva_service, role="partner-lead")
        .exclude(user__username="idva-lead")
        .exists()
    )


def test_inviting_someone_with_an_account_adds_a_membership_not_a_user(
    client, police_lead, mailoutbox, django_user_model
):
    cp_coordinator = django_user_model.objects.get(username="cp-coordinator")
    cambs_peterborough = cp_coordinator.memberships.get().organisation.partnership
    organisation = cambs_peterborough.organisations.first()
    invite(cp_coordinator, organisation, email="Police-Lead@example.org")
    link = link_in(mailoutbox[0])
    users = django_user_model.objects.count()

    # Not signed in: asked to sign in as that account; posting makes nothing.
    page = client.get(link)
    assert "sign in as" in page.text.lower() or "Sign in to accept" in page.text
    assert "police-lead" in page.text
    client.post(link)
    assert not police_lead.memberships.filter(organisation=organisation).exists()

    client.force_login(police_lead)
    response = client.post(link, follow=True)
    assert "Welcome." in response.text
    assert django_user_model.objects.count() == users
    assert police_lead.memberships.filter(organisation=organisation, role="partner-lead").exists()
    assert police_lead.memberships.count() == 2


def test_someone_already_in_the_partnership_is_not_invited_again(
    client, coordinator, idva_service, mailoutbox
):
    client.force_login(coordinator)
    response = client.post(
        PEOPLE, invite_form(email="IDVA-LEAD@example.org", organisation=idva_service.pk)
    )
    assert "already in the partnership" in response.text
    assert mailoutbox == []
    assert not Invitation.objects.exists()


def test_bad_input_re_renders_with_errors_and_sends_nothing(client, coordinator, mailoutbox):
    client.force_login(coordinator)
    response = client.post(PEOPLE, invite_form(email="not an address", role=""))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Enter a valid email address." in response.text
    assert mailoutbox == []
    assert not Invitation.objects.exists()


def test_an_organisation_of_another_partnership_is_refused(
    client, coordinator, cheshire_east, mailoutbox
):
    client.force_login(coordinator)
    theirs = cheshire_east.organisations.first()
    response = client.post(PEOPLE, invite_form(organisation=theirs.pk))
    assert "Select a valid choice" in response.text
    with pytest.raises(services.PeopleError):
        invite(coordinator, theirs)
    assert mailoutbox == []


@pytest.mark.parametrize("who", ["cheshire_coordinator", "officer", "board_member", "police_lead"])
def test_nobody_but_the_partnerships_coordinator_manages_its_people(
    request, client, who, police_lead, idva_service, mailoutbox
):
    client.force_login(request.getfixturevalue(who))
    person = f"{PEOPLE}{police_lead.pk}/"
    assert client.get(PEOPLE).status_code == 404
    assert client.post(PEOPLE, invite_form(organisation=idva_service.pk)).status_code == 404
    assert client.get(person).status_code == 404
    membership = police_lead.memberships.get()
    assert client.post(person, {"membership": membership.pk, "role": "officer"}).status_code == 404
    assert client.post(f"{person}deactivate/", {"reason": "x"}).status_code == 404
    police_lead.refresh_from_db()
    assert police_lead.is_active
    assert police_lead.memberships.get().role == "partner-lead"
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_a_coordinator_cannot_open_someone_of_another_partnership(
    client, coordinator, cheshire_coordinator
):
    client.force_login(coordinator)
    assert client.get(f"{PEOPLE}{cheshire_coordinator.pk}/").status_code == 404
    response = client.post(f"{PEOPLE}{cheshire_coordinator.pk}/deactivate/", {"reason": ""})
    assert response.status_code == 404
    cheshire_coordinator.refresh_from_db()
    assert cheshire_coordinator.is_active


def test_the_people_page_lists_people_and_invitations(
    client, coordinator, idva_service, make_member, mailoutbox, django_assert_max_num_queries
):
    for number in range(15):
        make_member(f"extra-{number}", idva_service, "partner-lead")
        invite(coordinator, idva_service, email=f"extra-{number}@example.org")
    client.force_login(coordinator)
    # The session and its user, the partnership and the user's roles in it, the latest
    # changes, the people, the organisations to invite into, the invitations, the session's
    # save: the same however many people and invitations there are.
    with django_assert_max_num_queries(11):
        response = client.get(PEOPLE)
    text = response.text
    assert "<caption>People in the partnership</caption>" in text
    assert "Pat Police" in text and "police-lead@example.org" in text
    assert "Cambridgeshire Constabulary" in text
    assert "<caption>Invitations not yet accepted</caption>" in text
    expires = timezone.localdate() + timedelta(days=7)
    assert f"{expires.day} {expires:%B %Y}" in text


def test_a_role_change_is_recorded_with_who_and_shown(client, coordinator, police_lead):
    client.force_login(coordinator)
    membership = police_lead.memberships.get()
    response = client.post(
        f"{PEOPLE}{police_lead.pk}/", {"membership": membership.pk, "role": "officer"}, follow=True
    )
    assert "Pat Police is now officer for Cambridgeshire Constabulary." in response.text
    membership.refresh_from_db()
    assert membership.role == "officer"
    latest = membership.history.latest("history_date")
    assert latest.history_user == coordinator
    assert latest.history_change_reason == "Role changed from Partner lead to Officer."
    assert "Role changed from Partner lead to Officer." in response.text


def test_a_coordinator_cannot_change_their_own_role(client, coordinator):
    client.force_login(coordinator)
    membership = coordinator.memberships.get(organisation__partnership__slug="cambridgeshire")
    response = client.post(
        f"{PEOPLE}{coordinator.pk}/", {"membership": membership.pk, "role": "officer"}
    )
    assert "You cannot change your own role" in response.text
    membership.refresh_from_db()
    assert membership.role == "coordinator"


def test_deactivating_someone_in_one_partnership_stops_them_signing_in(
    client, coordinator, police_lead
):
    client.force_login(coordinator)
    response = client.post(
        f"{PEOPLE}{police_lead.pk}/deactivate/", {"reason": "Left in March"}, follow=True
    )
    assert "Pat Police is deactivated and can no longer sign in." in response.text
    police_lead.refresh_from_db()
    assert not police_lead.is_active
    assert "No: deactivated" in response.text
    latest = police_lead.memberships.get().history.latest("history_date")
    assert latest.history_user == coordinator
    assert latest.history_change_reason == "Account deactivated. Left in March"
    client.logout()
    assert sign_in(client, "police-lead", DEMO_PASSWORD).status_code == 200  # refused


def test_deactivating_someone_with_other_partnerships_only_removes_them_here(
    client, coordinator, django_user_model
):
    cp_coordinator = django_user_model.objects.get(username="cp-coordinator")
    client.force_login(cp_coordinator)
    response = client.post(
        f"/p/cambs-peterborough/people/{coordinator.pk}/deactivate/", {"reason": ""}, follow=True
    )
    assert "keep their other partnerships" in response.text
    coordinator.refresh_from_db()
    assert coordinator.is_active
    partnerships = set(
        coordinator.memberships.values_list("organisation__partnership__slug", flat=True)
    )
    assert partnerships == {"cambridgeshire"}
    gone = Membership.history.filter(user_id=coordinator.pk, history_type="-").get()
    assert gone.history_user == cp_coordinator
    assert gone.history_change_reason.startswith("Removed from Cambridgeshire and Peterborough")


def test_a_coordinator_cannot_deactivate_themself(client, coordinator):
    client.force_login(coordinator)
    response = client.post(f"{PEOPLE}{coordinator.pk}/deactivate/", {"reason": ""})
    assert "You cannot deactivate yourself" in response.text
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_the_dashboard_links_coordinators_to_people(client, coordinator, board_member):
    client.force_login(coordinator)
    assert 'href="/p/cambridgeshire/people/"' in client.get("/p/cambridgeshire/").text
    client.force_login(board_member)
    assert 'href="/p/cambridgeshire/people/"' not in client.get("/p/cambridgeshire/").text


def test_every_demo_user_has_an_example_org_address_and_cambs_peterborough_has_people(
    django_user_model,
):
    from indicators.demo import FIXTURES

    demo = json.loads((FIXTURES / "users.json").read_text())
    users = django_user_model.objects.filter(username__in=[person["username"] for person in demo])
    assert users.count() == len(demo) == 8
    assert all(user.email == f"{user.username}@example.org" for user in users)
    roles = set(
        Membership.objects.filter(organisation__partnership__slug="cambs-peterborough").values_list(
            "user__username", "role"
        )
    )
    assert {("cp-coordinator", "coordinator"), ("cp-board", "board-member")} <= roles


def test_an_administrators_account_is_left_to_the_admin(
    client, coordinator, idva_service, make_member
):
    admin = make_member("admin-in-partnership", idva_service, "officer")
    admin.is_staff = True
    admin.save()
    client.force_login(coordinator)
    response = client.post(f"{PEOPLE}{admin.pk}/deactivate/", {"reason": ""})
    assert "is an administrator" in response.text
    admin.refresh_from_db()
    assert admin.is_active


def test_a_role_of_another_person_cannot_be_changed_through_this_persons_page(
    client, coordinator, police_lead, idva_lead
):
    client.force_login(coordinator)
    theirs = idva_lead.memberships.get()
    response = client.post(
        f"{PEOPLE}{police_lead.pk}/", {"membership": theirs.pk, "role": "officer"}
    )
    assert "There is a problem" in response.text
    theirs.refresh_from_db()
    assert theirs.role == "partner-lead"


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite serialises writers itself; the row lock is what PostgreSQL must get right",
)
def test_one_link_used_twice_at_the_same_moment_makes_one_account(transactional_db, mailoutbox):
    from indicators.demo import demo_load

    demo_load(password=DEMO_PASSWORD)
    coordinator = get_user_model().objects.get(username="coordinator")
    invite(coordinator, coordinator.memberships.first().organisation)
    token = link_in(mailoutbox[0]).rstrip("/").rsplit("/", 1)[1]
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(username):
        barrier.wait()
        try:
            services.invitation_accept(token=token, username=username, password=NEW_PASSWORD)
            outcomes.append("accepted")
        except services.InvitationUnusable:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(name,)) for name in ("lee", "lee-again")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "refused"]
    assert get_user_model().objects.filter(username__startswith="lee").count() == 1


def test_a_persons_page_takes_a_handful_of_queries(
    client, coordinator, police_lead, django_assert_max_num_queries
):
    client.force_login(coordinator)
    person = f"{PEOPLE}{police_lead.pk}/"
    client.get(person)  # renews the session: not again within five minutes
    # session, user; partnership, memberships; the person; their memberships here and
    # elsewhere; the history of their roles
    with django_assert_max_num_queries(8):
        assert client.get(person).status_code == 200
