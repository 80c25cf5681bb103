from django.contrib import admin
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from indicators.views import message_preferences

# Signing in and out and changing one's password. No self-service reset: no mail is sent, so
# a coordinator resets a forgotten password in the admin (README, Production).
accounts = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password_change/", auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("notifications/", message_preferences, name="message-preferences"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accessibility/",
        login_not_required(TemplateView.as_view(template_name="accessibility.html")),
        name="accessibility",
    ),
    path("accounts/", include(accounts)),
    path("p/<slug:partnership>/", include("indicators.urls")),
    path("p/<slug:partnership>/", include("strategy.urls")),
    path("", include("dashboard.urls")),
]
