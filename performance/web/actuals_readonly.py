"""An approved month's numbers as its entry page shows them, read-only: the month is locked
(performance/locks.py) until an admin reopens it from its close panel, and the page still says
what was entered, role by role and person by person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from compensation.models import Role
from performance import engine
from performance.closing import StepShown, close_shown
from performance.loader import History
from performance.models import MonthlyActual


@dataclass(frozen=True)
class PersonNumbers:
    name: str
    actual: engine.PersonActual


@dataclass(frozen=True)
class RolePeople:
    role: Role
    people: list[PersonNumbers]


@dataclass(frozen=True)
class LockedMonth:
    month: date
    roles: list[tuple[Role, MonthlyActual]]  # role totals, in the roles' order
    people: list[RolePeople]  # roles kept person by person: who has numbers, by name
    revenue: Decimal | None
    approved: StepShown | None  # who approved it and when (None: by an import)


def locked_month(month: date, history: History) -> LockedMonth:
    """What `history` (loaded for `month`) holds for the month, as stored."""
    stored = history.actuals.get(month, {})
    by_role = history.people_at(month)
    names = history.names
    people = [
        RolePeople(
            role, [PersonNumbers(names[person.id], person.actual) for person in by_role[role.pk] if person.actual]
        )
        for role in history.roles
        if any(person.actual for person in by_role.get(role.pk, ()))
    ]
    return LockedMonth(
        month,
        [(role, stored[role.pk]) for role in history.roles if role.pk in stored],
        people,
        history.revenue.get(month),
        close_shown(month).approved,
    )
