"""Every address against every role: what each may open, and nothing of another partnership's.

The table below is the whole contract. A new address that is not in it fails
`test_every_address_is_in_the_table`, so no page can be added without deciding who may see it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from indicators.models import Value
from indicators.periods import Period
from strategy.models import Action

ROLES = ("anonymous", "lead_a", "lead_b", "board", "officer", "other_coordinator", "coordinator")
USERS = {
    "lead_a": "police-lead",  # the organisation whose return and action are used below
    "lead_b": "idva-lead",
    "board": "board",
    "officer": "officer",
    "other_coordinator": "cheshire-coordinator",
    "coordinator": "coordinator",
}
LOGIN = 302  # anonymous users are sent to sign in
MEMBERS = (LOGIN, 200, 200, 200, 200, 404, 200)
READERS = (LOGIN, 404, 404, 200, 200, 404, 200)  # board, officer, coordinator
EXPORTERS = (LOGIN, 404, 404, 404, 200, 404, 200)  # officer, coordinator
OWN_ORGANISATION = (LOGIN, 200, 404, 200, 200, 404, 200)
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405)

# name: (status of a GET for each role in ROLES)
EXPECTED = {
    "home": (LOGIN, 200, 200, 200, 200, 200, 200),
    "accessibility": (200, 200, 200, 200, 200, 200, 200),
    "partnership": MEMBERS,
    "meeting": MEMBERS,
    "indicator": MEMBERS,
    "indicator-table": MEMBERS,
    "values-export": EXPORTERS,
    "board-pack": EXPORTERS,
    "values-import": EXPORTERS,
    "completeness": MEMBERS,  # a partner lead sees only their own organisation's row
    "return": OWN_ORGANISATION,
    "return-download": OWN_ORGANISATION,
    "return-review": POST_ONLY,
    "return-upload": POST_ONLY,
    "value-follow-up": POST_ONLY,
    "actions": MEMBERS,
    "actions-export": MEMBERS,
    "action": MEMBERS,
    "action-end": (LOGIN, 302, 302, 302, 302, 404, 302),  # a GET goes back to the action
    "standards": READERS,
    "standards-export": READERS,
    "self-assessment": OWN_ORGANISATION,
}
# Django's own pages, tested by Django: sign-in, sign-out, password change and reset, admin.
NOT_OURS = ("admin", "accounts/")


def our_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(NOT_OURS):
            continue
        if isinstance(pattern, URLResolver):
            yield from our_patterns(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield pattern.name, route


def test_every_address_is_in_the_table():
    names = {name for name, _ in our_patterns()}
    missing = names - set(EXPECTED)
    assert not missing, f"Add these addresses to EXPECTED, deciding who may open them: {missing}"
    assert not set(EXPECTED) - names, "EXPECTED names an address that no longer exists"


@pytest.fixture
def address(cambridgeshire):
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    action = Action.objects.create(
        objective=cambridgeshire.strategies.get().objectives.first(),
        area_for_development="Led by the police",
        lead_organisation=police,
    )
    value = Value.objects.filter(indicator__partnership=cambridgeshire).first()
    arguments = {
        "partnership": "cambridgeshire",
        "quarter": Period(2015, 4),
        "organisation": "cambridgeshire-constabulary",
        "code": "police-da-incidents",
        "fmt": "csv",
    }

    def build(name: str) -> str:
        pattern = next(route for n, route in our_patterns() if n == name)
        kwargs = {key: value for key, value in arguments.items() if f":{key}>" in pattern}
        if "<int:pk>" in pattern:
            kwargs["pk"] = value.pk if name == "value-follow-up" else action.pk
        return reverse(name, kwargs=kwargs)

    return build


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_each_address_for_each_role(client, django_user_model, address, name, role):
    if role != "anonymous":
        client.force_login(django_user_model.objects.get(username=USERS[role]))
    expected = EXPECTED[name][ROLES.index(role)]
    response = client.get(address(name))
    assert response.status_code == expected, f"{role} GET {address(name)}"
