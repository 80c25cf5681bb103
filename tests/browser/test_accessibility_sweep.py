"""Every other page a user reaches, checked with axe-core: no serious or critical violations."""

import pytest

PAGES = [
    ("coordinator", "/p/cambridgeshire/indicators/refuge-occupancy-rate/?period=2015-16"),
    ("coordinator", "/p/cambridgeshire/import/"),
    ("coordinator", "/p/cambridgeshire/actions/"),
    ("coordinator", "/p/cambridgeshire/exports/"),
    ("coordinator", "/p/cambridgeshire/reminders/"),
    ("police-lead", "/accounts/notifications/"),
    ("coordinator", "/p/cambridgeshire/people/"),
    ("coordinator", "/accounts/password_reset/"),
    ("coordinator", "/accessibility/"),
    ("officer", "/p/cambridgeshire/narrative/domestic-abuse-2014-2018/protect/2015-16-q4/"),
    ("cheshire-coordinator", "/p/cheshire-east/standards/"),
    ("cheshire-coordinator", "/p/cheshire-east/standards/cheshire-east-council/"),
    ("cheshire-coordinator", "/p/cheshire-east/"),
    ("cheshire-coordinator", "/p/cheshire-east/indicators/police-da-incidents-per-1000/benchmark/"),
]


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_the_page_has_no_serious_accessibility_violations(
    page, sign_in, assert_accessible, username, path
):
    sign_in(username)
    page.goto(path)
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible()


def test_deleting_a_figure_asks_why_and_is_accessible(page, sign_in, assert_accessible):
    from indicators.models import Value

    value = Value.objects.get(indicator__code="police-da-incidents", period="2015/16 Q3")
    sign_in("coordinator")
    page.goto("/p/cambridgeshire/indicators/police-da-incidents/?period=2015-16-q3")
    page.get_by_role("link", name="Delete the figure for 2015/16 Q3").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Delete a figure"
    assert_accessible()
    page.get_by_role("button", name="Delete this figure").click()
    assert "This field is required." in page.get_by_role("alert").inner_text()
    page.get_by_label("Why delete this figure").fill("Entered for the wrong quarter")
    page.get_by_role("button", name="Delete this figure").click()
    assert "Deleted:" in page.get_by_role("status").inner_text()
    assert not Value.objects.filter(pk=value.pk).exists()
    assert page.get_by_role("cell", name="Entered for the wrong quarter").is_visible()
