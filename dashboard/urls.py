from django.urls import path

from dashboard import views

urlpatterns = [
    path("", views.home, name="home"),
    path("p/<slug:partnership>/", views.partnership_detail, name="partnership"),
]
