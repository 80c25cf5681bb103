"""A partner lead fills in a return, meets a validation error, corrects it and submits it;
the coordinator approves it, and the lead gets the approval e-mail (the live server runs in
this process, so it lands in Django's test outbox)."""

RETURN = "/p/cambridgeshire/returns/2015-16-q4/cambridgeshire-constabulary/"


def test_a_return_from_login_to_approval(
    page, sign_in, assert_accessible, chromium, live_server, mailoutbox
):
    sign_in("police-lead")
    page.goto(RETURN)
    assert_accessible()
    incidents = page.get_by_role("group", name="Total number of domestic abuse incidents")
    incidents.get_by_label("Figure (count)").fill("1790.5")
    court = page.get_by_role(
        "group", name="Total number of domestic abuse cases that went to court"
    )
    court.get_by_label("Or the reason it is missing").select_option(label="Not yet released")
    individuals = page.get_by_role("group", name="individuals")
    individuals.get_by_label("Or the reason it is missing").select_option(label="Not collected")
    page.get_by_role("button", name="Submit return").click()

    summary = page.get_by_role("alert")
    assert "is not a count" in summary.inner_text()
    assert incidents.get_by_label("Figure (count)").input_value() == "1790.5"
    assert court.get_by_label("Or the reason it is missing").input_value() == "not-yet-released"
    assert_accessible()

    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name") == "police-da-incidents.whole-figure"
    incidents.get_by_label("Figure (count)").fill("1790")
    page.get_by_role("button", name="Submit return").click()
    assert "Return submitted." in page.get_by_role("status").inner_text()
    assert page.locator(".summary .status").inner_text() == "Submitted"

    coordinator = chromium.new_context(
        base_url=live_server.url, extra_http_headers={"Connection": "close"}
    ).new_page()
    coordinator.goto("/accounts/login/")
    coordinator.get_by_label("Username").fill("coordinator")
    from tests.conftest import DEMO_PASSWORD

    coordinator.get_by_label("Password").fill(DEMO_PASSWORD)
    coordinator.get_by_role("button", name="Sign in").click()
    coordinator.goto("/p/cambridgeshire/returns/2015-16-q4/")
    coordinator.get_by_role("link", name="Cambridgeshire Constabulary").click()
    coordinator.get_by_role("button", name="Approve").click()
    assert "return approved" in coordinator.get_by_role("status").inner_text()
    assert coordinator.locator(".summary .status").inner_text() == "Approved"
    coordinator.context.close()
    (approval,) = [m for m in mailoutbox if "police-lead@example.org" in m.to]
    assert approval.subject == "Your return for 2015/16 Q4 was approved"
    assert RETURN in approval.body
