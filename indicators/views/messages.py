"""E-mail pages: each person's choice of messages, and a coordinator's record of what was sent."""

from __future__ import annotations

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django_tables2 import RequestConfig

from indicators import mail
from indicators.models import MessageKind, SentMessage
from strategy.access import partnership_access_or_404


class MessagePreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Send me these e-mails",
        choices=MessageKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def message_preferences(request):
    """One checkbox per kind of e-mail; unticked kinds are not sent to this person."""
    form = MessagePreferencesForm(
        request.POST or None, initial={"kinds": sorted(mail.wanted_kinds(request.user))}
    )
    if request.method == "POST" and form.is_valid():
        mail.message_preferences_update(user=request.user, kinds=set(form.cleaned_data["kinds"]))
        messages.success(request, "Your e-mail choices are saved.")
        return redirect("message-preferences")
    return render(request, "indicators/message_preferences.html", {"form": form})


class SentMessageTable(tables.Table):
    caption = "E-mails sent, newest first"
    sent_at = tables.DateTimeColumn(verbose_name="When", format="DATETIME_FORMAT")
    user = tables.Column(verbose_name="To", order_by="user__username")
    kind = tables.Column(verbose_name="What")
    reason = tables.Column(verbose_name="About")

    class Meta:
        model = SentMessage
        fields = ["sent_at", "user", "kind", "reason"]
        sequence = fields
        order_by = "-sent_at"
        empty_text = "No e-mail has been sent in this partnership yet."

    def render_user(self, record: SentMessage):
        return record.user.get_full_name() or record.user.get_username()

    def render_kind(self, record: SentMessage):
        return MessageKind(record.kind).name.replace("_", " ").capitalize()


def sent_message_list(request, partnership: str):
    """Every e-mail sent about the partnership, to whom, why and when (coordinators)."""
    access = partnership_access_or_404(request.user, partnership)
    if not access.can_see_sent_messages:
        raise Http404("No such page.")
    sent = SentMessage.objects.filter(partnership=access.partnership).select_related("user")
    table = SentMessageTable(sent)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(
        request,
        "indicators/sent_messages.html",
        {"partnership": access.partnership, "table": table},
    )
