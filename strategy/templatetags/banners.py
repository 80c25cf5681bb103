"""Messages after an action, split by how urgently a screen reader should say them."""

from django import template
from django.contrib.messages import constants

register = template.Library()


@register.filter
def problems(messages) -> list:
    """Errors and warnings: a banner announced at once (role=alert)."""
    return [message for message in messages if message.level >= constants.WARNING]


@register.filter
def confirmations(messages) -> list:
    """Successes and information: a banner announced politely (role=status)."""
    return [message for message in messages if message.level < constants.WARNING]
