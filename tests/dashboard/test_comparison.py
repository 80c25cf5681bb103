"""The year-on-year comparison, as pure functions, against the papers' own tables."""

from decimal import Decimal as D

import pytest

from dashboard.comparison import (
    AVERAGE_OF_QUARTERS,
    FROM_COUNTS,
    break_between,
    cell_for,
    comparison_rows,
    mark_new_definitions,
    period_shown,
    sentence,
    year_from_quarters,
)
from indicators.judgement import change_on_last_year
from indicators.periods import Period, parse_period
from indicators.selectors import Figure


def quarters(year: int, *figures) -> list[Figure]:
    return [
        Figure(Period(year, number), None if f is None else D(f))
        for number, f in enumerate(figures, start=1)
    ]


def test_the_committee_table_of_the_2016_paper():
    figures = (
        quarters(2015, 1862, 1971, 1859)
        + quarters(2014, 1880, 1965, 1758, 1705)
        + quarters(2013, 1670, 1907, 1818, 1894)
    )
    rows = comparison_rows(figures, year_rule="sum")
    assert [str(row.year) for row in rows] == ["2015/16", "2014/15", "2013/14"]
    table = [[cell.value for cell in row.cells] for row in rows]
    assert table == [
        [1862, 1971, 1859, None, None],
        [1880, 1965, 1758, 1705, 7308],
        [1670, 1907, 1818, 1894, 7289],
    ]
    assert rows[1].full_year.derived


@pytest.mark.parametrize(
    ("rule", "expected"),
    [("sum", D(300)), ("mean", D("75.00")), ("last", D(90)), ("none", None)],
)
def test_each_year_from_quarters_rule(rule, expected):
    assert year_from_quarters(rule, [D(60), D(70), D(80), D(90)]) == expected


def test_a_year_with_a_quarter_missing_has_no_figure_made_from_quarters():
    rows = comparison_rows(quarters(2014, 42, 39, 43), year_rule="sum")
    assert rows[0].full_year.value is None


def test_a_year_entered_directly_wins_over_one_made_from_quarters():
    figures = [*quarters(2014, 42, 39, 43, 34), Figure(Period(2014), D(150))]
    rows = comparison_rows(figures, year_rule="sum")
    assert (rows[0].full_year.value, rows[0].full_year.derived) == (D(150), False)


def test_a_missing_figure_keeps_its_reason_in_the_table():
    rows = comparison_rows(
        [Figure(Period(2015), None, "not-yet-released", "Data not released until end of period")],
        year_rule="sum",
    )
    assert rows[0].full_year.missing_reason == "not-yet-released"


def test_only_the_latest_years_are_kept_when_asked():
    figures = [Figure(Period(year), D(year)) for year in range(2005, 2016)]
    assert [row.year.year for row in comparison_rows(figures, year_rule="none", years=5)] == [
        2015,
        2014,
        2013,
        2012,
        2011,
    ]


@pytest.mark.parametrize(
    ("unit", "direction", "current", "previous", "text", "judgement"),
    [
        ("count", "up", 1859, 1758, "up 5.7%", "better"),
        ("count", "down", 1859, 1758, "up 5.7%", "worse"),
        ("count", "none", 1859, 1758, "up 5.7%", "no judgement"),
        ("count", "up", 34, 43, "down 20.9%", "worse"),
        ("percentage", "up", 72, 80, "down 8 points", "worse"),
        ("percentage", "down", 14, 38, "down 24 points", "better"),
        ("percentage", "down", 31, 30, "up 1 point", "worse"),
        ("count", "up", 5, 5, "no change", "no change"),
        ("count", "up", 5, 0, "up from 0", "better"),
    ],
)
def test_the_change_on_last_year_and_its_judgement(
    unit, direction, current, previous, text, judgement
):
    change = change_on_last_year(
        unit=unit, direction=direction, current=D(current), previous=D(previous)
    )
    assert (change.text, change.judgement) == (text, judgement)


def test_no_change_without_last_years_figure():
    assert change_on_last_year(unit="count", direction="up", current=D(1), previous=None) is None


def test_the_sentence_says_it_plainly():
    change = change_on_last_year(unit="count", direction="up", current=D(1859), previous=D(1758))
    assert (
        sentence(
            period=Period(2015, 3), unit="count", noun="incidents", current=D(1859), change=change
        )
        == "Q3 2015/16: 1,859 incidents, up 5.7% on Q3 2014/15 (1,758)."
    )
    assert (
        sentence(
            period=Period(2015),
            unit="count",
            noun="cases",
            current=None,
            change=None,
            missing="not yet released",
        )
        == "2015/16: not yet released."
    )


def years(*pairs) -> list[Figure]:
    return [Figure(parse_period(period), D(value)) for period, value in pairs]


def test_a_measure_of_whole_years_gets_the_compact_table():
    rows = comparison_rows(years(("2012/13", 1065), ("2011/12", 1010)), year_rule="none")
    assert [(row.label, row.quarters, row.full_year.value) for row in rows] == [
        ("2012/13", [], 1065),
        ("2011/12", [], 1010),
    ]


def test_years_before_the_strategy_are_its_baseline():
    rows = comparison_rows(
        years(("2012/13", 1065), ("2014/15", 1200)), year_rule="none", first_year=2014
    )
    assert [(row.label, row.baseline) for row in rows] == [("2014/15", False), ("2012/13", True)]


def test_a_year_to_date_has_its_own_row_and_is_never_a_full_year():
    figures = years(("2015/16 Q1-Q3", 79), ("2014/15", 84))
    rows = comparison_rows(figures, year_rule="mean")
    assert [row.label for row in rows] == ["2015/16 to date", "2014/15"]
    to_date = rows[0]
    assert [cell.value for cell in to_date.quarters] == [None, None, 79, None]
    assert to_date.full_year.value is None
    assert cell_for(rows, parse_period("2015/16 Q1-Q3")).value == 79
    assert cell_for(rows, parse_period("2014/15")).value == 84


def test_a_year_to_date_is_compared_with_the_same_year_to_date_a_year_earlier():
    rows = comparison_rows(years(("2015/16 Q1-Q2", 150), ("2014/15 Q1-Q2", 120)), year_rule="sum")
    shown = period_shown(frequency="year-to-date", quarter=Period(2015, 2), compact=False)
    assert shown == parse_period("2015/16 Q1-Q2")
    previous = cell_for(rows, shown.same_period_last_year())
    change = change_on_last_year(
        unit="count", direction="up", current=cell_for(rows, shown).value, previous=previous.value
    )
    assert change.text == "up 25%"


@pytest.mark.parametrize(
    ("quarter", "expected"),
    [
        (Period(2015, 3), Period(2014)),
        (Period(2015, 4), Period(2015)),
        (Period(2016, 1), Period(2015)),
    ],
)
def test_a_quarter_shows_the_latest_year_that_ended_by_then(quarter, expected):
    assert period_shown(frequency="annual", quarter=quarter, compact=True) == expected


def test_a_percentages_year_is_the_average_of_its_quarters_and_says_so():
    rows = comparison_rows(quarters(2014, 38, 34, 13, 20), year_rule="mean")
    assert rows[0].full_year.value == D("26.25")
    assert rows[0].full_year.basis == AVERAGE_OF_QUARTERS


def test_a_percentages_year_comes_from_its_counts_where_both_are_stored():
    rows = comparison_rows(
        quarters(2014, 38, 34, 13, 20), year_rule="mean", from_counts={2014: D("24.10")}
    )
    assert (rows[0].full_year.value, rows[0].full_year.basis) == (D("24.10"), FROM_COUNTS)


def test_a_definition_change_marks_its_quarter_and_breaks_the_comparison():
    rows = comparison_rows(
        quarters(2014, 100, 120, 144, 130) + quarters(2013, 71, 80, 90, 95), year_rule="sum"
    )
    start = Period(2014, 1)
    mark_new_definitions(rows, [start])
    assert [cell.new_definition for cell in rows[0].cells] == [True, False, False, False, True]
    assert not any(cell.new_definition for cell in rows[1].cells)
    assert break_between(Period(2013, 3), Period(2014, 3), [start]) == start
    assert break_between(Period(2014, 3), Period(2015, 3), [start]) is None


def test_a_draft_is_marked_and_so_is_a_year_made_from_it():
    figures = quarters(2014, 10, 20, 30) + [Figure(Period(2014, 4), D(40), mark="draft")]
    row = comparison_rows(figures, year_rule="sum")[0]
    assert [cell.mark for cell in row.cells] == ["", "", "", "draft", "draft"]


def test_the_sentence_of_a_year_to_date():
    said = sentence(
        period=parse_period("2015/16 Q1-Q3"),
        unit="percentage",
        noun="",
        current=D(79),
        change=None,
    )
    assert (
        said == "2015/16 to the end of Q3: 79%; no figure for 2014/15 to the end of Q3 to compare."
    )
