"""People's statements of a month, read for the statement pages, /me/, `manage.py statement`
and `export_payroll`: the month from the loader (an approved month as approved), each statement
from the engine (`engine.statement`), and the month's state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from compensation.models import Person
from otesite.lib.months import format_month
from otesite.permissions import EVERYONE
from performance import engine
from performance.closing import state_of
from performance.documents.payroll import PayrollRow, payroll_rows
from performance.documents.statement import month_statements, statement_json
from performance.loader import History


class StatementMissing(Exception):
    """There is no such statement; the message says why."""


@dataclass(frozen=True)
class PersonStatement:
    statement: engine.Statement
    state: str
    role: engine.RoleMetrics | None  # None for a statement of clawbacks alone
    person: str  # their name

    @property
    def plan(self) -> engine.PlanFigures | None:
        return self.role.plan if self.role is not None else None

    @property
    def commission_rate(self) -> Decimal | None:
        return self.plan.commission_rate if self.plan is not None else None

    @property
    def units_word(self) -> str:
        return engine.UNIT_WORDS[self.statement.kind][1] if self.statement.kind else ""

    @property
    def person_metrics(self) -> engine.PersonMetrics | None:
        if self.role is None:
            return None
        return next((p for p in self.role.people if p.person_id == self.statement.person_id), None)

    @property
    def active_days_text(self) -> str:
        """ "16 of 31 days", for a person in the role part of the month; else ""."""
        figures = self.person_metrics
        if figures is None or figures.active_days is None:
            return ""
        return f"{figures.active_days} of {figures.days_in_month} days"

    @property
    def ranked(self) -> int:
        """How many people of the role are ranked this month (a rank is "3rd of 8")."""
        return len(self.role.people) if self.role is not None else 0

    def json(self) -> dict:
        return statement_json(self.statement, self.state, {self.statement.person_id: self.person})


@dataclass
class MonthStatements:
    month: date
    state: str
    metrics: engine.MonthMetrics
    names: dict[int, str]  # people's names by id
    history: History  # what the month was loaded from, for the approval check to reuse

    @cached_property
    def statements(self) -> list[engine.Statement]:
        return month_statements(self.metrics, self.names)

    @cached_property
    def payroll(self) -> list[PayrollRow]:
        return payroll_rows(self.metrics, self.names)

    def of(self, person_id: int) -> PersonStatement | None:
        found = engine.statement(self.metrics, person_id)
        if found is None:
            return None
        role = next((role for role in self.metrics.roles if role.role_id == found.role_id), None)
        return PersonStatement(found, self.state, role, self.names[person_id])


def month_of(month: date) -> MonthStatements:
    """The month's statements; StatementMissing when nothing can be computed for it."""
    history = History(month, month, scope=EVERYONE)
    metrics = history.month(month)
    if metrics is None:
        raise StatementMissing(f"{format_month(month)} has no business assumptions; nothing can be computed")
    return MonthStatements(month, state_of(month), metrics, history.names, history)


def statement_of(month: date, name: str) -> PersonStatement:
    """The statement of `month` of the person called `name`; StatementMissing naming them and the month."""
    person = Person.objects.filter(name=name).first()
    if person is None:
        raise StatementMissing(f"no person is called {name!r}")
    found = month_of(month).of(person.pk)
    if found is None:
        raise StatementMissing(f"{name} has no statement for {format_month(month)}: no numbers in a role that counts")
    return found
