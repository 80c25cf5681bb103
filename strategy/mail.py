"""An e-mail in the product's style, whatever it says: plain text and HTML from a pair of
templates, its subject on one line. Every message the product sends is made here."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_message(*, to: str, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    """The message to `to`, from TEMPLATE.txt and TEMPLATE.html rendered with `context` (and
    `subject` and `site_url`); the HTML part is autoescaped like any page."""
    subject = " ".join(subject.split())  # a line break in a header would refuse the message
    context = {**context, "subject": subject, "site_url": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", context), to=[to]
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
