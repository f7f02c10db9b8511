"""The forms that manage a person's login: on the person page (/people/<id>/, one form per
action) and in the admin's person page (`PersonLoginAdminForm`, every action in one form).
What they do is compensation/logins.py; these only read and check what was typed."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from compensation import logins
from compensation.admin_support import ReasonForm
from compensation.models import Person

PASSWORD_HELP = (
    "Optional. Tell the rep this password; leave it empty when they sign in with single sign-on, "
    "or to set a password later with “Set a password”."
)


class PasswordFields(forms.Form):
    """An optional initial password, typed twice, checked against the site's password rules."""

    password1 = forms.CharField(
        label="Initial password", required=False, strip=False, widget=forms.PasswordInput, help_text=PASSWORD_HELP
    )
    password2 = forms.CharField(label="Initial password again", required=False, strip=False, widget=forms.PasswordInput)

    def check_passwords(self, username: str | None, email: str) -> None:
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first and username:
            try:
                logins.check_password(first, username, email)
            except ValidationError as error:
                self.add_error("password1", error)


class _PagesForm(forms.Form):
    """Labels as the site's other pages have them: no colon."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class CreateLoginForm(_PagesForm, PasswordFields):
    """A new login for the person, with their e-mail; the username is suggested from it."""

    username = forms.CharField(label="Username", max_length=logins.USERNAME_LENGTH)
    field_order = ["username", "password1", "password2"]
    prefix = "create"  # beside the link form on one page

    def __init__(self, person: Person, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        if not self.is_bound:
            self.initial["username"] = logins.suggest_username(person)

    def clean_username(self) -> str:
        return logins.check_new_username(self.cleaned_data["username"])

    def clean(self) -> dict:
        if self.person.user_id is not None:
            raise ValidationError(f"{self.person} already has the login {self.person.username!r}: unlink it first.")
        self.check_passwords(self.cleaned_data.get("username"), self.person.email)
        return self.cleaned_data

    def save(self, by, reason: str):
        data = self.cleaned_data
        return logins.create_login(self.person, data["username"], data["password1"], by=by, reason=reason)


class LinkLoginForm(_PagesForm):
    """An existing login, by its username, for a person who has none."""

    username = forms.CharField(
        label="Existing login",
        max_length=logins.USERNAME_LENGTH,
        widget=forms.TextInput(attrs={"list": "unlinked-logins", "autocomplete": "off"}),
    )
    prefix = "link"

    def __init__(self, person: Person, by, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person, self.by = person, by

    def clean_username(self):
        user = logins.login_named(self.cleaned_data["username"])
        other = logins.owner_of(user, besides=self.person)
        if other is not None:
            raise ValidationError(f"{user.get_username()!r} is already the login of {other}: unlink it there first.")
        logins.check_may_change(user, self.by)
        return user

    def save(self, reason: str) -> None:
        logins.link_login(self.person, self.cleaned_data["username"], by=self.by, reason=reason)


def unlinked_logins() -> list[str]:
    """Usernames of active logins linked to no person, to suggest when linking one."""
    users = logins.User.objects.filter(is_active=True, person__isnull=True, is_superuser=False)
    return list(users.order_by("username").values_list("username", flat=True)[:500])


class PersonLoginAdminForm(ReasonForm, PasswordFields):
    """The admin's person form: besides the person's fields, link a login (or clear it to
    unlink), disable or enable it, or create one, all saved with the person in one step."""

    login_active = forms.BooleanField(
        label="Login active",
        required=False,
        initial=True,
        help_text="Untick to disable the login: it can no longer sign in. Tick to enable it again.",
    )
    new_username = forms.CharField(
        label="Create a login with username",
        required=False,
        max_length=logins.USERNAME_LENGTH,
        help_text="Creates a rep's login (in no group) with the person's e-mail and links it; leave the login above empty.",
    )

    by = None  # who is saving: the admin sets it (PersonAdmin.get_form)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        person = self.instance
        if person.user_id is not None:
            self.initial.setdefault("login_active", person.user.is_active)
        if "new_username" in self.fields and person.pk is not None and person.user_id is None:
            self.fields["new_username"].widget.attrs["placeholder"] = logins.suggest_username(person)

    def clean_user(self):
        user = self.cleaned_data.get("user")
        if user is not None:
            other = logins.owner_of(user, besides=self.instance)
            if other is not None:
                raise ValidationError(
                    f"{user.get_username()!r} is already the login of {other}: unlink it there first."
                )
            if user.pk != self.initial.get("user"):
                logins.check_may_change(user, self.by)
        return user

    def clean_new_username(self) -> str:
        username = self.cleaned_data.get("new_username", "").strip()
        return logins.check_new_username(username) if username else ""

    def clean(self) -> dict:
        data = super().clean()
        if data.get("new_username") and data.get("user"):
            raise ValidationError("Link an existing login or create a new one, not both.")
        if data.get("password1") and not data.get("new_username"):
            self.add_error("password1", "A password is for a new login: type its username too.")
        self.check_passwords(data.get("new_username"), data.get("email") or "")
        user = data.get("user")
        if user is not None and "login_active" in self.changed_data:
            try:
                logins.check_may_change(user, self.by)
            except ValidationError as error:
                self.add_error("login_active", error)
        return data

    def apply_login(self, person: Person, by, reason: str) -> None:
        """After the person is saved: create the new login, and disable or enable the linked one."""
        data = self.cleaned_data
        if data.get("new_username"):
            logins.create_login(person, data["new_username"], data.get("password1", ""), by=by, reason=reason)
        elif person.user_id is not None and "login_active" in self.changed_data:
            logins.set_login_active(person, data.get("login_active", True), by=by, reason=reason)
