"""A person's login on their page (/people/<id>/), for Admins (MANAGE_LOGINS): what the panel
shows and the forms it offers. The view that changes the login is `people.person_login`; what it
does is compensation/logins.py, as in the admin's person page.

The panel is drawn on every request, outside the page's cached body: a login is not part of the
data version (disabling one changes no number), so the cached body could not know of it."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.urls import reverse

from compensation.login_forms import CreateLoginForm, LinkLoginForm, unlinked_logins
from compensation.models import Person

REASON = "the person's page"  # the history's change reason


class LoginActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(name, name) for name in ("create", "link", "disable", "enable", "unlink")],
        error_messages={"required": "Say what to do with the login.", "invalid_choice": "No such action: %(value)s."},
    )


@dataclass
class LoginPanel:
    person: Person
    create: CreateLoginForm | None = None
    link: LinkLoginForm | None = None
    suggestions: tuple[str, ...] = ()
    set_password_url: str | None = None  # the admin's password form, for staff who change logins


def login_panel(person: Person, user, *, create=None, link=None) -> LoginPanel:
    """The panel for `person` as `user` sees it, with these forms (bound, with their errors) or fresh ones."""
    if person.user_id is not None:
        may_set = user.is_staff and user.has_perm("auth.change_user") and not person.user.is_superuser
        url = reverse("admin:auth_user_password_change", args=[person.user_id]) if may_set else None
        return LoginPanel(person, set_password_url=url)
    return LoginPanel(
        person,
        create=create or CreateLoginForm(person),
        link=link or LinkLoginForm(person, user),
        suggestions=tuple(unlinked_logins()),
    )
