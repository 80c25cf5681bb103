"""The invitation e-mail: plain text and HTML, in the product's words."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from strategy.models import Invitation


def send_invitation(invitation: Invitation, *, link: str) -> None:
    """Sends the person their link; the only copy of it, as only its digest is stored."""
    context = {
        "invitation": invitation,
        "link": link,
        "expires": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT"),
        "inviter": invitation.invited_by.get_full_name() or invitation.invited_by.get_username()
        if invitation.invited_by
        else "Your partnership coordinator",
    }
    message = EmailMultiAlternatives(
        subject=f"You are invited to {invitation.partnership.name} on Partnership Monitor",
        body=render_to_string("strategy/people/invitation_email.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(
        render_to_string("strategy/people/invitation_email.html", context), "text/html"
    )
    message.send()
