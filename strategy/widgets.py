"""Form widgets shared by every app's pages (this app is the one the others may import)."""

from datetime import date

from django import forms
from django.utils import dateformat


class AnyYesNo(forms.NullBooleanSelect):
    """A yes-or-no filter that says "Any" until chosen (Django's says "Unknown")."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Any"), ("true", "Yes"), ("false", "No")]


class DateText(forms.DateInput):
    """A date typed as people write it, and shown back the same way: `26 November 2026`
    (config/formats lists what else it understands)."""

    def format_value(self, value):
        if isinstance(value, date):
            return dateformat.format(value, "j F Y")
        return super().format_value(value)
