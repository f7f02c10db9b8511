"""What a plan means under the month's business assumptions: DOMAIN.md's first table, with
earnings at quota and break-even taken through the plan's pay curve (``paycurve``), and for
a plan that is not aligned, the plan fixes (the release notes' "comp plan optimizer"): the
three single changes that would align it exactly, each keeping the rest of the plan.

- ``aligned_commission_rate`` = monthly_variable / (U × monthly_quota × units_to_deals ×
  paid_points(100) / 100);
- ``aligned_monthly_quota`` = monthly_variable / (commission_per_deal × units_to_deals ×
  paid_points(100) / 100) (break_even_units without tiers);
- ``aligned_annual_ote`` = earnings_at_quota × 12.

Each is ``None`` where it cannot be computed (a divisor of 0) or would break a plan rule (a
rate above 1, a quota or OTE of 0). Applied as it is, each gives a ratio of 1 (exactly, but
for a last-digit rounding of 28-digit Decimals in rare plans)."""

from __future__ import annotations

from decimal import Decimal

from otesite.lib.formatting import format_money, format_percent, format_units
from performance.engine.arithmetic import HUNDRED, MONTHS_PER_YEAR, ZERO, divide, settle
from performance.engine.paycurve import least_amount_paying, paid_points, units_to_deals
from performance.engine.results import PlanFigures, PlanFixes
from performance.engine.types import Economics, Plan
from performance.engine.vocabulary import (
    ALIGNED,
    ALIGNED_HIGH,
    ALIGNED_LOW,
    OVERPAYS,
    UNIT_WORDS,
    UNREACHABLE,
    check_kind,
    unit_word,
)


def monthly_ote(plan: Plan) -> Decimal:
    return plan.annual_ote / MONTHS_PER_YEAR


def monthly_base(plan: Plan) -> Decimal:
    return plan.annual_base / MONTHS_PER_YEAR


def monthly_variable(plan: Plan) -> Decimal:
    return monthly_ote(plan) - monthly_base(plan)


def required_pay_per_unit(plan: Plan) -> Decimal | None:
    return divide(monthly_variable(plan), plan.monthly_quota)


def commission_per_deal(plan: Plan, economics: Economics) -> Decimal:
    return economics.upfront_per_deal * plan.commission_rate


def deals_for_ote(kind: str, plan: Plan, economics: Economics) -> Decimal | None:
    """Credited deals a person needs a month to earn OTE (break-even), through the curve:
    the deals that would pay monthly_variable at multiplier 1, run backwards through the
    bands laid over the deals at quota. ``None`` when no deal pays or the curve never gets
    there (a cap, multipliers of 0). Without tiers or cap: monthly_variable / commission_per_deal.
    All base (monthly_variable 0): 0, OTE needs no deal, whatever the rate."""
    if monthly_variable(plan) == 0:
        return ZERO
    at_multiplier_one = divide(monthly_variable(plan), commission_per_deal(plan, economics))
    if at_multiplier_one is None:
        return None
    deals_at_quota = plan.monthly_quota * units_to_deals(kind, economics)
    return least_amount_paying(plan, at_multiplier_one, deals_at_quota)


def break_even_units(kind: str, plan: Plan, economics: Economics) -> Decimal | None:
    """Units a person needs a month to earn OTE (setters: meetings for those deals):
    monthly_quota × a* / 100, a* the least attainment that pays monthly_variable. All base: 0."""
    if monthly_variable(plan) == 0:
        return ZERO
    return divide(deals_for_ote(kind, plan, economics), units_to_deals(kind, economics))


def earnings_at_quota(kind: str, plan: Plan, economics: Economics) -> Decimal:
    """monthly_base + commission_per_deal × monthly_quota × units_to_deals × paid_points(100) / 100."""
    deals_at_quota = plan.monthly_quota * units_to_deals(kind, economics)
    curve_at_quota = paid_points(plan, HUNDRED) / HUNDRED
    return monthly_base(plan) + commission_per_deal(plan, economics) * deals_at_quota * curve_at_quota


def alignment_ratio(kind: str, plan: Plan, economics: Economics) -> Decimal | None:
    return divide(earnings_at_quota(kind, plan, economics), monthly_ote(plan))


def alignment(ratio: Decimal | None) -> str | None:
    """``aligned`` within 5% of OTE; ``unreachable`` below, ``overpays`` above."""
    if ratio is None:
        return None
    ratio = settle(ratio)
    if ratio < ALIGNED_LOW:
        return UNREACHABLE
    if ratio > ALIGNED_HIGH:
        return OVERPAYS
    return ALIGNED


def alignment_reason(
    kind: str,
    break_even: Decimal | None,
    quota: Decimal,
    ratio: Decimal | None = None,
    at_quota: Decimal | None = None,
    *,
    unit_earns: bool = True,
) -> str:
    """ "OTE needs 160 meetings a month; quota is 40", and for a plan that overpays what
    quota pays: "...; quota is 40 and pays $13,608 (200.1% of OTE)". ``unit_earns``: a unit
    earns some commission, so a missing break-even is the pay curve's doing."""
    if break_even is None and unit_earns:
        return "OTE cannot be reached: the pay curve's cap or zero multipliers stop commission short of it"
    if break_even is None:
        return f"OTE cannot be reached: a {UNIT_WORDS[kind][0]} earns no commission"
    needs = f"{format_units(break_even)} {unit_word(kind, break_even)}"
    reason = f"OTE needs {needs} a month; quota is {format_units(quota)}"
    if alignment(ratio) == OVERPAYS and at_quota is not None:
        reason += f" and pays {format_money(at_quota)} ({format_percent(ratio * HUNDRED)} of OTE)"
    return reason


def plan_figures(kind: str, plan: Plan, economics: Economics) -> PlanFigures:
    check_kind(kind)
    ratio = alignment_ratio(kind, plan, economics)
    break_even = break_even_units(kind, plan, economics)
    at_quota = earnings_at_quota(kind, plan, economics)
    unit_earns = commission_per_deal(plan, economics) * units_to_deals(kind, economics) > 0
    return PlanFigures(
        kind=kind,
        monthly_ote=monthly_ote(plan),
        monthly_base=monthly_base(plan),
        monthly_variable=monthly_variable(plan),
        monthly_quota=plan.monthly_quota,
        required_pay_per_unit=required_pay_per_unit(plan),
        commission_per_deal=commission_per_deal(plan, economics),
        deals_for_ote=deals_for_ote(kind, plan, economics),
        break_even_units=break_even,
        earnings_at_quota=at_quota,
        alignment_ratio=ratio,
        alignment=alignment(ratio),
        alignment_reason=alignment_reason(kind, break_even, plan.monthly_quota, ratio, at_quota, unit_earns=unit_earns),
        fixes=plan_fixes(kind, plan, economics),
        clawback_months=plan.clawback_months,
        commission_rate=plan.commission_rate,
    )


# --- Plan fixes ----------------------------------------------------------------------------


def _curve_at_quota(kind: str, plan: Plan, economics: Economics) -> Decimal:
    """units_to_deals × paid_points(100) / 100: credited deals per unit at quota, through the curve."""
    return units_to_deals(kind, economics) * paid_points(plan, HUNDRED) / HUNDRED


def aligned_commission_rate(kind: str, plan: Plan, economics: Economics) -> Decimal | None:
    pays = economics.upfront_per_deal * plan.monthly_quota * _curve_at_quota(kind, plan, economics)
    rate = divide(monthly_variable(plan), pays)
    return rate if rate is not None and 0 <= rate <= 1 else None


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
