"""The e-mails the product sends: what each person chose not to get, and what was sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from strategy.models import Partnership


class MessageKind(models.TextChoices):
    """Each kind of e-mail, labelled as the preferences page offers it."""

    REMINDER = (
        "reminder",
        "My tasks, when a return or RAG update of mine is due in 7 days, on the day it is due, "
        "and every 7 days while it is late",
    )
    DIGEST = "digest", "Coordinators: a weekly digest of the partnership's tasks, on Mondays"
    ESCALATION = "escalation", "Coordinators: a return 14 days late"
    SENT_BACK = "sent-back", "A return of my organisation sent back for correction, with why"
    APPROVED = "approved", "A return of my organisation approved"


class MessageOptOut(models.Model):
    """A kind of e-mail one person chose not to get; without a row, they get it."""

    Kind = MessageKind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_opt_outs"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="message_opt_out_once"),
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in MessageKind]),
                name="message_opt_out_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} gets no {self.kind}"


class SentMessage(models.Model):
    """One reason an e-mail went to a person, so that it never goes twice for the same reason
    (`key`: what it was about and the rule, e.g. a return and "due in 7 days"); shown to the
    partnership's coordinators."""

    Kind = MessageKind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_messages"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="sent_messages"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=300)
    reason = models.TextField(help_text="What the message was about, as coordinators see it.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="message_sent_once"),
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in MessageKind]),
                name="sent_message_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.user}: {self.reason}"
