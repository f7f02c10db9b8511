"""People's statements of a month, read for the statement pages, /me/, `manage.py statement`
and `export_payroll`: the month from the loader (an approved month as approved), each statement
from the engine (`engine.statement`), and the month's state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from compensation.models import Person
from otesite.lib.months import format_month
from performance import engine
from performance.closing import state_of
from performance.documents.statement import month_statements, statement_json
from performance.loader import History


class StatementMissing(Exception):
    """There is no such statement; the message says why."""


@dataclass(frozen=True)
class PersonStatement:
    statement: engine.Statement
    state: str
    role: engine.RoleMetrics

    @property
    def plan(self) -> engine.PlanFigures | None:
        return self.role.plan

    @property
    def units_word(self) -> str:
        return engine.UNIT_WORDS[self.statement.kind][1]

    @property
    def person_metrics(self) -> engine.PersonMetrics | None:
        return next((p for p in self.role.people if p.person == self.statement.person), None)

    @property
    def ranked(self) -> int:
        """How many people of the role are ranked this month (a rank is "3rd of 8")."""
        return len(self.role.people)

    def json(self) -> dict:
        return statement_json(self.statement, self.state)


@dataclass
class MonthStatements:
    month: date
    state: str
    metrics: engine.MonthMetrics

    @cached_property
    def statements(self) -> list[engine.Statement]:
        return month_statements(self.metrics)

    def of(self, name: str) -> PersonStatement | None:
        found = engine.statement(self.metrics, name)
        if found is None:
            return None
        role = next(role for role in self.metrics.roles if role.role == found.role)
        return PersonStatement(found, self.state, role)


def month_of(month: date) -> MonthStatements:
    """The month's statements; StatementMissing when nothing can be computed for it."""
    metrics = History(month, month).month(month)
    if metrics is None:
        raise StatementMissing(f"{format_month(month)} has no business assumptions; nothing can be computed")
    return MonthStatements(month, state_of(month), metrics)


def statement_of(month: date, name: str) -> PersonStatement:
    """`name`'s statement of `month`; StatementMissing naming the person and the month."""
    if not Person.objects.filter(name=name).exists():
        raise StatementMissing(f"no person is called {name!r}")
    found = month_of(month).of(name)
    if found is None:
        raise StatementMissing(f"{name} has no statement for {format_month(month)}: no numbers in a role that counts")
    return found
