"""How a figure is written: the figure, else why it is missing, else that there is none."""

from decimal import Decimal as D

from indicators.formatting import NO_FIGURE, figure_or_reason


def test_a_figure_is_written_with_its_unit_even_when_a_reason_is_given_too():
    assert figure_or_reason(D("1859"), "", "count") == "1,859"
    assert figure_or_reason(D("81"), "suppressed", "percentage") == "81%"
    assert figure_or_reason(D("0"), "", "count") == "0"  # nought is a figure, not a gap


def test_without_a_figure_the_reason_is_said_as_the_dashboard_says_it():
    assert figure_or_reason(None, "not-yet-released", "count") == "Not yet released"
    assert figure_or_reason(None, "suppressed") == "Suppressed"


def test_with_neither_it_says_no_figure_yet_or_leaves_a_committee_cell_blank():
    assert figure_or_reason(None) == NO_FIGURE == "No figure yet"
    assert figure_or_reason(None, "", "count", none="") == ""
