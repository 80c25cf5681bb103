"""Response headers for every page behind the login."""

from django.conf import settings


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
