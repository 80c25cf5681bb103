"""The demo data holds every figure of paper 003's tables, for its period and breakdown."""

from decimal import Decimal

import pytest
from django.apps import apps

from indicators.models import Value
from indicators.periods import Period

# Paper 003 (Adults Committee, 1 March 2016), written out again by hand from the paper:
# (indicator, breakdown, financial year, [Q1, Q2, Q3, Q4] or the year's figure).
QUARTERLY = [
    ("police-da-incidents", "", 2015, [1862, 1971, 1859]),
    ("police-da-incidents", "", 2014, [1880, 1965, 1758, 1705]),
    ("police-da-incidents", "", 2013, [1670, 1907, 1818, 1894]),
    ("idva-engagement-rate", "", 2015, [81, 75, 72]),
    ("idva-engagement-rate", "", 2014, [75, 71, 80, 78]),
    ("idva-engagement-rate", "", 2013, [71, 78, 78, 61]),
    ("idva-repeat-rate", "", 2015, [58, 29, 32]),
    ("idva-repeat-rate", "", 2014, [51, 35, 21, 26]),
    ("idva-repeat-rate", "", 2013, [29, 20, 41, 41]),
    ("marac-repeat-rate", "", 2015, [14, 31, 34]),
    ("marac-repeat-rate", "", 2014, [38, 34, 13, 24]),
    ("marac-repeat-rate", "", 2013, [40, 52, 30, 38]),
    ("marac-cases", "", 2015, [189, 259, 185]),
    ("marac-cases", "", 2014, [108, 140, 144, 189]),
    ("marac-cases", "", 2013, [71, 82, 80, 138]),
    ("bobby-scheme", "", 2015, [51, 68, 34]),
    ("bobby-scheme", "", 2014, [42, 39, 43, 34]),
]
ANNUAL = [
    ("court-cases", "", 2013, 949),
    ("court-cases", "", 2014, 1121),
    ("bbr-completions", "", 2013, 34),
    ("bbr-completions", "", 2014, 35),
    ("ormiston-completions", "", 2014, 10),
    ("bobby-scheme", "", 2013, 139),
    ("refuge-women-housed", "cambridge-womens-aid", 2014, 51),
    ("refuge-women-housed", "refuge", 2014, 86),
    ("refuge-women-housed", "cambridge-womens-aid", 2013, 49),
    ("refuge-women-housed", "refuge", 2013, 62),
    ("refuge-occupancy-rate", "cambridge", 2014, 90),
    ("refuge-occupancy-rate", "hunts", 2014, 83),
    ("refuge-occupancy-rate", "fenland", 2014, 94),
    ("refuge-occupancy-rate", "cambridge", 2013, 91),
    ("refuge-occupancy-rate", "hunts", 2013, 93),
    ("refuge-occupancy-rate", "fenland", 2013, 91),
    ("outreach-referrals", "", 2013, 904),
    ("outreach-referrals", "", 2014, 928),
]
# 2015/16 was unfinished on 1 March 2016: its occupancy is the year to date to Q3, the quarter
# the paper's other 2015/16 figures reach.
YEAR_TO_DATE = [
    ("refuge-occupancy-rate", "cambridge", 2015, 3, 79),
    ("refuge-occupancy-rate", "hunts", 2015, 3, 88),
    ("refuge-occupancy-rate", "fenland", 2015, 3, 89),
]
MISSING = [
    ("court-cases", "", Period(2015), "not-yet-released"),
    ("bbr-completions", "", Period(2015), "not-yet-released"),
    ("ormiston-completions", "", Period(2015), "not-yet-released"),
    ("ormiston-completions", "", Period(2013), "not-applicable"),
    ("refuge-women-housed", "refuge", Period(2015), "not-yet-released"),
]


def paper_003_figures():
    for code, option, year, figures in QUARTERLY:
        for quarter, figure in enumerate(figures, start=1):
            yield code, option, Period(year, quarter), figure
    for code, option, year, figure in ANNUAL:
        yield code, option, Period(year), figure
    for code, option, year, quarter, figure in YEAR_TO_DATE:
        yield code, option, Period(year, quarter, to_date=True), figure


def demo_figures(partnership) -> dict:
    values = Value.objects.filter(indicator__partnership=partnership).select_related(
        "indicator", "option"
    )
    return {(v.indicator.code, v.option.code if v.option else "", v.period): v for v in values}


def test_every_figure_of_paper_003_is_in_the_demo_data(cambridgeshire):
    stored = demo_figures(cambridgeshire)
    expected = list(paper_003_figures())
    assert len(expected) == 83
    wrong = [
        (code, option, str(period), figure, stored.get((code, option, period)))
        for code, option, period, figure in expected
        if (code, option, period) not in stored
        or stored[(code, option, period)].value != Decimal(figure)
        or stored[(code, option, period)].approved_value != Decimal(figure)
    ]
    assert wrong == []


@pytest.mark.parametrize(("code", "option", "period", "reason"), MISSING)
def test_missing_figures_carry_the_papers_reason(cambridgeshire, code, option, period, reason):
    value = demo_figures(cambridgeshire)[(code, option, period)]
    assert value.value is None
    assert value.missing_reason == reason


def test_the_papers_commentary_is_kept_as_notes(cambridgeshire):
    value = demo_figures(cambridgeshire)[("court-cases", "", Period(2015))]
    assert value.comment == "Data not released until end of period"


def test_paper_002s_referrals_and_paper_003s_cases_heard_are_two_measures(cambridgeshire):
    """Paper 002's "84" were referred to MARAC, paper 003's "71" were cases heard: neither
    replaces the other, and each figure's history holds only its own paper."""
    stored = demo_figures(cambridgeshire)
    referrals = stored[("marac-referrals", "", Period(2013, 1))]
    cases = stored[("marac-cases", "", Period(2013, 1))]
    assert (referrals.value, cases.value) == (84, 71)
    assert [h.value for h in referrals.history.all()] == [Decimal("84.00")]
    assert [h.value for h in cases.history.all()] == [Decimal("71.00")]
    assert (
        referrals.history.get().history_change_reason == "Demo data: 002-adults-committee-2015-03"
    )
    assert cases.history.get().history_change_reason == "Demo data: 003-adults-committee-2016-03"
    referred = {str(p): v.value for (c, _, p), v in stored.items() if c == "marac-referrals"}
    assert referred == {"2013/14 Q1": 84, "2014/15 Q3": 144}


def test_each_partnership_has_its_strategy_objectives_and_actions(db):
    from strategy.models import Partnership

    summary = {
        p.slug: (
            [s.title for s in p.strategies.all()],
            sorted(o.code for s in p.strategies.all() for o in s.objectives.all()),
        )
        for p in Partnership.objects.all()
    }
    assert summary["cambridgeshire"][1] == ["prevent", "protect", "pursue", "recover"]
    assert summary["cambs-peterborough"][1] == ["prepare", "prevent", "protect", "pursue"]
    assert summary["cheshire-east"][1] == [
        "participation",
        "partnership",
        "performance",
        "prevention",
        "protection",
        "provision",
    ]
    cambridgeshire = Partnership.objects.get(slug="cambridgeshire")
    strategy = cambridgeshire.strategies.get()
    assert (strategy.start_year, strategy.end_year) == (2014, 2018)
    assert strategy.successor.partnership.slug == "cambs-peterborough"
    assert Partnership.objects.get(slug="cambs-peterborough").predecessor == cambridgeshire
    marked = strategy.objectives.get(code="prevent").actions.filter(lead_officer="Simon Kerss")
    assert marked.filter(task_group="LSCB DA").exists()


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in ("strategy", "indicators", "auth")
        for model in apps.get_app_config(app).get_models()
    } | {f"{model._meta.label} history": model.history.count() for model in (Value,)}


def test_loading_the_demo_twice_leaves_the_same_rows(load_demo_command):
    before = _row_counts()
    load_demo_command()
    assert _row_counts() == before
    assert before["indicators.Value"] > 150
