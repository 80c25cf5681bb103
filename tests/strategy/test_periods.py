from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategy.periods import Period, PeriodError, parse_period, quarter_of

years = st.integers(min_value=1001, max_value=9997)
quarters = st.one_of(st.none(), st.integers(min_value=1, max_value=4))
periods = st.builds(Period, years, quarters)
years_to_date = st.builds(Period, years, st.integers(min_value=1, max_value=4), st.just(True))
any_periods = st.one_of(periods, years_to_date)


@given(any_periods)
def test_printing_then_parsing_gives_the_same_period(period):
    assert parse_period(str(period)) == period


@given(any_periods)
def test_the_address_form_round_trips(period):
    assert parse_period(period.slug) == period


def test_a_year_to_date_is_written_from_q1_to_its_quarter():
    to_q3 = parse_period("2015/16 Q1-Q3")
    assert to_q3 == Period(2015, 3, to_date=True)
    assert (str(to_q3), to_q3.slug) == ("2015/16 Q1-Q3", "2015-16-q1-q3")
    assert parse_period("2015-16-q1-q3") == to_q3
    assert (to_q3.start, to_q3.end) == (date(2015, 4, 1), date(2015, 12, 31))
    assert not to_q3.is_quarter and not to_q3.is_year
    assert to_q3.same_period_last_year() == parse_period("2014/15 Q1-Q3")


@given(any_periods, st.builds(Period, years, st.integers(min_value=1, max_value=4)))
def test_a_period_is_known_at_a_quarter_only_once_it_has_ended(period, quarter):
    assert period.known_at(quarter) == (period.end <= quarter.end)


@given(years, st.integers(min_value=1, max_value=4))
def test_the_other_spellings_read_the_same(year, quarter):
    period = Period(year, quarter)
    name = str(period.financial_year)
    assert parse_period(f"{name.replace('/', '-')} Q{quarter}") == period
    assert parse_period(f"Q{quarter} {name}") == period
    assert parse_period(f"  {name}   q{quarter} ") == period


@given(periods)
def test_the_same_period_a_year_earlier_is_four_quarters_back(period):
    earlier = period.same_period_last_year()
    assert earlier.quarter == period.quarter
    if period.is_quarter:
        back = period
        for _ in range(4):
            back = back.previous()
        assert back == earlier


@given(st.dates(min_value=date(1001, 1, 1), max_value=date(9998, 12, 31)))
def test_a_date_falls_inside_the_quarter_it_is_in(day):
    quarter = quarter_of(day)
    assert quarter.start <= day <= quarter.end


@given(any_periods)
def test_a_year_to_date_sorts_after_its_quarter_and_before_the_next_year(period):
    later = Period(period.year + 1, period.quarter, period.to_date)
    assert period < later
    if period.to_date:
        assert Period(period.year, period.quarter) < period < Period(period.year + 1)


@given(periods)
def test_periods_sort_as_their_stored_text_does(period):
    other = period.next()
    assert (period < other) == (str(period) < str(other))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015/16 Q1", Period(2015, 1)),
        ("2015/16", Period(2015)),
        ("2015-16 Q1", Period(2015, 1)),
        ("Q1 2015/16", Period(2015, 1)),
        ("2015-16-q3", Period(2015, 3)),
        ("1999/00 Q4", Period(1999, 4)),
    ],
)
def test_parses_the_ways_the_papers_write_periods(text, expected):
    assert parse_period(text) == expected


def test_prints_as_the_committee_papers_do():
    assert str(Period(2015, 3)) == "2015/16 Q3"
    assert str(Period(2015)) == "2015/16"
    assert Period(2015, 3).slug == "2015-16-q3"


def test_quarter_dates_follow_the_financial_year():
    assert (Period(2015, 1).start, Period(2015, 1).end) == (date(2015, 4, 1), date(2015, 6, 30))
    assert (Period(2015, 3).start, Period(2015, 3).end) == (date(2015, 10, 1), date(2015, 12, 31))
    assert (Period(2015, 4).start, Period(2015, 4).end) == (date(2016, 1, 1), date(2016, 3, 31))
    assert (Period(2015).start, Period(2015).end) == (date(2015, 4, 1), date(2016, 3, 31))


def test_the_quarters_of_a_year():
    assert [str(q) for q in Period(2014).quarters()] == [
        "2014/15 Q1",
        "2014/15 Q2",
        "2014/15 Q3",
        "2014/15 Q4",
    ]


def test_the_quarter_a_date_falls_in():
    assert quarter_of(date(2016, 2, 29)) == Period(2015, 4)
    assert quarter_of(date(2015, 4, 1)) == Period(2015, 1)
    assert quarter_of(date(2015, 12, 31)) == Period(2015, 3)


def test_the_same_quarter_a_year_earlier():
    assert Period(2015, 3).same_period_last_year() == Period(2014, 3)
    assert Period(2015).same_period_last_year() == Period(2014)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2015/17", "the year after 2015 is 2015/16"),
        ("2015/16 Q5", "quarters are Q1 to Q4"),
        ("Q3", "write it as 2015/16 or 2015/16 Q1"),
        ("", "write it as 2015/16 or 2015/16 Q1"),
        ("2015", "write it as 2015/16 or 2015/16 Q1"),
        ("2015/16 Q1-Q5", "Q5 is not a quarter"),
        ("2015/16 Q2-Q3", "starts at Q1"),
    ],
)
def test_bad_periods_are_refused_with_a_message(text, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(text)
