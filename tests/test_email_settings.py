"""EMAIL_URL: one address for the mail server, read into Django's settings or refused by name."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import email_settings, env_url
from tests.test_settings import manage


def test_smtp_with_credentials_and_port():
    settings = email_settings("smtp://mailer:s%40cret@mail.example.org:2525")
    assert settings == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "s@cret",  # percent-encoded in the address
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp://localhost", 25, False, False),
        ("smtp+tls://relay.example.org", 587, True, False),
        ("smtp+ssl://relay.example.org", 465, False, True),
    ],
)
def test_each_scheme_has_its_port_and_encryption(url, port, tls, ssl):
    settings = email_settings(url)
    assert (settings["EMAIL_PORT"], settings["EMAIL_USE_TLS"], settings["EMAIL_USE_SSL"]) == (
        port,
        tls,
        ssl,
    )
    assert settings["EMAIL_HOST_USER"] == settings["EMAIL_HOST_PASSWORD"] == ""


def test_console_prints_messages():
    assert email_settings("console://") == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"
    }


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("imap://mail.example.org", "must start with smtp://"),
        ("mail.example.org:25", "must start with smtp://"),
        ("smtp://mail.example.org:port", "port that is not a number"),
        ("smtp://mail.example.org:99999", "port that is not a number"),
        ("smtp://", "must name the mail server"),
    ],
)
def test_a_bad_address_is_refused_by_name(url, says):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL") as error:
        email_settings(url)
    assert says in str(error.value)


def test_site_url_must_be_an_absolute_address(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://monitor.example.gov.uk/")
    assert env_url("SITE_URL", "http://localhost:8000") == "https://monitor.example.gov.uk"
    monkeypatch.setenv("SITE_URL", "monitor.example.gov.uk")
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        env_url("SITE_URL", "http://localhost:8000")


def test_the_server_refuses_to_start_with_a_bad_email_url():
    result = manage("check", DEBUG="1", EMAIL_URL="smtp://mail.example.org:port")
    assert result.returncode != 0
    assert "EMAIL_URL has a port that is not a number" in result.stderr
