"""The indicators app's pages: returns and imports (`returns`), a coordinator's review of a
return (`review`), a quarter's completeness and lock (`quarters`), the record (`records`),
e-mail choices and the record of e-mails sent (`messages`), and the public annual report's
publication (`publications`)."""

from indicators.views.messages import message_preferences, sent_message_list
from indicators.views.publications import annual_report_edit
from indicators.views.quarters import completeness_page, quarter_lock_page
from indicators.views.records import export_record_list, value_delete
from indicators.views.returns import (
    return_correct,
    return_detail,
    return_download,
    return_upload,
    value_follow_up,
    values_import,
)
from indicators.views.review import return_review

__all__ = [
    "annual_report_edit",
    "completeness_page",
    "export_record_list",
    "message_preferences",
    "quarter_lock_page",
    "return_correct",
    "return_detail",
    "return_download",
    "return_review",
    "return_upload",
    "sent_message_list",
    "value_delete",
    "value_follow_up",
    "values_import",
]
