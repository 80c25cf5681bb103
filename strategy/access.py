"""The one place that answers "may this user do this?".

Every view and service asks here; nothing else looks at memberships to decide access, nor
whose task or e-mail something is.

- partner lead: sees the partnership; sees, fills in and submits their own organisation's
  returns; updates the actions their organisation leads.
- board member: sees the partnership, its returns and dashboards.
- officer: as a board member, and imports and exports figures; writes the quarter's
  narrative.
- coordinator: everything in their partnership: approves, sends back and locks returns,
  unlocks a quarter, corrects figures in a locked quarter, deletes a figure (with a reason),
  flags figures for follow-up, sees the record of exports and of e-mails sent; invites people
  into the partnership, changes their roles and deactivates leavers (never another partnership's);
  publishes annual reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from strategy.models import Membership, Organisation, Partnership

User = AbstractBaseUser | AnonymousUser
Role = Membership.Role


def visible_partnerships(user: User) -> QuerySet[Partnership]:
    """The partnerships whose data the user may see: those they hold any role in."""
    if not user.is_authenticated:
        return Partnership.objects.none()
    if user.is_superuser:
        return Partnership.objects.all()
    return Partnership.objects.filter(organisations__memberships__user=user).distinct()


@dataclass(frozen=True)
class PartnershipAccess:
    """What one user may do in one partnership, worked out once from their memberships."""

    partnership: Partnership
    roles: frozenset[str]
    lead_of: frozenset[int]
    superuser: bool = False
    user_id: int | None = None  # who is asking, for what is theirs by name (an action they lead)

    @property
    def can_see(self) -> bool:
        return self.superuser or bool(self.roles)

    @property
    def is_coordinator(self) -> bool:
        return self.superuser or Role.COORDINATOR in self.roles

    @property
    def reads_everything(self) -> bool:
        """Board members, officers and coordinators read every return of the partnership."""
        return self.superuser or bool(
            self.roles & {Role.COORDINATOR, Role.OFFICER, Role.BOARD_MEMBER}
        )

    def can_view_return(self, organisation: Organisation) -> bool:
        return self._ours(organisation) and (
            self.reads_everything or organisation.pk in self.lead_of
        )

    def sees_drafts_of(self, organisation_id: int | None) -> bool:
        """Drafts and figures awaiting approval: their organisation's lead and coordinators."""
        return self.is_coordinator or organisation_id in self.lead_of

    def can_edit_return(self, organisation: Organisation) -> bool:
        """Fills in the organisation's returns at all: its partner lead, or a coordinator."""
        return self._ours(organisation) and (self.is_coordinator or organisation.pk in self.lead_of)

    def may_change_return(self, organisation: Organisation, *, done: bool, locked: bool) -> bool:
        """Changes a return's figures now, given its state (plain values: this module knows
        nothing of returns). Its lead while it is open; once it is handed in (`done`) or its
        quarter locked, only a coordinator, as a correction."""
        if not self.can_edit_return(organisation):
            return False
        if locked:
            return self.can_correct_locked_quarter
        return self.is_coordinator or not done

    @property
    def can_review_returns(self) -> bool:
        """Approve, send back for correction, lock a quarter, flag figures for follow-up."""
        return self.is_coordinator

    @property
    def can_correct_locked_quarter(self) -> bool:
        return self.is_coordinator

    @property
    def can_delete_values(self) -> bool:
        """Remove a figure entered in error, in any quarter, saying why."""
        return self.is_coordinator

    def can_update_action(self, action) -> bool:
        """The action's leads (`leads_action`), or a coordinator."""
        in_partnership = action.objective.strategy.partnership_id == self.partnership.pk
        return in_partnership and (self.is_coordinator or self.leads_action(action))

    def leads_action(self, action) -> bool:
        """The lead organisation's partner lead, or the action's lead officer (a member linked
        to it by name): its quarterly RAG update is their task."""
        return action.lead_organisation_id in self.lead_of or (
            self.user_id is not None and action.lead_officer_user_id == self.user_id
        )

    def can_assess(self, organisation: Organisation) -> bool:
        """An organisation's own partner lead, or a coordinator, completes its self-assessment."""
        return self.can_edit_return(organisation)

    @property
    def can_import_values(self) -> bool:
        return self.superuser or bool(self.roles & {Role.COORDINATOR, Role.OFFICER})

    @property
    def can_export_values(self) -> bool:
        return self.can_import_values

    @property
    def can_manage_people(self) -> bool:
        """Invite people into this partnership, change their roles, deactivate leavers."""
        return self.is_coordinator

    @property
    def can_publish_reports(self) -> bool:
        """Publish and unpublish the partnership's public annual reports."""
        return self.is_coordinator

    @property
    def can_write_narrative(self) -> bool:
        """The quarter's commentary per objective, and its drafts: coordinators and officers."""
        return self.superuser or bool(self.roles & {Role.COORDINATOR, Role.OFFICER})

    @property
    def sees_draft_narratives(self) -> bool:
        """Draft narratives on the dashboard: only those who write them; the board reads final
        ones (meeting mode and the board pack show what the board sees, whoever looks)."""
        return self.can_write_narrative

    @property
    def coordinates(self) -> bool:
        """Holds the coordinator's role, so chasing, approving and locking the returns are their
        tasks, with the weekly digest. A superuser may do all of it but is given no tasks."""
        return Role.COORDINATOR in self.roles

    @property
    def prepares_for_the_board(self) -> bool:
        """A board member or an officer: reads the latest dashboard before the board meets."""
        return bool(self.roles & {Role.BOARD_MEMBER, Role.OFFICER})

    @property
    def can_see_export_records(self) -> bool:
        """Who took board packs and figures out, when and what."""
        return self.is_coordinator

    @property
    def can_see_sent_messages(self) -> bool:
        """The record of e-mails sent to the partnership's people, and why."""
        return self.is_coordinator

    def visible_organisation_ids(self) -> frozenset[int] | None:
        """The organisations whose returns the user may list; None means all of them."""
        return None if self.reads_everything else self.lead_of

    def _ours(self, organisation: Organisation) -> bool:
        return organisation.partnership_id == self.partnership.pk


def access_for(user: User, partnership: Partnership) -> PartnershipAccess:
    """One query: the user's memberships in the partnership."""
    if not user.is_authenticated:
        return PartnershipAccess(partnership, frozenset(), frozenset())
    memberships = Membership.objects.filter(
        user=user, organisation__partnership=partnership
    ).values_list("role", "organisation_id")
    return _access(user, partnership, memberships)


def accesses_for(user: User) -> dict[int, PartnershipAccess]:
    """The user's access to each partnership they hold a role in, by its id, in one query:
    for what spans partnerships, as the first page's tasks."""
    if not user.is_authenticated:
        return {}
    partnerships: dict[int, Partnership] = {}
    memberships = defaultdict(list)
    for membership in Membership.objects.filter(user=user).select_related(
        "organisation__partnership"
    ):
        partnership = membership.organisation.partnership
        partnerships[partnership.pk] = partnership
        memberships[partnership.pk].append((membership.role, membership.organisation_id))
    return {pk: _access(user, found, memberships[pk]) for pk, found in partnerships.items()}


def _access(
    user: User, partnership: Partnership, memberships: Iterable[tuple[str, int]]
) -> PartnershipAccess:
    """What the user's memberships in the partnership, as (role, organisation id), allow."""
    memberships = list(memberships)
    return PartnershipAccess(
        partnership,
        roles=frozenset(role for role, _ in memberships),
        lead_of=frozenset(org for role, org in memberships if role == Role.PARTNER_LEAD),
        superuser=user.is_superuser,
        user_id=user.pk,
    )


def partner_leads(organisation: Organisation) -> QuerySet:
    """The organisation's partner leads: the people told when its return is approved or sent
    back (whether each gets the e-mail is for them: see indicators' `recipients`)."""
    return get_user_model().objects.filter(
        memberships__organisation=organisation, memberships__role=Role.PARTNER_LEAD
    )


def coordinated_partnerships() -> dict[int, set[int]]:
    """The partnerships each person coordinates, as ids by the person's id, in one query: the
    weekly digest and the escalations of late returns go to them."""
    coordinated = defaultdict(set)
    for user_id, partnership_id in Membership.objects.filter(role=Role.COORDINATOR).values_list(
        "user_id", "organisation__partnership_id"
    ):
        coordinated[user_id].add(partnership_id)
    return dict(coordinated)


def partnership_access_or_404(user: User, slug: str) -> PartnershipAccess:
    """The user's access to the partnership, or a 404 that does not reveal whether it exists."""
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None:
        raise Http404("No such partnership.")
    access = access_for(user, partnership)
    if not access.can_see:
        raise Http404("No such partnership.")
    return access


def can_import_values(user: User, partnership: Partnership) -> bool:
    return access_for(user, partnership).can_import_values
