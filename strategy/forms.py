"""Forms of the strategy app: a RAG update, an action's lead officer, ending an action, a
self-assessment, a narrative."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from strategy.models import Narrative, Rag
from strategy.periods import Period
from strategy.text import CleanTextField, note_field
from strategy.widgets import DateText


def strategy_quarters(strategy) -> list[str]:
    """The quarters a strategy spans, as `2015/16 Q3`."""
    return [
        str(quarter)
        for year in range(strategy.start_year, strategy.end_year + 1)
        for quarter in Period(year).quarters()
    ]


class RagUpdateForm(forms.Form):
    period = forms.ChoiceField(label="Quarter")
    rag = forms.ChoiceField(label="RAG rating", choices=Rag.choices, widget=forms.RadioSelect)
    progress = note_field("Progress", rows=3)
    milestones_reached = note_field("Milestones reached")
    risks_and_issues = note_field("Risks and issues")
    reason = note_field("Reason for the rating", help_text="Required when the action moves to red.")

    def __init__(self, *args, strategy, latest_period: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        quarters = strategy_quarters(strategy)
        self.fields["period"].choices = [(q, q) for q in quarters]
        if latest_period in quarters and latest_period != quarters[-1]:
            self.initial.setdefault("period", quarters[quarters.index(latest_period) + 1])


class LeadOfficerForm(forms.Form):
    """A coordinator's choice of an action's lead officer: a member's account, or a name."""

    lead_officer_user = forms.ModelChoiceField(
        label="Lead officer's account",
        queryset=None,
        required=False,
        empty_label="Nobody with an account",
        help_text="A member of the partnership, who can then be reminded.",
    )
    lead_officer = CleanTextField(
        label="Lead officer's name",
        max_length=200,
        required=False,
        help_text="For a lead officer without an account.",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["lead_officer_user"]
        field.queryset = (
            get_user_model()
            .objects.filter(is_active=True, memberships__organisation__partnership=partnership)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        field.label_from_instance = lambda user: user.get_full_name() or user.get_username()


class CompleteForm(forms.Form):
    outcome = note_field("Outcome", rows=3, required=True, help_text="What the action achieved.")


class SelfAssessmentForm(forms.Form):
    """Per standard: the evidence, the action required and a rating."""

    completed_on = forms.DateField(
        label="Date of completion",
        help_text="For example, 26 November 2026",
        widget=DateText,
    )

    def __init__(self, *args, standards, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = list(standards)
        earlier = {r.standard_id: r for r in previous.ratings.all()} if previous else {}
        self.initial.setdefault("completed_on", timezone.localdate())
        for standard in self.standards:
            before = earlier.get(standard.pk)
            self.fields[f"s{standard.pk}-evidence"] = note_field("Evidence")
            self.fields[f"s{standard.pk}-action"] = note_field("Action required")
            self.fields[f"s{standard.pk}-rating"] = forms.ChoiceField(
                label="Rating", choices=[("", "Choose a rating"), *Rag.choices]
            )
            if before is not None:
                self.initial.setdefault(f"s{standard.pk}-evidence", before.evidence)
                self.initial.setdefault(f"s{standard.pk}-action", before.action_required)
                self.initial.setdefault(f"s{standard.pk}-rating", before.rating)

    def rows(self):
        for standard in self.standards:
            yield (
                standard,
                [self[f"s{standard.pk}-{part}"] for part in ("evidence", "action", "rating")],
            )

    def ratings(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            s.pk: {
                "evidence": data[f"s{s.pk}-evidence"],
                "action_required": data[f"s{s.pk}-action"],
                "rating": data[f"s{s.pk}-rating"],
            }
            for s in self.standards
        }


class NarrativeForm(forms.Form):
    """The quarter's narrative of an objective; `version` is the one the writer opened."""

    text = CleanTextField(
        label="Narrative",
        max_length=20000,
        help_text=(
            "Plain text: leave a blank line between paragraphs and start each line of a list "
            "with -. Up to 20,000 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    state = forms.ChoiceField(
        label="State",
        choices=Narrative.State.choices,
        widget=forms.RadioSelect,
        help_text="The board reads the narrative once it is final.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
