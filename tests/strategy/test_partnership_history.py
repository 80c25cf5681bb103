"""A partnership's benchmark and signal settings change what other partnerships see and how
every signal is read: each change is kept with the value it replaced, who made it and when."""

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from strategy.models import Partnership


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "x")


def admin_form(partnership: Partnership, **changes) -> dict:
    """The admin's change form as posted: every field, unticked boxes left out."""
    data = {**model_to_dict(partnership), **changes}
    return {
        name: value
        for name, value in data.items()
        if name != "id" and value is not None and value is not False
    }


def test_a_change_of_settings_in_the_admin_keeps_the_old_values_with_who_and_when(
    client, cambridgeshire, admin_user
):
    assert not cambridgeshire.shares_benchmarks and cambridgeshire.signal_baseline is None
    client.force_login(admin_user)
    before = timezone.now()
    response = client.post(
        f"/admin/strategy/partnership/{cambridgeshire.pk}/change/",
        admin_form(
            cambridgeshire,
            shares_benchmarks=True,
            signal_baseline_from=2012,
            signal_baseline_to=2014,
            percentage_points_tolerance="12.5",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    new, old = cambridgeshire.history.order_by("-history_date", "-history_id")[:2]
    assert (new.shares_benchmarks, new.signal_baseline_from, new.signal_baseline_to) == (
        True,
        2012,
        2014,
    )
    assert str(new.percentage_points_tolerance) == "12.50"
    assert (old.shares_benchmarks, old.signal_baseline_from, old.signal_baseline_to) == (
        False,
        None,
        None,
    )
    assert old.percentage_points_tolerance == cambridgeshire.percentage_points_tolerance
    assert new.history_user == admin_user
    assert before <= new.history_date <= timezone.now()
    page = client.get(f"/admin/strategy/partnership/{cambridgeshire.pk}/history/")
    assert "admin" in page.content.decode() and "12.50" in page.content.decode()


def test_opting_out_of_benchmarks_is_kept_with_who(client, cambridgeshire, admin_user):
    Partnership.objects.filter(pk=cambridgeshire.pk).update(shares_benchmarks=True)
    cambridgeshire.refresh_from_db()
    client.force_login(admin_user)
    client.post(
        f"/admin/strategy/partnership/{cambridgeshire.pk}/change/",
        admin_form(cambridgeshire, shares_benchmarks=False),
    )
    latest = cambridgeshire.history.latest("history_date")
    assert latest.shares_benchmarks is False and latest.history_user == admin_user
    assert latest.history_type == "~"
