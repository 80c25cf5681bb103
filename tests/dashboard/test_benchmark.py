"""Benchmarks between partnerships: a club of synthetic partnerships that share their rates."""

import io
import json
import re
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from indicators.models import Indicator, Value
from indicators.periods import Period
from indicators.selectors import shared_figures
from indicators.synthetic import SyntheticSize, synthetic_generate
from strategy.models import Partnership, Strategy

YEAR = Period(2015)
PAGE = "/p/club-1/indicators/rate-0/benchmark/"


@pytest.fixture
def club(db):
    """Five partnerships, each with a population and a rate per 1,000 shared as a benchmark."""
    synthetic_generate(
        size=SyntheticSize(partnerships=5, indicators=4, years=2, last_year=2015, rates=1),
        prefix="club",
    )
    return list(Partnership.objects.filter(slug__startswith="club-").order_by("slug"))


@pytest.fixture
def member(club, make_member):
    return make_member("club-board", club[0].organisations.first(), "board-member")


def rows(page: str) -> list[str]:
    """The partnership named in each row of the benchmark table, in order."""
    table = page[page.index('<table id="benchmark-table">') :]
    return re.findall(r'<th scope="row">(.*?)</th>', table)


def test_the_club_is_ranked_by_rate_with_median_quartiles_and_a_funnel(client, club, member):
    client.force_login(member)
    page = client.get(PAGE).content.decode()
    names = rows(page)
    assert len(names) == 5
    assert "Synthetic Partnership 1 (this partnership)" in names
    rates = [
        Indicator.objects.get(partnership__name=name.split(" (")[0], code="rate-0")
        for name in names
    ]
    found = []
    for rate in rates:
        count = sum(
            Value.objects.filter(indicator=rate.numerator, period__in=YEAR.quarters()).values_list(
                "approved_value", flat=True
            )
        )
        people = Value.objects.get(indicator=rate.denominator, period=YEAR).approved_value
        found.append((count * 1000 / people).quantize(D("0.01")))
    assert found == sorted(found, reverse=True)  # highest first, each from the year's counts
    assert "Median " in page and "; quartiles " in page
    charts = json.loads(re.search(r'id="chart-data" type="application/json">(.*?)<', page)[1])
    names_in_legend = [trace["name"] for trace in charts["funnel"]["data"]]
    assert {"95% limits", "99.8% limits", "This partnership", "Other partnerships"} <= set(
        names_in_legend
    )


def test_opting_out_removes_a_partnership_from_every_others_view_at_once(client, club, member):
    client.force_login(member)
    Partnership.objects.filter(slug="club-3").update(shares_benchmarks=False)
    names = rows(client.get(PAGE).content.decode())
    assert len(names) == 4 and not any(name.startswith("Synthetic Partnership 3") for name in names)


def test_a_partnership_that_does_not_share_sees_no_one_elses(client, club, member):
    Partnership.objects.filter(slug="club-1").update(shares_benchmarks=False)
    client.force_login(member)
    page = client.get(PAGE).content.decode()
    assert "Your partnership does not share its rates" in page
    assert "Synthetic Partnership 2" not in page


def test_no_comment_and_no_count_below_a_threshold_is_shown(client, club, member):
    other = Indicator.objects.get(partnership__slug="club-2", code="rate-0")
    Value.objects.filter(indicator=other.numerator).update(
        approved_comment="Secret: names a victim", comment="Secret too"
    )
    Partnership.objects.filter(slug="club-4").update(suppression_threshold=10_000)
    client.force_login(member)
    page = client.get(PAGE).content.decode()
    assert "Secret" not in page
    assert "Synthetic Partnership 4" not in page
    assert "1 partnership left out, its count or population below its suppression threshold" in (
        page
    )


def test_drafts_are_never_shared(client, club, member):
    other = Indicator.objects.get(partnership__slug="club-2", code="rate-0")
    people = Value.objects.get(indicator=other.denominator, period=YEAR)
    Value.objects.filter(pk=people.pk).update(approved_at=None, state=Value.State.DRAFT)
    client.force_login(member)
    names = rows(client.get(PAGE).content.decode())
    assert not any(name.startswith("Synthetic Partnership 2") for name in names)


def test_another_partnerships_indicator_is_a_404(client, club, member):
    client.force_login(member)
    assert client.get("/p/club-2/indicators/rate-0/benchmark/").status_code == 404


def test_the_page_takes_the_same_queries_for_5_or_15_partnerships(
    client, club, member, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member)
    client.get(PAGE)  # renews the session: not again within five minutes
    with CaptureQueriesContext(connection) as five:
        client.get(PAGE)
    synthetic_generate(
        size=SyntheticSize(partnerships=10, indicators=4, years=2, last_year=2015, rates=1),
        prefix="more",
    )
    with django_assert_num_queries(len(five)):
        assert len(rows(client.get(PAGE).content.decode())) == 15


def test_cheshire_easts_demo_benchmark_shows_its_own_rate(client, cheshire_coordinator):
    client.force_login(cheshire_coordinator)
    page = client.get("/p/cheshire-east/indicators/police-da-incidents-per-1000/benchmark/")
    names = rows(page.content.decode())
    assert names == ["Cheshire East Domestic Abuse Partnership (this partnership)"]
    assert '<td class="figure">2.86</td><td class="figure">372,146</td>' in page.content.decode()


def test_generate_synthetic_makes_a_benchmark_club(db):
    call_command(
        "generate_synthetic",
        partnerships=2,
        indicators=3,
        years=1,
        rates=1,
        prefix="clubbed",
        stdout=io.StringIO(),
    )
    club = Partnership.objects.filter(slug__startswith="clubbed-")
    assert all(p.shares_benchmarks for p in club)
    rates = Indicator.objects.filter(partnership__in=club, benchmark_code="synthetic-rate-0")
    assert rates.count() == 2
    assert all(rate.is_calculated and rate.denominator.unit == "people" for rate in rates)


def test_a_year_not_understood_says_so_and_shows_the_latest(client, club, member):
    client.force_login(member)
    page = client.get(PAGE + "?year=bad").content.decode()
    assert "&#x27;bad&#x27; is not a year with an approved rate: showing" in page
    assert 'role="alert"' in page
    assert rows(page)  # the latest year's table, as without a year
    assert "is not a year" not in client.get(PAGE).content.decode()


def test_figures_before_a_partnerships_first_year_are_not_shared(
    client, club, member, django_assert_max_num_queries
):
    # Club 2's first strategy starts in 2026/27: its years begin ten years earlier, in 2016/17,
    # so its stored 2015/16 figures are outside them and shown on none of its own pages.
    Strategy.objects.filter(partnership__slug="club-2").update(start_year=2026, end_year=2029)
    theirs = Indicator.objects.get(partnership__slug="club-2", code="rate-0")
    ours = Indicator.objects.get(partnership__slug="club-1", code="rate-0")
    parts = [theirs.numerator_id, theirs.denominator_id, ours.numerator_id, ours.denominator_id]
    assert Value.objects.filter(indicator_id__in=parts[:2], period=YEAR).exists()
    with django_assert_max_num_queries(2):  # each indicator's partnership's years; the figures
        figures = shared_figures(indicator_ids=parts, periods=[YEAR, *YEAR.quarters()])
    assert not figures.get(theirs.numerator_id) and not figures.get(theirs.denominator_id)
    assert {f.period for f in figures[ours.denominator_id]} == {YEAR}
    client.force_login(member)
    names = rows(client.get(PAGE).content.decode())
    assert len(names) == 4
    assert not any(name.startswith("Synthetic Partnership 2") for name in names)
