"""Pay curves: accelerator and decelerator bands, the cap, and what they do to commission.

DOMAIN.md's *Pay curves*: tiers are marginal, like income tax brackets, so each point of
attainment is paid at the multiplier of the band it falls in, up to the cap. With no tiers
and no cap there is one band from 0 at multiplier 1 and every function here reduces
exactly (not just to the cent) to the first table's formulas: ``paid_points(a)`` is ``a``,
``paid_points(a) / a`` is exactly 1, and commission is commission_per_deal × deals.

Attainment is in percent throughout (``a`` = 125 for 125% of quota).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from performance.engine.arithmetic import HUNDRED, ZERO, settle
from performance.engine.results import StatementBand
from performance.engine.types import Economics, Plan, Tier
from performance.engine.vocabulary import SETTER

ONE_BAND = (Tier(from_pct=ZERO, multiplier=Decimal(1)),)


@dataclass(frozen=True)
class Band:
    """A band of the curve as paid: ``to_pct`` is the next band's start or the cap, ``None``
    when open-ended."""

    from_pct: Decimal
    to_pct: Decimal | None
    multiplier: Decimal


def bands(plan: Plan) -> tuple[Band, ...]:
    """The plan's bands clipped at its cap; bands that start at or above the cap pay nothing
    and are left out. No tiers: one band from 0 at multiplier 1."""
    tiers = plan.tiers or ONE_BAND
    found = []
    for index, tier in enumerate(tiers):
        end = tiers[index + 1].from_pct if index + 1 < len(tiers) else None
        if plan.cap_pct is not None:
            if tier.from_pct >= plan.cap_pct:
                break
            end = plan.cap_pct if end is None else min(end, plan.cap_pct)
        found.append(Band(tier.from_pct, end, tier.multiplier))
    return tuple(found)


def points_in_band(band: Band, attainment: Decimal) -> Decimal:
    """Length of [from_pct, to_pct) ∩ [0, attainment]: the attainment points the band holds.
    Which bands the attainment reaches is decided on the settled attainment (an attainment of
    exactly 100 reached through a division that never ends puts no point above 100); the points
    themselves are the attainment's own, so nothing is lost to the settling."""
    settled = settle(attainment)
    if settled <= band.from_pct:
        return ZERO
    if band.to_pct is not None and settled >= band.to_pct:
        return band.to_pct - band.from_pct
    return attainment - band.from_pct


def paid_points(plan: Plan, attainment: Decimal) -> Decimal:
    """Σ multiplier × points in band, clipped at the cap; ``a`` itself without tiers or cap."""
    return sum((band.multiplier * points_in_band(band, attainment) for band in bands(plan)), ZERO)


def first_multiplier(plan: Plan) -> Decimal:
    """The multiplier of the band at 0 attainment (what commission pays at a = 0)."""
    return (plan.tiers or ONE_BAND)[0].multiplier


def through_curve(amount: Decimal, attainment: Decimal, plan: Plan) -> Decimal:
    """``amount`` paid through the curve at ``attainment`` % of the full quota: amount ×
    paid_points(a) / a, multiplied before dividing (an exact half cent stays one), and at a = 0
    the first band's multiplier. Below the cap without tiers it is ``amount`` itself, exactly."""
    if attainment == 0:
        return amount * first_multiplier(plan)
    paid = paid_points(plan, attainment)
    if settle(paid) == settle(attainment):
        return amount
    return amount * paid / attainment


def commission(commission_per_deal: Decimal, deals: Decimal, attainment: Decimal, plan: Plan) -> Decimal:
    """Commission on ``deals`` credited deals at ``attainment`` % of the full quota:
    commission_per_deal × d × paid_points(a) / a, and at a = 0 the first band's multiplier."""
    return through_curve(commission_per_deal * deals, attainment, plan)


def commission_on_revenue(plan: Plan, revenue: Decimal, attainment: Decimal) -> Decimal:
    """commission(R, a) = commission_rate × R × paid_points(a) / a (DOMAIN.md's *Deals*): on the
    credited revenue R; where deals give none, R = credited_deals × U and this is commission(d, a)."""
    return through_curve(plan.commission_rate * revenue, attainment, plan)


def units_to_deals(kind: str, economics: Economics) -> Decimal:
    """Credited deals per unit: 1 for closers and managers; show_rate × close_rate for setters."""
    return economics.deals_per_meeting if kind == SETTER else Decimal(1)


def least_amount_paying(plan: Plan, paid: Decimal, scale: Decimal) -> Decimal | None:
    """The least x with scale × paid_points(x / scale × 100) / 100 = ``paid``: the curve run
    backwards, in the units of ``scale`` (what 100% attainment is). ``None`` when no amount
    pays that much: the cap comes first, or the remaining bands pay 0.

    Walking the bands in ``scale``'s units, rather than in percent and converting back,
    keeps the answer exactly ``paid`` for a plan without tiers or cap."""
    if paid <= 0:
        return ZERO
    remaining = paid
    for band in bands(plan):
        low = scale * band.from_pct / HUNDRED
        if band.to_pct is None:
            return low + remaining / band.multiplier if band.multiplier > 0 else None
        band_pays = band.multiplier * (scale * band.to_pct / HUNDRED - low)
        if band.multiplier > 0 and band_pays >= remaining:
            return low + remaining / band.multiplier
        remaining -= band_pays
    return None


# --- A statement's commission, band by band -------------------------------------------


def commission_bands(plan: Plan, revenue: Decimal, pay_attainment_pct: Decimal) -> tuple[StatementBand, ...]:
    """The bands the pay attainment reaches (points > 0), clipped at the cap, each with its
    amount = commission_rate × R × multiplier × points in band / pay_attainment_pct; at
    attainment 0 the first band, with 0 points, carries commission(R, 0). The amounts add up
    to the commission (unrounded)."""
    if not bands(plan):
        return ()
    base = plan.commission_rate * revenue
    if pay_attainment_pct == 0:
        first = bands(plan)[0]
        return (StatementBand(first.from_pct, first.to_pct, ZERO, first.multiplier, base * first.multiplier),)
    found = []
    for band in bands(plan):
        points = points_in_band(band, pay_attainment_pct)
        if points > 0:
            amount = base * band.multiplier * points / pay_attainment_pct
            found.append(StatementBand(band.from_pct, band.to_pct, points, band.multiplier, amount))
    return tuple(found)
