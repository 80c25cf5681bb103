from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accessibility/",
        login_not_required(TemplateView.as_view(template_name="accessibility.html")),
        name="accessibility",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("p/<slug:partnership>/", include("indicators.urls")),
    path("p/<slug:partnership>/", include("strategy.urls")),
    path("", include("dashboard.urls")),
]
