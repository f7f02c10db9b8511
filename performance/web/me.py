"""A rep's own page, /me/: their latest month, their rank in their role ("3rd of 8", written as
on every screen: people_presenters.rank_text), their history and their statements; never
anyone else's pay. A rep is a user whose username is set
on a Person (OWN_NUMBERS); a user in no group lands here after login (performance.web.dashboard.home).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from otesite.lib.months import month_label
from otesite.permissions import VIEW_DASHBOARD, Scope, permission_required_or_403, person_of, scope_of
from performance import engine
from performance.loader import load_range
from performance.models import MonthClose, PersonActual
from performance.month_close import State
from performance.web.people_presenters import rank_text


@dataclass(frozen=True)
class MyMonth:
    """One month of the rep's: their statement and figures, their rank among the role's people."""

    month: date
    state: State
    statement: engine.Statement
    figures: engine.PersonMetrics
    ranked: int  # how many people of the role are ranked that month
    tied: bool  # someone else shares the rank

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def rank(self) -> str:
        return rank_text(self.figures.rank, self.tied, self.ranked)

    @property
    def units_word(self) -> str:
        return engine.UNIT_WORDS[self.statement.kind][1]


def my_months(person_id: int, months: list[date], scope: Scope) -> list[MyMonth]:
    """The rep's months with a statement, newest first: the months loaded in one range (an
    approved month as approved) and only this person's figures kept."""
    if not months:
        return []
    loaded = load_range(months[0], months[-1], scope=scope)
    states = dict(MonthClose.objects.filter(month__range=(months[0], months[-1])).values_list("month", "state"))
    found = []
    for month in reversed(months):
        m = loaded.get(month)
        statement = engine.statement(m, person_id) if m is not None else None
        if statement is None:
            continue
        role = next(role for role in m.roles if role.role_id == statement.role_id)
        figures = next(person for person in role.people if person.person_id == person_id)
        tied = sum(person.rank == figures.rank for person in role.people) > 1
        state = State(states.get(month, State.OPEN))
        found.append(MyMonth(month, state, statement, figures, len(role.people), tied))
    return found


@permission_required_or_403(VIEW_DASHBOARD, or_own_numbers=True)
@require_GET
def me(request: HttpRequest) -> HttpResponse:
    """A rep's numbers; someone who sees the dashboard without a person of their own (an admin,
    a manager) is told why there is nothing here and where their pages are."""
    person = person_of(request.user)
    if person is None:
        return render(request, "performance/me.html", {"person": None})
    months = sorted(PersonActual.objects.filter(person=person).values_list("month", flat=True))
    history = my_months(person.pk, months, scope_of(request.user))
    context = {"person": person, "current": history[0] if history else None, "history": history}
    return render(request, "performance/me.html", context)
