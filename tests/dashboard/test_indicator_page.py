"""An indicator's own page draws a chart beside each of its tables, as the dashboard does."""

import json
import re


def chart_data(page: str) -> dict:
    found = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_each_table_has_its_chart_of_the_latest_five_years(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/p/cambridgeshire/indicators/refuge-occupancy-rate/").content.decode()
    charts = chart_data(page)
    assert set(charts) == {
        "refuge-occupancy-rate-cambridge",
        "refuge-occupancy-rate-hunts",
        "refuge-occupancy-rate-fenland",
    }
    for anchor in charts:
        assert f'<div class="chart" data-chart="{anchor}" aria-hidden="true"></div>' in page
        assert f'<figure id="{anchor}" aria-describedby="{anchor}-table">' in page
    assert charts["refuge-occupancy-rate-hunts"]["layout"]["yaxis"]["ticksuffix"] == "%"
    assert page.count("vendor/plotly.min.js") == 1


def test_the_period_asked_for_is_marked_on_the_chart(client, coordinator):
    client.force_login(coordinator)
    page = client.get(
        "/p/cambridgeshire/indicators/police-da-incidents/?period=2014-15-q2"
    ).content.decode()
    (figure,) = chart_data(page).values()
    assert figure["layout"]["annotations"][0]["text"] == "Q2 2014/15"
    strong = next(trace for trace in figure["data"] if trace["line"]["dash"] == "solid")
    assert strong["name"] == "2014/15"
