"""A coordinator invites a partner lead, who opens the e-mailed link, sets a password and is in,
and finds their organisation's overdue return first on the first page.

The live server runs in this process, so the invitation e-mail lands in Django's test outbox.
"""

import re

from django.utils import timezone

from indicators.periods import quarter_of

LINK = re.compile(r"https?://[^/\s]+(/accounts/invitation/[^/\s]+/)")


def test_a_coordinator_invites_a_lead_who_sets_a_password_and_finds_the_overdue_return(
    page, sign_in, assert_accessible, mailoutbox
):
    from strategy.models import Strategy

    # The live server's today is the real one: the demo strategy is made to run to this year,
    # so the quarter that ended over three months ago is within its years, and late.
    today = timezone.localdate()
    Strategy.objects.filter(partnership__slug="cambridgeshire").update(end_year=today.year)
    late = quarter_of(today).previous().previous()
    sign_in("coordinator")
    page.goto("/p/cambridgeshire/")
    page.get_by_role("link", name="People", exact=True).click()
    page.wait_for_url("**/p/cambridgeshire/people/")
    assert page.get_by_role("table", name="People in the partnership", exact=True).is_visible()
    assert_accessible()

    page.get_by_role("button", name="Send the invitation").click()
    assert "There is a problem" in page.get_by_role("alert").inner_text()
    assert page.evaluate("document.activeElement.className") == "error-summary"

    page.get_by_label("Name").fill("Lee Lead")
    page.get_by_label("E-mail address").fill("lee.lead@example.org")
    page.get_by_label("Organisation").select_option(label="Cambridgeshire Constabulary")
    page.get_by_label("Role").select_option(label="Partner lead")
    page.get_by_role("button", name="Send the invitation").click()
    assert "Invitation sent to lee.lead@example.org." in page.get_by_role("status").inner_text()
    invitations = page.get_by_role("table", name="Invitations not yet accepted")
    assert "lee.lead@example.org" in invitations.inner_text()
    assert_accessible()

    (message,) = mailoutbox
    link = LINK.search(message.body).group(1)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")

    page.goto(link)
    assert page.get_by_role("heading", name="Accept your invitation").is_visible()
    assert_accessible()
    page.get_by_label("Username").fill("lee")
    page.get_by_label("Password", exact=True).fill("a long unusual passphrase 47")
    page.get_by_label("Password again").fill("a long unusual passphrase 47")
    page.get_by_role("button", name="Set my password and sign in").click()
    page.wait_for_url(re.compile(r"/$"))
    assert "Welcome. You are now partner lead" in page.get_by_role("status").inner_text()
    assert "Signed in as lee" in page.get_by_role("navigation", name="Account").inner_text()
    assert page.get_by_role("heading", name="Your partnerships").is_visible()
    tasks = page.get_by_role("table", name="What you need to do, most urgent first")
    row = tasks.get_by_role("row").filter(
        has_text=f"Cambridgeshire Constabulary's return for {late}"
    )
    assert re.search(r"\d+ days late", row.inner_text())

    page.goto(link)
    assert page.get_by_role("heading", name="This invitation cannot be used").is_visible()


def test_a_coordinator_changes_a_role_then_deactivates_a_leaver(page, sign_in, assert_accessible):
    sign_in("coordinator")
    page.goto("/p/cambridgeshire/people/")
    page.get_by_role("link", name="Pat Police").click()
    assert page.get_by_role("heading", name="Pat Police", level=1).is_visible()
    assert_accessible()

    page.get_by_label("Role in Cambridgeshire Constabulary").select_option(label="Officer")
    page.get_by_label("Why (kept in the history)").fill("Moved to the analysts' team")
    page.get_by_role("button", name="Change role").click()
    assert "Pat Police is now officer" in page.get_by_role("status").inner_text()
    assert (
        "Role changed from Partner lead to Officer. Moved to the analysts' team"
        in page.get_by_role("table", name="Changes to this person's roles").inner_text()
    )

    page.get_by_label("Reason").fill("Left the force in March")
    page.get_by_role("button", name="Deactivate Pat Police").click()
    page.wait_for_url("**/p/cambridgeshire/people/")
    assert "can no longer sign in" in page.get_by_role("status").inner_text()
    people = page.get_by_role("table", name="People in the partnership", exact=True)
    assert "No: deactivated" in people.inner_text()
    assert_accessible()
