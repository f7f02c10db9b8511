"""What pages computed, kept in each worker's memory under the data version, so none serves a stale page.

Every write to the data the pages are computed from (roles, plans and their tiers, business
assumptions, people and assignments, role and person actuals, revenue) gives `DataVersion` a
new random token in the same transaction (performance/versioning.py): the signals below catch every save and delete of one object
(the admin, django-import-export, the actuals form and CSV import, the workspace import,
cascades), and the watched models' QuerySets bump it on every write in bulk (`update()`,
`bulk_create()`, `bulk_update()`, `delete()`). A page reads the token once per request (one
small query) and looks up what it computed under a key that starts with it. After a change
the key is new in every worker at once, so the very next request recomputes and old entries
age out of the per-process cache. A random token rather than a counter, so that a
rolled-back transaction, a flushed test database or a restored backup can never bring an
old key back with other data behind it.

A cached page section is rendered by the view with `rendered()`, without the request: it
can only show what is in its context, and everything in its context that is not the data
must be in its key (the month, the range, what the viewer may do). The viewer's scope (whose
numbers they may see, otesite.permissions.Scope) is part of every section's key, given apart
so no view can leave it out: two viewers with different scopes never share a section.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from otesite.lib.versioning import bump_data_version
from otesite.permissions import Scope
from performance import loader
from performance.models import (
    CloseStep,
    DataVersion,
    Deal,
    DealCloser,
    Dispute,
    MonthClose,
    MonthlyActual,
    MonthlyRevenue,
    PersonActual,
)

WATCHED = (
    *(Role, QuotaPlan, PlanTier, Economics, Person, Assignment, MonthlyActual, PersonActual, MonthlyRevenue),
    *(MonthClose, CloseStep),  # a month's state and what it was approved with are shown too
    Dispute,  # open disputes are counted in the navigation and listed on the close panel
    *(Deal, DealCloser),  # a month kept by deals is computed from them
)
CACHE = "pages"  # settings.CACHES: in each worker's memory
MISSING = object()
T = TypeVar("T")


def data_version(request: HttpRequest | None = None) -> str:
    """The current token (created afresh when the row is missing, as after a database flush).
    Given the request, read once for it: the view and the navigation's count share one query."""
    if request is not None and (known := getattr(request, "_data_version", None)):
        return known
    token = DataVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    version = (token or DataVersion.objects.get_or_create(pk=1)[0].token).hex
    if request is not None:
        request._data_version = version
    return version


def version_read(request: HttpRequest) -> bool:
    """Whether the request has read the data version already (data_version(request))."""
    return bool(getattr(request, "_data_version", None))


def connect_signals() -> None:
    for model in WATCHED:
        post_save.connect(bump_data_version, sender=model, dispatch_uid=f"bump-data-version-save-{model.__name__}")
        post_delete.connect(bump_data_version, sender=model, dispatch_uid=f"bump-data-version-delete-{model.__name__}")


def cached(version: str, key: tuple, compute: Callable[[], T]) -> T:
    """compute(), or what it returned before in this process for the same version and key."""
    full_key = ":".join([version, *map(str, key)])  # short, no spaces: any cache backend takes it
    found = caches[CACHE].get(full_key, MISSING)
    if found is MISSING:
        found = compute()
        caches[CACHE].set(full_key, found, None)  # until evicted: a change of data is a new version
    return found


def rendered(version: str, scope: Scope, key: tuple, template_name: str, context: dict) -> SafeString:
    """The template (a page's partial, "page.html#name") rendered from `context` alone, or as
    rendered before in this process for the same version, scope and key."""
    return rendered_lazily(version, scope, key, template_name, lambda: context)


def rendered_lazily(
    version: str, scope: Scope, key: tuple, template_name: str, context: Callable[[], dict]
) -> SafeString:
    """As rendered(), with the context computed only when the section is not cached yet: for a
    section whose data takes a moment to load and compute."""
    full_key = ("section", scope.key, *key)
    return mark_safe(cached(version, full_key, lambda: str(render_to_string(template_name, context()))))


def months_with_data(version: str) -> list[date]:
    return cached(version, ("months_with_data",), loader.months_with_data)
