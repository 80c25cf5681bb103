"""Filters say "Any" until chosen, and dates read and are typed as `26 November 2026`."""

import re
from datetime import date

import pytest
from django.utils.formats import date_format

from strategy.forms import SelfAssessmentForm

FILTERED_PAGES = [
    "/p/cambridgeshire/actions/",
    "/p/cambridgeshire/returns/2015-16-q3/",
    "/p/cambridgeshire/exports/",
    "/p/cambridgeshire/",
]


@pytest.mark.parametrize("address", FILTERED_PAGES)
def test_every_filter_says_any_never_dashes_or_unknown(client, coordinator, address):
    client.force_login(coordinator)
    page = client.get(address).content.decode()
    form = re.search(r'<form method="get" class="filters".*?</form>', page, re.S).group()
    assert "---------" not in form and "Unknown" not in form
    assert ">Any<" in form or ">Any organisation<" in form


def test_the_action_plans_filters_each_start_from_any(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/p/cambridgeshire/actions/").content.decode()
    for name in ("strategy", "rag", "lead_organisation", "task_group", "status", "overdue"):
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group()
        first = re.search(r"<option[^>]*>([^<]*)</option>", select).group(1)
        assert first == "Any", name


def test_a_yes_or_no_filter_still_filters(client, coordinator, cambridgeshire):
    client.force_login(coordinator)
    every = client.get("/p/cambridgeshire/actions/").context["table"].rows
    passed = client.get("/p/cambridgeshire/actions/?overdue=true").context["table"].rows
    not_passed = client.get("/p/cambridgeshire/actions/?overdue=false").context["table"].rows
    anything = client.get("/p/cambridgeshire/actions/?overdue=unknown").context["table"].rows
    assert len(passed) + len(not_passed) == len(every) == len(anything)


def test_dates_are_shown_with_the_month_in_words():
    assert date_format(date(2026, 11, 26)) == "26 November 2026"
    assert date_format(date(2016, 3, 2), "SHORT_DATE_FORMAT") == "02/03/2016"


@pytest.mark.parametrize("typed", ["26 November 2026", "26 Nov 2026", "26/11/2026", "2026-11-26"])
def test_a_date_is_typed_as_people_write_it(typed):
    form = SelfAssessmentForm({"completed_on": typed}, standards=[])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["completed_on"] == date(2026, 11, 26)


def test_a_date_field_shows_its_date_in_words_with_a_hint():
    form = SelfAssessmentForm(initial={"completed_on": date(2026, 11, 26)}, standards=[])
    html = str(form["completed_on"])
    assert 'type="text"' in html and 'value="26 November 2026"' in html
    assert form.fields["completed_on"].help_text == "For example, 26 November 2026"


def test_pages_and_tables_write_dates_in_words(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/p/cambridgeshire/returns/2015-16-q3/").content.decode()
    assert re.search(r"Due \d{1,2} (January|February|March|April|May) 2016 \(", page)
    assert re.search(r"<td[^>]*>\d{1,2} [A-Z][a-z]{3,} 2016</td>", page)  # the Due column
