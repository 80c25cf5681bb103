"""The People page, a person's page, and accepting an invitation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render

from strategy.access import partnership_access_or_404
from strategy.people import selectors, services
from strategy.people.forms import AcceptInvitationForm, DeactivateForm, InviteForm, RoleForm
from strategy.people.tables import InvitationTable, PeopleTable

SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _people_access_or_404(user, partnership: str):
    """Coordinators of this partnership only; anyone else, here or elsewhere, gets a 404."""
    access = partnership_access_or_404(user, partnership)
    if not access.can_manage_people:
        raise Http404("No such page.")
    return access


def people(request, partnership: str):
    access = _people_access_or_404(request.user, partnership)
    form = InviteForm(request.POST or None, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                partnership=access.partnership,
                invited_by=request.user,
                site_url=settings.SITE_URL,  # never the request's Host header
                **form.cleaned_data,
            )
        except services.PeopleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("people", access.partnership.slug)
    return render(
        request,
        "strategy/people/people.html",
        {
            "partnership": access.partnership,
            "form": form,
            "people": PeopleTable(
                selectors.memberships_of(access.partnership), partnership=access.partnership
            ),
            "invitations": InvitationTable(selectors.invitations_unaccepted(access.partnership)),
            "changes": selectors.membership_changes(access.partnership),
        },
    )


def person(request, partnership: str, pk: int):
    access = _people_access_or_404(request.user, partnership)
    found = selectors.person_or_404(access, pk)
    memberships = selectors.memberships_of(access.partnership).filter(user=found)
    form = RoleForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_change_role(
                membership=form.cleaned_data["membership"],
                role=form.cleaned_data["role"],
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.PeopleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"{_name(found)} is now {membership.get_role_display().lower()} "
                f"for {membership.organisation}.",
            )
            return redirect("person", access.partnership.slug, found.pk)
    return _person_page(request, access, found, memberships, role_form=form)


def person_deactivate(request, partnership: str, pk: int):
    access = _people_access_or_404(request.user, partnership)
    found = selectors.person_or_404(access, pk)
    if request.method != "POST":
        return redirect("person", access.partnership.slug, found.pk)
    form = DeactivateForm(request.POST)
    if form.is_valid():
        try:
            switched_off = services.person_deactivate(
                person=found,
                partnership=access.partnership,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.PeopleError as error:
            form.add_error(None, str(error))
        else:
            if switched_off:
                messages.success(
                    request, f"{_name(found)} is deactivated and can no longer sign in."
                )
            else:
                messages.success(
                    request,
                    f"{_name(found)} is no longer in {access.partnership}; "
                    "they keep their other partnerships.",
                )
            return redirect("people", access.partnership.slug)
    memberships = selectors.memberships_of(access.partnership).filter(user=found)
    return _person_page(request, access, found, memberships, deactivate_form=form)


def _person_page(request, access, found, memberships, *, role_form=None, deactivate_form=None):
    memberships = list(memberships)
    return render(
        request,
        "strategy/people/person.html",
        {
            "partnership": access.partnership,
            "person": found,
            "name": _name(found),
            "memberships": memberships,
            "role_form": role_form,
            "role_choices": RoleForm.base_fields["role"].choices,
            "deactivate_form": deactivate_form or DeactivateForm(),
            "is_self": found.pk == request.user.pk,
            "has_other_partnerships": found.memberships.exclude(
                organisation__partnership=access.partnership
            ).exists(),
            "changes": selectors.membership_changes(access.partnership, person=found),
        },
    )


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


@login_not_required
def invitation_accept(request, token: str):
    """Open without signing in: the link in the e-mail is the key, once, until it expires."""
    invitation = selectors.invitation_for_token(token)
    if invitation is None or not invitation.is_open():
        return _unusable(request)
    try:
        account = services.account_for_email(invitation.email)
    except services.PeopleError as error:
        return _unusable(request, str(error))
    form = None if account else AcceptInvitationForm(request.POST or None, invitation=invitation)
    signed_in_as_account = account is not None and request.user.pk == account.pk
    if request.method == "POST" and (signed_in_as_account or (form and form.is_valid())):
        try:
            user = services.invitation_accept(
                token=token,
                user=request.user if signed_in_as_account else None,
                username=form.cleaned_data["username"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except services.InvitationUnusable:
            return _unusable(request)
        except services.PeopleError as error:
            return _unusable(request, str(error))
        if not signed_in_as_account:
            login(request, user, backend=SIGN_IN_BACKEND)
        messages.success(
            request,
            f"Welcome. You are now {invitation.get_role_display().lower()} for "
            f"{invitation.organisation} in {invitation.partnership}.",
        )
        return redirect("home")
    return render(
        request,
        "strategy/people/invitation.html",
        {
            "invitation": invitation,
            "form": form,
            "account": account,
            "signed_in_as_account": signed_in_as_account,
        },
    )


def _unusable(request, problem: str = ""):
    """Nothing was created; the person is told why and whom to ask."""
    return render(
        request, "strategy/people/invitation_unusable.html", {"problem": problem}, status=410
    )
