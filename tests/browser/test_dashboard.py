"""A board member's dashboard and meeting mode, with charts drawn and no serious accessibility
faults; the scorecard on the first screen of a 1920 x 1080 projector."""

import re

from tests.conftest import DEMO_PASSWORD  # noqa: F401 (the sign_in fixture uses it)


def test_the_dashboard_draws_its_charts_beside_their_tables(page, sign_in, assert_accessible):
    console = []
    page.on("console", lambda message: console.append(message.text))
    sign_in("board")
    page.goto("/p/cambridgeshire/?quarter=2015-16-q3")
    incidents = page.locator("#police-da-incidents-whole")
    assert "Q3 2015/16: 1,859 incidents, up 5.7% on Q3 2014/15 (1,758)." in incidents.inner_text()
    # Panels open on their title, sentence and table; a chart is drawn when its panel opens.
    assert page.locator("[data-chart][data-drawn=true]").count() == 0
    incidents.locator("summary").click()
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


def test_the_scorecard_fits_the_first_screen_of_a_1920_by_1080_projector(
    page, sign_in, assert_accessible
):
    page.set_viewport_size({"width": 1920, "height": 1080})
    sign_in("board")
    page.goto("/p/cambridgeshire/?quarter=2015-16-q3")
    scorecard = page.get_by_role("table", name="Scorecard: 2015/16 Q3")
    box = scorecard.bounding_box()
    assert page.evaluate("window.scrollY") == 0
    assert box["y"] + box["height"] <= 1080, f"the scorecard ends at {box['y'] + box['height']}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1920
    assert scorecard.get_by_role("rowheader").count() == 27 + 4  # rows and objectives
    assert_accessible()
    # A row's link opens its panel and draws its chart.
    scorecard.get_by_role("link", name="Number of MARAC Cases").click()
    panel = page.locator("#marac-cases-whole")
    panel.locator("[data-chart][data-drawn=true]").wait_for()
    assert panel.locator("details").get_attribute("open") is not None
    # Sorted by RAG on the server: the header says so.
    scorecard.get_by_role("link", name=re.compile(r"^RAG")).click()
    page.wait_for_url(re.compile(r"sort=rag"))
    header = page.get_by_role("columnheader", name=re.compile(r"^RAG"))
    assert header.get_attribute("aria-sort") == "descending"
    assert_accessible()
