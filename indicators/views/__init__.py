"""The indicators app's pages: returns and imports (`returns`), and the record (`records`)."""

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
