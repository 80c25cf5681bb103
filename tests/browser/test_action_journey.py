"""A partner lead rates an action red with a reason; a board member sees it red in the plan."""

from datetime import date

from tests.browser.conftest import serious_violations
from tests.conftest import DEMO_PASSWORD


def test_a_red_rating_reaches_the_board(page, sign_in, assert_accessible, chromium, live_server):
    from strategy.models import Action, Partnership

    cambridgeshire = Partnership.objects.get(slug="cambridgeshire")
    action = Action.objects.create(
        objective=cambridgeshire.strategies.get().objectives.get(code="protect"),
        area_for_development="The need to improve the first police response",
        lead_organisation=cambridgeshire.organisations.get(slug="cambridgeshire-constabulary"),
        target_date=date(2016, 3, 31),
    )
    sign_in("police-lead")
    page.goto(f"/p/cambridgeshire/actions/{action.pk}/")
    assert_accessible()
    page.get_by_label("Quarter").select_option("2015/16 Q3")
    page.get_by_label("Red").check()
    page.get_by_role("button", name="Save update").click()
    assert "Say why the action is now red" in page.get_by_role("alert").inner_text()
    page.get_by_label("Reason for the rating").fill("Funding for the trainer was withdrawn")
    page.get_by_label("Red").check()
    page.get_by_role("button", name="Save update").click()
    assert "Update saved." in page.get_by_role("status").inner_text()
    assert_accessible()

    board = chromium.new_context(
        base_url=live_server.url, extra_http_headers={"Connection": "close"}
    ).new_page()
    board.goto("/accounts/login/")
    board.get_by_label("Username").fill("board")
    board.get_by_label("Password").fill(DEMO_PASSWORD)
    board.get_by_role("button", name="Sign in").click()
    board.goto("/p/cambridgeshire/actions/?rag=red")
    row = board.get_by_role("row", name="The need to improve the first police response")
    assert "Red" in row.inner_text()
    assert serious_violations(board) == []
    board.context.close()
