"""A month's documents as DOMAIN.md's Exchange formats write them: the metrics JSON (without
recommendation texts), each statement and the payroll rows, rounded half-up once, as JSON
numbers (floats parsed from the rounded digits)."""

from decimal import Decimal

from .month import Month
from .numbers import ZERO, out, out4
from .people import Person
from .roles import Role

PLAN_KEYS = (
    "monthly_ote",
    "monthly_base",
    "monthly_variable",
    "monthly_quota",
    "required_pay_per_unit",
    "commission_per_deal",
    "deals_for_ote",
    "break_even_units",
    "earnings_at_quota",
)


def metrics_json(month: Month) -> dict:
    summary = month.summary()
    document = {
        "month": month.month,
        "summary": {
            key: value if key == "efficiency" else out4(value) if key == "revenue_per_ote_dollar" else out(value)
            for key, value in summary.items()
        },
        "roles": [_role_json(month, role) for role in month.roles],
        "insights": _insights_json(month),
    }
    if month.clawbacks:
        document["clawbacks"] = [
            {"person": c.person, "deal": c.deal.id, "amount": out(c.amount)} for c in month.clawbacks
        ]
    return document


def _role_json(month: Month, role: Role) -> dict:
    row: dict = {"role": role.name, "kind": role.kind}
    if role.figures is not None:
        row |= {key: out(role.figures[key]) for key in PLAN_KEYS}
        row["alignment"] = role.figures["alignment"]
    if role.source is not None:
        row |= {"headcount": role.headcount, "units": out(role.units), "credited_deals": out(role.credited_deals)}
    if not role.counts:
        row["status"] = role.status
        if role.source is not None:  # a role row with data says how it was kept
            row["source"] = role.source
        return row
    row |= {
        "units_per_person": out(role.units_per_person),
        "quota_attainment_pct": out(role.quota_attainment_pct),
        "status": role.status,
        "team_earnings": out(role.team_earnings),
        "earnings_per_person": out(role.earnings_per_person),
        "ote_attainment_pct": out(role.ote_attainment_pct),
        "team_ote": out(role.team_ote),
        "gap_per_person": out(role.gap_per_person),
        "team_gap": out(role.team_gap),
        "units_short_per_person": out(role.units_short_per_person),
        "team_quota": out(role.team_quota),
        "source": role.source,
    }
    if role.source == "deals":
        row["credited_revenue"] = out(role.credited_revenue)
    if role.source != "role":
        row["people"] = [_person_json(person, role.source == "deals") for person in role.people]
    row["recommendations"] = [{"code": code, "amount": out(amount)} for code, amount in month.recommendations(role)]
    return row


def _person_json(person: Person, deals: bool) -> dict:
    row = {
        "person": person.name,
        "tenure_month": person.holder.tenure_month,
        "ramp_factor": out(person.ramp_factor),
        "quota": out(person.quota),
        "ote": out(person.ote),
        "units": out(person.units),
        "credited_deals": out(person.credited_deals),
        "quota_attainment_pct": out(person.quota_attainment_pct),
        "pay_attainment_pct": out(person.pay_attainment_pct),
        "status": person.status,
        "earnings": out(person.earnings),
        "ote_attainment_pct": out(person.ote_attainment_pct),
        "gap": out(person.gap),
        "units_short": out(person.units_short),
        "rank": person.rank,
        "proration": out(person.proration),
    }
    if deals:
        row["credited_revenue"] = out(person.credited_revenue)
    return row


def _insights_json(month: Month) -> dict:
    capacity = month.setter_capacity()
    if capacity is not None:
        capacity = {key: value if key == "setters_to_add" else out(value) for key, value in capacity.items()}
    assumptions = month.assumptions()
    insights = {
        "setter_capacity": capacity,
        "assumptions": {
            "show_rate_pct": {k: out(v) for k, v in assumptions["show_rate_pct"].items()},
            "close_rate_pct": {k: out(v) for k, v in assumptions["close_rate_pct"].items()},
            "drift": assumptions["drift"],
        },
    }
    missing = [
        {"role": role.name, "people": role.missing} for role in month.counting if role.missing and role.source != "role"
    ]
    if missing:
        insights["missing_people"] = missing
    return insights


def _counted_people(month: Month) -> list[Person]:
    return [person for role in month.counting if role.source != "role" for person in role.people]


def _clawbacks_of(month: Month, name: str) -> list:
    return sorted((c for c in month.clawbacks if c.person == name), key=lambda c: c.deal.id)


def statements_json(month: Month, state: str) -> dict[str, dict]:
    """Every statement of the month, by person: the people counted in people mode, then
    whoever has only clawbacks."""
    found = {}
    for person in _counted_people(month):
        found[person.name] = _statement(month, person, state)
    for name in sorted({c.person for c in month.clawbacks} - set(found)):
        found[name] = _clawback_statement(month, name, state)
    return found


def _statement(month: Month, person: Person, state: str) -> dict:
    pay = person.pay_attainment_pct
    bands = person.plan.curve.statement_bands(person.pay_amount, pay)
    clawbacks = _clawbacks_of(month, person.name)
    document = {
        "month": month.month,
        "person": person.name,
        "role": person.role,
        "state": state,
        "tenure_month": person.holder.tenure_month,
        "ramp_factor": out(person.ramp_factor),
        "proration": out(person.proration),
        "quota": out(person.quota),
        "units": out(person.units),
        "credited_deals": out(person.credited_deals),
        "quota_attainment_pct": out(person.quota_attainment_pct),
        "pay_attainment_pct": out(pay),
        "base": out(person.base),
        "bands": [
            {
                "from_pct": out(b["from_pct"]),
                "to_pct": out(b["to_pct"]),
                "points": out(b["points"]),
                "multiplier": out4(b["multiplier"]),
                "amount": out(b["amount"]),
            }
            for b in bands
        ],
        "commission": out(person.commission),
        "earnings": out(person.earnings),
        "earnings_recorded": person.recorded_earnings is not None,
        "clawbacks": [_clawback_line(c) for c in clawbacks],
        "payable": out(person.earnings + sum((c.amount for c in clawbacks), ZERO)),
    }
    if person.credited_revenue is not None:
        document["credited_revenue"] = out(person.credited_revenue)
        document["deals"] = [
            {
                "id": line.deal.id,
                "closed_on": line.deal.closed_on,
                "share": out(line.share),
                "credit": out(line.credit),
                "amount": out(line.amount),
            }
            for line in person.lines
        ]
    return document


def _clawback_line(clawback) -> dict:
    deal = clawback.deal
    return {
        "deal": deal.id,
        "closed_on": deal.closed_on,
        "cancelled_on": deal.cancelled_on,
        "amount": out(clawback.amount),
    }


def _clawback_statement(month: Month, name: str, state: str) -> dict:
    clawbacks = _clawbacks_of(month, name)
    document = {"month": month.month, "person": name, "role": None, "state": state}
    for key in ("tenure_month", "ramp_factor", "proration", "quota", "units", "credited_deals"):
        document[key] = None
    document |= {"quota_attainment_pct": None, "pay_attainment_pct": None, "base": 0.0, "bands": []}
    document |= {"commission": 0.0, "earnings": 0.0, "earnings_recorded": False}
    document["clawbacks"] = [_clawback_line(c) for c in clawbacks]
    document["payable"] = out(sum((c.amount for c in clawbacks), ZERO))
    return document


def payroll_json(month: Month, state: str) -> list[dict]:
    """In role order: a row per person counted in people mode (by name), one row per role kept
    as totals (person empty), then a row per person with only clawbacks (role empty)."""
    rows, paid = [], set()
    for role in month.counting:
        if role.source == "role":
            rows.append(
                _payroll_row(
                    "",
                    role.name,
                    role.base_total,
                    role.commission_total,
                    role.team_earnings,
                    role.earnings_recorded,
                    state,
                    [],
                )
            )
            continue
        for person in sorted(role.people, key=lambda p: p.name):
            clawbacks = _clawbacks_of(month, person.name)
            recorded = person.recorded_earnings is not None
            rows.append(
                _payroll_row(
                    person.name, role.name, person.base, person.commission, person.earnings, recorded, state, clawbacks
                )
            )
            paid.add(person.name)
    for name in sorted({c.person for c in month.clawbacks} - paid):
        rows.append(_payroll_row(name, "", ZERO, ZERO, ZERO, False, state, _clawbacks_of(month, name)))
    return rows


def _payroll_row(person, role, base, commission, earnings: Decimal, recorded, state, clawbacks) -> dict:
    total = sum((c.amount for c in clawbacks), ZERO)
    return {
        "person": person,
        "role": role,
        "base": out(base),
        "commission": out(commission),
        "earnings": out(earnings),
        "earnings_recorded": recorded,
        "state": state,
        "clawbacks": out(total),
        "payable": out(earnings + total),
    }
