"""A forgotten password is reset by e-mail: a link that works once, and no hint of who exists.

The database fixtures come before `mailoutbox`: the first use of the test database sets up
Django's test mail outbox afresh.
"""

import re

from django.test import Client

from tests.conftest import DEMO_PASSWORD

RESET = "/accounts/password_reset/"
NEW_PASSWORD = "a fresh and uncommon passphrase 82"
LINK = re.compile(r"https?://[^/\s]+(/accounts/reset/[^/\s]+/[^/\s]+/)")


def sign_in(client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_the_login_page_offers_the_reset(client):
    page = client.get("/accounts/login/").text
    assert f'<a href="{RESET}">Forgotten your password?</a>' in page


def test_a_reset_link_by_e_mail_sets_a_new_password_once(police_lead, mailoutbox):
    client = Client()
    response = client.post(RESET, {"email": "police-lead@example.org"}, follow=True)
    assert "Check your e-mail" in response.text
    (message,) = mailoutbox
    assert message.to == ["police-lead@example.org"]
    assert message.subject == "Reset your Partnership Monitor password"
    assert "username police-lead" in message.body
    assert message.alternatives[0].mimetype == "text/html"
    link = LINK.search(message.body).group(1)

    form = client.get(link, follow=True)
    assert "Choose a new password" in form.text
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password is changed" in done.text
    assert sign_in(Client(), "police-lead", NEW_PASSWORD)["Location"] == "/"
    assert sign_in(Client(), "police-lead", DEMO_PASSWORD).status_code == 200  # refused

    again = Client().get(link, follow=True)
    assert "This link cannot be used" in again.text


def test_a_weak_new_password_is_refused(police_lead, mailoutbox):
    client = Client()
    client.post(RESET, {"email": "police-lead@example.org"})
    form = client.get(LINK.search(mailoutbox[0].body).group(1), follow=True)
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert "There is a problem" in response.text
    assert "entirely numeric" in response.text
    assert sign_in(Client(), "police-lead", DEMO_PASSWORD)["Location"] == "/"


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db, client, mailoutbox):
    known = client.post(RESET, {"email": "board@example.org"})
    unknown = client.post(RESET, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password_reset/done/"
    assert [message.to for message in mailoutbox] == [["board@example.org"]]


def test_a_deactivated_account_gets_no_reset_mail(police_lead, client, mailoutbox):
    police_lead.is_active = False
    police_lead.save()
    assert client.post(RESET, {"email": "police-lead@example.org"}).status_code == 302
    assert mailoutbox == []


def test_login_throttling_still_locks_out_and_points_to_the_reset(db):
    client = Client()
    for _ in range(5):
        sign_in(client, "board", "wrong")
    locked = sign_in(client, "board", DEMO_PASSWORD)
    assert locked.status_code == 429
    assert "Signing in is paused" in locked.text
    assert f'href="{RESET}"' in locked.text


def test_the_links_address_is_the_sites_never_the_askers_host(police_lead, mailoutbox, settings):
    settings.ALLOWED_HOSTS = ["*"]  # even where any host is let in
    Client().post(RESET, {"email": "police-lead@example.org"}, HTTP_HOST="evil.example")
    (message,) = mailoutbox
    assert "evil.example" not in message.body
    assert "http://localhost:8000/accounts/reset/" in message.body


def ask(address: str, *, client_address: str = "192.0.2.1"):
    return Client(REMOTE_ADDR=client_address).post(RESET, {"email": address})


def test_the_fourth_request_for_one_address_in_an_hour_is_refused_and_sends_nothing(
    police_lead, mailoutbox
):
    for _ in range(3):
        assert ask("police-lead@example.org").status_code == 302
    assert len(mailoutbox) == 3
    refused = ask(" Police-Lead@Example.org")  # written another way: the same address
    assert refused.status_code == 429
    assert "Too many reset links have been asked for" in refused.text
    assert 'role="alert"' in refused.text
    assert ask("police-lead@example.org", client_address="198.51.100.7").status_code == 429
    assert len(mailoutbox) == 3
    assert ask("board@example.org").status_code == 302  # another address, from the same client
    assert [message.to for message in mailoutbox][-1] == ["board@example.org"]


def test_the_21st_request_from_one_client_is_refused_and_another_client_is_not(
    police_lead, mailoutbox
):
    for number in range(20):
        assert ask(f"nobody-{number}@example.org").status_code == 302
    assert ask("police-lead@example.org").status_code == 429
    assert mailoutbox == []
    assert ask("police-lead@example.org", client_address="198.51.100.7").status_code == 302
    assert [message.to for message in mailoutbox] == [["police-lead@example.org"]]


def test_a_refusal_reads_the_same_whether_or_not_the_address_has_an_account(
    police_lead, mailoutbox
):
    def page(address: str) -> str:
        for _ in range(3):
            ask(address)
        response = ask(address)
        assert response.status_code == 429
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.text)
        return text.replace(address, "ADDRESS")

    assert page("police-lead@example.org") == page("nobody@example.org")


def test_a_form_without_an_address_is_not_counted_against_anyone(db):
    for _ in range(5):
        response = Client().post(RESET, {"email": ""})
        assert response.status_code == 200 and "Too many" not in response.text


def test_a_request_without_a_client_address_is_counted_not_failed(police_lead, mailoutbox):
    """Behind a unix socket with no proxy header there is no address: such requests share
    one count instead of the throttle failing every reset."""
    assert ask("police-lead@example.org", client_address="").status_code == 302
    assert [message.to for message in mailoutbox] == [["police-lead@example.org"]]
