"""A coordinator's review of a handed-in return: the read-only summary, approve, send back
with a reason, and correcting as a separate step."""

import pytest

from indicators.models import Indicator, QuarterLock, Return, Value
from indicators.periods import Period
from tests.indicators.test_returns import form_data, url

Q4 = Period(2015, 4)  # police 2014/15 Q4 was 1,705; 2015/16 Q3 1,859


def submit(client, lead, incidents=("1790", "", "")):
    client.force_login(lead)
    client.post(
        url(),
        form_data(
            0,
            "submit",
            police_da_incidents__whole=incidents,
            court_cases__whole=("", "not-yet-released", ""),
            police_da_individuals__whole=("", "not-collected", ""),
        ),
    )
    return Return.objects.get(organisation__slug="cambridgeshire-constabulary", period=Q4)


def incidents() -> Value:
    return Value.objects.get(indicator__code="police-da-incidents", period=Q4, option=None)


def test_a_submitted_return_opens_for_the_coordinator_as_a_summary_with_the_decision_first(
    client, police_lead, coordinator
):
    submit(client, police_lead)
    client.force_login(coordinator)
    page = client.get(url()).content.decode()
    assert "police-da-incidents.whole-figure" not in page  # no field to type into
    assert "Submit return" not in page and "Save as draft" not in page
    decision = page.index('<h2 id="decision-heading">Review</h2>')
    assert decision < page.index("Approve the return") < page.index("<table")
    assert decision < page.index("Send back for correction") < page.index("<table")
    assert '<label for="id_reason">What needs correcting</label>' in page
    assert f'href="{url()}correct/">Correct figures yourself</a>' in page
    row = " ".join(
        page[page.index('id="line-police-da-incidents.whole"') :].split("</tr>")[0].split()
    )
    assert "<td>1,790 </td>" in row
    assert '1,705 <span class="period">(2014/15 Q4)</span>' in row and "up 5%" in row
    assert '1,859 <span class="period">(2015/16 Q3)</span>' in row and "down 3.7%" in row
    assert "Mark for follow-up" in row


def test_the_summary_shows_the_checks_comments_and_follow_ups(client, police_lead, coordinator):
    submit(client, police_lead, incidents=("3000", "", "A new recording system"))
    value = incidents()
    value.follow_up = True
    value.save()
    client.force_login(coordinator)
    page = client.get(url()).content.decode()
    assert "<strong>Check:</strong> 1 figure changed from last year by more than chance" in page
    row = page[page.index('id="line-police-da-incidents.whole"') :].split("</tr>")[0]
    assert "This is a large change from 2014/15 Q4 (1,705 to 3,000)." in row
    assert "A new recording system" in row
    assert "Marked for follow-up." in row and "Clear follow-up" in row


def test_the_summary_reads_in_a_constant_number_of_queries(
    client, police_lead, coordinator, django_assert_max_num_queries
):
    police = police_lead.memberships.get().organisation
    submit(client, police_lead)
    for number in range(30):
        Indicator.objects.create(
            partnership=police.partnership,
            code=f"extra-{number}",
            title=f"Extra indicator {number}",
            unit="count",
            reporting_organisation=police,
        )
    client.force_login(coordinator)
    # session, user; partnership, memberships; the partnership's years; organisation; the
    # return (with who submitted and approved it); the quarter lock; the indicators, their
    # frequency changes, options, definitions and objectives; the values; the targets; the
    # session save (savepoint, update, release)
    with django_assert_max_num_queries(18):
        page = client.get(url()).content.decode()
    assert page.count('<tr id="line-') == 33


def test_sending_back_without_a_reason_shows_the_summary_with_the_problem(
    client, police_lead, coordinator
):
    submit(client, police_lead)
    client.force_login(coordinator)
    response = client.post(url() + "review/", {"decision": "send-back", "reason": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<div class="error-summary" role="alert" tabindex="-1" id="error-summary">' in page
    assert '<a href="#id_reason">What needs correcting: This field is required.</a>' in page
    assert 'aria-invalid="true"' in page
    assert Return.objects.get(
        period=Q4, organisation__slug="cambridgeshire-constabulary"
    ).status == ("submitted")


def test_sending_back_with_a_reason_reaches_the_lead(client, police_lead, coordinator):
    submit(client, police_lead)
    client.force_login(coordinator)
    page = client.post(
        url() + "review/",
        {"decision": "send-back", "reason": "January looks low: re-run it"},
        follow=True,
    ).content.decode()
    assert "Cambridgeshire Constabulary&#x27;s return sent back for correction." in page
    client.force_login(police_lead)
    page = client.get(url()).content.decode()
    assert "Returned for correction" in page and "January looks low: re-run it" in page
    assert 'name="police-da-incidents.whole-figure"' in page  # the lead may edit again


def test_approving_from_the_summary_leaves_send_back_and_correct(client, police_lead, coordinator):
    submit(client, police_lead)
    client.force_login(coordinator)
    page = client.post(url() + "review/", {"decision": "approve"}, follow=True).content.decode()
    assert "return approved." in page and "<dt>Approved</dt>" in page
    assert "Approve the return" not in page
    assert "Send back for correction" in page and "Correct figures yourself" in page
    assert incidents().is_approved


def test_a_partner_lead_reads_their_submitted_return_without_a_form_or_a_decision(
    client, police_lead
):
    submit(client, police_lead)
    page = client.get(url()).content.decode()
    assert "1,790" in page and 'name="police-da-incidents.whole-figure"' not in page
    assert "Approve" not in page and "Send back" not in page and "Correct figures" not in page
    assert client.get(url() + "correct/").status_code == 404


def test_correcting_is_a_separate_step_that_says_so_and_asks_why(client, police_lead, coordinator):
    the_return = submit(client, police_lead)
    client.force_login(coordinator)
    page = client.get(url() + "correct/").content.decode()
    assert "A coordinator's correction" in page
    assert f'action="{url()}correct/"' in page
    assert '<label for="id_reason">Reason for the change</label>' in page
    assert "Save correction" in page and "Submit return" not in page
    corrected = form_data(the_return.version, police_da_incidents__whole=("1795", "", ""))
    page = client.post(url() + "correct/", corrected).content.decode()
    assert "say why the figures are corrected" in page and incidents().value == 1790
    response = client.post(url() + "correct/", {**corrected, "reason": "Re-run"}, follow=True)
    assert response.redirect_chain == [(url(), 302)]
    assert "Correction saved" in response.content.decode()
    assert incidents().value == 1795
    assert incidents().history.first().history_change_reason == "Re-run"


def test_in_a_locked_quarter_the_summary_offers_only_the_correction(
    client, police_lead, coordinator, cambridgeshire
):
    submit(client, police_lead)
    QuarterLock.objects.create(partnership=cambridgeshire, period=Q4, reason="Signed off")
    client.force_login(coordinator)
    page = client.get(url()).content.decode()
    assert "Approve the return" not in page and "Send back for correction" not in page
    assert "can no longer be approved or sent back" in page
    assert "Correct figures yourself" in page
    client.post(url() + "review/", {"decision": "approve"})
    assert Return.objects.get(
        period=Q4, organisation__slug="cambridgeshire-constabulary"
    ).status == ("submitted")


@pytest.mark.parametrize("who", ["police_lead", "board_member", "officer"])
def test_only_a_coordinator_reviews(request, client, police_lead, who):
    submit(client, police_lead)
    client.force_login(request.getfixturevalue(who))
    response = client.post(url() + "review/", {"decision": "send-back", "reason": "No"})
    assert response.status_code == 404
    assert Return.objects.get(
        period=Q4, organisation__slug="cambridgeshire-constabulary"
    ).status == ("submitted")
