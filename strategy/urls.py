from django.urls import path

from strategy import views
from strategy.people import views as people

urlpatterns = [
    path("actions/", views.actions, name="actions"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/end/", views.action_end, name="action-end"),
    path("actions/<int:pk>/lead/", views.action_lead, name="action-lead"),
    path("people/", people.people, name="people"),
    path("people/<int:pk>/", people.person, name="person"),
    path("people/<int:pk>/deactivate/", people.person_deactivate, name="person-deactivate"),
    path(
        "narrative/<slug:strategy>/<slug:objective>/<str:quarter>/",
        views.narrative_edit,
        name="narrative",
    ),
    path("standards/", views.standards_matrix, name="standards"),
    path("standards/<slug:organisation>/", views.self_assessment, name="self-assessment"),
]
