"""A board member signs in and finds their partnership's plan; no serious accessibility faults."""

import re


def test_a_board_member_signs_in_and_sees_their_partnership(page, sign_in, assert_accessible):
    page.goto("/")
    assert "/accounts/login/" in page.url
    assert_accessible()

    sign_in("board")
    assert page.get_by_role("heading", name="Your partnerships").is_visible()
    assert_accessible()

    page.get_by_role(
        "link", name="Cambridgeshire Domestic Abuse and Sexual Violence Partnership"
    ).click()
    page.wait_for_url(re.compile(r"/p/cambridgeshire/$"))
    assert page.get_by_role("heading", name="Recover").first.is_visible()
    assert page.get_by_role("table", name="Number of MARAC Cases").is_visible()
    assert_accessible()


def test_keyboard_users_can_skip_to_the_main_content(page, sign_in):
    sign_in("board")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_wrong_password_is_announced(page):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("board")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert "did not match" in page.get_by_role("alert").inner_text()
