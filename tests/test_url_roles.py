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
COORDINATORS = (LOGIN, 404, 404, 404, 404, 404, 200)
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405)
NOBODY = (404,) * len(ROLES)

# name: (status of a GET for each role in ROLES)
EXPECTED = {
    "home": (LOGIN, 200, 200, 200, 200, 200, 200),
    "accessibility": (200, 200, 200, 200, 200, 200, 200),
    "partnership": MEMBERS,
    "meeting": MEMBERS,
    "indicator": MEMBERS,
    "indicator-table": MEMBERS,
    "indicator-benchmark": MEMBERS,  # rates of partnerships that share them, never counts
    "values-export": EXPORTERS,
    "board-pack": EXPORTERS,
    "board-report": EXPORTERS,
    "board-report-word": EXPORTERS,
    "values-import": EXPORTERS,
    "export-records": COORDINATORS,  # who exported what, when
    "sent-messages": COORDINATORS,  # the e-mails sent to the partnership's people
    "completeness": MEMBERS,  # a partner lead sees only their own organisation's row
    "return": OWN_ORGANISATION,
    "return-download": OWN_ORGANISATION,
    "return-review": POST_ONLY,
    # A coordinator's correction of a handed-in return; an open one goes back to its page.
    "return-correct": (LOGIN, 302, 404, 404, 404, 404, 302),
    "quarter-lock": COORDINATORS,  # the confirmation before locking a quarter
    "return-upload": POST_ONLY,
    "value-follow-up": POST_ONLY,
    "value-delete": COORDINATORS,  # a GET shows the figure and asks why
    "actions": MEMBERS,
    "actions-export": MEMBERS,
    "action": MEMBERS,
    "action-end": (LOGIN, 302, 302, 302, 302, 404, 302),  # a GET goes back to the action
    "standards": READERS,
    "standards-export": READERS,
    "self-assessment": OWN_ORGANISATION,
    "people": COORDINATORS,  # the partnership's people and invitations; inviting
    "person": COORDINATORS,  # a person of the partnership; changing their role
    "person-deactivate": (LOGIN, 404, 404, 404, 404, 404, 302),  # a GET goes back to the person
    "action-lead": (LOGIN, 404, 404, 404, 404, 404, 302),  # a GET goes back to the action
    "narrative": EXPORTERS,  # officers and coordinators write the quarter's narrative
    "annual-report": COORDINATORS,  # publishes the public annual report
    "public-report": NOBODY,  # open without a login only once published (none is, here)
    "public-report-pdf": NOBODY,
}
# Django's own pages, tested by Django: sign-in, sign-out, password change and reset, admin;
# and accepting an invitation (tests/strategy/test_people.py). Those open without signing in
# are checked below.
NOT_OURS = ("admin", "accounts/")
OPEN_WITHOUT_SIGNING_IN = {
    "login": 200,
    "password_reset": 200,
    "password_reset_done": 200,
    "password_reset_complete": 200,
    "invitation": 410,  # a made-up link: the page saying it cannot be used
}


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
        "strategy": "domestic-abuse-2014-2018",
        "objective": "prevent",
    }

    def build(name: str) -> str:
        pattern = next(route for n, route in our_patterns() if n == name)
        kwargs = {key: value for key, value in arguments.items() if f":{key}>" in pattern}
        if "<str:year>" in pattern:
            kwargs["year"] = "2015-16"
        if "<str:quarter>" in pattern:
            kwargs["quarter"] = arguments["quarter"].slug  # as an address writes it
        if "<int:pk>" in pattern:
            kwargs["pk"] = value.pk if name.startswith("value-") else action.pk
            if name.startswith("person"):
                kwargs["pk"] = police.memberships.get().user_id
        return reverse(name, kwargs=kwargs)

    return build


@pytest.mark.parametrize("name", sorted(OPEN_WITHOUT_SIGNING_IN))
def test_the_pages_to_sign_in_reset_and_accept_open_without_signing_in(db, client, name):
    args = ["made-up-token"] if name == "invitation" else []
    assert client.get(reverse(name, args=args)).status_code == OPEN_WITHOUT_SIGNING_IN[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_each_address_for_each_role(client, django_user_model, address, name, role):
    if role != "anonymous":
        client.force_login(django_user_model.objects.get(username=USERS[role]))
    expected = EXPECTED[name][ROLES.index(role)]
    response = client.get(address(name))
    assert response.status_code == expected, f"{role} GET {address(name)}"


# Who may change something through each address that takes a POST (their POSTs are tested
# with each feature). Everyone else's POST, however well formed, must change nothing.
MAY_POST = {
    "return": {"lead_a", "coordinator"},
    "return-review": {"coordinator"},
    "return-upload": set(),  # fills the form in; it saves nothing by itself
    "value-follow-up": {"coordinator"},
    "value-delete": {"coordinator"},
    "values-import": {"officer", "coordinator"},
    "completeness": {"coordinator"},  # unlocks the quarter
    "quarter-lock": {"coordinator"},
    "return-correct": {"coordinator"},
    "action": {"lead_a", "coordinator"},
    "action-end": {"lead_a", "coordinator"},
    "self-assessment": {"lead_a", "coordinator"},
    "people": {"coordinator"},
    "person": {"coordinator"},
    "person-deactivate": {"coordinator"},
    "action-lead": {"coordinator"},
    "narrative": {"officer", "coordinator"},
    "annual-report": {"coordinator"},
}


def snapshot() -> tuple:
    from django.contrib.auth import get_user_model

    from indicators.models import AnnualReport, QuarterLock, Return
    from strategy.models import Invitation, Membership, Narrative, RagUpdate, SelfAssessment

    return (
        list(Value.objects.order_by("pk").values_list("pk", "value", "version", "follow_up")),
        list(Return.objects.order_by("pk").values_list("pk", "status", "version")),
        QuarterLock.objects.count(),
        list(RagUpdate.objects.values_list("pk", "rag")),
        list(
            Action.objects.order_by("pk").values_list(
                "pk", "status", "lead_officer", "lead_officer_user"
            )
        ),
        SelfAssessment.objects.count(),
        Invitation.objects.count(),
        list(Membership.objects.order_by("pk").values_list("pk", "role")),
        list(get_user_model().objects.order_by("pk").values_list("pk", "is_active")),
        list(Narrative.objects.order_by("pk").values_list("pk", "text", "state", "version")),
        list(AnnualReport.objects.values_list("pk", "published")),
    )


def post_data(name: str) -> dict:
    """A well-formed POST for each address, as its rightful user would send it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from strategy.models import Organisation

    police = Organisation.objects.get(
        partnership__slug="cambridgeshire", slug="cambridgeshire-constabulary"
    )
    csv = (
        b"partnership,indicator,period,breakdown,value,status,note\n"
        b"cambridgeshire,police-da-incidents,2016/17 Q1,,1800,,\n"
    )
    return {
        "return": {
            "version": 0,
            "action": "save",
            "police-da-incidents.whole-figure": "1790",
        },
        "return-review": {"decision": "approve"},
        "return-correct": {
            "version": 1,
            "action": "save",
            "police-da-incidents.whole-figure": "1790",
            "reason": "Figure re-run",
        },
        "quarter-lock": {"reason": "Signed off", "confirm": "on"},
        "return-upload": {"file": SimpleUploadedFile("r.csv", csv), "version": 0},
        "value-follow-up": {"follow_up": "on"},
        "value-delete": {"reason": "Entered in error"},
        "values-import": {"file": SimpleUploadedFile("v.csv", csv)},
        "completeness": {},
        "action": {"period": "2015/16 Q3", "rag": "green"},
        "action-end": {"end": "complete", "outcome": "Done"},
        "self-assessment": {"completed_on": "2015-06-01"},
        "people": {
            "name": "Lee Lead",
            "email": "lee.lead@example.org",
            "organisation": police.pk,
            "role": "partner-lead",
        },
        "person": {"membership": police.memberships.get().pk, "role": "officer"},
        "person-deactivate": {"reason": "Left"},
        "action-lead": {"lead_officer_user": police.memberships.get().user_id},
        "narrative": {"text": "The quarter went well.", "state": "final", "version": 0},
        "annual-report": {"indicators": ["police-da-incidents"], "published": "on"},
    }[name]


@pytest.mark.parametrize(
    ("name", "role"),
    [(name, role) for name in sorted(MAY_POST) for role in ROLES if role not in MAY_POST[name]],
)
def test_a_post_by_anyone_not_allowed_changes_nothing(
    client, django_user_model, address, cambridgeshire, name, role
):
    from indicators.models import Return
    from strategy.models import Organisation

    police = Organisation.objects.get(
        partnership=cambridgeshire, slug="cambridgeshire-constabulary"
    )
    Return.objects.get_or_create(
        organisation=police, period=Period(2015, 4), defaults={"status": "submitted", "version": 1}
    )
    if role != "anonymous":
        client.force_login(django_user_model.objects.get(username=USERS[role]))
    before = snapshot()
    response = client.post(address(name), post_data(name))
    assert response.status_code in (302, 200, 403, 404, 405)
    assert snapshot() == before, f"{role} POST {address(name)} changed data"
