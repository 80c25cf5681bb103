"""Writes each sign-in lockout (django-axes) to the security log."""

import logging

from axes.signals import user_locked_out
from django.dispatch import receiver

log = logging.getLogger("axes.lockouts")


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs) -> None:
    log.warning(
        "Sign-in locked out after repeated failures: username=%r from %s", username, ip_address
    )
