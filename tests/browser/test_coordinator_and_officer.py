"""A coordinator chases, approves and locks a quarter; an officer downloads the board pack and
reads it back."""

import re

import openpyxl

RETURNS = "/p/cambridgeshire/returns/2015-16-q4/"


def test_a_coordinator_chases_approves_and_locks_a_quarter(page, sign_in, assert_accessible):
    from indicators.models import Return
    from strategy.models import Organisation

    police = Organisation.objects.get(
        partnership__slug="cambridgeshire", slug="cambridgeshire-constabulary"
    )
    Return.objects.create(organisation=police, period="2015/16 Q4", status="submitted", version=1)
    sign_in("coordinator")
    page.goto(RETURNS)
    assert_accessible()
    # chasing: the overdue returns come first and link to each return
    rows = page.locator("table.completeness tbody tr")
    assert "Overdue" in rows.first.inner_text()
    page.get_by_label("Status").select_option("submitted")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Cambridgeshire Constabulary").click()
    page.get_by_role("button", name="Approve").click()
    assert "return approved" in page.get_by_role("status").inner_text()
    page.goto(RETURNS)
    # the other five are not started: the lock's confirmation page says so and asks why
    page.get_by_role("link", name="Lock 2015/16 Q4").click()
    assert page.get_by_text("5 of 6 returns are not approved yet: 5 not started.").is_visible()
    page.get_by_label("Why lock it").fill("Signed off by the board on 4 May 2016")
    page.get_by_role("button", name="Lock 2015/16 Q4 with 5 returns not approved").click()
    assert "2015/16 Q4 is locked." in page.get_by_role("status").inner_text()
    assert page.get_by_text("This quarter is locked").is_visible()
    assert page.get_by_text("Signed off by the board on 4 May 2016").first.is_visible()
    assert_accessible()
    page.get_by_label("Why unlock it").fill("Court figures to redo")
    page.get_by_role("button", name="Unlock 2015/16 Q4").click()
    assert "2015/16 Q4 is unlocked." in page.get_by_role("status").inner_text()
    history = page.get_by_role("table", name="Every lock and unlock of 2015/16 Q4, newest first")
    assert "Unlocked" in history.inner_text() and "Court figures to redo" in history.inner_text()


def test_an_officer_downloads_the_board_pack_and_reads_it_back(page, sign_in, assert_accessible):
    sign_in("officer")
    page.goto("/p/cambridgeshire/?quarter=2015-16-q3")
    assert_accessible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Board pack (Excel)").click()
    path = download.value.path()
    assert re.match(r"cambridgeshire-board-pack\.xlsx", download.value.suggested_filename)
    with open(path, "rb") as handle:  # the download has no .xlsx ending
        workbook = openpyxl.load_workbook(handle)
    assert workbook.sheetnames[0] == "Cover" and workbook.sheetnames[-1] == "Data"
    cover = {row[0]: row[1] for row in workbook["Cover"].iter_rows(values_only=True) if row}
    assert cover["Quarter"] == "2015/16 Q3"
    assert cover["Made"].endswith("by Olu Officer")
