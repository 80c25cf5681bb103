"""Making Data Count's signals, as pure functions, on made-up series and the papers' own."""

from decimal import Decimal as D

import pytest

from dashboard.signals import (
    NO_SIGNAL,
    AssuranceWord,
    Rule,
    VariationWord,
    assurance,
    beyond_limits,
    bounds_for,
    change_beyond_chance,
    near_limits,
    reading,
    runs,
    since_definition_change,
    trends,
    variation,
    xmr,
)
from indicators.models import Unit
from indicators.periods import Period
from indicators.selectors import Figure

# Ten quarters of noise around 50 (mean 50.1, mean moving range 29 / 9 = 3.22): limits
# 50.1 ± 8.57 = 41.53 to 58.67, outer thirds beyond 55.81 and below 44.39.
NOISE = [50, 53, 48, 51, 49, 52, 47, 50, 52, 49]
BEFORE = slice(0, 10)  # a baseline the partnership fixed: the ten quarters of noise


def rules(judged) -> set[Rule]:
    return {signal.rule for signal in judged.signals}


def test_limits_are_the_mean_plus_and_minus_2_66_mean_moving_ranges():
    limits = xmr(NOISE)
    assert limits.mean == D("50.1")
    assert limits.moving_range.quantize(D("0.01")) == D("3.22")
    assert limits.upper.quantize(D("0.01")) == D("58.67")
    assert limits.lower.quantize(D("0.01")) == D("41.53")
    assert limits.baseline_points == 10


def test_fewer_than_eight_points_claim_no_signal():
    assert xmr(NOISE[:7]) is None
    judged = variation([50, 50, 50, 50, 50, 50, 90], direction="up")
    assert (judged.word, judged.limits, judged.special) == ("", None, ())


def test_the_default_baseline_is_the_last_twenty_points():
    points = [500, 10, 900, 5, 700, *range(20)]
    assert xmr(points) == xmr(points[-20:])


def test_a_fixed_baseline_gives_the_limits_later_points_are_judged_by():
    assert xmr([*NOISE, 90, 95, 99], baseline=BEFORE) == xmr(NOISE)


def test_limits_a_figure_cannot_reach_are_drawn_at_its_bound():
    percentages = [97, 99, 100, 98, 96, 99, 100, 97]
    assert xmr(percentages).upper > 100
    assert xmr(percentages, ceiling=D(100)).upper == 100
    counts = [0, 2, 1, 0, 3, 1, 0, 2]
    assert xmr(counts).lower < 0
    assert xmr(counts, floor=D(0)).lower == 0
    assert bounds_for(Unit.PERCENTAGE) == (0, 100)
    assert bounds_for(Unit.COUNT) == (0, None)
    assert bounds_for(Unit.MONEY) == (None, None)


def test_stable_noise_is_common_cause_with_no_point_marked():
    judged = variation([*NOISE, 51, 48], direction="up")
    assert judged.word == VariationWord.COMMON_CAUSE
    assert judged.special == ()


def test_a_step_change_is_a_run_above_the_mean_after_the_shift():
    step = [*NOISE, 58, 61, 57, 60, 59, 62, 58, 60]
    judged = variation(step, direction="up")
    # Limits over all 18 points: the ten before the shift are a run below the mean (54.2) and
    # the eight after it a run above, which holds the latest point.
    assert [(s.rule, s.points, s.high) for s in judged.signals] == [
        (Rule.RUN, tuple(range(10)), False),
        (Rule.RUN, tuple(range(10, 18)), True),
    ]
    assert judged.word == VariationWord.IMPROVING
    assert variation(step, direction="down").word == VariationWord.CONCERNING
    assert variation(step, direction="none").word == VariationWord.SPECIAL_CAUSE


def test_a_point_on_the_mean_breaks_a_run():
    level = [50, 53, 47, 51, 49, 52, 48, 50, 52, 48]  # mean exactly 50
    above = [52, 53, 51, 52, 51, 53, 52, 51, 52]
    broken = [52, 53, 51, 52, 50, 53, 52, 51, 52]
    assert [s.points for s in runs(level + above, xmr(level))] == [tuple(range(10, 19))]
    assert runs(level + broken, xmr(level)) == []


def test_six_points_rising_are_a_trend():
    judged = variation([*NOISE, 48, 50, 51, 53, 54, 56], direction="up")
    assert [(s.rule, s.points, s.high) for s in judged.signals] == [
        (Rule.TREND, (10, 11, 12, 13, 14, 15), True)
    ]
    assert judged.word == VariationWord.IMPROVING
    assert variation([*NOISE, 48, 50, 51, 53, 54, 56], direction="down").word == (
        VariationWord.CONCERNING
    )


def test_equal_points_break_a_trend_and_five_are_not_enough():
    assert trends([48, 50, 51, 51, 53, 54, 56]) == []
    assert trends([49, 50, 51, 53, 54]) == []
    assert [s.high for s in trends([60, 58, 57, 55, 54, 52])] == [False]


def test_a_single_outlier_beyond_the_upper_limit():
    judged = variation([*NOISE, 51, 64], direction="up")
    # With 64 in, the 12 points' limits are 51.33 ± 10.64: 64 lies above 61.97.
    assert [(s.rule, s.points) for s in judged.signals] == [(Rule.BEYOND_LIMIT, (11,))]
    assert judged.word == VariationWord.IMPROVING
    assert variation([*NOISE, 51, 64], direction="down").word == VariationWord.CONCERNING


def test_an_earlier_outlier_is_marked_but_the_word_is_for_the_latest_point():
    judged = variation([*NOISE, 75, 50, 51, 49], direction="up")
    assert judged.special == (10,)
    assert judged.word == VariationWord.COMMON_CAUSE


def test_two_of_three_points_close_to_a_limit():
    judged = variation([*NOISE, 51, 56, 50, 56], direction="up", baseline=BEFORE)
    # 56 lies between 55.81 and 58.67, the outer third below the upper limit; 50 between them
    # is not special itself.
    assert [(s.rule, s.points, s.high) for s in judged.signals] == [
        (Rule.NEAR_LIMIT, (11, 13), True)
    ]
    assert judged.word == VariationWord.IMPROVING


def test_close_points_on_opposite_sides_or_four_apart_are_not_two_of_three():
    limits = xmr(NOISE)
    assert near_limits([*NOISE, 51, 56, 50, 44], limits) == []
    assert near_limits([*NOISE, 56, 50, 50, 56], limits) == []


def test_a_point_beyond_the_limit_is_not_also_close_to_it():
    limits = xmr(NOISE)
    assert near_limits([*NOISE, 51, 56, 60], limits) == []
    assert [s.points for s in beyond_limits([*NOISE, 51, 56, 60], limits)] == [(12,)]


def test_any_concern_at_the_latest_point_outweighs_an_improvement():
    judged = variation([*NOISE, 70, 68, 66, 64, 62, 60, 58], direction="up", baseline=BEFORE)
    # Still far above the old limits (improving when up is good), but falling seven quarters.
    assert rules(judged) == {Rule.BEYOND_LIMIT, Rule.RUN, Rule.TREND}
    assert judged.word == VariationWord.CONCERNING


def test_figures_as_floats_are_judged_as_decimals():
    tenths = [*NOISE, 51, 64]
    floats = [point / 10 for point in tenths]  # 5.0, 5.3, 4.8, ...
    assert xmr(floats) == xmr([D(point) / 10 for point in tenths])
    assert variation(floats, direction="up").word == VariationWord.IMPROVING


@pytest.mark.parametrize(
    ("target", "direction", "word"),
    [
        (D(40), "up", AssuranceWord.MET),
        (D(60), "up", AssuranceWord.MISSED),
        (D(50), "up", AssuranceWord.HIT_AND_MISS),
        (D(60), "down", AssuranceWord.MET),
        (D(40), "down", AssuranceWord.MISSED),
        (D(50), "down", AssuranceWord.HIT_AND_MISS),
        (D(50), "none", ""),
        (None, "up", ""),
    ],
)
def test_assurance_against_a_target_from_the_limits(target, direction, word):
    # The limits are 41.53 to 58.67.
    assert assurance(xmr(NOISE), target=target, direction=direction) == word


def test_no_assurance_without_limits():
    assert assurance(xmr(NOISE[:5]), target=D(50), direction="up") == ""


def test_a_definition_change_starts_the_limits_again():
    old = [100, 104, 97, 101, 99, 103, 98, 100, 102, 99]
    new = [50, 53, 48, 51, 49, 52, 47, 50, 70]
    # Over both definitions the fall looks like a concerning run below the mean.
    assert variation(old + new, direction="up").word == VariationWord.CONCERNING
    judged = since_definition_change(old + new, start=10, direction="up")
    assert judged.limits == xmr(new)
    assert judged.first == 10
    # 70 is beyond the new definition's own limits, marked at its place in the whole series.
    assert judged.special == (18,)
    assert judged.word == VariationWord.IMPROVING


def test_fewer_than_eight_points_since_a_definition_change_claim_no_signal():
    judged = since_definition_change([*NOISE, 20, 22, 21, 19, 20, 23, 21], start=10, direction="up")
    assert (judged.word, judged.limits, judged.special) == ("", None, ())


def test_cambridgeshire_police_incidents_2013_14_q1_to_2015_16_q3():
    incidents = [1670, 1907, 1818, 1894, 1880, 1965, 1758, 1705, 1862, 1971, 1859]
    judged = variation(incidents, direction="up", floor=D(0))
    # Mean 20,289 / 11 = 1,844.45; moving ranges 237, 89, 76, 14, 85, 207, 53, 157, 109, 112,
    # mean 1,139 / 10 = 113.9; limits 1,844.45 ± 2.66 x 113.9 (302.97) = 1,541.48 to 2,147.43;
    # outer thirds beyond 2,046.44 and below 1,642.47, where no quarter lies (1,670 is the
    # lowest). The longest run on one side is 3 quarters, the longest rise 3: the "general
    # increase in reporting since April 2013" of the paper is common-cause variation.
    limits = judged.limits
    assert limits.mean.quantize(D("0.01")) == D("1844.45")
    assert limits.moving_range == D("113.9")
    assert (limits.lower.quantize(D("0.01")), limits.upper.quantize(D("0.01"))) == (
        D("1541.48"),
        D("2147.43"),
    )
    assert judged.word == VariationWord.COMMON_CAUSE
    assert judged.special == ()


def test_cambridgeshire_idva_engagement_2013_14_q1_to_2015_16_q3():
    engaged = [71, 78, 78, 61, 75, 71, 80, 78, 81, 75, 72]
    judged = variation(engaged, direction="up", floor=D(0), ceiling=D(100))
    # Mean 820 / 11 = 74.55; mean moving range 65 / 10 = 6.5; limits 74.55 ± 17.29 = 57.26 to
    # 91.84. 61% in 2013/14 Q4 lies in the outer third (below 63.02) but alone: the paper's
    # "generally increasing" is common cause, and a 75% target is hit and miss.
    assert judged.limits.lower.quantize(D("0.01")) == D("57.26")
    assert judged.limits.upper.quantize(D("0.01")) == D("91.84")
    assert judged.word == VariationWord.COMMON_CAUSE
    assert assurance(judged.limits, target=D(75), direction="up") == AssuranceWord.HIT_AND_MISS


@pytest.mark.parametrize(
    ("direction", "figure", "last_year", "said"),
    [
        ("down", D(400), D(180), "worse"),
        ("up", D(400), D(180), "better"),
        ("none", D(400), D(180), "unusual"),
        ("up", D(6), D(3), ""),  # doubled, but 3 to 6 is within chance for counts
        ("up", D(34), D(43), ""),  # the Bobby Scheme's fall: within chance
        ("up", D(400), None, ""),
    ],
)
def test_the_same_quarter_last_year_keeps_the_returns_chance_test(
    direction, figure, last_year, said
):
    assert (
        change_beyond_chance(
            unit=Unit.COUNT, direction=direction, figure=figure, last_year=last_year
        )
        == said
    )


def quarters(figures) -> list[Figure]:
    points, period = [], Period(2012, 1)
    for figure in figures:
        points.append(Figure(period, D(figure)))
        period = period.next()
    return points


# The noise from 2012/13 Q1 to 2014/15 Q2, then a step up to about 70 to 2015/16 Q3.
STEPPED = quarters([*NOISE, 70, 72, 69, 71, 73])


def read(period, **kwargs):
    return reading(STEPPED, period=period, unit=Unit.COUNT, direction="up", **kwargs)


def test_a_fixed_baseline_sets_the_limits_once_its_years_are_over():
    fixed = read(Period(2015, 3), baseline=(2012, 2013))
    # 2012/13 and 2013/14: eight quarters with a mean of 50 and moving ranges of 24 / 7.
    assert fixed.baseline == (2012, 2013)
    assert fixed.variation.limits.mean == 50
    assert fixed.variation.limits.baseline_points == 8
    assert fixed.limits_text == "limits from the baseline 2012/13 to 2013/14 (8 points)"
    assert fixed.variation.word == VariationWord.IMPROVING
    latest = read(Period(2015, 3))
    assert latest.baseline is None
    assert latest.variation.limits.baseline_points == 15
    assert latest.limits_text == "limits from the latest 15 points"


def test_a_baseline_not_yet_over_leaves_the_latest_points_to_set_the_limits():
    judged = read(Period(2014, 1), baseline=(2012, 2014))
    assert judged.baseline is None
    assert judged.variation.limits.baseline_points == 9  # 2012/13 Q1 to 2014/15 Q1
    assert judged == read(Period(2014, 1))


def test_a_definition_changed_after_the_baseline_began_starts_the_series_again():
    changed = read(Period(2015, 3), baseline=(2012, 2013), definitions=[Period(2013, 1)])
    assert changed.baseline is None
    assert changed.variation.first == 4  # from 2013/14 Q1
    assert changed == read(Period(2015, 3), definitions=[Period(2013, 1)])


def test_a_baseline_with_fewer_than_eight_points_claims_no_signal():
    judged = read(Period(2015, 3), baseline=(2013, 2013))
    assert judged.variation.limits is None
    assert judged.word == NO_SIGNAL
    assert judged.limits_text == ""
