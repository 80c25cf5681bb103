"""Shared fixtures: the demo data loaded once per test database, and a user per role."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from strategy.models import Membership, Organisation, Partnership

DEMO_PASSWORD = "demo-password-for-tests"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo data, transcribed from the papers, on either database."""
    with django_db_blocker.unblock():
        from indicators.demo import demo_load

        demo_load(password=DEMO_PASSWORD)


@pytest.fixture
def cambridgeshire(db) -> Partnership:
    return Partnership.objects.get(slug="cambridgeshire")


@pytest.fixture
def cheshire_east(db) -> Partnership:
    return Partnership.objects.get(slug="cheshire-east")


def _demo_user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def coordinator(db):
    return _demo_user("coordinator")


@pytest.fixture
def officer(db):
    return _demo_user("officer")


@pytest.fixture
def board_member(db):
    return _demo_user("board")


@pytest.fixture
def police_lead(db):
    return _demo_user("police-lead")


@pytest.fixture
def idva_lead(db):
    return _demo_user("idva-lead")


@pytest.fixture
def cheshire_coordinator(db):
    return _demo_user("cheshire-coordinator")


@pytest.fixture
def make_member(db):
    """A new user with one role in one organisation."""

    def make(username: str, organisation: Organisation, role: str):
        user = get_user_model().objects.create_user(username, password=DEMO_PASSWORD)
        Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def load_demo_command(db):
    def run() -> None:
        call_command("load_demo", stdout=io.StringIO())

    return run
