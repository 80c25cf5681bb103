"""The gates of the return pages: what the address names, for this user, or a 404."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from indicators import locks, returns
from indicators.models import Return
from indicators.periods import Period
from indicators.years import PartnershipYears, partnership_years
from strategy.access import PartnershipAccess, partnership_access_or_404
from strategy.models import Organisation


def quarter_access_or_404(
    user, partnership: str, quarter: Period
) -> tuple[PartnershipAccess, PartnershipYears]:
    """The user's access to the partnership and the partnership's years, or a 404 for a
    quarter outside them (`/returns/9998-99-q4/` is no page)."""
    access = partnership_access_or_404(user, partnership)
    years = partnership_years(access.partnership)
    if quarter not in years:
        raise Http404("No such quarter.")
    return access, years


def organisation_or_404(access: PartnershipAccess, slug: str) -> Organisation:
    """Another organisation's return, reached by guessing its address, is a 404."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("partnership"),
        partnership=access.partnership,
        slug=slug,
    )
    if not access.can_view_return(organisation):
        raise Http404("No such return.")
    return organisation


def return_or_404(
    user, partnership: str, quarter: Period, organisation: str
) -> tuple[PartnershipAccess, Return, bool]:
    """The user's access, the return the address names (unsaved if not started) and whether
    its quarter is locked."""
    access, _ = quarter_access_or_404(user, partnership, quarter)
    the_return = returns.return_or_new(organisation_or_404(access, organisation), quarter)
    return access, the_return, locks.is_locked(access.partnership.pk, quarter)


def return_page_context(access: PartnershipAccess, the_return: Return, *, locked: bool) -> dict:
    """What every page of one return names: the partnership, organisation, quarter, the return,
    its due date and whether its quarter is locked."""
    quarter = the_return.period
    return {
        "access": access,
        "partnership": access.partnership,
        "organisation": the_return.organisation,
        "quarter": quarter,
        "the_return": the_return,
        "due": returns.due_date(access.partnership, quarter),
        "locked": locked,
    }
