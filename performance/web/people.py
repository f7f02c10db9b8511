"""People: everyone with their role and standing (`/people/`), and one person's months, charts
and assignments (`/people/<id>/`). Read-only for everyone who may view people (VIEW_PEOPLE:
Admins, Managers, Board); numbers are entered at /actuals/YYYY-MM/."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from compensation.models import Person
from otesite.permissions import VIEW_PEOPLE, Can, permission_required_or_403, scope_of
from performance import cache
from performance.web.person_history import people_summaries, person_history


def _this_month():
    return timezone.localdate().replace(day=1)


def _with_data(version: str) -> tuple[date | None, date | None]:
    """The first and the latest month with data."""
    with_data = cache.months_with_data(version)
    return (with_data[0], with_data[-1]) if with_data else (None, None)


@permission_required_or_403(VIEW_PEOPLE)
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    version, today, can = cache.data_version(), _this_month(), Can.of(request.user)
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
    found = get_object_or_404(Person, pk=pk)
    scope = scope_of(request.user, VIEW_PEOPLE)
    if not scope.sees(found.pk):
        raise Http404("No such person.")  # a rep sees their own page; anyone else's is not there
    version, today = cache.data_version(), _this_month()
    first, latest = _with_data(version)
    can = Can.of(request.user)
    # Computed once per data version: a long history of a large team takes a moment to compute.
    history = cache.cached(
        version, ("person", scope.key, pk, today), lambda: person_history(found, today, first, latest, scope)
    )
    body = cache.rendered(
        version,
        scope,
        ("person-page", pk, today, can),
        "performance/person.html#body",
        {"history": history, "can": can},
    )
    return render(request, "performance/person.html", {"history": history, "body": body})
