"""A role's month: credited deals, attainment, earnings and status from its actual and plan."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from performance.engine.arithmetic import HUNDRED, ZERO, percent
from performance.engine.plan import (
    commission_per_deal,
    deals_credited_per_unit,
    monthly_base,
    monthly_ote,
    plan_figures,
)
from performance.engine.types import Actual, ActualFigures, Economics, Plan, RoleInput, RoleMetrics
from performance.engine.vocabulary import BELOW, NEAR, NO_DATA, NO_HEADCOUNT, NO_PLAN, ON_TARGET, check_kind


def credited_deals(kind: str, actual: Actual, economics: Economics) -> Decimal:
    """As recorded; else closer, manager: units; setter: meetings * show * close."""
    if actual.credited_deals is not None:
        return actual.credited_deals
    return actual.units * deals_credited_per_unit(kind, economics)


def status(quota_attainment: Decimal, economics: Economics) -> str:
    if quota_attainment >= HUNDRED:
        return ON_TARGET
    if quota_attainment >= economics.near_target_pct:
        return NEAR
    return BELOW


def team_earnings(actual: Actual, plan: Plan, deals: Decimal, economics: Economics) -> Decimal:
    """As recorded; else base for everyone plus commission on the credited deals."""
    if actual.earnings is not None:
        return actual.earnings
    base = actual.headcount * monthly_base(plan)
    return base + commission_per_deal(plan, economics) * deals


def quota_attainment_pct(per_person: Decimal | None, plan: Plan) -> Decimal | None:
    return percent(per_person, plan.monthly_quota)


def ote_attainment_pct(earned_per_person: Decimal | None, plan: Plan) -> Decimal | None:
    return percent(earned_per_person, monthly_ote(plan))


def team_ote(headcount: int, plan: Plan) -> Decimal:
    return headcount * monthly_ote(plan)


def units_short_per_person(quota: Decimal, per_person: Decimal) -> Decimal:
    return max(ZERO, quota - per_person)


def _role_status(role: RoleInput) -> str | None:
    """The status of a role that does not count, or ``None`` when it counts."""
    if role.plan is None or role.plan.monthly_quota <= 0:
        return NO_PLAN
    if role.actual is None:
        return NO_DATA
    if role.actual.headcount <= 0:
        return NO_HEADCOUNT
    return None


def _actual_figures(role: RoleInput, economics: Economics, *, counts: bool) -> ActualFigures | None:
    actual, plan = role.actual, role.plan
    if actual is None:
        return None
    deals = credited_deals(role.kind, actual, economics)
    recorded = ActualFigures(
        headcount=actual.headcount,
        units=actual.units,
        credited_deals=deals,
        credited_deals_estimated=actual.credited_deals is None,
        meetings_held=actual.meetings_held,
        earnings_estimated=actual.earnings is None,
    )
    if not counts or plan is None:
        return recorded
    per_person = actual.units / actual.headcount
    earned = team_earnings(actual, plan, deals, economics)
    earned_per_person = earned / actual.headcount
    role_team_ote = team_ote(actual.headcount, plan)
    return replace(
        recorded,
        units_per_person=per_person,
        quota_attainment_pct=quota_attainment_pct(per_person, plan),
        team_earnings=earned,
        earnings_per_person=earned_per_person,
        ote_attainment_pct=ote_attainment_pct(earned_per_person, plan),
        team_ote=role_team_ote,
        gap_per_person=earned_per_person - monthly_ote(plan),
        team_gap=earned - role_team_ote,
        units_short_per_person=units_short_per_person(plan.monthly_quota, per_person),
    )


def role_metrics(role: RoleInput, economics: Economics) -> RoleMetrics:
    check_kind(role.kind)
    plan = plan_figures(role.kind, role.plan, economics) if role.plan is not None else None
    excluded = _role_status(role)
    actual = _actual_figures(role, economics, counts=excluded is None)
    if excluded is not None:
        return RoleMetrics(role.name, role.kind, excluded, plan, actual)
    assert actual is not None
    assert actual.quota_attainment_pct is not None
    return RoleMetrics(
        role.name,
        role.kind,
        status(actual.quota_attainment_pct, economics),
        plan,
        actual,
    )
