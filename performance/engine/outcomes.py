"""A plan's cost across outcomes, and the headcount a revenue goal needs (DOMAIN.md's *What-if*).

Both read a scenario (or its base) as ``compute_month`` sees it, so the outcome spread is
the same month computed again with every counting role at L% of its team_quota, and hiring
is read from the scenario's own figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from performance.engine.arithmetic import HUNDRED, ZERO, ceil_settled, divide, percent
from performance.engine.month import compute_month
from performance.engine.results import MonthMetrics, RoleMetrics
from performance.engine.types import Actual, Economics, RoleInput
from performance.engine.vocabulary import CLOSER, SETTER

OUTCOME_LEVELS = tuple(Decimal(level) for level in (50, 80, 100, 120, 150))


@dataclass(frozen=True)
class Outcome:
    """What the month pays and brings in with every role at ``attainment_pct`` of its quota."""

    attainment_pct: Decimal
    total_actual: Decimal
    revenue: Decimal
    pay_pct_of_revenue: Decimal | None


@dataclass(frozen=True)
class Hiring:
    """Total headcounts (not hires on top) that would bring ``revenue_goal`` a month, pooled over
    the closer and setter roles; ``None`` where the scenario gives no way to tell."""

    revenue_goal: Decimal
    closers_needed: int | None
    setters_needed: int | None


def _at_level(role: RoleInput, level: Decimal) -> RoleInput:
    """The role with units at ``level`` % of its team quota (h × monthly_quota: role totals)."""
    assert role.plan is not None and role.actual is not None
    team_quota = role.actual.headcount * role.plan.monthly_quota
    return RoleInput(
        role.id, role.name, role.kind, role.plan, Actual(role.actual.headcount, team_quota * level / HUNDRED)
    )


def outcome(month: str, economics: Economics, counting: list[RoleInput], level: Decimal) -> Outcome:
    """The month at ``level``: credited deals and earnings estimated, revenue derived."""
    m = compute_month(month, economics, [_at_level(role, level) for role in counting], None)
    total, revenue = m.summary.total_actual, m.summary.revenue
    return Outcome(level, total, revenue, percent(total, revenue))


def outcome_spread(month: str, economics: Economics, counting: Iterable[RoleInput]) -> tuple[Outcome, ...]:
    """The five outcomes, 50% to 150% of quota, for the roles that count (as role totals)."""
    roles = list(counting)
    return tuple(outcome(month, economics, roles, level) for level in OUTCOME_LEVELS)


def _total(roles: Iterable[RoleMetrics], value) -> Decimal:
    return sum((value(role) for role in roles), ZERO)


def _headcount(role: RoleMetrics) -> Decimal:
    assert role.actual is not None
    return Decimal(role.actual.headcount)


def _full_quota(role: RoleMetrics) -> Decimal:
    assert role.actual is not None and role.plan is not None
    return role.actual.headcount * role.plan.monthly_quota


def _ceil(value: Decimal | None) -> int | None:
    return None if value is None else ceil_settled(value)


def hiring(m: MonthMetrics, revenue_goal: Decimal) -> Hiring:
    """closers needed = ⌈R / (U × Σ closers' credited deals / Σ closers' h)⌉; setters needed =
    ⌈closers needed × (Σ closers' h × quota / Σ h) / (show × close) / (Σ setters' h × quota / Σ h)⌉,
    ``None`` without setters that count."""
    counting = [role for role in m.roles if role.counts]
    closers = [role for role in counting if role.kind == CLOSER]
    setters = [role for role in counting if role.kind == SETTER]
    deals = _total(closers, lambda role: role.actual.credited_deals)
    revenue_per_closer = divide(m.economics.upfront_per_deal * deals, _total(closers, _headcount))
    closers_needed = _ceil(divide(revenue_goal, revenue_per_closer))
    setters_needed = None
    if closers_needed is not None and setters:
        quota_per_closer = divide(_total(closers, _full_quota), _total(closers, _headcount))
        meetings = divide(closers_needed * quota_per_closer, m.economics.deals_per_meeting)
        quota_per_setter = divide(_total(setters, _full_quota), _total(setters, _headcount))
        setters_needed = _ceil(divide(meetings, quota_per_setter))
    return Hiring(revenue_goal, closers_needed, setters_needed)
