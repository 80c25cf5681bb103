"""The return form: what a partner lead sees, enters and submits, and what is refused."""

from decimal import Decimal

import pytest

from indicators.forms import change_warning
from indicators.models import Indicator, Return, Target, Value
from indicators.periods import Period
from indicators.returns import return_lines

Q4 = Period(2015, 4)  # police Q4 2015/16 is not in the papers; 2014/15 Q4 was 1,705
Q3 = Period(2015, 3)
POLICE = "/p/cambridgeshire/returns/{quarter}/cambridgeshire-constabulary/"


def url(quarter: Period = Q4) -> str:
    return POLICE.format(quarter=quarter.slug)


def form_data(version: int = 0, action: str = "save", **lines) -> dict:
    """lines: key=(figure, missing, comment[, corrective action]) with `__` for `.`."""
    data = {"version": version, "action": action}
    for key, parts in lines.items():
        name = key.replace("__", ".").replace("_", "-")
        for part, text in zip(("figure", "missing", "comment", "action"), parts, strict=False):
            data[f"{name}-{part}"] = text
    return data


def incidents(period: Period = Q4) -> Value | None:
    return Value.objects.filter(
        indicator__code="police-da-incidents", period=period, option=None
    ).first()


def test_a_partner_lead_sees_every_figure_they_owe_with_last_year_beside_it(client, police_lead):
    client.force_login(police_lead)
    page = client.get(url()).content.decode()
    assert "Total number of domestic abuse incidents reported to the Police" in page
    # annual indicators appear in the quarter their year's figure is due (Q4)
    assert "Total number of domestic abuse cases that went to court" in page
    assert "Same period last year (2014/15 Q4)" in page and "1,705" in page
    assert "Previous quarter (2015/16 Q3)" in page and "1,859" in page
    assert 'name="police-da-incidents.whole-figure"' in page
    assert '<label for="id_police-da-incidents.whole-figure">Figure (count)</label>' in page


def test_annual_indicators_wait_for_the_quarter_their_year_is_due(client, police_lead):
    client.force_login(police_lead)
    page = client.get(url(Q3)).content.decode()
    assert "cases that went to court" not in page


def test_each_breakdown_option_is_its_own_field(client, coordinator):
    client.force_login(coordinator)
    page = client.get(
        "/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-county-council/"
    ).content.decode()
    for option in ("cambridge", "hunts", "fenland"):
        assert f'name="refuge-occupancy-rate.{option}-figure"' in page


def test_a_draft_is_saved_with_its_history(client, police_lead):
    client.force_login(police_lead)
    response = client.post(
        url(), form_data(police_da_incidents__whole=("1,790", "", "Provisional"))
    )
    assert response.status_code == 302
    value = incidents()
    assert (value.value, value.comment) == (Decimal(1790), "Provisional")
    record = value.history.get()
    assert (record.history_user, record.history_change_reason) == (police_lead, "Saved as draft")
    the_return = Return.objects.get(organisation__slug="cambridgeshire-constabulary", period=Q4)
    assert (the_return.status, the_return.version) == ("draft", 1)


def test_a_zero_is_a_figure_like_any_other(client, police_lead):
    client.force_login(police_lead)
    client.post(url(), form_data(police_da_incidents__whole=("0", "", "")))
    assert incidents().value == 0


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        ("12.5", "is not a count: a count is a whole number of at least 0"),
        ("-3", "is not a count"),
        ("lots", "is not a number"),
    ],
)
def test_a_bad_figure_comes_back_with_the_message_beside_it_and_nothing_saved(
    client, police_lead, figure, message
):
    client.force_login(police_lead)
    response = client.post(
        url(),
        form_data(
            police_da_incidents__whole=(figure, "", "my comment"),
            court_cases__whole=("1200", "", "kept too"),
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{figure}"' in page and "my comment" in page and 'value="1200"' in page
    assert 'aria-invalid="true"' in page
    assert incidents() is None
    assert not Return.objects.filter(organisation__slug="cambridgeshire-constabulary", period=Q4)


def test_a_figure_and_a_missing_reason_together_are_refused(client, police_lead):
    client.force_login(police_lead)
    response = client.post(
        url(), form_data(police_da_incidents__whole=("5", "not-yet-released", ""))
    )
    assert "Give a figure or a reason it is missing, not both." in response.content.decode()


def test_percentages_are_written_with_or_without_the_sign_and_never_above_100(client, idva_lead):
    client.force_login(idva_lead)
    quarter_url = "/p/cambridgeshire/returns/2015-16-q4/idva-service/"
    response = client.post(
        quarter_url,
        form_data(
            idva_engagement_rate__whole=("150", "", ""), idva_repeat_rate__whole=("30%", "", "")
        ),
    )
    assert "not a percentage between 0 and 100" in response.content.decode()
    client.post(
        quarter_url,
        form_data(
            idva_engagement_rate__whole=("81%", "", ""), idva_repeat_rate__whole=("30", "", "")
        ),
    )
    assert Value.objects.get(indicator__code="idva-engagement-rate", period=Q4).value == 81


def test_submitting_needs_a_figure_or_a_reason_for_every_line(client, police_lead):
    client.force_login(police_lead)
    response = client.post(
        url(),
        form_data(
            action="submit",
            police_da_incidents__whole=("1790", "", "ok"),
            court_cases__whole=("", "", ""),
        ),
    )
    page = response.content.decode()
    assert "Give a figure, or choose the reason it is missing." in page
    assert incidents() is None
    client.post(
        url(),
        form_data(
            action="submit",
            police_da_incidents__whole=("1790", "", ""),
            court_cases__whole=("", "not-yet-released", "Released in May"),
            police_da_individuals__whole=("", "not-collected", ""),
        ),
    )
    the_return = Return.objects.get(organisation__slug="cambridgeshire-constabulary", period=Q4)
    assert the_return.status == "submitted"
    assert the_return.submitted_by.username == "police-lead"


def test_an_unusual_change_needs_a_comment_before_it_is_submitted(client, police_lead):
    client.force_login(police_lead)
    unusual = form_data(
        action="submit",
        police_da_incidents__whole=("4000", "", ""),
        court_cases__whole=("", "not-yet-released", ""),
        police_da_individuals__whole=("", "not-collected", ""),
    )
    page = client.post(url(), unusual).content.decode()
    assert (
        "This is a large change from 2014/15 Q4 (1,705 to 4,000). Say why in the comment." in page
    )
    assert incidents() is None
    unusual["police-da-incidents.whole-comment"] = "New recording system from January"
    assert client.post(url(), unusual).status_code == 302
    assert incidents().value == 4000


def test_a_draft_with_an_unusual_change_is_saved_and_flagged_on_the_page(client, police_lead):
    client.force_login(police_lead)
    client.post(url(), form_data(police_da_incidents__whole=("4000", "", "")))
    page = client.get(url()).content.decode()
    assert "This is a large change from 2014/15 Q4" in page


def test_an_off_target_figure_asks_for_the_corrective_action(client, police_lead):
    Target.objects.create(
        indicator=incidents(Q3).indicator, year=Period(2015), value=2000, tolerance=50
    )
    client.force_login(police_lead)
    data = form_data(
        action="submit",
        police_da_incidents__whole=("1700", "", "", ""),  # below target, below 1,705 last year
        court_cases__whole=("", "not-yet-released", ""),
        police_da_individuals__whole=("", "not-collected", ""),
    )
    page = client.post(url(), data).content.decode()
    assert "off target and no better than last year: say what will be done" in page
    data["police-da-incidents.whole-action"] = "Awareness campaign in March"
    assert client.post(url(), data).status_code == 302
    assert incidents().corrective_action == "Awareness campaign in March"


def test_another_organisations_return_is_a_404_for_a_partner_lead(client, idva_lead):
    client.force_login(idva_lead)
    assert client.get(url()).status_code == 404
    assert (
        client.post(url(), form_data(police_da_incidents__whole=("1", "", ""))).status_code == 404
    )
    assert incidents() is None


def test_another_partnerships_coordinator_gets_a_404(client, cheshire_coordinator):
    client.force_login(cheshire_coordinator)
    assert client.get(url()).status_code == 404


def test_a_board_member_reads_a_return_but_has_no_form(client, board_member):
    client.force_login(board_member)
    page = client.get(url(Q3)).content.decode()
    assert "1,859" in page
    assert '<form method="post" novalidate class="return-form">' not in page
    response = client.post(url(Q3), form_data(police_da_incidents__whole=("1", "", "")))
    assert response.status_code == 404
    assert incidents(Q3).value == 1859


def test_the_return_form_loads_in_a_constant_number_of_queries(
    client, police_lead, django_assert_max_num_queries
):
    from indicators.models import Indicator

    police = police_lead.memberships.get().organisation
    for number in range(40):
        Indicator.objects.create(
            partnership=police.partnership,
            code=f"extra-{number}",
            title=f"Extra indicator {number}",
            unit="count",
            reporting_organisation=police,
        )
    client.force_login(police_lead)
    # session, user; partnership, memberships; the partnership's years; organisation; the
    # return; the indicators, their frequency changes, options, definitions and objectives;
    # the values; the targets; the quarter lock; the session save (savepoint, update, release)
    with django_assert_max_num_queries(18):
        response = client.get(url())
    # the police's own three (incidents; and in Q4, court cases and individuals) and the 40
    assert response.content.decode().count("<fieldset") == 43


def test_a_percentage_of_a_stored_count_carries_its_counts_for_the_chance_test(cambridgeshire):
    rate = Indicator.objects.get(partnership=cambridgeshire, code="marac-repeat-rate")
    rate.denominator = Indicator.objects.get(partnership=cambridgeshire, code="marac-cases")
    rate.save()
    cambridgeshire.percentage_points_tolerance = Decimal(30)
    cambridgeshire.save()
    council = cambridgeshire.organisations.get(slug="cambridgeshire-county-council")
    line = next(
        line
        for line in return_lines(council, Period(2015, 3))
        if line.indicator.code == "marac-repeat-rate"
    )
    # 185 cases heard in 2015/16 Q3, 144 in 2014/15 Q3 (paper 003).
    assert line.denominators == (Decimal(185), Decimal(144))
    assert line.tolerance == 30
    # 13% to 34% is beyond binomial chance of those counts, though within 30 points.
    assert change_warning(line, Decimal(34)).startswith("This is a large change")
