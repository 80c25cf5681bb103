"""Papers 001 (Cambridgeshire and Peterborough) and 004 (Cheshire East): every figure the demo
holds is an approved value for the period the paper gives, and each partnership's dashboard can
show it (annual indicators linked to the partnership's own objectives)."""

from decimal import Decimal

import pytest

from indicators.models import Indicator, Value
from indicators.periods import parse_period

# Paper 001 (VAWG Strategy 2017-2021, 2018/19 refresh), "Our vision", written out again by hand:
# (indicator, breakdown, financial year, figure).
PAPER_001 = [
    # "There were 12,300 police recorded incidents of domestic abuse in 2015/16, with 80% of
    # victims being female. ... In 2016/17 there were 13 530 ... and in 2017/18 there were 13 237"
    ("police-da-incidents", "", "2015/16", "12300"),
    ("police-da-incidents", "", "2016/17", "13530"),
    ("police-da-incidents", "", "2017/18", "13237"),
    ("police-da-female-victims", "", "2015/16", "80"),
    # "There were 7,900 VAWG-related crimes recorded by the Constabulary in the same year, of
    # which 1,260 were sexual offences. 87% of sexual violence victims were female. In 2016/17
    # there were 8086 VAWG related crimes of which 1568 were sexual offences and in 2017/18 9415
    # crimes of which 1787 were sexual offences."
    ("police-vawg-crimes", "", "2015/16", "7900"),
    ("police-vawg-crimes", "", "2016/17", "8086"),
    ("police-vawg-crimes", "", "2017/18", "9415"),
    ("police-sexual-offences", "", "2015/16", "1260"),
    ("police-sexual-offences", "", "2016/17", "1568"),
    ("police-sexual-offences", "", "2017/18", "1787"),
    ("police-sv-female-victims", "", "2015/16", "87"),
]

# Paper 004 (Cheshire East Domestic Abuse Partnership Strategy 2014-2016), Appendix 3.
PAPER_004 = [
    # "1065 incidents of domestic abuse were reported to police during 2012-13 involving 22%
    # repeat victims"; "3171 domestic incidents were also attended by police"
    ("police-da-incidents", "", "2012/13", "1065"),
    ("police-da-repeat-victims-rate", "", "2012/13", "22"),
    ("police-domestic-incidents-attended", "", "2012/13", "3171"),
    # "387 high risk victims with 470 children were subject to ... (MARAC)"
    ("marac-cases", "", "2012/13", "387"),
    ("marac-children", "", "2012/13", "470"),
    # "The MARAC repeat rate was 30%"; "1/4 victims and perpetrators known to MARAC have some
    # form of mental health problem"
    ("marac-repeat-rate", "", "2012/13", "30"),
    ("marac-mental-health-rate", "", "2012/13", "25"),
    # The LAP table: "significant variation in the rate of high risk victimisation across Local
    # Area Partnerships in 2011-12"
    ("high-risk-cases", "crewe", "2011/12", "158"),
    ("high-risk-cases", "macclesfield", "2011/12", "100"),
    ("high-risk-cases", "congleton", "2011/12", "78"),
    ("high-risk-cases", "wilmslow", "2011/12", "33"),
    ("high-risk-cases", "nantwich", "2011/12", "15"),
    ("high-risk-cases", "knutsford", "2011/12", "14"),
    ("high-risk-cases", "poynton", "2011/12", "6"),
    ("high-risk-cases-rate", "crewe", "2011/12", "2"),
    ("high-risk-cases-rate", "macclesfield", "2011/12", "1.5"),
    ("high-risk-cases-rate", "congleton", "2011/12", "1"),
    ("high-risk-cases-rate", "wilmslow", "2011/12", "1"),
    ("high-risk-cases-rate", "nantwich", "2011/12", "0.5"),
    ("high-risk-cases-rate", "knutsford", "2011/12", "0.5"),
    ("high-risk-cases-rate", "poynton", "2011/12", "0.2"),
    # "Cheshire East Sexual Violence Referrals to the Rape and Sexual Abuse Support Centre
    # 2012-13"
    ("rasasc-referrals", "", "2012/13", "172"),
    ("rasasc-referrals", "sarc", "2012/13", "49"),
    ("rasasc-referrals", "victims", "2012/13", "49"),
    ("rasasc-referrals-age-share", "adults-18-plus", "2012/13", "84"),
    ("rasasc-referrals-age-share", "aged-13-17", "2012/13", "16"),
    ("rasasc-referrals-sex-share", "female", "2012/13", "89"),
    ("rasasc-referrals-sex-share", "male", "2012/13", "11"),
    ("rasasc-referrals-domestic-abuse", "", "2012/13", "59"),
    ("rasasc-stranger-perpetrators", "", "2012/13", "18"),
    # "EQUALITIES and LOCAL DEMOGRAPHIC PROFILE" (no year given: stored with 2012/13)
    ("population", "", "2012/13", "372146"),
    ("population-sex-share", "female", "2012/13", "51"),
    ("population-sex-share", "male", "2012/13", "49"),
    ("population-65-plus", "", "2012/13", "75300"),
    ("population-65-plus", "female", "2012/13", "41300"),
    ("population-65-plus", "male", "2012/13", "34100"),
    ("population-65-plus-share", "", "2012/13", "20"),
    ("population-16-17", "female", "2012/13", "4229"),
    ("population-16-17", "male", "2012/13", "4704"),
    ("population-not-white-british-share", "", "2012/13", "6.4"),
    ("born-outside-british-isles-share", "", "2012/13", "5.1"),
    ("born-outside-eu-share", "", "2012/13", "2.7"),
    ("disability-limited-a-lot", "", "2012/13", "29200"),
    ("disability-limited-a-lot-share", "", "2012/13", "7.9"),
    ("disability-limited-a-little", "", "2012/13", "35600"),
    ("disability-limited-a-little-share", "", "2012/13", "9.6"),
]

PAPERS = {"cambs-peterborough": PAPER_001, "cheshire-east": PAPER_004}


def stored_figures(slug: str) -> dict:
    values = Value.objects.filter(indicator__partnership__slug=slug).select_related(
        "indicator", "option"
    )
    return {(v.indicator.code, v.option.code if v.option else "", str(v.period)): v for v in values}


@pytest.mark.parametrize("slug", sorted(PAPERS))
def test_every_figure_of_the_paper_is_an_approved_value_for_its_year(db, slug):
    stored = stored_figures(slug)
    expected = {
        (code, option, year): Decimal(figure) for code, option, year, figure in PAPERS[slug]
    }
    assert set(stored) == set(expected)
    wrong = [
        (key, figure, value.state, value.approved_value)
        for key, figure in expected.items()
        if (value := stored[key]).state != Value.State.APPROVED
        or value.value != figure
        or value.approved_value != figure
        or not parse_period(key[2]).is_year
    ]
    assert wrong == []


def test_cheshire_easts_figures_are_the_baseline_before_its_strategy(cheshire_east):
    strategy = cheshire_east.strategies.get()
    years = {
        value.period.year for value in Value.objects.filter(indicator__partnership=cheshire_east)
    }
    assert years == {2011, 2012}
    assert all(year < strategy.start_year for year in years)
    laps = Indicator.objects.get(partnership=cheshire_east, code="high-risk-cases")
    assert laps.breakdown_label == "Local Area Partnership"


@pytest.mark.parametrize("slug", sorted(PAPERS))
def test_an_indicator_the_papers_give_only_by_year_is_annual(db, slug):
    with_figures = Indicator.objects.filter(partnership__slug=slug, values__isnull=False).distinct()
    assert with_figures.exists()
    assert {i.code: i.frequency for i in with_figures if i.frequency != "annual"} == {}
    assert not with_figures.filter(frequency_changes__isnull=False).exists()


@pytest.mark.parametrize("slug", ["cambridgeshire", "cambs-peterborough", "cheshire-east"])
def test_every_indicator_measures_an_objective_of_its_own_partnership(db, slug):
    indicators = Indicator.objects.filter(partnership__slug=slug).prefetch_related(
        "objectives__strategy"
    )
    unlinked = [i.code for i in indicators if not i.objectives.all()]
    elsewhere = [
        i.code
        for i in indicators
        if any(o.strategy.partnership.slug != slug for o in i.objectives.all())
    ]
    assert (unlinked, elsewhere) == ([], [])


def test_a_percentage_is_linked_to_its_counts_only_where_the_paper_gives_both(db):
    linked = {
        (i.partnership.slug, i.code): (i.numerator.code, i.denominator.code)
        # A calculated indicator has its parts too, but is no entered percentage.
        for i in Indicator.objects.filter(
            numerator__isnull=False, multiplier__isnull=True
        ).select_related("partnership", "numerator", "denominator")
    }
    # Paper 004: "Aged 65+ 75,300 20% of total population"; "Total Population 372,146";
    # "Day-to-Day Activities Limited a Lot 29,200 (7.9%)", "... a Little 35,600 (9.6%)".
    assert linked == {
        ("cheshire-east", "population-65-plus-share"): ("population-65-plus", "population"),
        ("cheshire-east", "disability-limited-a-lot-share"): (
            "disability-limited-a-lot",
            "population",
        ),
        ("cheshire-east", "disability-limited-a-little-share"): (
            "disability-limited-a-little",
            "population",
        ),
    }
    assert not Indicator.objects.filter(denominator__isnull=False, numerator__isnull=True).exists()
    # No paper gives the number of MARAC repeats, only the rate and the cases heard.
    repeat_rate = Indicator.objects.get(
        partnership__slug="cambridgeshire", code="marac-repeat-rate"
    )
    assert (repeat_rate.numerator, repeat_rate.denominator) == (None, None)


@pytest.mark.parametrize(
    ("share", "printed"),
    [
        ("population-65-plus-share", "20"),
        ("disability-limited-a-lot-share", "7.9"),
        ("disability-limited-a-little-share", "9.6"),
    ],
)
def test_the_linked_counts_make_the_papers_percentage_as_printed(db, share, printed):
    """The paper rounds its counts to the hundred (29,200 makes 7.85%, printed 7.9%): the
    counts make the printed percentage within that rounding and the percentage's own."""
    stored = stored_figures("cheshire-east")
    indicator = Indicator.objects.get(partnership__slug="cheshire-east", code=share)
    part = stored[(indicator.numerator.code, "", "2012/13")].value
    whole = stored[(indicator.denominator.code, "", "2012/13")].value
    count_rounding = Decimal(50) / whole * 100
    print_rounding = Decimal("0.5").scaleb(Decimal(printed).as_tuple().exponent)
    assert abs(part / whole * 100 - Decimal(printed)) <= count_rounding + print_rounding
    assert stored[(share, "", "2012/13")].value == Decimal(printed)
