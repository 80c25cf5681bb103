"""The database itself refuses what must never be stored, on SQLite and PostgreSQL alike."""

import pytest
from django.db import IntegrityError, transaction

from strategy.models import Membership, Objective, Organisation, Strategy


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_organisation_slugs_are_unique_in_a_partnership(cambridgeshire, cheshire_east):
    assert refused(
        lambda: Organisation.objects.create(
            partnership=cambridgeshire,
            slug="cambridgeshire-constabulary",
            name="Twin",
            type="police",
        )
    )
    Organisation.objects.create(
        partnership=cheshire_east, slug="cambridgeshire-constabulary", name="Twin", type="police"
    )


def test_organisation_type_must_be_known(cambridgeshire):
    assert refused(
        lambda: Organisation.objects.create(
            partnership=cambridgeshire, slug="x", name="X", type="bakery"
        )
    )


def test_strategy_slugs_are_unique_in_a_partnership(cambridgeshire):
    assert refused(
        lambda: Strategy.objects.create(
            partnership=cambridgeshire,
            slug="domestic-abuse-2014-2018",
            title="Again",
            start_year=2014,
            end_year=2018,
        )
    )


def test_a_strategy_cannot_end_before_it_starts(cambridgeshire):
    assert refused(
        lambda: Strategy.objects.create(
            partnership=cambridgeshire, slug="backwards", title="B", start_year=2018, end_year=2014
        )
    )


def test_objective_codes_are_unique_in_a_strategy(cambridgeshire):
    strategy = cambridgeshire.strategies.get()
    assert refused(
        lambda: Objective.objects.create(
            strategy=strategy, code="prevent", theme="Prevent", statement="Again"
        )
    )


def test_a_role_is_held_once_per_organisation(police_lead):
    membership = police_lead.memberships.get()
    assert refused(
        lambda: Membership.objects.create(
            user=police_lead, organisation=membership.organisation, role=membership.role
        )
    )
    assert refused(
        lambda: Membership.objects.create(
            user=police_lead, organisation=membership.organisation, role="chief"
        )
    )


@pytest.mark.parametrize("status", ["open", "complete", "carried-forward"])
def test_actions_take_only_known_statuses(cambridgeshire, status):
    action = cambridgeshire.strategies.get().objectives.first().actions.first()
    action.status = status
    action.save()
    action.status = "abandoned"
    assert refused(action.save)
