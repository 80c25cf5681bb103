"""The only pages open without a login: a partnership's published annual report, and its PDF.
An unpublished (or unknown) report is a 404 for everyone, the moment it is unpublished."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from dashboard.papers.annual import annual_content, annual_report_pdf
from indicators.downloads import download
from indicators.publications import published_report


# Never cached, by a browser or on the way: unpublishing must take the report off at once.
@login_not_required
@never_cache
def annual_report(request, partnership: str, year: str):
    content = annual_content(published_report(partnership, year))
    return render(
        request,
        "dashboard/public/annual_report.html",
        {"content": content, "report": content.report},
    )


@login_not_required
@never_cache
def annual_report_download(request, partnership: str, year: str):
    content = annual_content(published_report(partnership, year))
    name = f"{partnership}-annual-report-{content.report.year.slug}.pdf"
    return download(name, annual_report_pdf(content))
