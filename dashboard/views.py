"""The board's read-only pages."""

from django.shortcuts import get_object_or_404, render

from dashboard import selectors


def home(request):
    partnerships = selectors.partnerships_with_plans(request.user)
    return render(request, "dashboard/home.html", {"partnerships": partnerships})


def partnership_detail(request, partnership: str):
    found = get_object_or_404(selectors.partnerships_with_plans(request.user), slug=partnership)
    return render(request, "dashboard/partnership.html", {"partnership": found})
