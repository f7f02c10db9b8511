"""A plan's figures, and one person's month (People, Pay curves, Days, Deals in DOMAIN.md)."""

from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import HUNDRED, ONE, ZERO, dec, div, settled
from .workspace import CLOSER, MANAGER, SETTER, Deal, Holder, Plan


def units_to_deals(kind: str, economics: dict) -> Decimal:
    return economics["show_rate"] * economics["close_rate"] if kind == SETTER else ONE


def plan_figures(plan: Plan, kind: str, economics: dict) -> dict:
    """The figures that judge a plan on the assumptions (U), whatever the month's deals."""
    upfront = economics["deal_value"] * economics["upfront_rate"]
    per_deal = upfront * plan.commission_rate
    to_deals = units_to_deals(kind, economics)
    at_quota = plan.monthly_base + per_deal * plan.monthly_quota * to_deals * plan.curve.paid_points(HUNDRED) / HUNDRED
    if plan.monthly_variable == 0:
        break_even = deals_for_ote = ZERO
    else:
        per_point = per_deal * plan.monthly_quota * to_deals
        points = div(plan.monthly_variable * HUNDRED, per_point)
        least = None if points is None else plan.curve.least_attainment(points)
        break_even = None if least is None else plan.monthly_quota * least / HUNDRED
        deals_for_ote = None if break_even is None else break_even * to_deals
    ratio = settled(at_quota / plan.monthly_ote)
    alignment = "aligned" if Decimal("0.95") <= ratio <= Decimal("1.05") else "unreachable" if ratio < 1 else "overpays"
    return {
        "monthly_ote": plan.monthly_ote,
        "monthly_base": plan.monthly_base,
        "monthly_variable": plan.monthly_variable,
        "monthly_quota": plan.monthly_quota,
        "required_pay_per_unit": plan.monthly_variable / plan.monthly_quota,
        "commission_per_deal": per_deal,
        "deals_for_ote": deals_for_ote,
        "break_even_units": break_even,
        "earnings_at_quota": at_quota,
        "alignment": alignment,
    }


def status_of(attainment: Decimal, economics: dict) -> str:
    attainment = settled(attainment)
    if attainment >= HUNDRED:
        return "on_target"
    return "near" if attainment >= economics["near_target_pct"] else "below"


def estimated_credit(kind: str, units: Decimal, meetings_held: Decimal | None, economics: dict) -> Decimal:
    """Credited deals when not recorded: closers and managers, their units; setters, meetings
    held × close rate, else units × show rate × close rate."""
    if kind != SETTER:
        return units
    if meetings_held is not None:
        return meetings_held * economics["close_rate"]
    return units * economics["show_rate"] * economics["close_rate"]


@dataclass
class DealLine:
    deal: Deal
    share: Decimal
    credit: Decimal
    amount: Decimal = ZERO


@dataclass
class Person:
    name: str
    role: str
    kind: str
    plan: Plan
    holder: Holder
    ramp_factor: Decimal
    units: Decimal
    credited_deals: Decimal
    credited_revenue: Decimal | None  # only in a month kept by deals
    revenue_for_pay: Decimal  # R
    meetings_held: Decimal | None
    credit_recorded: bool
    recorded_earnings: Decimal | None
    lines: list[DealLine] = field(default_factory=list)
    rank: int = 0
    status: str = ""

    @property
    def proration(self) -> Decimal:
        return Decimal(self.holder.active_days) / Decimal(self.holder.days)

    @property
    def quota(self) -> Decimal:
        return self.plan.monthly_quota * self.ramp_factor * self.holder.active_days / self.holder.days

    @property
    def ote(self) -> Decimal:
        target = self.plan.monthly_base + self.plan.monthly_variable * self.ramp_factor
        return target * self.holder.active_days / self.holder.days

    @property
    def base(self) -> Decimal:
        return self.plan.monthly_base * self.holder.active_days / self.holder.days

    @property
    def quota_attainment_pct(self) -> Decimal:
        return self.units * HUNDRED / self.quota

    @property
    def pay_attainment_pct(self) -> Decimal:
        return self.units * HUNDRED * self.holder.days / (self.plan.monthly_quota * self.holder.active_days)

    @property
    def pay_amount(self) -> Decimal:
        """commission_rate × R: what the curve scales."""
        return self.plan.commission_rate * self.revenue_for_pay

    @property
    def commission(self) -> Decimal:
        return self.plan.curve.pay(self.pay_amount, self.pay_attainment_pct)

    @property
    def earnings(self) -> Decimal:
        return self.recorded_earnings if self.recorded_earnings is not None else self.base + self.commission

    @property
    def ote_attainment_pct(self) -> Decimal:
        return self.earnings * HUNDRED / self.ote

    @property
    def gap(self) -> Decimal:
        return self.earnings - self.ote

    @property
    def units_short(self) -> Decimal:
        return max(ZERO, self.quota - self.units)

    def price_lines(self) -> None:
        """Each counting deal's share of the commission: rate × credit × paid_points(a) / a."""
        for line in self.lines:
            line.amount = self.plan.curve.pay(self.plan.commission_rate * line.credit, self.pay_attainment_pct)


def ramp_factor(plan: Plan, holder: Holder) -> Decimal:
    if holder.ramp and holder.tenure_month <= len(plan.ramp):
        return plan.ramp[holder.tenure_month - 1]
    return ONE


def from_actual(holder: Holder, kind: str, plan: Plan, row: dict, economics: dict, deals_month: bool) -> Person:
    """A person counted through their person actual (people mode, or a setter in a month kept
    by deals, whose units and meetings held come from it)."""
    units, held = dec(row["units"]), dec(row.get("meetings_held"))
    recorded = None if deals_month else dec(row.get("credited_deals"))
    credit = recorded if recorded is not None else estimated_credit(kind, units, held, economics)
    upfront = economics["deal_value"] * economics["upfront_rate"]
    return Person(
        name=holder.name,
        role=holder.role,
        kind=kind,
        plan=plan,
        holder=holder,
        ramp_factor=ramp_factor(plan, holder),
        units=units,
        credited_deals=credit,
        credited_revenue=None,
        revenue_for_pay=credit * upfront,
        meetings_held=held,
        credit_recorded=recorded is not None,
        recorded_earnings=None if deals_month else dec(row.get("earnings")),
    )


def from_deals(person: Person | None, holder: Holder, kind: str, plan: Plan, deals: list[Deal], economics) -> Person:
    """A person's month kept by deals: closers by their shares, the setter by the deals naming
    them, managers by every counting deal."""
    counting = [d for d in deals if d.counts]
    if kind == CLOSER:
        lines = [
            DealLine(d, share, share * d.upfront) for d in counting for who, share in d.closers if who == holder.name
        ]
    elif kind == SETTER:
        lines = [DealLine(d, ONE, d.upfront) for d in counting if d.setter == holder.name]
    else:
        lines = [DealLine(d, ONE, d.upfront) for d in counting]
    lines.sort(key=lambda line: (line.deal.closed_on, line.deal.id))
    revenue = sum((line.credit for line in lines), ZERO)
    if kind == CLOSER:
        units = sum((line.share for line in lines), ZERO)
    elif kind == MANAGER:
        units = Decimal(len(lines))
    else:
        units = person.units
    found = Person(
        name=holder.name,
        role=holder.role,
        kind=kind,
        plan=plan,
        holder=holder,
        ramp_factor=ramp_factor(plan, holder),
        units=units,
        credited_deals=units if kind != SETTER else Decimal(len(lines)),
        credited_revenue=revenue,
        revenue_for_pay=revenue,
        meetings_held=None if person is None else person.meetings_held,
        credit_recorded=True,
        recorded_earnings=None,
        lines=lines,
    )
    found.price_lines()
    return found


def rank(people: list[Person]) -> list[Person]:
    """Highest quota attainment first; equals share a rank, the next skips; equals by name."""
    ordered = sorted(people, key=lambda p: (-settled(p.quota_attainment_pct), p.name))
    for person in ordered:
        mine = settled(person.quota_attainment_pct)
        person.rank = 1 + sum(1 for other in ordered if settled(other.quota_attainment_pct) > mine)
    return ordered
