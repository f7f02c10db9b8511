"""DOMAIN.md's statement JSON (`manage.py statement`), written from the engine's ``Statement``.

Numbers are rounded half-up only here, as the metrics JSON rounds them (`json_number`): money,
percentages, units and points to 2 decimals, a band's multiplier to 4 (a multiplier is stored
with 4). The statement's `state` is the month's (open, reviewed, approved).
"""

from __future__ import annotations

from typing import Any

from performance import engine
from performance.documents.metrics import Names, json_number, name_of


def month_statements(m: engine.MonthMetrics, names: Names = None) -> list[engine.Statement]:
    """Every person's statement of the month: people with numbers in a role that counts, in
    role order, then by name."""
    found = []
    for role in m.roles:
        for person_id in sorted((person.person_id for person in role.people), key=lambda pid: name_of(names, pid)):
            if (statement := engine.statement(m, person_id)) is not None:
                found.append(statement)
    return found


def _band_json(band: engine.StatementBand) -> dict[str, Any]:
    return {
        "from_pct": json_number(band.from_pct),
        "to_pct": json_number(band.to_pct),
        "points": json_number(band.points),
        "multiplier": json_number(band.multiplier, 4),
        "amount": json_number(band.amount),
    }


def statement_json(statement: engine.Statement, state: str, names: Names = None) -> dict[str, Any]:
    return {
        "month": statement.month,
        "person": name_of(names, statement.person_id),
        "role": statement.role,
        "state": state,
        "tenure_month": statement.tenure_month,
        "ramp_factor": json_number(statement.ramp_factor),
        "quota": json_number(statement.quota),
        "units": json_number(statement.units),
        "credited_deals": json_number(statement.credited_deals),
        "quota_attainment_pct": json_number(statement.quota_attainment_pct),
        "pay_attainment_pct": json_number(statement.pay_attainment_pct),
        "base": json_number(statement.base),
        "bands": [_band_json(band) for band in statement.bands],
        "commission": json_number(statement.commission),
        "earnings": json_number(statement.earnings),
        "earnings_recorded": statement.earnings_recorded,
    }
