"""The year-on-year comparison, as pure functions, against the papers' own tables."""

from decimal import Decimal as D

import pytest

from dashboard.comparison import (
    Figure,
    change_on_last_year,
    comparison_rows,
    exceeds_tolerance,
    sentence,
    year_from_quarters,
)
from indicators.periods import Period


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


def test_an_exception_is_a_move_the_wrong_way_beyond_the_tolerance():
    worse = change_on_last_year(unit="count", direction="up", current=D(34), previous=D(43))
    assert exceeds_tolerance(worse, D(10))
    assert not exceeds_tolerance(worse, D(25))
    better = change_on_last_year(unit="count", direction="down", current=D(34), previous=D(43))
    assert not exceeds_tolerance(better, D(0))
