"""How a figure is written, everywhere: pages, sentences, e-mails, CSV and workbooks.

One module, so a figure reads the same on the dashboard, in the board pack and in a file.
"""

from __future__ import annotations

from decimal import Decimal

from indicators.models import MissingReason, Unit

# Excel's number format for each unit: a percentage is stored as its fraction (81% is 0.81).
NUMBER_FORMATS = {
    Unit.COUNT: "#,##0",
    Unit.PERCENTAGE: "0%",
    Unit.RATE_PER_1000: "#,##0.0#",  # 2.86 per 1,000 as the dashboard writes it
    Unit.FTE: "#,##0.00",
    Unit.MONEY: '"£"#,##0.00',
    Unit.PEOPLE: "#,##0",
    Unit.RATE_PER_10000: "#,##0.0#",
    Unit.RATIO: "#,##0.0#",
}

# A period with neither a figure nor a reason, as a table's cell says it (and, lower case, the
# dashboard's sentence: `Q3 2015/16: no figure yet.`).
NO_FIGURE = "No figure yet"


def figure_text(number: Decimal | None, unit: str = "") -> str:
    """For people: 1859 as `1,859`, 81 as `81%`, 12.50 as `12.5`, 1200 as `£1,200`."""
    if number is None:
        return ""
    text = f"{abs(number):,.2f}".rstrip("0").rstrip(".")
    sign = "-" if number < 0 else ""
    if unit == Unit.PERCENTAGE:
        return f"{sign}{text}%"
    if unit == Unit.MONEY:
        return f"{sign}£{text}"
    return f"{sign}{text}"


def plain_figure(number: Decimal | None) -> str:
    """For files and form fields: no separators, no unit, no trailing zeros (`1859`, `81.5`)."""
    if number is None:
        return ""
    return format(number.normalize(), "f")


def one_decimal(number: Decimal) -> str:
    """A change's size: `5.7`, `12`, `1,024.5`."""
    return f"{number:,.1f}".rstrip("0").rstrip(".")


def missing_text(code: str) -> str:
    """`not-yet-released` as `Not yet released`."""
    return MissingReason(code).label if code in MissingReason.values else code


def figure_or_reason(
    value: Decimal | None, missing_reason: str = "", unit: str = "", *, none: str = NO_FIGURE
) -> str:
    """A figure as people read it (`1,859`), else why it is missing (`Not yet released`), else
    that there is none: `No figure yet`, or `none` where a blank says so (a committee table)."""
    if value is not None:
        return figure_text(value, unit)
    if missing_reason:
        return missing_text(missing_reason)
    return none
