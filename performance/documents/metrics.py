"""DOMAIN.md's Metrics JSON, written from the engine's ``MonthMetrics`` (``export_metrics``, the CSV).

The engine knows people by id; the document names them, from ``names`` (person id → name, the
loader's ``History.names``). Without ``names`` (the engine's own tests, where ids are names),
an id is written as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from otesite.lib.jsonnum import exact
from performance.engine.results import (
    AssumptionCheck,
    MissingPeople,
    MonthMetrics,
    MonthSummary,
    PersonMetrics,
    RateCheck,
    Recommendation,
    RoleMetrics,
    SetterCapacity,
)
from performance.engine.types import Id
from performance.engine.vocabulary import SOURCE_DEALS


def json_number(value: Decimal | None, places: int = 2) -> Decimal | None:
    """A Decimal rounded half-up for the JSON documents (written exactly by
    otesite.lib.jsonnum.dumps, never through a float); ``None`` stays null."""
    return exact(value, places)


Names = Mapping[Id, str] | None


def name_of(names: Names, person_id: Id) -> str:
    """The person's name for a reader; the id itself where no names are given."""
    return person_id if names is None else names[person_id]


def _summary_json(summary: MonthSummary) -> dict[str, Any]:
    return {
        "total_ote": json_number(summary.total_ote),
        "total_actual": json_number(summary.total_actual),
        "ote_gap": json_number(summary.ote_gap),
        "team_avg_attainment_pct": json_number(summary.team_avg_attainment_pct),
        "team_ote_attainment_pct": json_number(summary.team_ote_attainment_pct),
        "revenue": json_number(summary.revenue),
        "revenue_per_ote_dollar": json_number(summary.revenue_per_ote_dollar, 4),
        "ote_pct_of_revenue": json_number(summary.ote_pct_of_revenue),
        "deal_capacity": json_number(summary.deal_capacity),
        "capacity_utilization_pct": json_number(summary.capacity_utilization_pct),
        "efficiency": summary.efficiency,
    }


PLAN_FIELDS = (
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
EARNINGS_FIELDS = (
    "team_earnings",
    "earnings_per_person",
    "ote_attainment_pct",
    "team_ote",
    "gap_per_person",
    "team_gap",
    "units_short_per_person",
    "team_quota",
)
PERSON_FIELDS = (
    "quota",
    "ote",
    "units",
    "credited_deals",
    "quota_attainment_pct",
    "pay_attainment_pct",
)
PERSON_EARNINGS_FIELDS = ("earnings", "ote_attainment_pct", "gap", "units_short")


def _recommendation_json(recommendation: Recommendation, *, include_text: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": recommendation.code,
        "amount": json_number(recommendation.amount),
    }
    if include_text:
        data["text"] = recommendation.text
    return data


def _person_json(person: PersonMetrics, names: Names, *, by_deals: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "person": name_of(names, person.person_id),
        "tenure_month": person.tenure_month,
        "ramp_factor": json_number(person.ramp_factor),
    }
    for name in PERSON_FIELDS:
        data[name] = json_number(getattr(person, name))
    data["status"] = person.status
    for name in PERSON_EARNINGS_FIELDS:
        data[name] = json_number(getattr(person, name))
    data["rank"] = person.rank
    data["proration"] = json_number(person.proration)
    if by_deals:
        data["credited_revenue"] = json_number(person.credited_revenue)
    return data


def _role_json(role: RoleMetrics, names: Names, *, include_text: bool) -> dict[str, Any]:
    """Keys in the order of the expected file; ``status`` sits after the last
    quota figure the role has."""
    data: dict[str, Any] = {"role": role.role, "kind": role.kind}
    plan = role.plan
    for name in PLAN_FIELDS:
        data[name] = json_number(getattr(plan, name)) if plan is not None else None
    data["alignment"] = plan.alignment if plan is not None else None
    actual = role.actual
    if actual is not None:
        data["headcount"] = actual.headcount
        data["units"] = json_number(actual.units)
        data["credited_deals"] = json_number(actual.credited_deals)
    if actual is not None and role.counts:
        data["units_per_person"] = json_number(actual.units_per_person)
        data["quota_attainment_pct"] = json_number(actual.quota_attainment_pct)
    data["status"] = role.status
    if actual is not None and not role.counts:
        data["source"] = actual.source  # a no_headcount (or no_plan) row of role totals says so too
    if actual is not None and role.counts:
        for name in EARNINGS_FIELDS:
            data[name] = json_number(getattr(actual, name))
        data["source"] = actual.source
        by_deals = actual.source == SOURCE_DEALS
        if by_deals:
            data["credited_revenue"] = json_number(actual.credited_revenue)
        if actual.from_people:
            data["people"] = [_person_json(person, names, by_deals=by_deals) for person in role.people]
        data["recommendations"] = [
            _recommendation_json(item, include_text=include_text) for item in role.recommendations
        ]
    return data


def _setter_capacity_json(capacity: SetterCapacity | None) -> dict[str, Any] | None:
    if capacity is None:
        return None
    data: dict[str, Any] = {
        "meetings_needed": json_number(capacity.meetings_needed),
        "meetings_supplied": json_number(capacity.meetings_supplied),
        "coverage_pct": json_number(capacity.coverage_pct),
    }
    if capacity.setters_to_add is not None:  # the engine adds setters only under 90% coverage (settled)
        data["setters_to_add"] = capacity.setters_to_add
    data["meetings_booked"] = json_number(capacity.meetings_booked)
    data["booked_coverage_pct"] = json_number(capacity.booked_coverage_pct)
    return data


def _rate_json(rate: RateCheck) -> dict[str, Any]:
    return {"assumed": json_number(rate.assumed), "actual": json_number(rate.actual)}


def _assumptions_json(check: AssumptionCheck) -> dict[str, Any]:
    return {
        "show_rate_pct": _rate_json(check.show_rate_pct),
        "close_rate_pct": _rate_json(check.close_rate_pct),
        "drift": check.drift,
    }


def _missing_people_json(missing: list[MissingPeople], names: Names) -> list[dict[str, Any]]:
    return [{"role": item.role, "people": [name_of(names, person) for person in item.people]} for item in missing]


def _insights_json(m: MonthMetrics, names: Names) -> dict[str, Any]:
    """``missing_people`` only when someone is missing."""
    data: dict[str, Any] = {
        "setter_capacity": _setter_capacity_json(m.insights.setter_capacity),
        "assumptions": _assumptions_json(m.insights.assumptions),
    }
    if m.insights.missing_people:
        data["missing_people"] = _missing_people_json(m.insights.missing_people, names)
    return data


def clawbacks_json(clawbacks, names: Names) -> list[dict[str, Any]]:
    """[{person, deal, amount}], by person's name then deal id."""
    rows = [(name_of(names, c.person_id), c.deal_id, c.amount) for c in clawbacks]
    return [{"person": person, "deal": deal, "amount": json_number(amount)} for person, deal, amount in sorted(rows)]


def to_metrics_json(m: MonthMetrics, names: Names = None, *, include_text: bool = True) -> dict[str, Any]:
    """DOMAIN.md's Metrics JSON for one month (``manage.py export_metrics``), people named by
    ``names``; ``clawbacks`` only when a deal is clawed back in the month."""
    data = {
        "month": m.month,
        "summary": _summary_json(m.summary),
        "roles": [_role_json(role, names, include_text=include_text) for role in m.roles],
        "insights": _insights_json(m, names),
    }
    if m.clawbacks:
        data["clawbacks"] = clawbacks_json(m.clawbacks, names)
    return data
