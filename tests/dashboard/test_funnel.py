"""The funnel plot's arithmetic (`dashboard.funnel`), against examples worked by hand."""

import pytest

from dashboard import funnel


def test_the_z_values_of_95_and_99_8_per_cent():
    assert funnel.z_for(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert funnel.z_for(0.998) == pytest.approx(3.090232, abs=1e-6)


def test_poisson_limits_of_an_expected_100_by_hand():
    # Byar, by hand: 100 (1 - 1/900 - 1.96/30)^3 = 100 x 0.933556^3 = 81.36;
    # 101 (1 - 1/909 + 1.96/(3 x 10.04988))^3 = 101 x 1.063909^3 = 121.63.
    # The exact Poisson limits are 81.4 and 121.6.
    lower, upper = funnel.poisson_limits(100, 0.95)
    assert lower == pytest.approx(81.36, abs=0.01)
    assert upper == pytest.approx(121.63, abs=0.01)


def test_the_99_8_limits_are_wider_and_a_small_area_has_a_wider_funnel():
    narrow = funnel.rate_limits(4.0, 500_000, 1000, 0.95)
    wide = funnel.rate_limits(4.0, 500_000, 1000, 0.998)
    small = funnel.rate_limits(4.0, 50_000, 1000, 0.95)
    assert wide[0] < narrow[0] < 4.0 < narrow[1] < wide[1]
    assert small[1] - small[0] > narrow[1] - narrow[0]
    # 2,000 expected in 500,000 at 4 per 1,000: about ±2 x sqrt(2000) = ±89, so ±0.18 per 1,000.
    assert narrow == pytest.approx((3.825, 4.177), abs=0.005)


def test_the_centre_is_every_event_over_every_person_not_the_mean_of_rates():
    assert funnel.pooled_rate([10, 990], [10_000, 90_000], 1000) == pytest.approx(10.0)


def test_a_small_area_with_a_high_rate_is_within_the_limits_where_a_large_one_is_not():
    assert funnel.placement(6.0, 4.0, 2_000, 1000) == "within the limits"
    assert funnel.placement(6.0, 4.0, 500_000, 1000) == "above the 99.8% limit"
    assert funnel.placement(3.80, 4.0, 500_000, 1000) == "below the 95% limit"


def test_median_and_quartiles_as_a_spreadsheet_gives_them():
    found = funnel.spread([1, 2, 3, 4, 5])
    assert (found.lower_quartile, found.median, found.upper_quartile) == (2, 3, 4)
    assert funnel.spread([2.5]) is None


def test_the_funnel_curve_runs_from_the_smallest_to_the_largest_population():
    populations, lower, upper = funnel.funnel_curve(4.0, 10_000, 1_000_000, 1000, 0.95, steps=3)
    assert populations == pytest.approx([10_000, 100_000, 1_000_000])
    assert all(low < 4.0 < high for low, high in zip(lower, upper, strict=True))
    assert upper[0] - lower[0] > upper[-1] - lower[-1]
