from django.urls import path, register_converter

from indicators import views
from indicators.converters import QuarterConverter

register_converter(QuarterConverter, "quarter")

urlpatterns = [
    path("returns/<quarter:quarter>/", views.completeness_page, name="completeness"),
    path("returns/<quarter:quarter>/lock/", views.quarter_lock_page, name="quarter-lock"),
    path("returns/<quarter:quarter>/<slug:organisation>/", views.return_detail, name="return"),
    path(
        "returns/<quarter:quarter>/<slug:organisation>/correct/",
        views.return_correct,
        name="return-correct",
    ),
    path(
        "returns/<quarter:quarter>/<slug:organisation>/review/",
        views.return_review,
        name="return-review",
    ),
    path(
        "returns/<quarter:quarter>/<slug:organisation>/return.xlsx",
        views.return_download,
        name="return-download",
    ),
    path(
        "returns/<quarter:quarter>/<slug:organisation>/upload/",
        views.return_upload,
        name="return-upload",
    ),
    path("values/<int:pk>/follow-up/", views.value_follow_up, name="value-follow-up"),
    path("values/<int:pk>/delete/", views.value_delete, name="value-delete"),
    path("import/", views.values_import, name="values-import"),
    path("exports/", views.export_record_list, name="export-records"),
    path("reminders/", views.sent_message_list, name="sent-messages"),
    path("annual-report/<str:year>/", views.annual_report_edit, name="annual-report"),
]
