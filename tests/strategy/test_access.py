"""strategy/access.py beyond the pages: a person's access in every partnership at once, the
duties their roles give them (tasks, e-mails), and who reads draft narratives."""

import pytest
from django.contrib.auth.models import AnonymousUser

from strategy.access import (
    access_for,
    accesses_for,
    coordinated_partnerships,
    partner_leads,
)
from strategy.models import Action, Membership, Partnership


def test_a_persons_accesses_are_those_of_each_partnership_in_one_query(
    coordinator, police_lead, django_assert_num_queries
):
    with django_assert_num_queries(1):
        accesses = accesses_for(coordinator)
    slugs = {access.partnership.slug for access in accesses.values()}
    assert slugs == {"cambridgeshire", "cambs-peterborough"}
    for pk, access in accesses.items():
        assert access == access_for(coordinator, Partnership.objects.get(pk=pk))
    [lead] = accesses_for(police_lead).values()
    assert lead.lead_of == {
        lead.partnership.organisations.get(slug="cambridgeshire-constabulary").pk
    }


def test_someone_signed_out_has_no_access_anywhere():
    assert accesses_for(AnonymousUser()) == {}


def test_only_a_held_coordinator_role_gives_the_coordinators_tasks(
    cambridgeshire, coordinator, police_lead, make_member
):
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    admin = make_member("admin-lead", police, Membership.Role.PARTNER_LEAD)
    admin.is_superuser = True
    admin.save()
    assert access_for(coordinator, cambridgeshire).coordinates
    assert not access_for(police_lead, cambridgeshire).coordinates
    superuser = access_for(admin, cambridgeshire)
    assert superuser.is_coordinator and not superuser.coordinates


@pytest.mark.parametrize(
    ("who", "prepares", "drafts"),
    [
        ("board_member", True, False),
        ("officer", True, True),
        ("coordinator", False, True),
        ("police_lead", False, False),
    ],
)
def test_who_prepares_for_the_board_and_who_reads_draft_narratives(
    request, cambridgeshire, who, prepares, drafts
):
    access = access_for(request.getfixturevalue(who), cambridgeshire)
    assert access.prepares_for_the_board is prepares
    assert access.sees_draft_narratives is drafts


def test_an_action_is_led_by_its_organisations_lead_and_its_lead_officer(
    cambridgeshire, police_lead, idva_lead, coordinator
):
    objective = cambridgeshire.strategies.get().objectives.get(code="protect")
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    action = Action.objects.create(
        objective=objective, area_for_development="Leads", lead_organisation=police
    )
    assert access_for(police_lead, cambridgeshire).leads_action(action)
    assert not access_for(idva_lead, cambridgeshire).leads_action(action)
    assert not access_for(coordinator, cambridgeshire).leads_action(action)
    assert access_for(coordinator, cambridgeshire).can_update_action(action)
    action.lead_officer_user = idva_lead
    assert access_for(idva_lead, cambridgeshire).leads_action(action)


def test_a_returns_news_goes_to_its_organisations_partner_leads_only(cambridgeshire, police_lead):
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    assert list(partner_leads(police)) == [police_lead]


def test_the_partnerships_each_person_coordinates_come_in_one_query(
    coordinator, cheshire_coordinator, police_lead, django_assert_num_queries
):
    with django_assert_num_queries(1):
        coordinated = coordinated_partnerships()
    slugs = set(
        Partnership.objects.filter(pk__in=coordinated[coordinator.pk]).values_list(
            "slug", flat=True
        )
    )
    assert slugs == {"cambridgeshire", "cambs-peterborough"}
    assert police_lead.pk not in coordinated
    assert cheshire_coordinator.pk in coordinated
