from django.urls import path

from dashboard import public, views

urlpatterns = [
    path("", views.home, name="home"),
    path("p/<slug:partnership>/", views.partnership_dashboard, name="partnership"),
    path("p/<slug:partnership>/meeting/", views.meeting, name="meeting"),
    path("p/<slug:partnership>/indicators/<slug:code>/", views.indicator_detail, name="indicator"),
    path("p/<slug:partnership>/export/values.csv", views.values_export, name="values-export"),
    path("p/<slug:partnership>/actions/export.xlsx", views.actions_export, name="actions-export"),
    path(
        "p/<slug:partnership>/standards/export.xlsx",
        views.standards_export,
        name="standards-export",
    ),
    path("public/<slug:partnership>/<str:year>/", public.annual_report, name="public-report"),
    path(
        "public/<slug:partnership>/<str:year>/report.pdf",
        public.annual_report_download,
        name="public-report-pdf",
    ),
    path("p/<slug:partnership>/export/board-pack.xlsx", views.board_pack, name="board-pack"),
    path(
        "p/<slug:partnership>/indicators/<slug:code>/benchmark/",
        views.indicator_benchmark,
        name="indicator-benchmark",
    ),
    path(
        "p/<slug:partnership>/export/board-report.pdf",
        views.board_report,
        {"fmt": "pdf"},
        name="board-report",
    ),
    path(
        "p/<slug:partnership>/export/board-report.docx",
        views.board_report,
        {"fmt": "docx"},
        name="board-report-word",
    ),
    path(
        "p/<slug:partnership>/indicators/<slug:code>/table.<str:fmt>",
        views.indicator_table,
        name="indicator-table",
    ),
]
