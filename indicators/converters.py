"""Periods in addresses: a quarter is written `2015-16-q3`, a year `2015-16`."""

from indicators.periods import Period, PeriodError, parse_period


class QuarterConverter:
    regex = r"\d{4}-\d{2}-q[1-4]"

    def to_python(self, value: str) -> Period:
        try:
            period = parse_period(value)
        except PeriodError as error:
            raise ValueError(str(error)) from error
        if not 1001 <= period.year <= 9997:  # so the previous and next quarters exist too
            raise ValueError(f"{value} is outside the years this service covers.")
        return period

    def to_url(self, value: Period | str) -> str:
        period = value if isinstance(value, Period) else parse_period(value)
        return period.slug
