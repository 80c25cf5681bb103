"""Each person's tasks on a day: what they must do, most urgent first, each with a link to it.

A partner lead owes a return for every quarter that has ended (the last four, within the
partnership's years, not locked) in which their organisation reports a figure; it is due
`Partnership.return_due_days` after the quarter ends, and so is the RAG update of each open
action their organisation leads. A coordinator chases the partnership's returns, approves
them and locks the quarter; a board member or officer opens the latest quarter's dashboard.
The first page and the e-mails of `send_reminders` both read `tasks_for`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from indicators.completeness import owing_organisations
from indicators.models import QuarterLock, Return
from indicators.periods import Period, quarter_of
from indicators.returns import due_date
from indicators.selectors import board_quarters
from indicators.years import years_of_partnerships
from strategy.access import PartnershipAccess, accesses_for
from strategy.models import Action, Organisation, Partnership, RagUpdate, StandardSection

Status = Return.Status
QUARTERS_CHASED = 4  # a return not in by a year after its quarter is the board's matter
SELF_ASSESSMENT_EVERY = timedelta(days=365)


@dataclass(frozen=True)
class OwedReturn:
    """A return an organisation has not yet submitted for a quarter that has ended."""

    partnership: Partnership
    organisation: Organisation
    quarter: Period
    status: str
    due: date
    returned_reason: str = ""

    @property
    def key(self) -> str:
        return f"return:{self.partnership.slug}/{self.organisation.slug}/{self.quarter.slug}"

    @property
    def url(self) -> str:
        return reverse("return", args=[self.partnership.slug, self.quarter, self.organisation.slug])


@dataclass(frozen=True)
class Task:
    """One thing to do: what, where, by when (None: as soon as possible), and whether it is
    the person's own (a lead's return or RAG update: what daily reminders are about)."""

    title: str
    url: str
    partnership: Partnership
    today: date
    due: date | None = None
    detail: str = ""
    key: str = ""
    own: bool = False
    returns: tuple[OwedReturn, ...] = field(default=(), compare=False)

    @property
    def days_left(self) -> int | None:
        return None if self.due is None else (self.due - self.today).days

    @property
    def is_late(self) -> bool:
        return self.due is not None and self.due < self.today

    @property
    def when(self) -> str:
        """`Due in 3 days`, `Due today`, `5 days late`, or "" without a due date."""
        days = self.days_left
        if days is None:
            return ""
        if days == 0:
            return "Due today"
        count = abs(days)
        unit = "day" if count == 1 else "days"
        return f"Due in {count:,} {unit}" if days > 0 else f"{count:,} {unit} late"

    @property
    def sort_key(self) -> tuple:
        return (self.due is None, self.due or self.today, self.partnership.name, self.title)


@dataclass
class _Place:
    """One partnership the user holds a role in: what they may do there (`access`), and the
    quarters its tasks are read from."""

    access: PartnershipAccess
    quarters: list[Period] = field(default_factory=list)

    @property
    def partnership(self) -> Partnership:
        return self.access.partnership

    @property
    def lead_of(self) -> frozenset[int]:
        return self.access.lead_of

    @property
    def coordinates(self) -> bool:
        return self.access.coordinates


def tasks_for(user, *, today: date) -> list[Task]:
    """The user's tasks in every partnership they belong to, most urgent first. About ten
    queries whatever the number of returns, actions and partnerships (one more for each
    partnership where they sit on the board)."""
    places = {pk: _Place(access) for pk, access in accesses_for(user).items()}
    if not places:
        return []
    _chased_quarters(places, today)
    owed, submitted, ready = _returns(places, today)
    tasks: list[Task] = []
    for place in places.values():
        partnership = place.partnership
        mine = [r for r in owed[partnership.pk] if r.organisation.pk in place.lead_of]
        tasks += [_return_task(r, today) for r in mine]
        if place.coordinates:
            tasks += _coordinator_tasks(place, owed, submitted, ready, today)
    tasks += _action_tasks(places, today)
    tasks += _self_assessment_tasks(places, today)
    tasks += _board_tasks(places, today)
    return sorted(tasks, key=lambda task: task.sort_key)


def _chased_quarters(places: dict[int, _Place], today: date) -> None:
    """Each partnership's ended quarters still chased: the last few, in its years, unlocked."""
    years = years_of_partnerships(place.partnership for place in places.values())
    locked = set(
        QuarterLock.objects.filter(partnership__in=list(places)).values_list(
            "partnership_id", "period"
        )
    )
    ended = [quarter_of(today).previous()]
    while len(ended) < QUARTERS_CHASED:
        ended.append(ended[-1].previous())
    for pk, place in places.items():
        place.quarters = [q for q in ended if q in years[pk] and (pk, q) not in locked]


def _returns(places: dict[int, _Place], today: date):
    """The returns owed, those awaiting approval and the quarters whose every return is
    approved, by partnership; from one query each for who owes them, organisations and
    returns."""
    wanted = [p for p in places.values() if p.lead_of or p.coordinates]
    partnerships = [p.partnership for p in wanted]
    quarters = {q for place in wanted for q in place.quarters}
    owing = owing_organisations(partnerships, quarters)
    organisations = {o.pk: o for o in Organisation.objects.filter(partnership__in=partnerships)}
    returns = {
        (r.organisation_id, r.period): r
        for r in Return.objects.filter(
            organisation__partnership__in=partnerships, period__in=quarters
        )
    }
    owed, submitted, ready = defaultdict(list), defaultdict(list), defaultdict(list)
    for place in wanted:
        partnership = place.partnership
        for quarter in place.quarters:
            due = due_date(partnership, quarter)
            expected = owing[(partnership.pk, quarter)]
            approved = 0
            for organisation_id in sorted(expected, key=lambda pk: organisations[pk].name):
                found = returns.get((organisation_id, quarter))
                status = found.status if found else Status.NOT_STARTED
                reported = OwedReturn(
                    partnership,
                    organisations[organisation_id],
                    quarter,
                    status,
                    due,
                    found.returned_reason if found else "",
                )
                if status in Return.OWED:
                    owed[partnership.pk].append(reported)
                elif status == Status.SUBMITTED:
                    submitted[partnership.pk].append(reported)
                else:
                    approved += 1
            if expected and approved == len(expected):
                ready[partnership.pk].append(quarter)
    return owed, submitted, ready


def _return_task(owed: OwedReturn, today: date) -> Task:
    detail = Status(owed.status).label
    if owed.status == Status.RETURNED:
        detail = f"Returned for correction: {owed.returned_reason}"
    return Task(
        title=f"{owed.organisation.name}'s return for {owed.quarter}",
        url=owed.url,
        partnership=owed.partnership,
        today=today,
        due=owed.due,
        detail=detail,
        key=owed.key,
        own=True,
        returns=(owed,),
    )


def _coordinator_tasks(place: _Place, owed, submitted, ready, today: date) -> list[Task]:
    partnership = place.partnership
    tasks = [
        Task(
            title=f"Approve {r.organisation.name}'s return for {r.quarter}",
            url=r.url,
            partnership=partnership,
            today=today,
            detail="Submitted, awaiting your review",
        )
        for r in submitted[partnership.pk]
    ]
    late: dict[Period, list[OwedReturn]] = defaultdict(list)
    for r in owed[partnership.pk]:
        if r.due < today:
            late[r.quarter].append(r)
    for quarter, returns in late.items():
        count = len(returns)
        tasks.append(
            Task(
                title=f"{count:,} {'return' if count == 1 else 'returns'} overdue for {quarter}",
                url=reverse("completeness", args=[partnership.slug, quarter]),
                partnership=partnership,
                today=today,
                due=returns[0].due,
                detail=", ".join(r.organisation.name for r in returns),
                returns=tuple(returns),
            )
        )
    tasks += [
        Task(
            title=f"Lock {quarter}: every return is approved",
            url=reverse("completeness", args=[partnership.slug, quarter]),
            partnership=partnership,
            today=today,
            detail="Once the board has signed it off",
        )
        for quarter in ready[partnership.pk]
    ]
    return tasks


def _action_tasks(places: dict[int, _Place], today: date) -> list[Task]:
    """Open actions of a strategy running in the quarter just ended without its RAG update:
    each of a lead's own (their organisation leads it, or they are its lead officer), and a
    count for a coordinator."""
    quarter = quarter_of(today).previous()
    actions = (
        Action.objects.open()
        .filter(
            objective__strategy__partnership__in=list(places),
            objective__strategy__start_year__lte=quarter.year,
            objective__strategy__end_year__gte=quarter.year,
        )
        .exclude(Exists(RagUpdate.objects.filter(action=OuterRef("pk"), period=str(quarter))))
        .select_related("objective__strategy", "lead_organisation")
        .order_by("objective__order", "order", "pk")
    )
    by_partnership = defaultdict(list)
    for action in actions:
        by_partnership[action.objective.strategy.partnership_id].append(action)
    tasks = []
    for pk, place in places.items():
        partnership = place.partnership
        due = due_date(partnership, quarter)
        pending = by_partnership[pk]
        tasks += [
            Task(
                title=f"RAG update for {quarter}: {_line(action.area_for_development)}",
                url=reverse("action", args=[partnership.slug, action.pk]),
                partnership=partnership,
                today=today,
                due=due,
                detail=f"Led by {action.lead_organisation.name}",
                key=f"rag:{partnership.slug}/{action.pk}/{quarter.slug}",
                own=True,
            )
            for action in pending
            if place.access.leads_action(action)
        ]
        if place.coordinates and pending:
            count = len(pending)
            tasks.append(
                Task(
                    title=f"{count:,} {'action' if count == 1 else 'actions'} without a RAG "
                    f"update for {quarter}",
                    url=reverse("actions", args=[partnership.slug]),
                    partnership=partnership,
                    today=today,
                    due=due,
                )
            )
    return tasks


def _line(text: str, length: int = 80) -> str:
    """Text on one line, cut to `length` characters: a title in a table and a subject."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def _self_assessment_tasks(places: dict[int, _Place], today: date) -> list[Task]:
    """Organisations a year or more past their last self-assessment against the practice
    standards (or never assessed), in a coordinator's partnerships that have standards."""
    coordinated = [pk for pk, place in places.items() if place.coordinates]
    with_standards = set(
        StandardSection.objects.filter(partnership__in=coordinated).values_list(
            "partnership_id", flat=True
        )
    )
    if not with_standards:
        return []
    due: dict[int, list[tuple[date | None, str]]] = defaultdict(list)
    organisations = Organisation.objects.filter(partnership__in=with_standards).annotate(
        assessed=Max("self_assessments__completed_on")
    )
    for organisation in organisations.order_by("name"):
        next_due = organisation.assessed + SELF_ASSESSMENT_EVERY if organisation.assessed else None
        if next_due is None or next_due <= today:
            due[organisation.partnership_id].append((next_due, organisation.name))
    tasks = []
    for pk, organisations_due in due.items():
        partnership = places[pk].partnership
        count = len(organisations_due)
        dates = [d for d, _ in organisations_due if d is not None]
        tasks.append(
            Task(
                title=f"{count:,} {'self-assessment' if count == 1 else 'self-assessments'} "
                "against the practice standards due",
                url=reverse("standards", args=[partnership.slug]),
                partnership=partnership,
                today=today,
                due=min(dates) if dates else None,
                detail=", ".join(name for _, name in organisations_due),
            )
        )
    return tasks


def _board_tasks(places: dict[int, _Place], today: date) -> list[Task]:
    """The latest quarter's dashboard, for the board's next meeting."""
    tasks = []
    for place in places.values():
        if not place.access.prepares_for_the_board:
            continue
        quarters = board_quarters(place.partnership)
        if not quarters:
            continue
        partnership = place.partnership
        tasks.append(
            Task(
                title=f"Read the dashboard for {quarters[0]} before the board meets",
                url=f"{reverse('partnership', args=[partnership.slug])}?quarter={quarters[0].slug}",
                partnership=partnership,
                today=today,
            )
        )
    return tasks
