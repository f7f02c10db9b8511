"""A plan's payout curve: what one person earns in a month at each quota attainment, through
the plan's pay curve (tiers and cap), for the plans page's chart and the calculator.

For a person at full quota (no ramp) at attainment ``a`` % of monthly_quota:
units(a) = monthly_quota × a / 100, credited deals(a) = units(a) × units_to_deals, and
earnings(a) = monthly_base + commission(credited deals(a), a), the same ``commission`` that
pays people (``paycurve``). So earnings(100) is earnings_at_quota, and the curve is flat
beyond the cap. It is straight between the bands' starts and the cap, so those points are
added to the evenly spaced ones and a chart that joins the points draws it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from performance.engine.arithmetic import HUNDRED, ZERO, divide
from performance.engine.paycurve import bands, commission, units_to_deals
from performance.engine.plan import break_even_units, commission_per_deal, monthly_base, monthly_ote
from performance.engine.types import Economics, Plan

CURVE_TOP_PCT = Decimal(200)
CURVE_STEP_PCT = Decimal(10)


@dataclass(frozen=True)
class PayoutPoint:
    attainment_pct: Decimal
    units: Decimal
    earnings: Decimal


@dataclass(frozen=True)
class PayoutCurve:
    """The points, lowest attainment first, and what the chart marks: OTE (a level), quota
    (100%, where the curve pays earnings_at_quota) and break-even (the attainment paying OTE,
    ``None`` when none does)."""

    points: tuple[PayoutPoint, ...]
    monthly_ote: Decimal
    earnings_at_quota: Decimal
    break_even_pct: Decimal | None
    cap_pct: Decimal | None


def earnings_at_attainment(kind: str, plan: Plan, economics: Economics, attainment: Decimal) -> Decimal:
    """monthly_base + commission(monthly_quota × a / 100 × units_to_deals credited deals, a)."""
    units = plan.monthly_quota * attainment / HUNDRED
    deals = units * units_to_deals(kind, economics)
    return monthly_base(plan) + commission(commission_per_deal(plan, economics), deals, attainment, plan)


def attainment_points(plan: Plan, top: Decimal = CURVE_TOP_PCT, step: Decimal = CURVE_STEP_PCT) -> list[Decimal]:
    """0, step, 2 × step, … up to ``top``, with the plan's band starts and its cap in between."""
    found = {step * index for index in range(int(top / step) + 1)}
    for band in bands(plan):
        found.add(band.from_pct)
    if plan.cap_pct is not None:
        found.add(plan.cap_pct)
    return sorted(value for value in found if ZERO <= value <= top)


def payout_curve(kind: str, plan: Plan, economics: Economics, top: Decimal = CURVE_TOP_PCT) -> PayoutCurve:
    points = tuple(
        PayoutPoint(a, plan.monthly_quota * a / HUNDRED, earnings_at_attainment(kind, plan, economics, a))
        for a in attainment_points(plan, top)
    )
    break_even = break_even_units(kind, plan, economics)
    return PayoutCurve(
        points=points,
        monthly_ote=monthly_ote(plan),
        earnings_at_quota=earnings_at_attainment(kind, plan, economics, HUNDRED),
        break_even_pct=None if break_even is None else divide(break_even * HUNDRED, plan.monthly_quota),
        cap_pct=plan.cap_pct,
    )
