"""A batch of role actuals (role totals), by role and month, all or nothing: the actuals CSV's
rules and writes (performance/actuals_bulk.py), after the roles are found and the batch's
duplicates refused. A record replaces the role's month as a CSV row does: an optional number left
out is empty."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from otesite.lib.months import format_month
from performance import actuals_bulk
from performance.actuals import first_assumptions_month, month_problem
from performance.api.problems import Problem
from performance.api.writes.common import Roles, Written, save_actuals

REASON = "API: role totals"  # each history row's change reason


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


def write_role_actuals(rows: Sequence[RoleActualRow], user=None) -> Written:
    """Create or update each role's month; raises BatchRefused with every problem, or
    MonthsLocked when a record would change an approved month; then nothing is stored."""
    roles, first = Roles(), first_assumptions_month()
    problems: list[Problem] = []
    records: list[actuals_bulk.RoleRecord] = []
    seen: dict[tuple[int, date], str] = {}
    for row in rows:
        role, why = roles.find(row.role)
        if why:
            problems.append(Problem(f"{row.where}.role", why))
        if reason := month_problem(row.month, first):  # said beside an unknown role, as the CSV does
            problems.append(Problem(f"{row.where}.month", reason))
        if role is None or reason:
            continue
        if (key := (role.pk, row.month)) in seen:
            message = f"{role.name} for {format_month(row.month)} is already at {seen[key]}"
            problems.append(Problem(f"{row.where}.role", message))
            continue
        seen[key] = row.where
        numbers = ("month", "headcount", "units", "credited_deals", "meetings_held", "earnings")
        records.append(actuals_bulk.RoleRecord(where=row.where, role=role, **{n: getattr(row, n) for n in numbers}))
    checked = save_actuals(records, problems=problems, user=user, reason=REASON)
    written = Written()
    for change in checked.changes:
        written.add(change.action, f"{format_month(change.actual.month)} {change.actual.role.name}")
    return written
