"""Text as people and files give it: cleaned on the way in, safe on the way out.

Text pasted from e-mails, PDFs and old systems carries control characters (a vertical tab, a
NUL) that no page needs and that break spreadsheets: openpyxl refuses to write them. Text is
cleaned where it comes in (forms, the admin, imports) and again where it goes out, so text
stored before, or by other means, cannot break a download.
"""

import re

from django import forms
from django.db import models

NOTE_MAX_LENGTH = 4000
NOTE_HELP = "Up to 4,000 characters."

# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Text to store: line breaks written `\\n`, tabs kept, every other control character gone."""
    return without_control_characters(text.replace("\r\n", "\n").replace("\r", "\n"))


def without_control_characters(text: str) -> str:
    """Text to write out as it is, less what a spreadsheet or XML cannot hold."""
    return _CONTROL.sub("", text)


class CleanTextField(forms.CharField):
    """A form field whose text is cleaned before it is checked."""

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_text(value)
        return super().to_python(value)


def note_field(label: str, *, rows: int = 2, required: bool = False, help_text: str = ""):
    """A free-text field (a comment, a reason, progress): cleaned, and at most 4,000 characters."""
    return CleanTextField(
        label=label,
        required=required,
        max_length=NOTE_MAX_LENGTH,
        help_text=f"{help_text} {NOTE_HELP}".strip(),
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class CleanTextAdmin:
    """Admin mixin: text and character fields are cleaned as the product's forms clean them."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Exact types only: slugs, e-mail addresses and periods keep their own form fields.
        if type(db_field) in (models.CharField, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", CleanTextField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
