"""The indicators app's pages: returns and imports (`returns`), the record (`records`),
and e-mail choices and the record of e-mails sent (`messages`)."""

from indicators.views.messages import message_preferences, sent_message_list
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
    "message_preferences",
    "return_detail",
    "return_download",
    "return_review",
    "return_upload",
    "sent_message_list",
    "value_delete",
    "value_follow_up",
    "values_import",
]
