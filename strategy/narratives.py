"""The quarter's narrative per objective: who reads which, the text to start from, and the
one write, `narrative_save`, which refuses a stale edit as returns do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from strategy.access import access_for
from strategy.forms import strategy_quarters
from strategy.models import Narrative, Objective
from strategy.periods import PeriodError, parse_period
from strategy.text import clean_text

NARRATIVE_MAX_LENGTH = 20000


class NarrativeError(Exception):
    """A narrative that may not be saved as asked, with the reason."""


def quarter_from_slug(slug: str) -> str | None:
    """`2015-16-q3` (as in an address) as `2015/16 Q3`, or None if it is not a quarter written
    that way."""
    try:
        period = parse_period(slug)
    except PeriodError:
        return None
    return str(period) if period.is_quarter and period.slug == slug else None


def previous_quarter(period: str) -> str:
    """The quarter before: `2015/16 Q1` comes after `2014/15 Q4`."""
    return str(parse_period(period).previous())


def narratives_of(
    objectives: Iterable[Objective], period: str, *, drafts: bool
) -> dict[int, Narrative]:
    """Each objective's narrative for the quarter, in one query: final ones only unless
    `drafts` (the writers' view; the board never reads a draft)."""
    found = Narrative.objects.filter(objective__in=list(objectives), period=period)
    if not drafts:
        found = found.filter(state=Narrative.State.FINAL)
    return {narrative.objective_id: narrative for narrative in found}


@dataclass(frozen=True)
class NarrativeStart:
    """What the narrative page opens with: the quarter's narrative if written, the text to
    start from, and the state and `version` that `narrative_save` checks a save against."""

    current: Narrative | None
    text: str
    state: str
    version: int  # 0 while the quarter has no narrative

    @property
    def from_previous(self) -> bool:
        """The text offered is the previous quarter's."""
        return self.current is None and bool(self.text)


def narrative_start(objective: Objective, period: str) -> NarrativeStart:
    """The quarter's narrative if written, with its own text, state and version; else a draft
    to be, offered the previous quarter's text to edit."""
    current = objective.narratives.filter(period=period).first()
    if current is not None:
        return NarrativeStart(current, current.text, current.state, current.version)
    previous = objective.narratives.filter(period=previous_quarter(period)).first()
    return NarrativeStart(None, previous.text if previous else "", Narrative.State.DRAFT, 0)


def narrative_history(narrative: Narrative | None, *, latest: int = 10) -> list:
    """The narrative's latest saves, newest first, each with who (`history_user`), when and
    why (`history_change_reason`); none for a quarter not yet written."""
    if narrative is None:
        return []
    return list(narrative.history.select_related("history_user")[:latest])


@transaction.atomic
def narrative_save(
    *, objective: Objective, user, period: str, text: str, state: str, version: int
) -> Narrative:
    """Writes an objective's narrative for a quarter. `version` is the one the writer opened
    (0 for a new one): if someone saved since, nothing is written and they are told."""
    access = access_for(user, objective.strategy.partnership)
    if not access.can_write_narrative:
        raise NarrativeError("Only a coordinator or an officer may write the narrative.")
    if period not in strategy_quarters(objective.strategy):
        raise NarrativeError(f"{period!r} is not a quarter of {objective.strategy}.")
    if state not in Narrative.State.values:
        raise NarrativeError("Choose draft or final.")
    text = clean_text(text).strip()
    if not text:
        raise NarrativeError("Write the narrative: it is empty.")
    if len(text) > NARRATIVE_MAX_LENGTH:
        raise NarrativeError(f"Keep the narrative to {NARRATIVE_MAX_LENGTH:,} characters.")
    current = (
        Narrative.objects.select_for_update().filter(objective=objective, period=period).first()
    )
    if (current.version if current else 0) != version:
        who = current.updated_by if current else None
        raise NarrativeError(
            f"Someone{f' ({who})' if who else ''} saved this narrative after you opened it. "
            "Nothing was saved: copy your text, reload the page, and merge it with theirs."
        )
    narrative = current or Narrative(objective=objective, period=period, version=0)
    narrative.text = text
    narrative.state = state
    narrative.version += 1
    narrative.updated_by = user
    narrative._history_user = user
    narrative._change_reason = f"Saved as {Narrative.State(state).label.lower()}"
    narrative.save()
    return narrative
