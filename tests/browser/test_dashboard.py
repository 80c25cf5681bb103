"""A board member's dashboard and meeting mode, with charts drawn and no serious accessibility
faults."""

import re

from tests.conftest import DEMO_PASSWORD  # noqa: F401 (the sign_in fixture uses it)


def test_the_dashboard_draws_its_charts_beside_their_tables(page, sign_in, assert_accessible):
    console = []
    page.on("console", lambda message: console.append(message.text))
    sign_in("board")
    page.goto("/p/cambridgeshire/?quarter=2015-16-q3")
    incidents = page.locator("#police-da-incidents-whole")
    assert "Q3 2015/16: 1,859 incidents, up 5.7% on Q3 2014/15 (1,758)." in incidents.inner_text()
    incidents.locator("[data-chart][data-drawn=true]").wait_for()
    assert incidents.locator("svg.main-svg").count() >= 1
    table = page.get_by_role(
        "table", name="Total number of domestic abuse incidents reported to the Police"
    )
    assert table.get_by_role("rowheader").all_inner_texts()[:3] == ["2015/16", "2014/15", "2013/14"]
    assert_accessible()
    scripts = page.locator("script[src*='plotly']")
    assert scripts.count() == 1 and "cdn" not in scripts.get_attribute("src")
    # the content security policy allows no inline script or style, and nothing was refused
    assert [text for text in console if "Content Security Policy" in text or "CSP" in text] == []


def test_meeting_mode_moves_between_screens_by_keyboard(page, sign_in, assert_accessible):
    sign_in("board")
    page.goto("/p/cambridgeshire/meeting/?quarter=2015-16-q3")
    assert page.get_by_role("heading", level=1).inner_text() == "Prevent"
    assert page.locator(".site-header").count() == 0
    assert_accessible()
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"objective=prevent&indicator=police-da-incidents-whole"))
    page.locator("[data-chart][data-drawn=true]").first.wait_for()
    assert_accessible()
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"quarter=2015-16-q3&objective=prevent$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Prevent"
