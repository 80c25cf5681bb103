"""A model field holding a financial period, stored as its printed form (`2015/16 Q3`)."""

from django.core.exceptions import ValidationError
from django.db import models

from indicators.periods import Period, PeriodError, parse_period


class PeriodField(models.CharField):
    """Stores a Period as text; the text sorts a year before its quarters, in order."""

    description = "A financial year or quarter"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 10:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return None if value is None else parse_period(value)

    def to_python(self, value):
        if value is None or isinstance(value, Period):
            return value
        try:
            return parse_period(value)
        except PeriodError as error:
            raise ValidationError(str(error), code="invalid_period") from error

    def run_validators(self, value):
        # The length is the printed form's, as stored: a Period has no length of its own.
        super().run_validators(None if value is None else str(value))

    def get_prep_value(self, value):
        value = self.to_python(value)
        return None if value is None else str(value)

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else str(value)
