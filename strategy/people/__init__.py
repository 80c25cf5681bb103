"""People of a partnership: invitations by e-mail, roles, leavers (the People page)."""
