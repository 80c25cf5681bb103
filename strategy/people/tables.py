"""The People page's tables: the partnership's people and its invitations."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from strategy.models import Invitation, Membership


def _date(value) -> str:
    return date_format(timezone.localtime(value), "DATE_FORMAT")


class PeopleTable(tables.Table):
    """One row per person's place: a person in two organisations has two rows."""

    caption = "People in the partnership"
    name = tables.Column(verbose_name="Name", accessor="user", orderable=False)
    email = tables.Column(verbose_name="E-mail address", accessor="user__email", orderable=False)
    organisation = tables.Column(verbose_name="Organisation", orderable=False)
    role = tables.Column(verbose_name="Role", orderable=False)
    active = tables.Column(verbose_name="Active", accessor="user__is_active", orderable=False)
    last_login = tables.Column(
        verbose_name="Last signed in",
        accessor="user__last_login",
        orderable=False,
        empty_values=(None,),
    )

    class Meta:
        model = Membership
        fields = ["name", "email", "organisation", "role", "active", "last_login"]
        sequence = fields
        empty_text = "Nobody is in the partnership yet."

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def render_name(self, value):
        url = reverse("person", args=[self.partnership.slug, value.pk])
        return format_html('<a href="{}">{}</a>', url, value.get_full_name() or value.username)

    def render_role(self, record):
        return record.get_role_display()

    def render_active(self, value):
        return "Yes" if value else "No: deactivated"

    def render_last_login(self, value):
        return _date(value) if value else "Never"


class InvitationTable(tables.Table):
    caption = "Invitations not yet accepted"
    name = tables.Column(verbose_name="Name", orderable=False)
    email = tables.Column(verbose_name="E-mail address", orderable=False)
    organisation = tables.Column(verbose_name="Organisation", orderable=False)
    role = tables.Column(verbose_name="Role", orderable=False)
    invited_by = tables.Column(verbose_name="Invited by", orderable=False, empty_values=(None,))
    expires_at = tables.Column(verbose_name="Link works until", orderable=False)

    class Meta:
        model = Invitation
        fields = ["name", "email", "organisation", "role", "invited_by", "expires_at"]
        sequence = fields
        empty_text = "No invitations are waiting."

    def render_role(self, record):
        return record.get_role_display()

    def render_invited_by(self, value):
        return (value.get_full_name() or value.username) if value else "Unknown"

    def render_expires_at(self, record, value):
        if record.is_expired():
            return f"Expired on {_date(value)}"
        return _date(value)
