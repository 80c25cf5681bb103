"""A coordinator reviews a submitted return on its read-only summary and sends it back with a
reason; then locks a quarter through the confirmation page."""

RETURNS = "/p/cambridgeshire/returns/2015-16-q4/"
POLICE = RETURNS + "cambridgeshire-constabulary/"


def submitted_police_return() -> None:
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from indicators.periods import Period
    from indicators.workflow import Entry, return_save
    from strategy.models import Organisation

    police = Organisation.objects.get(
        partnership__slug="cambridgeshire", slug="cambridgeshire-constabulary"
    )
    return_save(
        organisation=police,
        quarter=Period(2015, 4),
        user=get_user_model().objects.get(username="police-lead"),
        entries={
            "police-da-incidents.whole": Entry(Decimal(1790)),
            "court-cases.whole": Entry(None, "not-yet-released"),
            "police-da-individuals.whole": Entry(None, "not-collected"),
        },
        version=0,
        submit=True,
    )


def test_a_coordinator_reviews_a_return_and_sends_it_back(page, sign_in, assert_accessible):
    submitted_police_return()
    sign_in("coordinator")
    page.goto(RETURNS)
    page.get_by_role("link", name="Cambridgeshire Constabulary").click()
    # the summary: no field to type a figure into, the decision first
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Cambridgeshire Constabulary: return for 2015/16 Q4"
    )
    assert page.get_by_label("Figure (count)").count() == 0
    figures = page.get_by_role("table", name="figures for 2015/16 Q4")
    row = figures.get_by_role("row", name="Total number of domestic abuse incidents")
    assert "1,790" in row.inner_text() and "1,705" in row.inner_text()
    assert "up 5%" in row.inner_text() and "down 3.7%" in row.inner_text()
    approve = page.get_by_role("button", name="Approve the return")
    assert approve.bounding_box()["y"] < figures.bounding_box()["y"]
    assert_accessible()

    page.get_by_role("button", name="Send back for correction").click()
    summary = page.get_by_role("alert")
    assert "What needs correcting: This field is required." in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert_accessible()
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.name") == "reason"
    page.get_by_label("What needs correcting").fill("January looks low: please re-run it")
    page.get_by_role("button", name="Send back for correction").click()
    assert "sent back for correction" in page.get_by_role("status").inner_text()
    assert page.locator(".summary .status").inner_text() == "Returned for correction"
    assert page.get_by_text("January looks low: please re-run it").is_visible()


def test_a_coordinator_locks_a_quarter_through_the_confirmation(page, sign_in, assert_accessible):
    from indicators import locks
    from indicators.periods import Period
    from strategy.models import Partnership

    submitted_police_return()
    sign_in("coordinator")
    page.goto(RETURNS)
    page.get_by_role("link", name="Lock 2015/16 Q4").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Lock 2015/16 Q4"
    outstanding = "6 of 6 returns are not approved yet: 5 not started, 1 submitted."
    assert page.get_by_text(outstanding).is_visible()
    listed = page.get_by_role("table", name="Returns for 2015/16 Q4 not approved")
    assert "Cambridgeshire Constabulary" in listed.get_by_role("row", name="Submitted").inner_text()
    assert_accessible()
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 720})

    page.get_by_role("link", name="Cancel").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Returns for 2015/16 Q4"
    page.get_by_role("link", name="Lock 2015/16 Q4").click()
    lock = page.get_by_role("button", name="Lock 2015/16 Q4 with 6 returns not approved")
    lock.click()
    assert "Why lock it: This field is required." in page.get_by_role("alert").inner_text()
    page.get_by_label("Why lock it").fill("Signed off by the board on 4 May 2016")
    lock.click()
    assert "2015/16 Q4 is locked." in page.get_by_role("status").inner_text()
    assert page.get_by_text("This quarter is locked").is_visible()
    partnership = Partnership.objects.get(slug="cambridgeshire")
    assert locks.is_locked(partnership.pk, Period(2015, 4))
