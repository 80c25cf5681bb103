"""The indicators app's pages: returns and imports (`returns`), the record (`records`), and
the public annual report's publication (`publications`)."""

from indicators.views.publications import annual_report_edit
from indicators.views.records import export_record_list, value_delete
from indicators.views.returns import (
    completeness_page,
    return_detail,
    return_download,
    return_review,
    return_upload,
    value_follow_up,
    values_import,
)

__all__ = [
    "annual_report_edit",
    "completeness_page",
    "export_record_list",
    "return_detail",
    "return_download",
    "return_review",
    "return_upload",
    "value_delete",
    "value_follow_up",
    "values_import",
]
