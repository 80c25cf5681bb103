"""Meeting mode: an objective's summary, then each of its indicators, one screen at a time, each
at an address of its own."""

import json
import re
from datetime import date

import pytest
from django.http import QueryDict

from dashboard import board, meeting_mode, selectors
from dashboard.meeting_mode import Screen
from indicators.selectors import Audience

MEETING = "/p/cambridgeshire/meeting/?quarter=2015-16-q3"


def demo_sections(partnership, query="quarter=2015-16-q3"):
    view = selectors.board_view(
        partnership=partnership, audience=Audience.board(partnership), params=QueryDict(query)
    )
    return board.dashboard(view, today=date(2016, 3, 1))


def test_each_objectives_summary_comes_before_its_indicators_then_the_next_objective(
    cambridgeshire,
):
    screens = meeting_mode.screens(demo_sections(cambridgeshire).sections)
    assert screens[:3] == [
        Screen("prevent"),
        Screen("prevent", indicator="police-da-incidents-whole"),
        Screen("prevent", indicator="police-da-individuals-whole"),
    ]
    assert screens[7] == Screen("protect")
    assert [s.objective for s in screens if not s.indicator] == [
        "prevent",
        "protect",
        "pursue",
        "recover",
    ]


def test_an_objective_with_more_indicators_than_a_screen_holds_gets_a_summary_in_parts(
    cheshire_east,
):
    screens = meeting_mode.screens(demo_sections(cheshire_east, "").sections)
    parts = [s.part for s in screens if s.objective == "provision" and not s.indicator]
    assert parts == [1, 2, 3, 4, 5]  # 38 indicators and options, 9 to a screen


def test_a_screens_address_keeps_the_dashboards_query():
    query = QueryDict("quarter=2015-16-q3&organisation=idva-service&objective=x&part=3")
    assert (
        Screen("protect", indicator="marac-cases-whole").query(query)
        == "?quarter=2015-16-q3&organisation=idva-service&objective=protect"
        "&indicator=marac-cases-whole"
    )
    assert Screen("protect", part=2).query(query).endswith("&objective=protect&part=2")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "objective=protect&indicator=marac-cases-whole",
            Screen("protect", 1, "marac-cases-whole"),
        ),
        ("objective=protect&indicator=no-such-thing", Screen("protect")),
        ("objective=no-such-objective", Screen("prevent")),
        ("", Screen("prevent")),
    ],
)
def test_an_address_finds_its_screen_or_falls_back_to_its_objective(
    cambridgeshire, query, expected
):
    screens = meeting_mode.screens(demo_sections(cambridgeshire).sections)
    assert screens[meeting_mode.find(screens, QueryDict(query))] == expected


def test_the_summary_screen_gives_each_indicators_figure_change_and_rag(client, board_member):
    client.force_login(board_member)
    page = client.get(MEETING + "&objective=protect").content.decode()
    assert "<h1>Protect</h1>" in page
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?referrals into the IDVA.*?</tr>", page, re.S)
    assert "72%" in row.group() and "down 8 points: <strong>worse</strong>" in row.group()
    assert "No target" in row.group()
    assert "objective=protect&amp;indicator=idva-engagement-rate-whole" in row.group()
    assert chart_data(page) == {}


def test_the_summary_says_no_figure_yet_as_the_dashboard_does(client, board_member):
    client.force_login(board_member)
    page = client.get(MEETING + "&objective=protect").content.decode()
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?Victims referred to MARAC.*?</tr>", page, re.S)
    assert '<td class="figure">No figure yet</td>' in row.group()


def test_an_indicators_screen_charts_it_with_the_quarter_marked(client, board_member):
    client.force_login(board_member)
    page = client.get(
        MEETING + "&objective=prevent&indicator=police-da-incidents-whole"
    ).content.decode()
    assert '<h1 id="police-da-incidents-whole-title">Total number of domestic abuse' in page
    assert "Q3 2015/16: 1,859 incidents, up 5.7% on Q3 2014/15 (1,758)." in page
    (figure,) = chart_data(page).values()
    assert figure["layout"]["shapes"][0]["x0"] == "Q3"
    assert figure["layout"]["yaxis"]["tickformat"] == ",d"
    assert 'id="police-da-incidents-whole-table"' in page
    assert 'objective=prevent&amp;indicator=police-da-individuals-whole" rel="next"' in page


def test_a_single_figure_is_said_with_its_baseline_not_charted(client, board_member):
    client.force_login(board_member)
    page = client.get(
        MEETING + "&objective=prevent&indicator=police-da-individuals-whole"
    ).content.decode()
    assert chart_data(page) == {}
    assert 'data-chart="' not in page
    assert re.search(r'<span class="single-period">2012/13</span> <strong>5,080</strong>', page)
    assert "Baseline, before the strategy began: 2012/13." in page


def test_the_last_screen_has_no_next_and_the_first_no_previous(client, board_member):
    client.force_login(board_member)
    first = client.get(MEETING).content.decode()
    last = client.get(MEETING + "&objective=recover&indicator=refuge-children-refuge")
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last.content.decode()


def test_a_screen_takes_the_same_number_of_queries_for_5_and_60_indicators(
    client, board_member, cambridgeshire, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators.models import Indicator
    from tests.dashboard.test_dashboard import _add_indicators

    client.force_login(board_member)
    client.get(MEETING)  # renews the session: not again within five minutes
    screen = MEETING + "&objective=prevent&indicator=load-3-a"
    _add_indicators(cambridgeshire, 5)
    with CaptureQueriesContext(connection) as few:
        client.get(screen)
    Indicator.objects.filter(code__startswith="load-").delete()
    _add_indicators(cambridgeshire, 60)
    # the whole strategy is read for every screen, as the dashboard reads it, in as many queries
    with django_assert_num_queries(len(few)):
        response = client.get(screen)
    assert '<h1 id="load-3-a-title">Load indicator 3 - A</h1>' in response.content.decode()


def chart_data(page: str) -> dict:
    found = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))
