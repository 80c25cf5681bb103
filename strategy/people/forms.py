"""Forms of the People page and of accepting an invitation."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import BaseUserCreationForm

from strategy.models import Invitation, Membership, Partnership
from strategy.text import CleanTextField, note_field

ROLE_CHOICES = [("", "Choose a role"), *Membership.Role.choices]


class InviteForm(forms.Form):
    name = CleanTextField(label="Name", max_length=150)
    email = forms.EmailField(label="E-mail address")
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=None, empty_label="Choose an organisation"
    )
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES)

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partnership.organisations.all()


class RoleForm(forms.Form):
    """A new role for one of the person's memberships in the partnership."""

    membership = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    role = forms.ChoiceField(label="Role", choices=Membership.Role.choices)
    reason = CleanTextField(label="Why", required=False, max_length=500)

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships


class DeactivateForm(forms.Form):
    reason = note_field("Reason", help_text="For example: left the organisation in March.")


class AcceptInvitationForm(BaseUserCreationForm):
    """A new account's username and password, checked by Django's password validators against
    the name and address of the invitation."""

    class Meta(BaseUserCreationForm.Meta):
        model = get_user_model()

    def __init__(self, *args, invitation: Invitation, **kwargs):
        first, _, last = invitation.name.partition(" ")
        instance = get_user_model()(email=invitation.email, first_name=first, last_name=last)
        super().__init__(*args, instance=instance, **kwargs)
        self.initial.setdefault("username", invitation.email.partition("@")[0])
        self.fields[
            "username"
        ].help_text = "You sign in with this. Letters, digits and @ . + - _ only."
        self.fields["password1"].label = "Password"
        self.fields["password2"].label = "Password again"

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken; choose another.")
        return username
