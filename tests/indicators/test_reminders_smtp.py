"""send_reminders through a real SMTP server on localhost (aiosmtpd), as EMAIL_URL names it:
what arrives is what a mail client would show."""

import io
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings

from config.env import email_settings

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler keeping each message it receives, with its envelope."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.received.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(**email_settings(f"smtp://127.0.0.1:{port}")):
            yield inbox
    finally:
        controller.stop()


def test_reminders_arrive_through_a_real_smtp_server(smtp_server):
    # The day before: the older quarters' late returns, each in its week late (told once).
    call_command("send_reminders", "--today", "2016-01-22", stdout=io.StringIO())
    before = len(smtp_server.received)
    call_command("send_reminders", "--today", "2016-01-23", stdout=io.StringIO())
    received = dict((tuple(to), message) for to, message in smtp_server.received[before:])
    message = received[("police-lead@example.org",)]
    assert message["Subject"] == (
        "Reminder: Cambridgeshire Constabulary's return for 2015/16 Q3: due in 7 days"
    )
    assert message["To"] == "police-lead@example.org"
    assert message["From"] == "Partnership Monitor <noreply@localhost>"
    assert message.get_content_type() == "multipart/alternative"
    link = "http://localhost:8000/p/cambridgeshire/returns/2015-16-q3/cambridgeshire-constabulary/"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "30 January 2016: due in 7 days" in text
    assert link in text
    assert f'<a href="{link}"' in html
    assert "<caption" in html

    call_command("send_reminders", "--today", "2016-01-23", stdout=io.StringIO())
    assert len(smtp_server.received) == before + len(received)  # nothing twice
