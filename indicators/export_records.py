"""The record of exports: who (or which command) took a board pack or the figures out of the
partnership, when, and what. Recording is a write, so it lives here; the dashboard's downloads
and the export commands call `export_record`, and coordinators read the record at
`/p/<partnership>/exports/`.
"""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from indicators.models import ExportRecord
from indicators.periods import Period
from strategy.access import access_for
from strategy.models import Partnership
from strategy.widgets import AnyYesNo


@transaction.atomic
def export_record(
    *,
    partnership: Partnership,
    kind: str,
    user=None,
    command: str = "",
    query: str = "",
    quarter: Period | None = None,
    publication: bool = False,
    filename: str = "",
) -> ExportRecord:
    """Records one export: by `user` from a page (who must be allowed to export), or by
    `command` on the server. `query` is the address's query or the command's options as given;
    `quarter` the quarter the figures stood at (None: every one)."""
    if user is not None:
        if not access_for(user, partnership).can_export_values:
            raise PermissionDenied("Only coordinators and officers export figures.")
        by, source = user.get_username(), ExportRecord.Source.PAGE
    elif command:
        by, source = command, ExportRecord.Source.COMMAND
    else:
        raise ValueError("An export is made by a person or by a command.")
    return ExportRecord.objects.create(
        partnership=partnership,
        kind=kind,
        made_by=user,
        by=by,
        source=source,
        query=query,
        quarter=quarter,
        publication=publication,
        filename=filename,
    )


def export_records(partnership: Partnership) -> QuerySet[ExportRecord]:
    """The partnership's exports, newest first."""
    return ExportRecord.objects.filter(partnership=partnership).order_by("-made_at", "-pk")


class ExportRecordFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="What", choices=ExportRecord.Kind.choices)
    source = django_filters.ChoiceFilter(label="How", choices=ExportRecord.Source.choices)
    publication = django_filters.BooleanFilter(label="For publication", widget=AnyYesNo)

    class Meta:
        model = ExportRecord
        fields = ["kind", "source", "publication"]


class ExportRecordTable(tables.Table):
    caption = "Exports of board packs and figures"
    made_at = tables.DateTimeColumn(verbose_name="When", format="DATETIME_FORMAT")
    by = tables.Column(verbose_name="Who")
    source = tables.Column(verbose_name="How")
    kind = tables.Column(verbose_name="What")
    quarter = tables.Column(verbose_name="Quarter", default="Every one")
    publication = tables.BooleanColumn(verbose_name="For publication", yesno="Yes,No")
    query = tables.Column(verbose_name="Query or options", default="")
    filename = tables.Column(verbose_name="File", default="")

    class Meta:
        model = ExportRecord
        fields = ["made_at", "by", "source", "kind", "quarter", "publication", "query", "filename"]
        sequence = fields
        order_by = "-made_at"
        attrs = {"class": "export-records"}
        empty_text = "No board pack or figures have been exported yet."

    def render_source(self, record: ExportRecord):
        return record.get_source_display()

    def render_kind(self, record: ExportRecord):
        return record.get_kind_display()
