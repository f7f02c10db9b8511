"""A role's month: credited deals, attainment, earnings and status, from its role actual
(role totals) or from its people (people mode, ``people``).

Either way the role figures are DOMAIN.md's second "Role figures" table, on ``team_quota``:
h × monthly_quota for role totals, Σ of the people's ramped quotas in people mode.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from performance.engine.arithmetic import MONTHS_PER_YEAR, ZERO, percent
from performance.engine.measures import credited_deals, status
from performance.engine.paycurve import commission
from performance.engine.people import (
    TeamFigures,
    in_people_mode,
    missing_people,
    people_metrics,
    people_recorded,
    people_team_figures,
)
from performance.engine.plan import commission_per_deal, plan_figures
from performance.engine.results import ActualFigures, RoleMetrics
from performance.engine.types import Actual, Economics, Plan, RoleInput
from performance.engine.vocabulary import NO_DATA, NO_HEADCOUNT, NO_PLAN, SOURCE_PEOPLE, check_kind


def team_quota(headcount: int, plan: Plan) -> Decimal:
    """Role totals: h × monthly_quota (role totals have no ramp)."""
    return headcount * plan.monthly_quota


def team_ote(headcount: int, plan: Plan) -> Decimal:
    """h × monthly_ote, multiplied before dividing: h × annual_ote / 12."""
    return headcount * plan.annual_ote / MONTHS_PER_YEAR


def quota_attainment_pct(units: Decimal, role_team_quota: Decimal) -> Decimal | None:
    """units / team_quota × 100."""
    return percent(units, role_team_quota)


def ote_attainment_pct(role_team_earnings: Decimal, role_team_ote: Decimal) -> Decimal | None:
    """team_earnings / team_ote × 100."""
    return percent(role_team_earnings, role_team_ote)


def units_short_per_person(role_team_quota: Decimal, headcount: int, units_per_person: Decimal) -> Decimal:
    """max(0, team_quota / h − units_per_person)."""
    return max(ZERO, role_team_quota / headcount - units_per_person)


def team_base(headcount: int, plan: Plan) -> Decimal:
    """h × monthly_base, multiplied before dividing: h × annual_base / 12."""
    return headcount * plan.annual_base / MONTHS_PER_YEAR


def team_commission(plan: Plan, deals: Decimal, economics: Economics, attainment: Decimal | None) -> Decimal:
    """commission(credited_deals, quota_attainment_pct): the curve applied to the average person."""
    return commission(commission_per_deal(plan, economics), deals, attainment or ZERO, plan)


def team_earnings(
    actual: Actual, plan: Plan, deals: Decimal, economics: Economics, attainment: Decimal | None
) -> Decimal:
    """As recorded; else h × monthly_base + commission(credited_deals, quota_attainment_pct)."""
    if actual.earnings is not None:
        return actual.earnings
    return team_base(actual.headcount, plan) + team_commission(plan, deals, economics, attainment)


def with_role_figures(recorded: ActualFigures, team: TeamFigures) -> ActualFigures:
    """The role figures of a counting role from what it recorded and its team's quota,
    earnings and OTE."""
    headcount = recorded.headcount
    per_person = recorded.units / headcount
    gap = team.team_earnings - team.team_ote
    return replace(
        recorded,
        units_per_person=per_person,
        quota_attainment_pct=quota_attainment_pct(recorded.units, team.team_quota),
        team_earnings=team.team_earnings,
        earnings_per_person=team.team_earnings / headcount,
        ote_attainment_pct=ote_attainment_pct(team.team_earnings, team.team_ote),
        team_ote=team.team_ote,
        gap_per_person=gap / headcount,
        team_gap=gap,
        units_short_per_person=units_short_per_person(team.team_quota, headcount, per_person),
        team_quota=team.team_quota,
        team_base=team.team_base,
        team_commission=team.team_commission,
    )


def totals_recorded(kind: str, actual: Actual, economics: Economics) -> ActualFigures:
    return ActualFigures(
        headcount=actual.headcount,
        units=actual.units,
        credited_deals=credited_deals(kind, actual, economics),
        credited_deals_estimated=actual.credited_deals is None,
        meetings_held=actual.meetings_held,
        earnings_estimated=actual.earnings is None,
    )


def totals_team_figures(recorded: ActualFigures, actual: Actual, plan: Plan, economics: Economics) -> TeamFigures:
    quota = team_quota(actual.headcount, plan)
    attainment = quota_attainment_pct(actual.units, quota)
    earned = team_earnings(actual, plan, recorded.credited_deals, economics, attainment)
    return TeamFigures(
        team_quota=quota,
        team_earnings=earned,
        team_ote=team_ote(actual.headcount, plan),
        team_base=team_base(actual.headcount, plan),
        team_commission=team_commission(plan, recorded.credited_deals, economics, attainment),
    )


def _recorded(role: RoleInput, economics: Economics, source: str) -> ActualFigures | None:
    if in_people_mode(role):
        return people_recorded(role, economics, source)
    if role.actual is None:
        return None
    return totals_recorded(role.kind, role.actual, economics)


def _role_status(role: RoleInput, recorded: ActualFigures | None) -> str | None:
    """The status of a role that does not count, or ``None`` when it counts."""
    if role.plan is None or role.plan.monthly_quota <= 0:
        return NO_PLAN
    if recorded is None:
        return NO_DATA
    if recorded.headcount <= 0:
        return NO_HEADCOUNT
    return None


def role_metrics(role: RoleInput, economics: Economics, source: str = SOURCE_PEOPLE) -> RoleMetrics:
    """A role's month. People mode (it has person actuals) wins over a role actual, which
    the inputs refuse beside person actuals anyway; `source` is SOURCE_DEALS in a month kept by
    deals (its people's numbers are what the deals credit them)."""
    check_kind(role.kind)
    plan = plan_figures(role.kind, role.plan, economics) if role.plan is not None else None
    recorded = _recorded(role, economics, source)
    missing = missing_people(role)
    excluded = _role_status(role, recorded)
    if excluded is not None:
        # Only a role that counts lists anyone as missing (DOMAIN.md: a role with no plan lists nobody).
        return RoleMetrics(role.id, role.name, role.kind, excluded, plan, recorded)
    assert recorded is not None and role.plan is not None
    if in_people_mode(role):
        people = people_metrics(role, economics)
        actual = with_role_figures(recorded, people_team_figures(people))
    else:
        assert role.actual is not None
        people = ()
        actual = with_role_figures(recorded, totals_team_figures(recorded, role.actual, role.plan, economics))
    assert actual.quota_attainment_pct is not None
    return RoleMetrics(
        role.id,
        role.name,
        role.kind,
        status(actual.quota_attainment_pct, economics),
        plan,
        actual,
        people=people,
        missing_people=missing,
    )
