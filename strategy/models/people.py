"""Invitations: how a coordinator brings a person into the partnership by e-mail."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from strategy.models.partnerships import MembershipRole, Organisation, Partnership


def token_digest(token: str) -> str:
    """What is stored of an invitation's token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An offer, sent by e-mail, of a role in an organisation of the partnership.

    The link in the e-mail carries a random token (`secrets.token_urlsafe`, 256 bits); only its
    SHA-256 is stored, so a copy of the database holds no working link. It works once (until
    `accepted_at` is set) and only until `expires_at`. A random token rather than Django's
    `PasswordResetTokenGenerator` because the person may have no account yet to derive one
    from, and a stored row is what the People page lists as pending.
    """

    VALID_FOR = timezone.timedelta(days=7)

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=20, choices=MembershipRole.choices)
    name = models.CharField(max_length=150)
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[choice.value for choice in MembershipRole]),
                name="invitation_role_known",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="invitation_expires_after_it_is_made",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} - {self.get_role_display()}, {self.organisation}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    def is_open(self, now=None) -> bool:
        """Not yet used and not yet expired: the link still works."""
        return not self.is_accepted and not self.is_expired(now)
