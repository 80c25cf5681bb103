"""Response headers for every page behind the login, and the session kept alive by use."""

import time

from django.conf import settings

# How often a signed-in person's session is renewed while they use the product: a session
# written on every page view costs every page a database write.
SESSION_RENEWED_EVERY = 5 * 60  # seconds


class PrivatePagesMiddleware:
    """No browser or proxy keeps a copy of what a signed-in person saw or downloaded (a shared
    council PC's back button, a proxy's cache), and browser features the product never uses
    (camera, microphone, location, payment and the like) are switched off.

    Static files are answered before this runs (WhiteNoise) and keep their long cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class SessionRenewalMiddleware:
    """A session ends after `SESSION_COOKIE_AGE` without activity: each page view renews it,
    at most once every five minutes (so a working day idle ends it within five minutes of
    eight hours), rather than writing the session on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get("renewed_at", 0) >= SESSION_RENEWED_EVERY:
                request.session["renewed_at"] = now  # modified: saved with a new expiry
        return self.get_response(request)
