"""Returns: an organisation's figures for a quarter, and the quarters the board has locked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indicators.fields import PeriodField
from strategy.models import Organisation, Partnership

if TYPE_CHECKING:
    from strategy.access import PartnershipAccess


class ReturnStatus(models.TextChoices):
    NOT_STARTED = "not-started", "Not started"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for correction"
    APPROVED = "approved", "Approved"


class Return(models.Model):
    """One organisation's figures for one quarter, and where they are in the workflow."""

    Status = ReturnStatus

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="returns")
    period = PeriodField(help_text="The quarter, e.g. 2015/16 Q3.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    returned_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(
        default=0, help_text="Goes up with every save, so a save from a stale form is refused."
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"], name="return_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in ReturnStatus]),
                name="return_status_known",
            ),
            models.CheckConstraint(
                condition=Q(period__contains="Q") & ~Q(period__contains="-"),
                name="return_is_for_a_quarter",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(returned_reason=""),
                name="return_returned_with_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period}: {self.get_status_display()}"

    # The state rules of a return, each decided here once; who may act is `strategy.access`.
    # Handed in by its lead: from then on only a coordinator changes it (a correction).
    DONE = (Status.SUBMITTED, Status.APPROVED)
    # Still owed by its lead: counted as overdue once the due date passes.
    OWED = (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)

    @property
    def is_done(self) -> bool:
        """The lead has handed the return in (submitted, or approved since)."""
        return self.status in self.DONE

    @property
    def awaiting_approval(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_returned(self) -> bool:
        """Sent back to its lead for correction, with `returned_reason`."""
        return self.status == self.Status.RETURNED

    def may_be_approved(self, *, locked: bool) -> bool:
        """Approving takes a submitted return in a quarter the board has not signed off."""
        return self.awaiting_approval and not locked

    def may_be_sent_back(self, *, locked: bool) -> bool:
        """A handed-in return goes back to its lead while its quarter is open."""
        return self.is_done and not locked

    def change_needs_reason(self, *, locked: bool) -> bool:
        """A change to a locked quarter or a handed-in return is a correction: it says why."""
        return locked or self.is_done

    def is_editable_by(self, access: PartnershipAccess, *, locked: bool) -> bool:
        """Whether this person may change the return's figures now."""
        return access.may_change_return(self.organisation, done=self.is_done, locked=locked)

    def can_be_approved_by(self, access: PartnershipAccess, *, locked: bool) -> bool:
        """Whether this person may approve the return now."""
        return access.can_review_returns and self.may_be_approved(locked=locked)

    def can_be_sent_back_by(self, access: PartnershipAccess, *, locked: bool) -> bool:
        """Whether this person may send the return back to its lead now."""
        return access.can_review_returns and self.may_be_sent_back(locked=locked)


class QuarterLock(models.Model):
    """A quarter the board has signed off: its figures change only by a coordinator's correction.

    Unlocking deletes the lock; `history` keeps every lock and unlock with who, when and why.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="quarter_locks"
    )
    period = PeriodField(help_text="The quarter, e.g. 2015/16 Q3.")
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(help_text="Why the quarter was locked: the board's sign-off.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "period"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "period"], name="quarter_locked_once"),
            models.CheckConstraint(
                condition=Q(period__contains="Q") & ~Q(period__contains="-"),
                name="lock_is_for_a_quarter",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="lock_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.period} locked"
