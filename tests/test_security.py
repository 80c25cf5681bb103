"""Security settings a council's information governance team will ask about."""

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.test import Client

from tests.conftest import DEMO_PASSWORD


def test_every_response_carries_the_security_headers(client, board_member):
    client.force_login(board_member)
    response = client.get("/p/cambridgeshire/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "address",
    [
        "/p/cambridgeshire/",
        "/p/cambridgeshire/export/values.csv",
        "/p/cambridgeshire/export/board-pack.xlsx",
        "/p/cambridgeshire/indicators/police-da-incidents/table.csv",
    ],
)
def test_no_copy_is_kept_of_a_signed_in_page_or_download(client, officer, address):
    client.force_login(officer)
    response = client.get(address)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_browser_features_the_product_never_uses_are_switched_off(client, officer):
    client.force_login(officer)
    for address in (
        "/p/cambridgeshire/",
        "/p/cambridgeshire/export/values.csv",
        "/p/cambridgeshire/export/board-pack.xlsx",
    ):
        policy = client.get(address)["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy
    assert "camera=()" in Client().get("/accounts/login/")["Permissions-Policy"]


def test_static_files_keep_their_long_cache_for_a_signed_in_person(officer, settings):
    settings.WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60  # as for the hashed names in production
    settings.WHITENOISE_USE_FINDERS = True  # tests have no collected folder
    client = Client()  # a new one, so WhiteNoise reads these settings
    client.force_login(officer)
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=31536000, public"


def test_the_public_accessibility_statement_may_be_cached(client):
    assert "Cache-Control" not in client.get("/accessibility/")


def test_a_session_ends_after_a_working_day_without_activity(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert "strategy.middleware.SessionRenewalMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_COOKIE_HTTPONLY


def test_using_the_product_renews_the_session_at_most_every_five_minutes(client, board_member):
    client.force_login(board_member)
    client.get("/p/cambridgeshire/")
    session = Session.objects.get(session_key=client.session.session_key)
    client.get("/p/cambridgeshire/actions/")
    again = Session.objects.get(session_key=session.session_key)
    assert again.expire_date == session.expire_date  # not written again within five minutes
    stored = client.session
    stored["renewed_at"] -= 5 * 60  # as if the last renewal were five minutes ago
    stored.save()
    before = Session.objects.get(session_key=session.session_key).expire_date
    client.get("/p/cambridgeshire/actions/")
    renewed = Session.objects.get(session_key=session.session_key)
    assert renewed.expire_date > before
    assert renewed.get_decoded()["renewed_at"] > stored["renewed_at"]


def test_repeated_failed_logins_lock_the_account_and_the_lock_is_logged(db, caplog):
    client = Client()
    with caplog.at_level(logging.WARNING, logger="axes"):
        for _ in range(5):
            client.post("/accounts/login/", {"username": "board", "password": "wrong"})
        locked = client.post("/accounts/login/", {"username": "board", "password": DEMO_PASSWORD})
    assert locked.status_code == 429 or locked.status_code == 403
    assert "Signing in is paused" in locked.content.decode()
    assert any("locked out" in r.getMessage() and "board" in r.getMessage() for r in caplog.records)


def sign_in(client, password: str, address: str, username: str = "police-lead"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=address,
    )


def test_behind_one_proxy_a_lockout_holds_the_attackers_address_and_not_the_users(db, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker, lead = Client(), Client()
    for _ in range(5):
        sign_in(attacker, "wrong", "203.0.113.9")
    assert sign_in(attacker, DEMO_PASSWORD, "203.0.113.9").status_code == 429
    # Claiming another address to the left of what the proxy appended changes nothing.
    assert sign_in(attacker, DEMO_PASSWORD, "198.51.100.7, 203.0.113.9").status_code == 429
    response = sign_in(lead, DEMO_PASSWORD, "198.51.100.7")
    assert response.status_code == 302 and response["Location"] == "/"
    colleague = sign_in(Client(), DEMO_PASSWORD, "203.0.113.9", username="idva-lead")
    assert colleague.status_code == 302  # another username from that address is not held
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


def test_with_no_trusted_proxy_the_forwarded_header_is_never_believed(db, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client()
    for number in range(5):
        sign_in(client, "wrong", f"203.0.113.{number}")
    assert sign_in(client, DEMO_PASSWORD, "198.51.100.7").status_code == 429
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"  # the connection's own


def test_an_administrator_can_still_reset_a_password_in_the_admin(
    client, police_lead, django_user_model
):
    staff = django_user_model.objects.create_user("staff", is_staff=True, is_superuser=True)
    client.force_login(staff)
    new = "a-new-password-for-the-lead-9471"
    response = client.post(
        f"/admin/auth/user/{police_lead.pk}/password/",
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert response.status_code == 302
    client.logout()
    signed_in = client.post("/accounts/login/", {"username": "police-lead", "password": new})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/"


def test_the_admin_is_only_for_staff(client, coordinator, django_user_model):
    client.force_login(coordinator)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    staff = django_user_model.objects.create_user("staff", is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get("/admin/indicators/value/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/p/cambridgeshire/returns/2015-16-q4/cambridgeshire-constabulary/",
        "/p/cambridgeshire/import/",
        "/p/cambridgeshire/returns/2015-16-q4/",
        "/accounts/logout/",
    ],
)
def test_a_post_without_its_csrf_token_is_refused_and_changes_nothing(
    police_lead, coordinator, url
):
    from indicators.models import QuarterLock, Value

    before = (Value.objects.count(), QuarterLock.objects.count())
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(url, {"version": 0, "police-da-incidents.whole-figure": "1"})
    assert response.status_code == 403
    assert (Value.objects.count(), QuarterLock.objects.count()) == before
