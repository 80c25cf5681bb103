from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("p/<slug:partnership>/", include("indicators.urls")),
    path("p/<slug:partnership>/", include("strategy.urls")),
    path("", include("dashboard.urls")),
]
