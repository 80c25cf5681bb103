"""Reads of figures for other apps and commands."""

from indicators import tidy
from indicators.models import Value
from strategy.models import Partnership


def values_export_rows(*, partnership: Partnership, indicators=None) -> list[tuple[str, ...]]:
    """Every figure of a partnership (or of some of its indicators) as tidy rows, ordered by
    indicator, period and breakdown."""
    values = Value.objects.filter(indicator__partnership=partnership)
    if indicators is not None:
        values = values.filter(indicator__in=indicators)
    values = values.select_related("indicator", "option").order_by(
        "indicator__order", "indicator__code", "period", "option__order"
    )
    return [
        (
            partnership.slug,
            value.indicator.code,
            str(value.period),
            value.option.code if value.option else "",
            tidy.format_figure(value.value),
            value.missing_reason,
            value.comment,
        )
        for value in values
    ]
