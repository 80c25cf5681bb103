"""The chart beside each committee table (`dashboard.charts.chart`): plain data for plotly.js,
readable in a meeting room and without seeing colour."""

from decimal import Decimal as D

from dashboard.charts import chart
from dashboard.comparison import comparison_rows
from indicators.periods import Period, parse_period
from indicators.selectors import Figure

Q3 = Period(2015, 3)


def quarters(year: int, *figures) -> list[Figure]:
    return [Figure(Period(year, number), D(f)) for number, f in enumerate(figures, start=1)]


def paper_2016_chart(**options) -> dict:
    """Police incidents, as the 2016 paper tabled them."""
    rows = comparison_rows(
        quarters(2015, 1862, 1971, 1859)
        + quarters(2014, 1880, 1965, 1758, 1705)
        + quarters(2013, 1670, 1907, 1818, 1894),
        year_rule="sum",
    )
    options = {"selected_year": Period(2015), "title": "Incidents", "unit": "count"} | options
    return chart(rows, **options)


def test_each_year_is_a_line_over_the_quarters_oldest_first_in_the_legend():
    figure = paper_2016_chart(selected=Q3)
    assert [trace["name"] for trace in figure["data"]] == ["2013/14", "2014/15", "2015/16"]
    assert figure["data"][2]["x"] == ["Q1", "Q2", "Q3", "Q4"]
    assert figure["data"][2]["y"] == [1862, 1971, 1859, None]


def test_the_selected_year_is_strong_and_earlier_years_differ_in_colour_and_dash():
    older, last_year, selected = paper_2016_chart(selected=Q3)["data"]
    assert selected["line"]["dash"] == "solid"
    assert selected["line"]["width"] > last_year["line"]["width"]
    dashes = {trace["line"]["dash"] for trace in (older, last_year, selected)}
    colours = {trace["line"]["color"] for trace in (older, last_year, selected)}
    symbols = {trace["marker"]["symbol"] for trace in (older, last_year, selected)}
    assert len(dashes) == len(colours) == len(symbols) == 3


def test_the_selected_quarter_is_marked_by_a_line_a_label_and_a_larger_point():
    figure = paper_2016_chart(selected=Q3)
    (line,) = figure["layout"]["shapes"]
    assert (line["x0"], line["x1"], line["yref"]) == ("Q3", "Q3", "paper")
    (label,) = figure["layout"]["annotations"]
    assert label["text"] == "Q3 2015/16"
    sizes = figure["data"][2]["marker"]["size"]
    assert sizes[2] > sizes[0] == sizes[1] == sizes[3]
    assert len(set(figure["data"][1]["marker"]["size"])) == 1


def test_without_a_selected_period_nothing_is_marked():
    layout = paper_2016_chart()["layout"]
    assert layout["shapes"] == [] and layout["annotations"] == []


def test_axes_separate_thousands_and_say_the_unit():
    counts = paper_2016_chart()["layout"]
    assert counts["separators"] == ".,"
    assert counts["yaxis"]["tickformat"] == ",d"
    assert counts["yaxis"]["title"]["text"] == "Number"
    rows = comparison_rows(quarters(2015, 81, 75) + quarters(2014, 75, 71), year_rule="mean")
    percentages = chart(rows, selected_year=Period(2015), title="Engagement", unit="percentage")
    axis = percentages["layout"]["yaxis"]
    assert (axis["ticksuffix"], axis["title"]["text"]) == ("%", "Per cent")
    assert axis["tickformat"] == ",~r"  # 81.25% keeps its decimals; 1,859 its separator


def test_small_counts_are_ticked_in_whole_numbers():
    rows = comparison_rows(quarters(2015, 3, 1) + quarters(2014, 2, 4), year_rule="sum")
    axis = chart(rows, selected_year=Period(2015), title="Completions", unit="count")["layout"]
    assert axis["yaxis"]["dtick"] == 1


def test_a_table_of_whole_years_is_charted_along_the_years():
    figures = [Figure(parse_period(p), D(v)) for p, v in (("2014/15", 5080), ("2013/14", 4920))]
    rows = comparison_rows(figures, year_rule="none")
    figure = chart(
        rows, selected_year=Period(2015), title="Individuals", unit="count", selected=Period(2014)
    )
    (trace,) = figure["data"]
    assert trace["x"] == ["2013/14", "2014/15"]
    assert trace["marker"]["size"][1] > trace["marker"]["size"][0]
    assert figure["layout"]["shapes"][0]["x0"] == "2014/15"
    assert figure["layout"]["xaxis"]["title"]["text"] == "Financial year"


def test_a_single_figure_gets_no_chart():
    rows = comparison_rows([Figure(parse_period("2012/13"), D(5080))], year_rule="none")
    assert chart(rows, selected_year=Period(2015), title="Individuals", unit="count") == {}


def test_a_year_with_only_its_full_year_figure_has_no_line():
    figures = quarters(2015, 81, 75) + [Figure(parse_period("2012/13"), D(81))]
    rows = comparison_rows(figures, year_rule="mean")
    figure = chart(rows, selected_year=Period(2015), title="Engagement", unit="percentage")
    assert [trace["name"] for trace in figure["data"]] == ["2015/16"]


def test_a_year_to_date_is_the_strong_line_when_the_view_reports_it():
    figures = [
        Figure(parse_period(p), D(v))
        for p, v in (("2015/16 Q1-Q3", 88), ("2014/15 Q1", 85), ("2014/15 Q3", 68))
    ]
    rows = comparison_rows(figures, year_rule="mean")
    figure = chart(
        rows,
        selected_year=Period(2015),
        title="Occupancy",
        unit="percentage",
        selected=parse_period("2015/16 Q1-Q3"),
    )
    strong = next(trace for trace in figure["data"] if trace["line"]["dash"] == "solid")
    assert strong["name"] == "2015/16 to date"
    assert figure["layout"]["annotations"][0]["text"] == "2015/16 to the end of Q3"
