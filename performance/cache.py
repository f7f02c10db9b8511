"""What pages computed, kept in each worker's memory under the data version, so none serves a stale page.

Every write to the data the pages are computed from (roles, plans and their tiers, business
assumptions, people and assignments, role and person actuals, revenue) gives `DataVersion` a
new random token in the same transaction: the signals below catch every save and delete (the admin, django-import-export, the actuals
form and CSV import, the workspace import, cascades), and the one bulk path, seed_history,
calls `bump_data_version()` itself. A page reads the token once per request (one small
query) and looks up what it computed under a key that starts with it. After a change the
key is new in every worker at once, so the very next request recomputes and old entries
age out of the per-process cache. A random token rather than a counter, so that a
rolled-back transaction, a flushed test database or a restored backup can never bring an
old key back with other data behind it.

A cached page section must depend only on the data, the arguments in its key and the
viewer's permissions and staff flag (`section_key` puts those in), nothing else about the
request. The nav in base.html depends on no data: it is cached by page and `viewer_key`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from hashlib import sha256
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from performance import loader
from performance.models import DataVersion, MonthlyActual, MonthlyRevenue, PersonActual

WATCHED = (Role, QuotaPlan, PlanTier, Economics, Person, Assignment, MonthlyActual, PersonActual, MonthlyRevenue)
CACHE = "pages"  # settings.CACHES: in each worker's memory
MISSING = object()
T = TypeVar("T")


def data_version() -> str:
    """The current token (created afresh when the row is missing, as after a database flush).

    Read with plain SQL: every cached page asks, and building the ORM query would cost more
    than running it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {DataVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    token = DataVersion._meta.get_field("token").to_python(row[0]) if row else None
    return (token or DataVersion.objects.get_or_create(pk=1)[0].token).hex


def bump_data_version(**_signal_arguments) -> None:
    """Give the data a new version, inside the caller's transaction."""
    if not DataVersion.objects.filter(pk=1).update(token=uuid.uuid4()):
        DataVersion.objects.get_or_create(pk=1)


def connect_signals() -> None:
    for model in WATCHED:
        post_save.connect(bump_data_version, sender=model, dispatch_uid=f"bump-data-version-save-{model.__name__}")
        post_delete.connect(bump_data_version, sender=model, dispatch_uid=f"bump-data-version-delete-{model.__name__}")


def cached(version: str, key: tuple, compute: Callable[[], T]) -> T:
    """compute(), or what it returned before in this process for the same version and key."""
    full_key = f"{version}:{key!r}"
    found = caches[CACHE].get(full_key, MISSING)
    if found is MISSING:
        found = compute()
        caches[CACHE].set(full_key, found, None)  # until evicted: a change of data is a new version
    return found


def months_with_data(version: str) -> list[date]:
    return cached(version, ("months_with_data",), loader.months_with_data)


def viewer(user: AbstractBaseUser | AnonymousUser) -> str:
    """Who may see what: the user's permissions and staff flag, as a short key."""
    profile = (user.is_authenticated, user.is_staff, sorted(user.get_all_permissions()))
    return sha256(repr(profile).encode()).hexdigest()[:16]


def section_key(version: str, user: AbstractBaseUser | AnonymousUser, *parts: object) -> str:
    """For `{% cache %}`: the data version, what the section shows, and who may see what in it."""
    return ":".join([version, *map(str, parts), viewer(user)])


def viewer_context(request: HttpRequest) -> dict:
    """Context processor: `viewer_key` for sections that depend only on who is asking (the nav)."""
    return {"viewer_key": SimpleLazyObject(lambda: viewer(request.user))}
