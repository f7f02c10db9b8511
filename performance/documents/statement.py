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
    role order, then by name; then people with clawbacks alone, by name."""
    found = []
    for role in m.roles:
        for person_id in sorted((person.person_id for person in role.people), key=lambda pid: name_of(names, pid)):
            if (statement := engine.statement(m, person_id)) is not None:
                found.append(statement)
    for person_id in sorted(engine.clawback_only_people(m), key=lambda pid: name_of(names, pid)):
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


def _clawback_json(clawback: engine.Clawback) -> dict[str, Any]:
    return {
        "deal": clawback.deal_id,
        "closed_on": clawback.closed_on,
        "cancelled_on": clawback.cancelled_on,
        "amount": json_number(clawback.amount),
    }


def _deal_json(pay: engine.DealPay) -> dict[str, Any]:
    return {
        "id": pay.deal_id,
        "closed_on": pay.closed_on,
        "share": json_number(pay.share),
        "credit": json_number(pay.credit),
        "amount": json_number(pay.amount),
    }


def statement_json(statement: engine.Statement, state: str, names: Names = None) -> dict[str, Any]:
    data = {
        "month": statement.month,
        "person": name_of(names, statement.person_id),
        "role": statement.role,
        "state": state,
        "tenure_month": statement.tenure_month,
        "ramp_factor": json_number(statement.ramp_factor),
        "proration": json_number(statement.proration),
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
        "clawbacks": [_clawback_json(clawback) for clawback in statement.clawbacks],
        "payable": json_number(statement.payable),
    }
    if statement.kept_by_deals and statement.has_numbers:
        data["credited_revenue"] = json_number(statement.credited_revenue)
        data["deals"] = [_deal_json(pay) for pay in statement.deals]
    return data
