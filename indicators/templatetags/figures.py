"""How figures and form fields are shown on pages."""

from decimal import Decimal

from django import template

from indicators import formatting

register = template.Library()


@register.filter
def figure(number: Decimal | None, unit: str = "") -> str:
    """1859 as `1,859`, 81 as `81%` for a percentage, 12.50 as `12.5`."""
    return formatting.figure_text(number, unit)


@register.filter
def with_error_attributes(field):
    """The field's widget, tied to its error message for screen readers."""
    attrs = {}
    if field.errors:
        attrs = {"aria-invalid": "true", "aria-describedby": f"{field.auto_id}-error"}
    return field.as_widget(attrs=attrs)


@register.filter
def missing_reason(code: str) -> str:
    """`not-yet-released` as `Not yet released`."""
    return formatting.missing_text(code)


@register.filter
def return_status(code: str) -> str:
    """`not-started` as `Not started`."""
    from indicators.models import ReturnStatus

    return ReturnStatus(code).label if code in ReturnStatus.values else code
