"""A partner lead signs in, finds their overdue return first on the first page, and follows the
link straight to the return's form."""

import re

from django.utils import timezone

from indicators.periods import quarter_of


def test_a_lead_finds_their_overdue_return_on_the_first_page(page, sign_in, assert_accessible):
    from strategy.models import Strategy

    # The live server's today is the real one: the demo strategy is made to run to this year,
    # so the quarter just ended is within the partnership's years.
    today = timezone.localdate()
    Strategy.objects.filter(partnership__slug="cambridgeshire").update(end_year=today.year)
    quarter = quarter_of(today).previous().previous()  # ended over three months ago: late

    sign_in("police-lead")
    tasks = page.get_by_role("table", name="What you need to do, most urgent first")
    row = tasks.get_by_role("row").filter(
        has_text=f"Cambridgeshire Constabulary's return for {quarter}"
    )
    assert re.search(r"\d+ days late", row.inner_text())
    assert_accessible()

    row.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/returns/{quarter.slug}/cambridgeshire-constabulary/$"))
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == f"Cambridgeshire Constabulary: return for {quarter}"
