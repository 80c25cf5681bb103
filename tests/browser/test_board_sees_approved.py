"""A partner lead saves a draft for a new quarter: the board does not see it and the dashboard
stays on the last approved quarter. The lead submits, the coordinator approves: the board sees
the figure and the dashboard moves to that quarter."""

from tests.conftest import DEMO_PASSWORD

RETURN = "/p/cambridgeshire/returns/2016-17-q1/cambridgeshire-constabulary/"


def signed_in(chromium, live_server, username: str):
    page = chromium.new_context(
        base_url=live_server.url, extra_http_headers={"Connection": "close"}
    ).new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    return page


def test_the_board_sees_a_figure_only_once_it_is_approved(
    page, sign_in, assert_accessible, chromium, live_server
):
    sign_in("police-lead")
    page.goto(RETURN)
    incidents = page.get_by_role("group", name="Total number of domestic abuse incidents")
    incidents.get_by_label("Figure (count)").fill("2417")
    page.get_by_role("button", name="Save as draft").click()
    assert "saved" in page.get_by_role("status").inner_text().lower()

    board = signed_in(chromium, live_server, "board")
    board.goto("/p/cambridgeshire/")
    heading = board.locator(".dashboard-heading").inner_text()
    assert heading.endswith("2015/16 Q3")
    assert "2,417" not in board.content()

    page.goto("/p/cambridgeshire/?quarter=2015-16-q3")
    assert "approved figures, and drafts and figures awaiting approval" in page.content()

    page.goto(RETURN)
    for group in page.locator("fieldset.line").all():
        if "police-da-incidents" not in (group.get_attribute("id") or ""):
            reason = group.get_by_label("Or the reason it is missing")
            reason.select_option(label="Not collected")
    page.get_by_role("button", name="Submit return").click()
    assert "Return submitted." in page.get_by_role("status").inner_text()
    board.reload()
    assert "2,417" not in board.content()

    coordinator = signed_in(chromium, live_server, "coordinator")
    coordinator.goto(RETURN)
    coordinator.get_by_role("button", name="Approve").click()
    assert "return approved" in coordinator.get_by_role("status").inner_text()

    board.goto("/p/cambridgeshire/")
    assert board.locator(".dashboard-heading").inner_text().endswith("2016/17 Q1")
    sentence = board.locator("#police-da-incidents-whole .sentence").inner_text()
    assert sentence.startswith("Q1 2016/17: 2,417 incidents")
    page.goto("/p/cambridgeshire/")
    assert_accessible()
    for other in (board, coordinator):
        other.context.close()
