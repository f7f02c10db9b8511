"""A batch of role actuals (role totals), by role and month, all or nothing: the actuals CSV's
rules (performance/actuals.py: `month_problem`, `build_change` with the model's own rules), with
the facts read for the whole batch after its months are held. A record replaces the role's month
as a CSV row does: an optional number left out is empty."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from otesite.lib.months import format_month
from performance.actuals import (
    ActualValues,
    Change,
    apply_changes,
    build_change,
    first_assumptions_month,
    month_problem,
    people_recorded,
    stored_actuals,
)
from performance.api.problems import BatchRefused, MonthsLocked, Problem
from performance.api.writes.common import Roles, Written
from performance.deal_rules import month_kept_by_deals
from performance.locks import approved_months_affected_by, locked_message
from performance.month_lock import hold


@dataclass(frozen=True)
class RoleActualRow:
    where: str  # "actuals[2]"
    month: date
    role: int | str  # an id or a name
    headcount: int
    units: Decimal
    credited_deals: Decimal | None = None
    meetings_held: Decimal | None = None
    earnings: Decimal | None = None


def write_role_actuals(rows: Sequence[RoleActualRow]) -> Written:
    """Create or update each role's month; raises BatchRefused with every problem, or
    MonthsLocked when a record would change an approved month; then nothing is stored."""
    roles, first = Roles(), first_assumptions_month()
    problems: list[Problem] = []
    parsed: list[tuple[str, ActualValues]] = []
    seen: dict[tuple[int, date], str] = {}
    for row in rows:
        role, why = roles.find(row.role)
        if why:
            problems.append(Problem(f"{row.where}.role", why))
        if reason := month_problem(row.month, first):
            problems.append(Problem(f"{row.where}.month", reason))
        if role is None or reason:
            continue
        if (key := (role.pk, row.month)) in seen:
            message = f"{role.name} for {format_month(row.month)} is already at {seen[key]}"
            problems.append(Problem(f"{row.where}.role", message))
            continue
        seen[key] = row.where
        numbers = {name: getattr(row, name) for name in ("headcount", "units", "credited_deals", "meetings_held")}
        parsed.append((row.where, ActualValues(role=role, month=row.month, earnings=row.earnings, **numbers)))
    with transaction.atomic():  # a record refused above is left out; the others are checked all the same
        approved = set(hold({values.month for _, values in parsed}))  # the close rows first; then look
        keys = {(values.role.pk, values.month) for _, values in parsed}
        stored, people = stored_actuals(keys), people_recorded(keys)
        by_deals = month_kept_by_deals({values.month for _, values in parsed})
        changes: list[Change] = []
        locked: dict[str, list[date]] = {}
        for where, values in parsed:
            key = (values.role.pk, values.month)
            if values.month in by_deals:
                shown = format_month(values.month)
                problems.append(Problem(where, f"{shown} is kept by deals; a month kept by deals takes no role totals"))
                continue
            as_stored = copy.copy(stored.get(key))  # build_change writes the values onto the stored row
            change, row_problems = build_change(values, stored.get(key), people[key], approved=())
            problems += [_problem(where, problem.column, problem.message) for problem in row_problems]
            if change is None:
                continue
            changes.append(change)
            if change.action != "unchanged" and (
                months := approved_months_affected_by(change.actual, approved=approved, stored=as_stored)
            ):
                locked[where] = months
        if locked:
            lock = [Problem(f"{where}.month", locked_message(months)) for where, months in locked.items()]
            raise MonthsLocked({m for months in locked.values() for m in months}, lock + problems)
        if problems:
            raise BatchRefused(problems)
        apply_changes(changes)
    written = Written()
    for change in changes:
        written.add(change.action, f"{format_month(change.actual.month)} {change.actual.role.name}")
    return written


def _problem(where: str, column: str | None, message: str) -> Problem:
    return Problem(f"{where}.{column}" if column else where, message)
