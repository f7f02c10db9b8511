"""A rep's own page, /me/: their latest month, their rank in their role ("3rd of 8", written as
on every screen: people_presenters.rank_text), what the next band of their pay curve pays and
what it takes to reach it and quota, their year to date, their plan as in force, their history
and statements, and the state of their disputes; never anyone else's pay. A rep is a user whose
login is linked to a Person (OWN_NUMBERS); a user in no group lands here after login
(performance.web.dashboard.home).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from otesite.lib.months import first_of_month, month_label
from otesite.permissions import VIEW_DASHBOARD, Scope, permission_required_or_403, person_of, scope_of
from performance import cache, engine
from performance.disputes import disputes_of
from performance.documents.inputs import inputs_from_json
from performance.loader import History
from performance.models import Deal, MonthClose, PersonActual
from performance.month_close import State
from performance.web.me_presenters import next_band, plan_shown, year_to_date
from performance.web.people_presenters import rank_text


@dataclass(frozen=True)
class MyMonth:
    """One month of the rep's: their statement and figures, their rank among the role's people."""

    month: date
    state: State
    statement: engine.Statement
    figures: engine.PersonMetrics | None  # None: a month of clawbacks alone (no numbers)
    ranked: int  # how many people of the role are ranked that month
    plan: engine.PlanFigures | None  # the role's plan that month, under its economics
    tied: bool  # someone else shares the rank

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def rank(self) -> str:
        return rank_text(self.figures.rank, self.tied, self.ranked) if self.figures is not None else "—"

    @property
    def units_word(self) -> str:
        return engine.UNIT_WORDS[self.statement.kind][1]


def my_months(person_id: int, months: list[date], history: History) -> list[MyMonth]:
    """The rep's months with a statement, newest first (an approved month as approved), only
    this person's figures kept."""
    if not months:
        return []
    states = dict(MonthClose.objects.filter(month__range=(months[0], months[-1])).values_list("month", "state"))
    found = []
    for month in reversed(months):
        m = history.month(month)
        statement = engine.statement(m, person_id) if m is not None else None
        if statement is None:
            continue
        state = State(states.get(month, State.OPEN))
        if not statement.has_numbers:  # clawbacks alone: taken back after the rep left the role
            found.append(MyMonth(month, state, statement, None, 0, None, False))
            continue
        role = next(role for role in m.roles if role.role_id == statement.role_id)
        figures = next(person for person in role.people if person.person_id == person_id)
        tied = sum(person.rank == figures.rank for person in role.people) > 1
        found.append(MyMonth(month, state, statement, figures, len(role.people), role.plan, tied))
    return found


def plan_in_force(history: History, month: date, role_id: int) -> engine.Plan | None:
    """The role's plan as the month was computed: as approved when it is approved."""
    approved = history.approved.get(month)
    inputs = inputs_from_json(approved) if approved is not None else history.inputs(month)
    if inputs is None:
        return None
    roles = inputs[2]
    role = next((role for role in roles if role.id == role_id), None)
    return role.plan if role is not None else None


def self_service(current: MyMonth, history: list[MyMonth], plan: engine.Plan | None) -> dict:
    return {
        "next_band": next_band(plan, current.statement.units) if plan is not None else None,
        "plan": plan_shown(current.statement.role, plan) if plan is not None else None,
        "ytd": year_to_date([row.statement for row in history], current.month.year),
    }


def _my_months(request: HttpRequest, person_id: int) -> list[date]:
    """The months that may hold the rep's statement: those with their numbers, every month kept by
    deals (closers and managers are counted there, with or without a deal), and those a deal of
    theirs was cancelled in (a clawback, even after they left)."""
    own = set(PersonActual.objects.filter(person_id=person_id).values_list("month", flat=True))
    with_deals = set(cache.months_with_data(cache.data_version(request))) - own
    cancelled = (
        Deal.objects.of_person(person_id).filter(cancelled_on__isnull=False).values_list("cancelled_on", flat=True)
    )
    return sorted(own | with_deals | {first_of_month(day) for day in cancelled})


@permission_required_or_403(VIEW_DASHBOARD, or_own_numbers=True)
@require_GET
def me(request: HttpRequest) -> HttpResponse:
    """A rep's numbers; someone who sees the dashboard without a person of their own (an admin,
    a manager) is told why there is nothing here and where their pages are."""
    person = person_of(request.user)
    if person is None:
        return render(request, "performance/me.html", {"person": None})
    months = _my_months(request, person.pk)
    scope: Scope = scope_of(request.user)
    context: dict = {"person": person, "current": None, "history": [], "disputes": disputes_of(person)}
    if months:
        loaded = History(months[0], months[-1], scope=scope)
        history = my_months(person.pk, months, loaded)
        # The newest month with numbers leads the page; a later month of clawbacks alone is listed below.
        current = next((row for row in history if row.figures is not None), None)
        if current is not None:
            plan = plan_in_force(loaded, current.month, current.statement.role_id)
            context |= {"current": current, "history": history, **self_service(current, history, plan)}
    return render(request, "performance/me.html", context)
