"""Files handed out to be saved (exports, board packs and reports, a blank return): one
response for them all, its type taken from the file name's ending."""

from pathlib import PurePath

from django.http import HttpResponse
from django.utils.http import content_disposition_header

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


def download(filename: str, content: bytes = b"") -> HttpResponse:
    """A response the browser saves as `filename` rather than shows; a CSV writer may write
    into it. The name is written as RFC 6266 says, so one with an accent or a dash such as
    `–` arrives whole."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[PurePath(filename).suffix])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
