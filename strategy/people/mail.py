"""The invitation e-mail: plain text and HTML, in the product's words."""

from django.utils import timezone
from django.utils.formats import date_format

from strategy.mail import email_message
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
    email_message(
        to=invitation.email,
        subject=f"You are invited to {invitation.partnership.name} on Partnership Monitor",
        template="strategy/people/invitation_email",
        context=context,
    ).send()
