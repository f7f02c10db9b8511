"""A rep's own page, /me/: their latest month, their rank in their role ("3rd of 8"), their
history and their statements; never anyone else's pay. A rep is a user whose username is set
on a Person (OWN_NUMBERS); a user in no group lands here after login (performance.web.dashboard.home).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from otesite.lib.months import month_label
from otesite.permissions import OWN_NUMBERS, Scope, permission_required_or_403, person_of, scope_of
from performance import engine
from performance.loader import load_range
from performance.models import MonthClose, PersonActual
from performance.month_close import State


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True)
class MyMonth:
    """One month of the rep's: their statement and figures, their rank among the role's people."""

    month: date
    state: State
    statement: engine.Statement
    figures: engine.PersonMetrics
    ranked: int  # how many people of the role are ranked that month

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def rank(self) -> str:
        return f"{ordinal(self.figures.rank)} of {self.ranked}"

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
        found.append(MyMonth(month, State(states.get(month, State.OPEN)), statement, figures, len(role.people)))
    return found


@permission_required_or_403(OWN_NUMBERS)
@require_GET
def me(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    months = sorted(PersonActual.objects.filter(person=person).values_list("month", flat=True))
    history = my_months(person.pk, months, scope_of(request.user))
    context = {"person": person, "current": history[0] if history else None, "history": history}
    return render(request, "performance/me.html", context)
