"""The month: totals over the roles that count, revenue, efficiency and the insights.

Quota is the roles' ``team_quota`` throughout (h × monthly_quota for role totals, Σ of the
people's ramped quotas in people mode): deal capacity, setter capacity, raise_close_rate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from performance.engine.arithmetic import ZERO, at_least, ceil_settled, divide, mean, percent, settle
from performance.engine.assumptions import assumption_check, month_close_rate_pct
from performance.engine.deals import deals_revenue, kept_by_deals
from performance.engine.recommendations import recommendations
from performance.engine.results import (
    ActualFigures,
    EfficiencyCheck,
    Insights,
    MissingPeople,
    MonthMetrics,
    MonthSummary,
    PlanFigures,
    RoleMetrics,
    SetterCapacity,
)
from performance.engine.role import role_metrics
from performance.engine.types import Clawback, DealInput, Economics, RoleInput
from performance.engine.vocabulary import (
    CLOSER,
    EFFICIENT,
    HIGH,
    MANAGER,
    MODERATE,
    MODERATE_MARGIN_PCT,
    SETTER,
    SETTER_COVERAGE_TARGET_PCT,
    SOURCE_DEALS,
    SOURCE_PEOPLE,
)


def _sum(roles: Iterable[RoleMetrics], value: Callable[[RoleMetrics], Decimal]) -> Decimal:
    return sum((value(role) for role in roles), ZERO)


def _actual(role: RoleMetrics) -> ActualFigures:
    assert role.actual is not None
    return role.actual


def _plan(role: RoleMetrics) -> PlanFigures:
    assert role.plan is not None
    return role.plan


def _team_ote(role: RoleMetrics) -> Decimal:
    return _actual(role).team_ote or ZERO


def _team_earnings(role: RoleMetrics) -> Decimal:
    return _actual(role).team_earnings or ZERO


def _credited(role: RoleMetrics) -> Decimal:
    return _actual(role).credited_deals


def _team_quota(role: RoleMetrics) -> Decimal:
    """What the role's quota asks of all its people (ramped in people mode)."""
    return _actual(role).team_quota or ZERO


def _full_quota(role: RoleMetrics) -> Decimal:
    """h × monthly_quota: the role's quota without any ramp."""
    return _actual(role).headcount * _plan(role).monthly_quota


def _units(role: RoleMetrics) -> Decimal:
    return _actual(role).units


def efficiency(ote_pct_of_revenue: Decimal | None, economics: Economics) -> str | None:
    if ote_pct_of_revenue is None:
        return None
    share = settle(ote_pct_of_revenue)
    if share <= economics.target_ote_pct_of_revenue:
        return EFFICIENT
    if share <= economics.target_ote_pct_of_revenue + MODERATE_MARGIN_PCT:
        return MODERATE
    return HIGH


def setters_to_add(needed: Decimal, supplied: Decimal, setters: list[RoleMetrics]) -> int:
    """⌈(meetings_needed − meetings_supplied) / the setters' average full quota⌉, that
    average being Σ h × monthly_quota / Σ h: a new setter works at full quota eventually."""
    headcount = Decimal(sum(_actual(role).headcount for role in setters))
    full_quota_per_setter = _sum(setters, _full_quota) / headcount
    return ceil_settled((needed - supplied) / full_quota_per_setter)


def setter_capacity(counting: list[RoleMetrics], economics: Economics) -> SetterCapacity | None:
    """Meetings the closers' team quota needs, Σ team_quota / (show × close), against the
    setters' team quota, and what the setters booked. With a show or close rate of 0 the need
    cannot be computed: it, the coverages and setters_to_add are None, and the rest stands."""
    setters = [role for role in counting if role.kind == SETTER]
    closers = [role for role in counting if role.kind == CLOSER]
    if not setters:
        return None
    needed = divide(_sum(closers, _team_quota), economics.deals_per_meeting)
    supplied = _sum(setters, _team_quota)
    coverage = percent(supplied, needed)
    to_add = None
    if coverage is not None and not at_least(coverage, SETTER_COVERAGE_TARGET_PCT):
        to_add = setters_to_add(needed, supplied, setters)
    booked = _sum(setters, _units)
    return SetterCapacity(needed, supplied, coverage, to_add, booked, percent(booked, needed))


def missing_people(roles: list[RoleMetrics]) -> list[MissingPeople]:
    """The month's missing people, role by role, for roles in people mode."""
    return [MissingPeople(role.role_id, role.role, role.missing_people) for role in roles if role.missing_people]


def _summary(
    counting: list[RoleMetrics], economics: Economics, revenue: Decimal | None, derived: Decimal | None = None
) -> MonthSummary:
    total_ote = _sum(counting, _team_ote)
    total_actual = _sum(counting, _team_earnings)
    closers = [role for role in counting if role.kind == CLOSER]
    closer_deals = _sum(closers, _credited)
    revenue_derived = revenue is None
    if revenue is not None:
        month_revenue = revenue
    elif derived is not None:
        month_revenue = derived  # a month kept by deals: Σ upfront of its counting deals
    else:
        month_revenue = closer_deals * economics.upfront_per_deal
    share = percent(total_ote, month_revenue)
    capacity = _sum(closers, _team_quota)
    return MonthSummary(
        total_ote=total_ote,
        total_actual=total_actual,
        ote_gap=total_actual - total_ote,
        team_avg_attainment_pct=mean(_actual(role).ote_attainment_pct for role in counting),
        team_ote_attainment_pct=percent(total_actual, total_ote),
        revenue=month_revenue,
        revenue_derived=revenue_derived,
        revenue_per_ote_dollar=divide(month_revenue, total_ote),
        ote_pct_of_revenue=share,
        efficiency=efficiency(share, economics),
        deal_capacity=capacity,
        capacity_utilization_pct=percent(closer_deals, capacity),
        deals_closed=closer_deals,
        headcount=sum(_actual(role).headcount for role in counting),
    )


def _gap_order(role: RoleMetrics) -> tuple[bool, Decimal]:
    attainment = _actual(role).ote_attainment_pct
    return (attainment is None, attainment if attainment is not None else ZERO)


def _weakest_team_role(counting: list[RoleMetrics]) -> RoleMetrics | None:
    candidates = [role for role in counting if role.kind != MANAGER]
    if not candidates:
        return None
    return min(candidates, key=lambda role: _actual(role).quota_attainment_pct or ZERO)


def compute_month(
    month: str,
    economics: Economics,
    roles: list[RoleInput],
    revenue: Decimal | None = None,
    deals: Sequence[DealInput] = (),
    clawbacks: Sequence[Clawback] = (),
) -> MonthMetrics:
    """Every number of one month. ``roles`` in creation order; ``revenue`` as recorded
    (even zero) or ``None`` to derive it: from the closers' credited deals, or in a month kept
    by deals, from its counting deals. ``deals``: the deals closed in the month (a month with
    one is kept by deals); ``clawbacks``: what this month takes back (``deals.clawbacks``)."""
    by_deals = any(deal.close_month == month for deal in deals)
    derived = None
    if by_deals:
        roles = kept_by_deals(roles, deals, month, economics)
        derived = deals_revenue(deals, month, economics)
    source = SOURCE_DEALS if by_deals else SOURCE_PEOPLE
    bare = [role_metrics(role, economics, source) for role in roles]
    counting = [role for role in bare if role.counts]
    assumptions = assumption_check(counting, economics)
    close_rate_pct = month_close_rate_pct(assumptions)
    weakest = _weakest_team_role(counting)
    advised = [
        replace(role, recommendations=recommendations(role, economics, close_rate_pct=close_rate_pct, weakest=weakest))
        for role in bare
    ]
    counting = [role for role in advised if role.counts]
    summary = _summary(counting, economics, revenue, derived)
    insights = Insights(
        gaps=sorted(counting, key=_gap_order),
        efficiency=EfficiencyCheck(
            efficiency=summary.efficiency,
            ote_pct_of_revenue=summary.ote_pct_of_revenue,
            target_pct=economics.target_ote_pct_of_revenue,
            moderate_limit_pct=economics.target_ote_pct_of_revenue + MODERATE_MARGIN_PCT,
        ),
        setter_capacity=setter_capacity(counting, economics),
        assumptions=assumptions,
        missing_people=missing_people(advised),
    )
    return MonthMetrics(month, economics, summary, advised, insights, close_rate_pct, by_deals, tuple(clawbacks))
