"""Signing in: where a sign-in comes from (the address login throttling holds failures
against), and the e-mailed link that resets a forgotten password, its requests throttled."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.http import HttpRequest
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit

# Requests for a reset link an hour, from one client address (a council's offices may share
# one) and for one e-mail address (a person who asks again may have mistyped once or twice).
RESETS_FROM_ONE_ADDRESS = "20/h"
RESETS_FOR_ONE_EMAIL = "3/h"
RESET_THROTTLED = (
    "Too many reset links have been asked for from here or for this address. Wait an hour and "
    "try again, or ask your partnership coordinator."
)


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


def reset_email(group: str, request: HttpRequest) -> str:
    """The e-mail address a reset is asked for, as the reset looks it up (letter case and
    spaces aside), so that writing it another way is not a fresh start."""
    return request.POST.get("email", "").strip().lower()


def reset_client(group: str, request: HttpRequest) -> str:
    """The client's address as sign-in throttling reads it; one shared count for requests
    without one (a unix socket with no proxy header), rather than the library failing."""
    return client_address(request) or "unknown"


def reset_email_rate(group: str, request: HttpRequest) -> str | None:
    """No count for a form sent without an address: it asks for nobody's link."""
    return RESETS_FOR_ONE_EMAIL if reset_email(group, request) else None


def _counted(group: str, key, rate):
    """Each request for a link counted, never refused by the library: the view answers."""
    return method_decorator(
        ratelimit(group=group, key=key, rate=rate, method="POST", block=False), name="post"
    )


@_counted("password-reset-address", reset_client, RESETS_FROM_ONE_ADDRESS)
@_counted("password-reset-email", reset_email, reset_email_rate)
class ResetView(PasswordResetView):
    """Django's reset page, each request counted against the client's address and the e-mail
    address asked for: over either limit, the page says so and sends nothing, in the same
    words whether or not the address has an account."""

    def post(self, request, *args, **kwargs):
        if request.limited:
            form = self.get_form()
            form.add_error(None, RESET_THROTTLED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)
