"""Plan fixes (the release notes' "comp plan optimizer"): for a plan that is not ``aligned``,
the three single changes that would align it exactly, each keeping the rest of the plan.

- ``aligned_commission_rate`` = monthly_variable / (U × monthly_quota × units_to_deals ×
  paid_points(100) / 100);
- ``aligned_monthly_quota`` = monthly_variable / (commission_per_deal × units_to_deals ×
  paid_points(100) / 100) (break_even_units without tiers);
- ``aligned_annual_ote`` = earnings_at_quota × 12.

Each is ``None`` where it cannot be computed (a divisor of 0) or would break a plan rule (a
rate above 1, a quota or OTE of 0). Applied as it is, each gives a ratio of exactly 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from performance.engine.arithmetic import HUNDRED, MONTHS_PER_YEAR, divide
from performance.engine.paycurve import paid_points, units_to_deals
from performance.engine.plan import alignment, alignment_ratio, commission_per_deal, earnings_at_quota, monthly_variable
from performance.engine.types import Economics, Plan
from performance.engine.vocabulary import ALIGNED

ONE = Decimal(1)


@dataclass(frozen=True)
class PlanFixes:
    aligned_commission_rate: Decimal | None
    aligned_monthly_quota: Decimal | None
    aligned_annual_ote: Decimal | None


def _curve_at_quota(kind: str, plan: Plan, economics: Economics) -> Decimal:
    """units_to_deals × paid_points(100) / 100: credited deals per unit at quota, through the curve."""
    return units_to_deals(kind, economics) * paid_points(plan, HUNDRED) / HUNDRED


def aligned_commission_rate(kind: str, plan: Plan, economics: Economics) -> Decimal | None:
    pays = economics.upfront_per_deal * plan.monthly_quota * _curve_at_quota(kind, plan, economics)
    rate = divide(monthly_variable(plan), pays)
    return rate if rate is not None and 0 <= rate <= ONE else None


def aligned_monthly_quota(kind: str, plan: Plan, economics: Economics) -> Decimal | None:
    per_unit = commission_per_deal(plan, economics) * _curve_at_quota(kind, plan, economics)
    quota = divide(monthly_variable(plan), per_unit)
    return quota if quota is not None and quota > 0 else None


def aligned_annual_ote(kind: str, plan: Plan, economics: Economics) -> Decimal | None:
    ote = earnings_at_quota(kind, plan, economics) * MONTHS_PER_YEAR
    return ote if ote > 0 else None


def plan_fixes(kind: str, plan: Plan, economics: Economics) -> PlanFixes | None:
    """The three fixes of a plan that is ``unreachable`` or ``overpays``; ``None`` when it is
    aligned (or has no alignment: an OTE of 0)."""
    found = alignment(alignment_ratio(kind, plan, economics))
    if found is None or found == ALIGNED:
        return None
    return PlanFixes(
        aligned_commission_rate(kind, plan, economics),
        aligned_monthly_quota(kind, plan, economics),
        aligned_annual_ote(kind, plan, economics),
    )
