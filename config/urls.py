from django.contrib import admin
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from indicators.views import message_preferences
from strategy.people.views import invitation_accept
from strategy.signin import ResetForm, ResetView

# Signing in and out, changing one's password, resetting a forgotten one by e-mail (a link
# that works once; the same answer whether or not the address has an account), and accepting
# an invitation. Django's views, our templates (templates/registration).
RESET_EMAIL = {
    "form_class": ResetForm,  # the link's address from SITE_URL, never the request's Host
    "email_template_name": "registration/password_reset_email.txt",
    "html_email_template_name": "registration/password_reset_email.html",
    "subject_template_name": "registration/password_reset_subject.txt",
}
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
    path("password_reset/", ResetView.as_view(**RESET_EMAIL), name="password_reset"),
    path(
        "password_reset/done/",
        auth.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reset/done/", auth.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitation/<str:token>/", invitation_accept, name="invitation"),
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
