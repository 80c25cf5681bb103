from django.urls import path

from strategy import views

urlpatterns = [
    path("actions/", views.actions, name="actions"),
]
