"""The quarter's narrative: what the board reads above an objective's tables."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from strategy.models.partnerships import Objective


class NarrativeState(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


class Narrative(models.Model):
    """An officer's or coordinator's commentary on one objective for one quarter, as committee
    papers print it (paragraphs and `-` lists); the board reads it once it is final."""

    State = NarrativeState

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="narratives")
    # Text, not indicators' PeriodField: this app must not depend on the indicators app.
    period = models.CharField(
        max_length=10,
        validators=[RegexValidator(r"^\d{4}/\d{2} Q[1-4]$", "Write the quarter as 2015/16 Q3.")],
        help_text="The quarter, e.g. 2015/16 Q3.",
    )
    text = models.TextField(
        help_text="Paragraphs apart by a blank line; each line of a list starts with -."
    )
    state = models.CharField(max_length=5, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(default=1, help_text="Raised by each save.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective_id", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "period"], name="narrative_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(state__in=[choice.value for choice in NarrativeState]),
                name="narrative_state_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objective.theme}, {self.period} ({self.get_state_display()})"

    @property
    def is_final(self) -> bool:
        return self.state == NarrativeState.FINAL

    @property
    def blocks(self) -> list[tuple[str, str | list[str]]]:
        """The text as paragraphs and lists: `("p", text)` or `("ul", [item, ...])`."""
        return narrative_blocks(self.text)


def narrative_blocks(text: str) -> list[tuple[str, str | list[str]]]:
    """Paragraphs are separated by blank lines; a line starting `-` is an item of a list, and
    an item goes on over the lines that follow it until a blank line or the next `-`."""
    blocks: list[tuple[str, str | list[str]]] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        items: list[str] | None = None
        for line in lines:
            if line.startswith("-"):
                if paragraph:
                    blocks.append(("p", " ".join(paragraph)))
                    paragraph = []
                if items is None:
                    items = []
                    blocks.append(("ul", items))
                items.append(line[1:].strip())
            elif items is not None:
                items[-1] = f"{items[-1]} {line}"
            else:
                paragraph.append(line)
        if paragraph:
            blocks.append(("p", " ".join(paragraph)))
    return blocks
