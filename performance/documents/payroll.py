"""DOMAIN.md's payroll of a month: who is paid what, with clawbacks, so that no payee is left out.

In role order: for a role in people mode, one row per person counted in the month (by name);
for a role kept as role totals, one row with no person (base h × monthly_base, commission the
computed one, earnings its team_earnings); then one row per person with only clawbacks that
month (no role), by name. ``clawbacks`` is the row's sum (0 when none); ``payable`` = earnings
+ clawbacks. Read by the payroll CSV (performance/exchange/payroll.py), the statements page and
the API, from the same unrounded Decimals as the statements.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from performance import engine
from performance.documents.metrics import Names, json_number, name_of

ZERO = Decimal(0)


@dataclass(frozen=True)
class PayrollRow:
    person: str  # "" for a role kept as role totals
    role: str  # "" for a person with only clawbacks
    base: Decimal
    commission: Decimal
    earnings: Decimal
    earnings_recorded: bool
    clawbacks: Decimal
    person_id: engine.Id | None = None
    role_id: engine.Id | None = None

    @property
    def payable(self) -> Decimal:
        return self.earnings + self.clawbacks

    @property
    def kept_as_role_totals(self) -> bool:
        return self.person_id is None


def payroll_rows(m: engine.MonthMetrics, names: Names = None) -> list[PayrollRow]:
    rows = []
    for role in m.roles:
        if not role.counts or role.actual is None:
            continue
        if not role.actual.from_people:
            actual = role.actual
            rows.append(
                PayrollRow(
                    person="",
                    role=role.role,
                    base=actual.team_base or ZERO,
                    commission=actual.team_commission or ZERO,
                    earnings=actual.team_earnings or ZERO,
                    earnings_recorded=not actual.earnings_estimated,
                    clawbacks=ZERO,
                    role_id=role.role_id,
                )
            )
            continue
        for person_id in sorted((p.person_id for p in role.people), key=lambda pid: name_of(names, pid)):
            statement = engine.statement(m, person_id)
            assert statement is not None
            rows.append(_person_row(statement, names))
    for person_id in sorted(engine.clawback_only_people(m), key=lambda pid: name_of(names, pid)):
        statement = engine.statement(m, person_id)
        assert statement is not None
        rows.append(_person_row(statement, names))
    return rows


def _person_row(statement: engine.Statement, names: Names) -> PayrollRow:
    return PayrollRow(
        person=name_of(names, statement.person_id),
        role=statement.role or "",
        base=statement.base,
        commission=statement.commission,
        earnings=statement.earnings,
        earnings_recorded=statement.earnings_recorded,
        clawbacks=statement.clawback_total,
        person_id=statement.person_id,
        role_id=statement.role_id,
    )


COLUMNS = ("person", "role", "base", "commission", "earnings", "earnings_recorded", "state", "clawbacks", "payable")


def payroll_json(rows: list[PayrollRow], state: str) -> list[dict[str, Any]]:
    """The rows as JSON documents, in DOMAIN.md's columns (money exact, to 2 decimals)."""
    return [
        {
            "person": row.person,
            "role": row.role,
            "base": json_number(row.base),
            "commission": json_number(row.commission),
            "earnings": json_number(row.earnings),
            "earnings_recorded": row.earnings_recorded,
            "state": state,
            "clawbacks": json_number(row.clawbacks),
            "payable": json_number(row.payable),
        }
        for row in rows
    ]
