"""The indicators app's pages: returns and imports (`returns`)."""

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
    "return_detail",
    "return_download",
    "return_review",
    "return_upload",
    "value_follow_up",
    "values_import",
]
