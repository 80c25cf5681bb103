from decimal import Decimal as D

import pytest

from indicators.judgement import parse_figure, target_rating, unusual_change


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("81", "percentage", D(81)),
        ("81%", "percentage", D(81)),
        (" 81 % ", "percentage", D(81)),
        ("0", "count", D(0)),
        ("1,859", "count", D(1859)),
        ("2.25", "fte", D("2.25")),
        ("-12.50", "money", D("-12.50")),
        ("1,234,567.25", "money", D("1234567.25")),
        ("1859.5", "rate-per-1000", D("1859.5")),
        (".5", "fte", D("0.5")),
        ("99.9%", "percentage", D("99.9")),
    ],
)
def test_figures_people_type_are_read(text, unit, expected):
    assert parse_figure(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("12.5", "count", "a count is a whole number of at least 0"),
        ("-1", "count", "a count is a whole number of at least 0"),
        ("150", "percentage", "not a percentage between 0 and 100"),
        ("-1%", "percentage", "not a percentage between 0 and 100"),
        ("1.255", "fte", "more than two decimal places"),
        ("-1", "fte", "cannot be below 0"),
        ("twelve", "count", "is not a number"),
        ("NaN", "count", "is not a number"),
        ("1,85,9", "count", "is not a number"),
    ],
)
def test_figures_that_break_their_units_rules_are_refused(text, unit, message):
    with pytest.raises(ValueError, match=message):
        parse_figure(text, unit)


@pytest.mark.parametrize(
    "text",
    [
        "1_000",  # Python reads it; people do not write it
        "1e3",
        "1E+3",
        "-1e20",
        "١٢٣",  # Arabic-Indic digits
        "１２３",  # full-width digits
        "NaN",
        "nan",
        "Infinity",
        "-inf",
        "1.2.3",
        "12,34",
        "1,859.",
        "+5",
        "£5",
        "5 000",
        "--5",
        "",
    ],
)
def test_what_is_not_a_plain_number_is_refused_with_an_example_of_one(text):
    with pytest.raises(ValueError, match=r"is not a number: write it as 1,859 or 1859\.5\.$"):
        parse_figure(text, "money")


@pytest.mark.parametrize(
    ("unit", "example"),
    [("count", "1,859 or 1859"), ("percentage", "81, 81.5 or 81%"), ("fte", "1,859 or 1859.5")],
)
def test_the_example_fits_the_unit(unit, example):
    with pytest.raises(ValueError) as refused:
        parse_figure("1e3", unit)
    assert str(refused.value) == f"'1e3' is not a number: write it as {example}."


@pytest.mark.parametrize(
    ("last_year", "figure", "unusual"),
    [
        (3, 6, False),  # small counts double by chance
        (180, 400, True),
        (1758, 1859, False),  # paper 003: up 5.7%
        (1758, 2700, True),
        (0, 5, False),
        (0, 12, True),
        (100, 130, False),  # more than a quarter, but within chance
    ],
)
def test_an_unusual_change_in_a_count_is_more_than_chance_explains(last_year, figure, unusual):
    assert unusual_change("count", D(figure), D(last_year)) is unusual


def test_a_percentage_change_of_more_than_20_points_is_unusual():
    assert unusual_change("percentage", D(81), D(61)) is False
    assert unusual_change("percentage", D(82), D(61)) is True
    assert unusual_change("percentage", D(40), D(61)) is True


def test_a_percentage_of_known_counts_is_judged_by_binomial_chance():
    # 81% of 50 cases against 70% of 60: within three standard errors (8.3 points each).
    assert unusual_change("percentage", D(81), D(70), denominators=(D(50), D(60))) is False
    # The same 11 points of 5,000 and 6,000 cases is no chance.
    assert unusual_change("percentage", D(81), D(70), denominators=(D(5000), D(6000))) is True
    # 25 points of 8 and 9 cases is still chance, though beyond the 20-point tolerance.
    assert unusual_change("percentage", D(75), D(50), denominators=(D(8), D(9))) is False


def test_without_both_counts_a_percentage_takes_the_partnerships_tolerance():
    assert unusual_change("percentage", D(72), D(61), tolerance=D(10)) is True
    assert unusual_change("percentage", D(72), D(61), tolerance=D(20)) is False
    for missing in [(None, D(60)), (D(50), None), (D(0), D(60))]:
        assert unusual_change("percentage", D(72), D(61), denominators=missing) is False


def test_nothing_is_unusual_without_last_years_figure():
    assert unusual_change("count", D(400), None) is False


@pytest.mark.parametrize(
    ("direction", "figure", "last_year", "rating"),
    [
        ("up", 79, 70, "green"),  # within 2 of 80
        ("up", 120, 70, "green"),  # above an up-is-good target
        ("up", 75, 70, "amber"),  # off target but better than last year
        ("up", 75, 76, "red"),  # off target and worse
        ("up", 75, 75, "red"),  # off target and no better
        ("up", 75, None, "red"),
        ("down", 90, 95, "amber"),
        ("down", 60, 95, "green"),
        ("none", 90, 95, "red"),
    ],
)
def test_rag_against_a_target(direction, figure, last_year, rating):
    assert (
        target_rating(
            direction=direction,
            figure=D(figure),
            target=D(80),
            tolerance=D(2),
            last_year=None if last_year is None else D(last_year),
        )
        == rating
    )
