"""A person's login, managed from the person: create one, link an existing one, disable or enable
it, or unlink it, each in one step and in the history with who did it and why.

The Django admin's person page (admin.py) and the person page at /people/<id>/ (performance/web)
call these, and so do the workspace import and single sign-on (a person who signs in with the
company's provider for the first time gets a rep login here). A rep's login is in no group: being
linked to a person is what lets it see that person's own numbers at /me/.

Every refusal is a ValidationError that says what to do instead.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from compensation.models import Person

User = get_user_model()
USERNAME_LENGTH = User._meta.get_field("username").max_length


# --- Reading and checking ---------------------------------------------------------------------


def suggest_username(person: Person) -> str:
    """A free username for the person: the e-mail's local part ("ana.ruiz" from
    ana.ruiz@example.com), else the name ("ana.ruiz" from "Ana Ruiz"); "ana.ruiz2" when taken."""
    local = person.email.split("@")[0] if person.email else ""
    base = re.sub(r"[^\w.@+-]", "", local.lower()) or slugify(person.name).replace("-", ".") or "rep"
    base = base[: USERNAME_LENGTH - 4]
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


def check_new_username(username: str) -> str:
    """The username as a new login may take it: letters, digits and @ . + - _, and free."""
    username = username.strip()
    if not username:
        raise ValidationError("Type a username for the new login.")
    if len(username) > USERNAME_LENGTH:
        raise ValidationError(f"A username has at most {USERNAME_LENGTH} characters.")
    UnicodeUsernameValidator()(username)
    taken = User.objects.filter(username__iexact=username).first()
    if taken is not None:
        raise ValidationError(
            f"A login named {taken.get_username()!r} already exists: link it instead, or choose another username."
        )
    return username


def login_named(username: str) -> AbstractBaseUser:
    """The existing login of that username (exactly as typed, then ignoring case)."""
    username = username.strip()
    found = User.objects.filter(username=username).first() or User.objects.filter(username__iexact=username).first()
    if found is None:
        raise ValidationError(f"No login is named {username!r}: create it instead, or check the spelling.")
    return found


def owner_of(user: AbstractBaseUser, *, besides: Person | None = None) -> Person | None:
    """The person (other than `besides`) the login is linked to, if any."""
    found = Person.objects.filter(user_id=user.pk)
    if besides is not None and besides.pk is not None:
        found = found.exclude(pk=besides.pk)
    return found.first()


def check_may_change(user: AbstractBaseUser, by: AbstractBaseUser | None) -> None:
    """Only a superuser changes a superuser's login: an admin cannot disable one or take it over."""
    if user.is_superuser and by is not None and not by.is_superuser:
        raise ValidationError(f"{user.get_username()!r} is a superuser's login: only a superuser may change it.")


def check_password(password: str, username: str, email: str) -> None:
    """The site's password rules (length, not common, not like the username)."""
    password_validation.validate_password(password, User(username=username, email=email))


# --- Changing ---------------------------------------------------------------------------------


def _by(instance, by: AbstractBaseUser | None, reason: str) -> None:
    """Who and why, for the history row the next save writes (a request's user is recorded by
    the history middleware anyway; commands and imports name no one)."""
    instance._change_reason = reason
    if by is not None:
        instance._history_user = by


def new_login(username: str, email: str, password: str = "", *, by=None, reason: str) -> AbstractBaseUser:
    """A new login in no group: with the password given, or none usable (it signs in through
    single sign-on, or once an admin sets a password)."""
    user = User(username=check_new_username(username), email=email)
    if password:
        check_password(password, user.username, email)
        user.set_password(password)
    else:
        user.set_unusable_password()
    _by(user, by, reason)
    user.save()
    return user


def create_login(person: Person, username: str, password: str = "", *, by=None, reason: str) -> AbstractBaseUser:
    """A new login with the person's e-mail, linked to the person."""
    if person.user_id is not None:
        raise ValidationError(f"{person} already has the login {person.username!r}: unlink it first.")
    with transaction.atomic():
        user = new_login(username, person.email, password, by=by, reason=reason)
        _link(person, user, by, reason)
    return user


def link_login(person: Person, user: AbstractBaseUser, *, by=None, reason: str) -> None:
    """Link an existing login to the person (a login they had before stays, unlinked)."""
    other = owner_of(user, besides=person)
    if other is not None:
        raise ValidationError(f"{user.get_username()!r} is already the login of {other}: unlink it there first.")
    check_may_change(user, by)
    if person.user_id != user.pk:
        _link(person, user, by, reason)


def _link(person: Person, user: AbstractBaseUser | None, by, reason: str) -> None:
    person.user = user
    _by(person, by, reason)
    person.save()


def unlink_login(person: Person, *, by=None, reason: str) -> None:
    """The person keeps no login; the login itself stays (disable it to stop it signing in)."""
    if person.user_id is None:
        raise ValidationError(f"{person} has no login to unlink.")
    _link(person, None, by, reason)


def set_login_active(person: Person, active: bool, *, by=None, reason: str) -> None:
    """Disable the person's login (it can no longer sign in; its sessions end) or enable it again."""
    user = person.user
    if user is None:
        raise ValidationError(f"{person} has no login to {'enable' if active else 'disable'}.")
    check_may_change(user, by)
    if user.is_active != active:
        user.is_active = active
        _by(user, by, reason)
        user.save()
