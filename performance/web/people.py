"""People: everyone with their role and standing (`/people/`), and one person's months, charts
and assignments (`/people/<id>/`). Read-only for everyone who may view people (VIEW_PEOPLE:
Admins, Managers, Board); numbers are entered at /actuals/YYYY-MM/. Admins (MANAGE_LOGINS) also
find the person's login there: create, link, disable, enable or unlink it (`person_login`)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from compensation import logins
from compensation.login_forms import CreateLoginForm, LinkLoginForm
from compensation.models import Person
from otesite.permissions import MANAGE_LOGINS, VIEW_PEOPLE, Can, holds, permission_required_or_403, scope_of
from performance import cache
from performance.web.person_history import people_summaries, person_history
from performance.web.person_logins import REASON, LoginActionForm, LoginPanel, login_panel


def _this_month():
    return timezone.localdate().replace(day=1)


def _with_data(version: str) -> tuple[date | None, date | None]:
    """The first and the latest month with data."""
    with_data = cache.months_with_data(version)
    return (with_data[0], with_data[-1]) if with_data else (None, None)


@permission_required_or_403(VIEW_PEOPLE)
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    version, today, can = cache.data_version(request), _this_month(), Can.of(request.user)
    scope = scope_of(request.user, VIEW_PEOPLE)
    _, latest = _with_data(version)
    # Rendered once per data version: a large team's standing takes a moment to compute and draw.
    body = cache.rendered_lazily(
        version,
        scope,
        ("people", today, can),
        "performance/people.html#body",
        lambda: {"people": people_summaries(today, latest, scope), "latest": latest, "can": can},
    )
    return render(request, "performance/people.html", {"body": body})


@permission_required_or_403(VIEW_PEOPLE, or_own_numbers=True)
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    if not scope_of(request.user, VIEW_PEOPLE).sees(found.pk):
        raise Http404("No such person.")  # a rep sees their own page; anyone else's is not there
    return _person_page(request, found)


def _person_page(request: HttpRequest, found: Person, panel: LoginPanel | None = None, status: int = 200):
    version, today = cache.data_version(request), _this_month()
    first, latest = _with_data(version)
    can = Can.of(request.user)
    # Computed once per data version: a long history of a large team takes a moment to compute.
    scope = scope_of(request.user, VIEW_PEOPLE)
    history = cache.cached(
        version, ("person", scope.key, found.pk, today), lambda: person_history(found, today, first, latest, scope)
    )
    body = cache.rendered(
        version,
        scope,
        ("person-page", found.pk, today, can),
        "performance/person.html#body",
        {"history": history, "can": can},
    )
    context = {"history": history, "body": body}
    if holds(request.user, MANAGE_LOGINS):
        context["login"] = panel or login_panel(found, request.user)
    return render(request, "performance/person.html", context, status=status)


@permission_required_or_403(MANAGE_LOGINS)
@require_POST
def person_login(request: HttpRequest, pk: int) -> HttpResponse:
    """One step on the person's login; back to their page saying what was done, or the page
    again with the form's problems (400)."""
    found = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    picked = LoginActionForm(request.POST)
    if not picked.is_valid():
        return HttpResponse(" ".join(picked.errors["action"]), status=400, content_type="text/plain")
    action, by = picked.cleaned_data["action"], request.user
    if action in ("create", "link"):
        form = CreateLoginForm(found, request.POST) if action == "create" else LinkLoginForm(found, by, request.POST)
        if not form.is_valid():
            panel = login_panel(found, by, **{action: form})
            return _person_page(request, found, panel, status=400)
        if action == "create":
            user = form.save(by, REASON)
            how = "with the password you typed" if user.has_usable_password() else "without a password"
            done = f"Created the login {user.username!r} for {found} {how}; it sees their numbers at /me/."
        else:
            form.save(REASON)
            done = f"Linked the login {found.username!r} to {found}."
        messages.success(request, done)
        return redirect("person", pk=found.pk)
    username = found.username
    try:
        if action == "unlink":
            logins.unlink_login(found, by=by, reason=REASON)
        else:
            logins.set_login_active(found, action == "enable", by=by, reason=REASON)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        past = {"unlink": "Unlinked", "enable": "Enabled", "disable": "Disabled"}[action]
        messages.success(request, f"{past} the login {username!r} of {found}.")
    return redirect("person", pk=found.pk)
