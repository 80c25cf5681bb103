"""Every other page a user reaches, checked with axe-core: no serious or critical violations."""

import pytest

PAGES = [
    ("coordinator", "/p/cambridgeshire/indicators/refuge-occupancy-rate/?period=2015-16"),
    ("coordinator", "/p/cambridgeshire/import/"),
    ("coordinator", "/p/cambridgeshire/actions/"),
    ("coordinator", "/accessibility/"),
    ("cheshire-coordinator", "/p/cheshire-east/standards/"),
    ("cheshire-coordinator", "/p/cheshire-east/standards/cheshire-east-council/"),
    ("cheshire-coordinator", "/p/cheshire-east/"),
]


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_the_page_has_no_serious_accessibility_violations(
    page, sign_in, assert_accessible, username, path
):
    sign_in(username)
    page.goto(path)
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible()
