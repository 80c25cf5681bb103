"""Publishing a partnership's public annual report: the one write (`annual_report_save`), by
a coordinator, what the coordinator's page opens with (`annual_report_start`), and the one
read the public pages use (`published_report`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from indicators.models import AnnualReport, Indicator
from indicators.periods import Period, PeriodError, parse_period
from indicators.years import partnership_years
from strategy.access import access_for
from strategy.models import Partnership


class PublicationError(ValueError):
    """An annual report that may not be saved as asked, with the reason."""


@dataclass(frozen=True)
class AnnualReportStart:
    """The coordinator's page for a year's report as it opens: the report if saved before,
    the partnership's indicators to pick from (in the papers' order), and what is picked."""

    report: AnnualReport | None
    indicators: list[Indicator]
    chosen: list[str]  # the codes of the indicators the report publishes
    published: bool


def annual_report_start(partnership: Partnership, year: Period) -> AnnualReportStart:
    """The year's report as saved, or an empty unpublished one to be."""
    report = AnnualReport.objects.filter(partnership=partnership, year=year).first()
    indicators = list(Indicator.objects.filter(partnership=partnership).order_by("order", "code"))
    if report is None:
        return AnnualReportStart(None, indicators, [], False)
    chosen = list(report.indicators.values_list("code", flat=True))
    return AnnualReportStart(report, indicators, chosen, report.published)


@transaction.atomic
def annual_report_save(
    *,
    partnership: Partnership,
    user,
    year: Period,
    indicator_codes: Iterable[str],
    published: bool,
) -> AnnualReport:
    """Picks the year's indicators and publishes or unpublishes its report; unpublishing
    takes it off the public address at once. The history keeps who did which, when, and with
    which indicators."""
    if not access_for(user, partnership).can_publish_reports:
        raise PermissionDenied("Only a coordinator publishes the annual report.")
    if not year.is_year:
        raise PublicationError(f"{year} is not a financial year such as 2017/18.")
    if problem := partnership_years(partnership).problem(year):
        raise PublicationError(problem)
    codes = set(indicator_codes)
    chosen = list(Indicator.objects.filter(partnership=partnership, code__in=codes))
    unknown = codes - {indicator.code for indicator in chosen}
    if unknown:
        raise PublicationError(f"No such indicators here: {', '.join(sorted(unknown))}.")
    if published and not chosen:
        raise PublicationError("Pick at least one indicator before publishing.")
    report = AnnualReport.objects.select_for_update().filter(
        partnership=partnership, year=year
    ).first() or AnnualReport(partnership=partnership, year=year)
    report.published = published
    report.changed_by = user
    report._history_user = user
    report._change_reason = "Published" if published else "Not published"
    # One historical row a save, written last so that it holds the indicators as saved.
    report.skip_history_when_saving = True
    report.save()
    report.indicators.set(chosen)
    del report.skip_history_when_saving
    report.save()
    return report


def published_report(partnership: str, year: str) -> AnnualReport:
    """The published report of a partnership's year (`2017-18`), or a 404 that says nothing
    of whether an unpublished one exists."""
    try:
        period = parse_period(year)
    except PeriodError as error:
        raise Http404("No such report.") from error
    report = (
        AnnualReport.objects.select_related("partnership")
        .filter(partnership__slug=partnership, year=period, published=True)
        .first()
    )
    if report is None or not period.is_year:
        raise Http404("No such report.")
    return report
