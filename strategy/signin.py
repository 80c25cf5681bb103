"""Signing in: where a sign-in comes from (the address login throttling holds failures
against), and the e-mailed link that resets a forgotten password."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies that each append
    to X-Forwarded-For, that many entries from its right.

    Only what the trusted proxies appended is believed: anything further left was sent by the
    client and may be made up, so an attacker cannot lock someone else out by claiming their
    address, nor escape a lockout by claiming a new one each time.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies == 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < proxies:
        return remote  # not through the proxies: the connection's own address
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return remote


class ResetForm(PasswordResetForm):
    """Django's password reset, its e-mailed link made from SITE_URL: the request's Host header
    is whatever the person asking sent, and a link to their host would hand them the token."""

    def save(self, **options):
        site = urlsplit(settings.SITE_URL)
        options |= {"domain_override": site.netloc, "use_https": site.scheme == "https"}
        return super().save(**options)
