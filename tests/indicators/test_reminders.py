"""send_reminders: who is e-mailed on which day, never twice, only if they want it; and the
leads' e-mails when a return is sent back or approved. On Django's outbox (mailoutbox)."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from config.env import email_settings
from indicators import workflow
from indicators.mail import message_preferences_update
from indicators.models import MessageKind, Return, SentMessage
from indicators.periods import Period
from indicators.reminders import reminder_rule
from strategy.models import Action

pytestmark = pytest.mark.django_db

Q3 = Period(2015, 3)  # Cambridgeshire's 2015/16 Q3 returns are due on 30 January 2016
POLICE_RETURN_URL = (
    "http://localhost:8000/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/"
)


def send(today: str) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--today", today, stdout=out)
    return out.getvalue()


def send_news(outbox, today: str) -> str:
    """Runs on the day before too, as the daily job does: today's messages are then only what
    begins today (the older quarters' late returns each have their own day of the week)."""
    send((date.fromisoformat(today) - timedelta(days=1)).isoformat())
    outbox.clear()
    return send(today)


def to(outbox, address: str) -> list:
    return [message for message in outbox if message.to == [address]]


def html_of(message) -> str:
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return html


@pytest.mark.parametrize(
    ("due", "today", "rule"),
    [
        (date(2016, 1, 30), date(2016, 1, 22), ""),
        (date(2016, 1, 30), date(2016, 1, 23), "due-in-7-days"),
        (date(2016, 1, 30), date(2016, 1, 29), "due-in-7-days"),
        (date(2016, 1, 30), date(2016, 1, 30), "due-today"),
        (date(2016, 1, 30), date(2016, 2, 5), "due-today"),
        (date(2016, 1, 30), date(2016, 2, 6), "7-days-late"),
        (date(2016, 1, 30), date(2016, 2, 12), "7-days-late"),
        (date(2016, 1, 30), date(2016, 2, 27), "28-days-late"),
        (date(2016, 1, 30), date(2016, 3, 4), "28-days-late"),
    ],
)
def test_the_reminder_rule_by_date(due, today, rule):
    assert reminder_rule(due, today) == rule


@pytest.mark.parametrize(
    ("today", "says"),
    [
        ("2016-01-23", "due in 7 days"),
        ("2016-01-30", "due today"),
        ("2016-02-06", "7 days late"),
        ("2016-02-13", "14 days late"),
    ],
)
def test_a_lead_gets_one_message_listing_their_tasks_on_each_rule_day(
    mailoutbox, police_lead, today, says
):
    send_news(mailoutbox, today)
    (message,) = to(mailoutbox, "police-lead@example.org")
    assert message.subject == (
        f"Reminder: Cambridgeshire Constabulary's return for 2015/16 Q3: {says}"
    )
    assert POLICE_RETURN_URL in message.body
    assert "Cambridgeshire Constabulary's return for 2014/15 Q4" in message.body  # every task
    assert f'<a href="{POLICE_RETURN_URL}"' in html_of(message)
    assert "Dear Pat Police" in message.body


def test_an_action_written_over_several_lines_is_one_line_in_the_subject(
    mailoutbox, police_lead, cambridgeshire
):
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    Action.objects.create(
        objective=cambridgeshire.strategies.get().objectives.first(),
        area_for_development="Train every\nresponse officer",
        lead_organisation=police,
    )
    Return.objects.create(organisation=police, period=Q3, status="submitted")
    send_news(mailoutbox, "2016-01-23")
    (message,) = to(mailoutbox, "police-lead@example.org")
    assert message.subject == (
        "Reminder: RAG update for 2015/16 Q3: Train every response officer: due in 7 days"
    )


def test_no_reminder_between_the_first_days_of_the_rules(mailoutbox, police_lead):
    send("2016-01-30")
    mailoutbox.clear()
    send("2016-02-02")  # 3 days late: told on the day it fell due; next, at a week late
    assert to(mailoutbox, "police-lead@example.org") == []


def test_a_day_missed_is_made_up_by_the_next_run(mailoutbox, police_lead):
    """No run on the day the return fell due (the server was down): the next run tells the
    lead how it stands that day, once; the week late comes on its own day."""
    send("2016-01-29")
    mailoutbox.clear()
    send("2016-02-02")  # nothing ran from 30 January to 1 February
    (message,) = to(mailoutbox, "police-lead@example.org")
    assert message.subject == (
        "Reminder: Cambridgeshire Constabulary's return for 2015/16 Q3: 3 days late"
    )
    mailoutbox.clear()
    send("2016-02-03")
    assert to(mailoutbox, "police-lead@example.org") == []
    send_news(mailoutbox, "2016-02-06")
    (message,) = to(mailoutbox, "police-lead@example.org")
    assert message.subject.endswith("2015/16 Q3: 7 days late")


def test_running_twice_on_a_day_sends_nothing_twice(mailoutbox, police_lead):
    first = send_news(mailoutbox, "2016-01-23")
    count = len(mailoutbox)
    assert "reminder: 2" in first  # the police and IDVA leads
    second = send("2016-01-23")
    assert len(mailoutbox) == count
    assert "reminder: 0" in second
    told = SentMessage.objects.filter(user=police_lead, kind=MessageKind.REMINDER)
    assert told.filter(reason__contains="2015/16 Q3").count() == 1


def test_a_person_who_opted_out_gets_no_reminder(mailoutbox, police_lead):
    message_preferences_update(user=police_lead, kinds=set(MessageKind.values) - {"reminder"})
    send("2016-01-23")
    assert to(mailoutbox, "police-lead@example.org") == []
    assert len(to(mailoutbox, "idva-lead@example.org")) == 1


def test_inactive_people_and_people_without_an_address_get_nothing(
    mailoutbox, police_lead, idva_lead
):
    police_lead.is_active = False
    police_lead.save()
    idva_lead.email = ""
    idva_lead.save()
    send("2016-01-23")
    assert not [m for m in mailoutbox if m.to[0].endswith("-lead@example.org")]


def test_coordinators_are_told_once_when_a_return_is_14_days_late(mailoutbox, coordinator):
    send("2016-02-12")  # the earlier quarters' late returns: escalated on the first run
    mailoutbox.clear()
    send("2016-02-13")
    (message,) = to(mailoutbox, "coordinator@example.org")
    assert message.subject == "Returns 14 days late or more in your partnership"
    assert "Cambridgeshire Constabulary's return for 2015/16 Q3 is 14 days late" in message.body
    assert "2015/16 Q2" not in message.body  # told before
    assert POLICE_RETURN_URL in html_of(message)
    mailoutbox.clear()
    send("2016-02-14")
    assert to(mailoutbox, "coordinator@example.org") == []


def test_coordinators_get_a_weekly_digest_on_mondays(mailoutbox):
    send("2016-02-01")  # a Monday
    digests = [m for m in mailoutbox if m.subject.startswith("Weekly digest")]
    assert {m.to[0] for m in digests} == {
        "coordinator@example.org",
        "cp-coordinator@example.org",
        "cheshire-coordinator@example.org",
    }
    (digest,) = [m for m in digests if m.to == ["coordinator@example.org"]]
    assert "4 returns overdue for 2015/16 Q3" in digest.body
    assert "/p/cambridgeshire/returns/2015-16-q3/" in html_of(digest)
    mailoutbox.clear()
    send("2016-02-02")
    assert not [m for m in mailoutbox if m.subject.startswith("Weekly digest")]


def test_a_monday_missed_gives_the_weeks_digest_on_the_next_run(mailoutbox, coordinator):
    send("2016-02-03")  # a Wednesday, with no run since the week before
    assert len([m for m in to(mailoutbox, "coordinator@example.org") if "digest" in m.subject])
    mailoutbox.clear()
    send("2016-02-07")  # the Sunday of the same week
    assert not [m for m in mailoutbox if m.subject.startswith("Weekly digest")]
    send("2016-02-08")  # the next Monday
    assert len([m for m in to(mailoutbox, "coordinator@example.org") if "digest" in m.subject])


def test_nobody_is_told_of_another_partnerships_tasks(mailoutbox):
    send("2016-02-01")
    for message in to(mailoutbox, "cheshire-coordinator@example.org"):
        assert "Cambridgeshire" not in message.body + html_of(message)
    for message in to(mailoutbox, "police-lead@example.org"):
        assert "Cheshire" not in message.body
    assert not SentMessage.objects.filter(
        user__username="cheshire-coordinator", partnership__slug="cambridgeshire"
    ).exists()


@pytest.fixture
def submitted(cambridgeshire) -> Return:
    police = cambridgeshire.organisations.get(slug="cambridgeshire-constabulary")
    return Return.objects.create(organisation=police, period=Q3, status="submitted")


def test_a_lead_is_told_why_their_return_was_sent_back(
    mailoutbox, submitted, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_send_back(
            the_return=submitted, user=coordinator, reason="Incidents <b>halved</b>?"
        )
    (message,) = to(mailoutbox, "police-lead@example.org")
    assert message.subject == "Your return for 2015/16 Q3 was sent back for correction"
    assert "Incidents <b>halved</b>?" in message.body
    assert "Incidents &lt;b&gt;halved&lt;/b&gt;?" in html_of(message)
    assert "<b>halved" not in html_of(message)
    assert POLICE_RETURN_URL in message.body


def test_a_lead_is_told_their_return_was_approved(
    mailoutbox, submitted, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_approve(the_return=submitted, user=coordinator)
    (message,) = to(mailoutbox, "police-lead@example.org")
    assert message.subject == "Your return for 2015/16 Q3 was approved"
    assert "the board now sees its figures" in message.body
    assert to(mailoutbox, "idva-lead@example.org") == []  # another organisation's lead
    assert SentMessage.objects.get(kind="approved").reason == (
        "Cambridgeshire Constabulary's return for 2015/16 Q3 approved"
    )


def test_nothing_is_sent_for_a_review_rolled_back(
    mailoutbox, submitted, coordinator, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.return_approve(the_return=submitted, user=coordinator)
        raise RuntimeError("something later in the same transaction fails")
    assert mailoutbox == []


def test_a_mail_server_that_refuses_is_reported_and_tried_again_next_run(mailoutbox):
    refusing = override_settings(**email_settings("smtp://127.0.0.1:1"))  # nothing listens
    with refusing, pytest.raises(CommandError, match="reminder to idva-lead, reminder to police"):
        send("2016-01-23")
    assert not SentMessage.objects.exists()
    send("2016-01-23")
    assert len(to(mailoutbox, "police-lead@example.org")) == 1


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="--today must be a date written YYYY-MM-DD"):
        send("23/01/2016")


def test_a_coordinator_sees_what_was_sent_in_their_partnership_only(
    client, coordinator, cheshire_coordinator, django_assert_max_num_queries
):
    send("2016-01-23")
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("sent-messages", args=["cambridgeshire"])).content.decode()
    assert "Pat Police" in page
    assert "Cambridgeshire Constabulary&#x27;s return for 2015/16 Q3: due in 7 days" in page
    assert "Chris Cheshire" not in page
    client.force_login(cheshire_coordinator)
    page = client.get(reverse("sent-messages", args=["cheshire-east"])).content.decode()
    assert "Pat Police" not in page
    assert client.get(reverse("sent-messages", args=["cambridgeshire"])).status_code == 404


def test_each_person_chooses_their_messages_on_a_page(client, police_lead, mailoutbox):
    client.force_login(police_lead)
    page = client.get(reverse("message-preferences")).content.decode()
    for kind in MessageKind:
        assert f"{kind.label}</label>" in page.replace("&#x27;", "'")
    response = client.post(
        reverse("message-preferences"), {"kinds": ["sent-back", "approved"]}, follow=True
    )
    assert "Your e-mail choices are saved." in response.content.decode()
    send("2016-01-23")
    assert to(mailoutbox, "police-lead@example.org") == []


def test_the_choices_page_needs_a_login(client):
    response = client.get(reverse("message-preferences"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_made_up_kind_is_refused_and_changes_nothing(client, police_lead):
    client.force_login(police_lead)
    response = client.post(reverse("message-preferences"), {"kinds": ["spam"]})
    assert "There is a problem" in response.content.decode()
    assert not police_lead.message_opt_outs.exists()
