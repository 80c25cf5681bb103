"""The return form: a figure, a missing reason and a comment for every line of a return."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from indicators import formatting, judgement
from indicators.models import MissingReason
from indicators.returns import ReturnLine
from indicators.workflow import Entry
from strategy.text import note_field

MISSING_CHOICES = [("", "Not missing: figure given")] + list(MissingReason.choices)


def field_names(line: ReturnLine) -> dict[str, str]:
    return {part: f"{line.key}-{part}" for part in ("figure", "missing", "comment", "action")}


class ReturnForm(forms.Form):
    """Built from a return's lines; `entries` holds what was entered, line by line."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = note_field(
        "Reason for the change", help_text="Kept in the history of every figure you change."
    )

    def __init__(self, *args, lines: list[ReturnLine], reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        self.reason_required = reason_required
        for line in lines:
            names = field_names(line)
            unit = line.indicator.get_unit_display().lower()
            self.fields[names["figure"]] = forms.CharField(
                label=f"Figure ({unit})",
                required=False,
                max_length=30,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.fields[names["missing"]] = forms.ChoiceField(
                label="Or the reason it is missing", choices=MISSING_CHOICES, required=False
            )
            self.fields[names["comment"]] = note_field("Comment")
            if line.target is not None:
                self.fields[names["action"]] = note_field(
                    "Corrective action (for the board, when the figure is off target)"
                )
            if not self.is_bound and line.value is not None:
                value = line.value
                self.initial[names["figure"]] = formatting.plain_figure(value.value)
                self.initial[names["missing"]] = value.missing_reason
                self.initial[names["comment"]] = value.comment
                self.initial[names["action"]] = value.corrective_action

    def entries(self) -> dict[str, Entry]:
        return self.cleaned_data["entries"]

    def submitting(self) -> bool:
        return self.data.get("action") == "submit"

    def clean(self):
        cleaned = super().clean()
        entries = {}
        for line in self.lines:
            names = field_names(line)
            if names["figure"] not in self.data and names["missing"] not in self.data:
                continue  # a line the form left out keeps its saved figure
            entry = self._clean_line(line, cleaned)
            if entry is not None:
                entries[line.key] = entry
        cleaned["entries"] = entries
        return cleaned

    def _clean_line(self, line: ReturnLine, cleaned: dict) -> Entry | None:
        names = field_names(line)
        text = (cleaned.get(names["figure"]) or "").strip()
        missing = cleaned.get(names["missing"]) or ""
        comment = (cleaned.get(names["comment"]) or "").strip()
        action = (cleaned.get(names["action"]) or "").strip()
        figure = None
        if text:
            try:
                figure = judgement.parse_figure(text, line.indicator.unit)
            except ValueError as error:
                self.add_error(names["figure"], str(error))
                return None
        if figure is not None and missing:
            self.add_error(names["missing"], "Give a figure or a reason it is missing, not both.")
            return None
        if self.submitting():
            if figure is None and not missing:
                self.add_error(
                    names["figure"], "Give a figure, or choose the reason it is missing."
                )
                return None
            if figure is not None and not self._judged_ok(line, figure, comment, action):
                return None
        return Entry(figure, missing, comment, action)

    def _judged_ok(self, line: ReturnLine, figure, comment: str, action: str) -> bool:
        names = field_names(line)
        ok = True
        message = change_warning(line, figure)
        if message and not comment:
            self.add_error(names["comment"], f"{message} Say why in the comment.")
            ok = False
        if needs_corrective_action(line, figure) and not action:
            self.add_error(
                names["action"],
                "This figure is off target and no better than last year: say what will be done.",
            )
            ok = False
        return ok

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if self.reason_required and not reason:
            raise ValidationError(
                "This quarter is locked or the return already submitted: say why the figures "
                "are corrected."
            )
        return reason


def change_warning(line: ReturnLine, figure) -> str:
    """Why a figure's change on last year needs explaining, or an empty string."""
    last = line.last_year.value if line.last_year else None
    if last is None or not judgement.unusual_change(
        line.indicator.unit, figure, last, denominators=line.denominators, tolerance=line.tolerance
    ):
        return ""
    return (
        f"This is a large change from {line.period.same_period_last_year()} "
        f"({formatting.figure_text(last, line.indicator.unit)} to "
        f"{formatting.figure_text(figure, line.indicator.unit)})."
    )


def needs_corrective_action(line: ReturnLine, figure) -> bool:
    if line.target is None:
        return False
    last = line.last_year.value if line.last_year else None
    rating = judgement.target_rating(
        direction=line.indicator.direction,
        figure=figure,
        target=line.target.value,
        tolerance=line.target.tolerance,
        last_year=last,
    )
    return rating == "red"


class SendBackForm(forms.Form):
    """A coordinator sends a handed-in return back to its lead, saying what needs correcting."""

    reason = note_field(
        "What needs correcting",
        rows=3,
        required=True,
        help_text="The partner lead sees this at the top of their return.",
    )


class LockForm(forms.Form):
    """A coordinator locks a quarter the board has signed off, or unlocks it, saying why; with
    returns still outstanding, locking is confirmed on the page that lists them."""

    reason = note_field("Why lock it", rows=2, required=True)
    # Written by the confirmation page when it listed returns not yet approved.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, locked: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked = locked
        if locked:
            del self.fields["confirm"]
            self.fields["reason"].label = "Why unlock it"
            self.fields["reason"].help_text = (
                "Partner leads may change their returns again until it is locked again. "
                + self.fields["reason"].help_text
            )
        else:
            self.fields["reason"].help_text = (
                "For example: signed off by the board on 2 March 2016. "
                + self.fields["reason"].help_text
            )


class ValueDeleteForm(forms.Form):
    """A coordinator deletes a figure, saying why."""

    reason = note_field(
        "Why delete this figure",
        rows=3,
        required=True,
        help_text="Kept in the figure's history with your name and the time.",
    )


class UploadForm(forms.Form):
    """A tidy CSV or XLSX file: a whole import, or a return filled in offline."""

    MAX_BYTES = 5 * 1024 * 1024

    file = forms.FileField(
        label="File (CSV or Excel)",
        help_text="Columns: partnership, indicator, period, breakdown, value, status, note. "
        "Up to 5 MB and 200,000 rows; CSV as Excel saves it, or CSV UTF-8.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError("The file is larger than 5 MB; split it into smaller files.")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError("Upload a .csv or .xlsx file.")
        return upload
