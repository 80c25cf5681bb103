"""`make bench`: the benchmark page of a club of 300 partnerships, each sharing a rate per
1,000 over its population. Prints figures; asserts nothing about time (CI machines differ)."""

from indicators.synthetic import SyntheticSize, synthetic_generate
from tests.benchmarks.bench_returns import report, timed

CLUB = 300


def test_benchmark_page_of_300_partnerships(client, make_member):
    synthetic_generate(
        size=SyntheticSize(partnerships=CLUB, indicators=2, years=2, last_year=2015, rates=1),
        prefix="bench-club",
    )
    from strategy.models import Partnership

    first = Partnership.objects.get(slug="bench-club-1")
    client.force_login(make_member("bench-board", first.organisations.first(), "board-member"))
    page = "/p/bench-club-1/indicators/rate-0/benchmark/"
    assert client.get(page).content.decode().count("<tr") == CLUB + 1
    report(f"benchmark page ({CLUB} partnerships)", timed(lambda: client.get(page)))
