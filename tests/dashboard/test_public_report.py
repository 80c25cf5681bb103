"""The public annual report: published by a coordinator, open without a login only while
published, approved figures only with small counts suppressed, no comments, and its PDF."""

import io

import pypdf
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from dashboard.exports import Publication
from dashboard.papers.published import suppressed
from dashboard.tables import ComparisonTable
from indicators.models import AnnualReport
from indicators.periods import Period
from indicators.publications import PublicationError, annual_report_save, annual_report_start

EDIT = "/p/cambridgeshire/annual-report/2015-16/"
PUBLIC = "/public/cambridgeshire/2015-16/"
PICKED = ["police-da-incidents", "bbr-completions"]


def publish(client, coordinator, *, published=True, indicators=PICKED):
    client.force_login(coordinator)
    data = {"indicators": indicators}
    if published:
        data["published"] = "on"
    response = client.post(EDIT, data)
    client.logout()
    return response


def test_nothing_unpublished_is_open_without_a_login(client, coordinator):
    assert client.get(PUBLIC).status_code == 404
    publish(client, coordinator, published=False)
    assert client.get(PUBLIC).status_code == 404
    assert client.get(PUBLIC + "report.pdf").status_code == 404


def test_a_coordinator_publishes_and_anyone_reads_it_until_it_is_unpublished(client, coordinator):
    assert publish(client, coordinator).status_code == 302
    page = client.get(PUBLIC)
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"]  # so unpublishing takes it off at once
    text = page.content.decode()
    assert "annual report 2015/16" in text
    assert "Total number of domestic abuse incidents reported to the Police" in text
    assert "may reach a peak and become steady" in text  # the year's final narrative
    assert "1,862" in text and "1,971" in text and "1,859" in text
    assert 'href="/accessibility/"' in text
    assert "MARAC Cases" not in text  # not picked
    publish(client, coordinator, published=False)
    assert client.get(PUBLIC).status_code == 404  # at once


def test_small_counts_are_suppressed_and_comments_left_out(client, coordinator, cambridgeshire):
    cambridgeshire.suppression_threshold = 36
    cambridgeshire.save()
    publish(client, coordinator)
    text = client.get(PUBLIC).content.decode()
    table = text[text.index("<caption>Total number of perpetrators completing Building") :]
    table = table[: table.index("</table>")]
    assert ">35<" not in table and ">34<" not in table
    assert "Suppressed" in table
    assert "counts below 36 are suppressed" in text
    assert "Course runs for" not in text  # a figure's comment is never published


def test_its_pdf_holds_the_figures_and_is_tagged(client, coordinator):
    publish(client, coordinator)
    response = client.get(PUBLIC + "report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "2015/16 1,862 1,971 1,859" in text
    assert "/StructTreeRoot" in pdf.trailer["/Root"] and pdf.trailer["/Root"]["/Lang"] == "en-GB"


@pytest.mark.parametrize("who", ["officer", "board_member", "cheshire_coordinator"])
def test_only_the_partnerships_coordinator_publishes(request, cambridgeshire, who):
    with pytest.raises(PermissionDenied):
        annual_report_save(
            partnership=cambridgeshire,
            user=request.getfixturevalue(who),
            year=Period(2015),
            indicator_codes=PICKED,
            published=True,
        )
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize(
    ("year", "codes", "message"),
    [
        (Period(2015, 3), PICKED, "not a financial year"),
        (Period(2015), ["no-such-code"], "No such indicators"),
        (Period(2015), [], "Pick at least one"),
        (Period(2099), PICKED, "2099/00 is outside"),  # beyond the partnership's years
    ],
)
def test_bad_publications_are_refused(cambridgeshire, coordinator, year, codes, message):
    with pytest.raises(PublicationError, match=message):
        annual_report_save(
            partnership=cambridgeshire,
            user=coordinator,
            year=year,
            indicator_codes=codes,
            published=True,
        )
    assert not AnnualReport.objects.exists()


def test_each_publication_is_kept_in_the_history_with_who_and_why(cambridgeshire, coordinator):
    for published in (True, False):
        report = annual_report_save(
            partnership=cambridgeshire,
            user=coordinator,
            year=Period(2015),
            indicator_codes=PICKED,
            published=published,
        )
    history = list(report.history.order_by("history_date", "history_id"))
    assert [(h.published, h.history_change_reason) for h in history] == [
        (True, "Published"),
        (False, "Not published"),
    ]
    assert {h.history_user for h in history} == {coordinator}


def test_a_change_of_the_indicators_published_keeps_the_old_list_with_who_and_when(
    client, coordinator
):
    publish(client, coordinator)
    before = timezone.now()
    assert publish(client, coordinator, indicators=["bbr-completions"]).status_code == 302
    report = AnnualReport.objects.get()
    new, old = report.history.order_by("-history_date", "-history_id")[:2]
    assert published_codes(old) == set(PICKED)
    assert published_codes(new) == {"bbr-completions"}
    assert new.history_user == coordinator and new.history_change_reason == "Published"
    assert before <= new.history_date <= timezone.now()
    assert report.history.count() == 2  # one record a save, not one per indicator changed


def test_a_refused_save_leaves_the_report_and_its_history_as_they_were(cambridgeshire, coordinator):
    annual_report_save(
        partnership=cambridgeshire,
        user=coordinator,
        year=Period(2015),
        indicator_codes=PICKED,
        published=True,
    )
    with pytest.raises(PublicationError, match="No such indicators here: no-such-code"):
        annual_report_save(
            partnership=cambridgeshire,
            user=coordinator,
            year=Period(2015),
            indicator_codes=["bbr-completions", "no-such-code"],
            published=False,
        )
    start = annual_report_start(cambridgeshire, Period(2015))
    assert (sorted(start.chosen), start.published) == (sorted(PICKED), True)
    assert start.report.history.count() == 1


def test_the_page_opens_with_nothing_picked_until_a_report_is_saved(cambridgeshire):
    start = annual_report_start(cambridgeshire, Period(2015))
    assert (start.report, start.chosen, start.published) == (None, [], False)
    assert "police-da-incidents" in [indicator.code for indicator in start.indicators]


def published_codes(record) -> set[str]:
    return set(record.indicators.values_list("indicator__code", flat=True))


def test_a_rate_made_from_a_suppressed_count_is_suppressed_too(client, cheshire_coordinator):
    """1,065 incidents in 2012/13 over 372,146 people: with the count hidden, the rate of 2.86
    per 1,000 and the public population would give it back, so the rate is hidden as well."""
    cheshire = cheshire_coordinator.memberships.first().organisation.partnership
    cheshire.suppression_threshold = 2000
    cheshire.save()
    client.force_login(cheshire_coordinator)
    response = client.post(
        "/p/cheshire-east/annual-report/2012-13/",
        {"indicators": ["police-da-incidents", "police-da-incidents-per-1000"], "published": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    text = client.get("/public/cheshire-east/2012-13/").content.decode()
    rate = text[text.index("<caption>Incidents of domestic abuse reported to police per 1,000") :]
    rate = rate[: rate.index("</table>")]
    assert "2.86" not in rate and "Suppressed" in rate
    assert "1,065" not in text


def test_the_expected_level_line_is_left_out_of_the_public_report(cambridgeshire, coordinator):

    table = ComparisonTable(
        "A count", "count", [], expected="2015/16: 3, below the expected level."
    )
    assert suppressed(table, Publication(5)).expected == ""


def test_the_public_page_reads_five_indicators_in_a_fixed_number_of_queries(
    client, coordinator, django_assert_max_num_queries
):
    more = [*PICKED, "marac-cases", "court-cases", "idva-repeat-rate"]
    publish(client, coordinator, indicators=more)
    # the report; the partnership's years; the strategy, its objectives and their final
    # narratives; the picked indicators, their options, definitions, targets, frequency
    # changes and expected levels; which are calculated; their figures; the actions
    with django_assert_max_num_queries(14):
        page = client.get(PUBLIC).content.decode()
    assert "Number of MARAC Cases" in page
