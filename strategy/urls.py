from django.urls import path

from strategy import views

urlpatterns = [
    path("actions/", views.actions, name="actions"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/end/", views.action_end, name="action-end"),
    path(
        "narrative/<slug:strategy>/<slug:objective>/<str:quarter>/",
        views.narrative_edit,
        name="narrative",
    ),
    path("standards/", views.standards_matrix, name="standards"),
    path("standards/<slug:organisation>/", views.self_assessment, name="self-assessment"),
]
