"""A rep's self-service figures on /me/, from the engine's statements and the plan in force: the
next band of their pay curve and what it takes to reach it, the units still short of quota,
their year to date, and their plan as it reads. Pure (no database): the view hands in what the
loader and the engine gave it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from otesite.lib.formatting import format_percent
from performance import engine
from performance.engine.paycurve import bands

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class NextBand:
    """The first band of the curve above the pay attainment: where it starts (% of the full
    quota), what it pays, and how many more units reach it this month."""

    from_pct: Decimal
    multiplier: Decimal
    units_to_reach: Decimal


def next_band(plan: engine.Plan, units: Decimal) -> NextBand | None:
    """None when the attainment is in the last band already, or the cap comes first."""
    if plan.monthly_quota <= 0:
        return None
    attainment = units * HUNDRED / plan.monthly_quota
    for band in bands(plan):
        if band.from_pct > attainment:
            return NextBand(band.from_pct, band.multiplier, plan.monthly_quota * band.from_pct / HUNDRED - units)
    return None


def payable(statement: engine.Statement) -> Decimal:
    """What the statement pays: earnings + Σ clawbacks."""
    return statement.payable


@dataclass(frozen=True)
class YearToDate:
    year: int
    months: int
    earnings: Decimal
    payable: Decimal
    units: Decimal
    quota: Decimal

    @property
    def attainment_pct(self) -> Decimal | None:
        """Σ units ÷ Σ quota, as a range leaderboard measures it."""
        return engine.percent(self.units, self.quota)


def year_to_date(statements: list[engine.Statement], year: int) -> YearToDate:
    """The year's statements added up (a statement with no numbers, only clawbacks, adds its
    payable and no units or quota)."""
    chosen = [s for s in statements if s.month.startswith(f"{year}-")]
    return YearToDate(
        year=year,
        months=len(chosen),
        earnings=sum((s.earnings or ZERO for s in chosen), ZERO),
        payable=sum((payable(s) for s in chosen), ZERO),
        units=sum((s.units or ZERO for s in chosen), ZERO),
        quota=sum((s.quota or ZERO for s in chosen), ZERO),
    )


@dataclass(frozen=True)
class BandShown:
    from_pct: Decimal
    to_pct: Decimal | None
    multiplier: Decimal


@dataclass(frozen=True)
class PlanShown:
    """A plan as a rep reads it: rate, full monthly quota, bands (clipped at the cap), cap,
    ramp (the quota share of each first month) and the clawback window (0: no clawback)."""

    role: str
    commission_rate: Decimal
    monthly_quota: Decimal
    bands: tuple[BandShown, ...]
    cap_pct: Decimal | None
    ramp: tuple[Decimal, ...]
    clawback_months: int

    @property
    def ramp_text(self) -> str:
        """ "month 1: 50.0%, month 2: 75.0%", or "" without a ramp."""
        return ", ".join(f"month {i}: {format_percent(share * HUNDRED)}" for i, share in enumerate(self.ramp, 1))


def plan_shown(role: str, plan: engine.Plan) -> PlanShown:
    return PlanShown(
        role=role,
        commission_rate=plan.commission_rate,
        monthly_quota=plan.monthly_quota,
        bands=tuple(BandShown(band.from_pct, band.to_pct, band.multiplier) for band in bands(plan)),
        cap_pct=plan.cap_pct,
        ramp=tuple(plan.ramp),
        clawback_months=plan.clawback_months,
    )
