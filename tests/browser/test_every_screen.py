"""The room's projector and a phone: each meeting-mode screen fits 1920 x 1080 with nothing to
scroll, no page is wider than a 390-pixel phone, and every one of them is axe-core clean."""

import re

import pytest

ROOM = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
MEETING = "/p/cambridgeshire/meeting/?quarter=2015-16-q3"

# Every page a user reaches, by the user who reaches it.
PAGES = [
    ("board", "/"),
    ("police-lead", "/"),
    ("board", "/p/cambridgeshire/?quarter=2015-16-q3"),
    ("board", MEETING),
    ("board", MEETING + "&objective=protect&indicator=idva-engagement-rate-whole"),
    ("board", "/p/cambridgeshire/actions/"),
    ("coordinator", "/p/cambridgeshire/indicators/refuge-occupancy-rate/"),
    ("coordinator", "/p/cambridgeshire/indicators/police-da-incidents/?period=2015-16-q3"),
    ("coordinator", "/p/cambridgeshire/returns/2015-16-q3/"),
    ("coordinator", "/p/cambridgeshire/returns/2015-16-q3/lock/"),
    ("coordinator", "/p/cambridgeshire/import/"),
    ("coordinator", "/p/cambridgeshire/exports/"),
    ("coordinator", "/p/cambridgeshire/reminders/"),
    ("police-lead", "/accounts/notifications/"),
    ("coordinator", "/p/cambridgeshire/people/"),
    ("officer", "/p/cambridgeshire/narrative/domestic-abuse-2014-2018/protect/2015-16-q4/"),
    ("police-lead", "/p/cambridgeshire/returns/2015-16-q4/cambridgeshire-constabulary/"),
    ("cheshire-coordinator", "/p/cheshire-east/standards/"),
    ("cheshire-coordinator", "/p/cheshire-east/standards/cheshire-east-council/"),
    ("cheshire-coordinator", "/p/cheshire-east/indicators/police-da-incidents-per-1000/benchmark/"),
]

SIZES = "() => [document.scrollingElement.scrollWidth, innerWidth, document.scrollingElement.scrollHeight, innerHeight]"  # noqa: E501


def measure(page) -> tuple[int, int, int, int]:
    return tuple(page.evaluate(SIZES))


def charts_drawn(page) -> None:
    """Waits for the screen's chart, if it shows one, to be drawn (the dashboard's charts wait
    in closed panels until opened)."""
    if page.locator("[data-chart]:not([hidden]) >> visible=true").count():
        page.locator("[data-chart][data-drawn=true]").first.wait_for()


def test_every_meeting_screen_fits_the_room_and_the_keys_move_through_them(
    page, sign_in, assert_accessible
):
    sign_in("board")
    page.set_viewport_size(ROOM)
    page.goto(MEETING)
    visited = []
    while True:
        charts_drawn(page)
        width, inner_width, height, inner_height = measure(page)
        assert width <= inner_width and height <= inner_height, (page.url, height)
        visited.append(page.url.split("?")[1])
        assert_accessible()
        if not page.locator("a[rel=next]").count():
            break
        before = page.url
        page.keyboard.press("PageDown" if len(visited) % 2 else "ArrowRight")
        page.wait_for_function("address => location.href !== address", arg=before)
    assert visited[0] == "quarter=2015-16-q3"
    assert visited[1] == "quarter=2015-16-q3&objective=prevent&indicator=police-da-incidents-whole"
    assert "quarter=2015-16-q3&objective=protect" in visited
    assert len(visited) == 31  # 4 objectives' summaries and 27 indicators and options
    page.keyboard.press("PageUp")
    page.wait_for_url(re.compile(r"indicator=refuge-children-cambridge-womens-aid$"))


def test_a_meeting_screen_reads_from_the_back_of_the_room(page, sign_in):
    sign_in("board")
    page.set_viewport_size(ROOM)
    page.goto(MEETING + "&objective=prevent&indicator=police-da-incidents-whole")
    charts_drawn(page)
    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body >= 24
    ticks = page.locator(".chart .ytick text").first
    assert float(ticks.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 20
    assert page.locator(".chart .ytick text").all_text_contents()[-1] == "2,000"
    # the quarter shown is marked by a line and its label
    assert page.locator(".chart .annotation").text_content() == "Q3 2015/16"
    assert page.locator(".chart .shapelayer path, .chart .layer-below .shapelayer path").count()


def test_a_long_objective_is_summarised_over_screens_that_each_fit(
    page, sign_in, assert_accessible
):
    sign_in("cheshire-coordinator")
    page.set_viewport_size(ROOM)
    for part in range(1, 6):
        page.goto(f"/p/cheshire-east/meeting/?objective=provision&part={part}")
        width, inner_width, height, inner_height = measure(page)
        assert width <= inner_width and height <= inner_height, (part, height)
        assert f"(part {part} of 5)" in page.get_by_role("heading", level=1).inner_text()
    assert_accessible()


@pytest.mark.parametrize("size", [PHONE, ROOM], ids=["phone", "room"])
def test_no_page_is_wider_than_the_screen(chromium, live_server, demo, size):
    from tests.browser.conftest import serious_violations
    from tests.conftest import DEMO_PASSWORD

    pages = {}  # one signed-in page per user
    try:
        for username, address in PAGES:
            if username not in pages:
                context = chromium.new_context(base_url=live_server.url, viewport=size)
                pages[username] = page = context.new_page()
                page.goto("/accounts/login/")
                page.get_by_label("Username").fill(username)
                page.get_by_label("Password").fill(DEMO_PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_url("**/")
            page = pages[username]
            page.goto(address)
            charts_drawn(page)
            width, inner_width, _, _ = measure(page)
            assert width <= inner_width, (address, width)
            assert serious_violations(page) == [], address
    finally:
        for page in pages.values():
            page.wait_for_load_state("networkidle")
            page.context.close()


def test_a_phone_scrolls_a_wide_table_in_its_own_box_keeping_the_years_in_view(page, sign_in):
    sign_in("coordinator")
    page.set_viewport_size(PHONE)
    page.goto("/p/cambridgeshire/indicators/refuge-occupancy-rate/")
    box = page.get_by_role("region", name="Table: Occupancy rate for the refuges - Refuge (Hunts)")
    assert box.get_attribute("tabindex") == "0"
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    year = box.get_by_role("rowheader").first
    before = year.bounding_box()["x"]
    box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    assert year.bounding_box()["x"] == before
    assert box.locator("caption").bounding_box()["x"] >= 0


def test_the_indicator_page_has_its_charts(page, sign_in, assert_accessible):
    sign_in("coordinator")
    page.goto("/p/cambridgeshire/indicators/police-da-incidents/?period=2015-16-q3")
    chart = page.locator("[data-chart='police-da-incidents-whole']")
    chart.and_(page.locator("[data-drawn=true]")).wait_for()
    assert chart.locator("svg.main-svg").count() >= 1
    assert_accessible()


def test_focus_goes_to_the_error_summary_after_a_failed_post(page, sign_in):
    from indicators.models import Value

    value = Value.objects.get(indicator__code="police-da-incidents", period="2015/16 Q3")
    sign_in("coordinator")
    page.goto(f"/p/cambridgeshire/values/{value.pk}/delete/")
    page.get_by_role("button", name="Delete this figure").click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.activeElement.className") == "error-summary"
