"""A role's month: role totals, people mode or a month kept by deals (DOMAIN.md: Formulas,
People, Deals)."""

from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import HUNDRED, ZERO, dec, div
from .people import Person, estimated_credit, from_actual, from_deals, plan_figures, rank, status_of
from .workspace import SETTER, Deal, Holder, Plan

COUNTING = ("on_target", "near", "below")


@dataclass
class Role:
    name: str
    kind: str
    plan: Plan | None
    figures: dict | None
    status: str
    source: str | None = None  # "role", "people" or "deals" when the role has data
    people: list[Person] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    headcount: int = 0
    units: Decimal = ZERO
    credited_deals: Decimal = ZERO
    meetings_held: Decimal | None = None  # role totals only
    credit_recorded: bool = False  # role totals only
    team_quota: Decimal = ZERO
    team_ote: Decimal = ZERO
    team_earnings: Decimal = ZERO
    earnings_recorded: bool = False
    base_total: Decimal = ZERO
    commission_total: Decimal = ZERO

    @property
    def counts(self) -> bool:
        return self.status in COUNTING

    @property
    def quota_attainment_pct(self) -> Decimal:
        return self.units * HUNDRED / self.team_quota

    @property
    def units_per_person(self) -> Decimal:
        return self.units / self.headcount

    @property
    def earnings_per_person(self) -> Decimal:
        return self.team_earnings / self.headcount

    @property
    def ote_attainment_pct(self) -> Decimal:
        return self.team_earnings * HUNDRED / self.team_ote

    @property
    def team_gap(self) -> Decimal:
        return self.team_earnings - self.team_ote

    @property
    def gap_per_person(self) -> Decimal:
        return self.team_gap / self.headcount

    @property
    def units_short_per_person(self) -> Decimal:
        return max(ZERO, self.team_quota / self.headcount - self.units_per_person)

    @property
    def credited_revenue(self) -> Decimal:
        return sum((p.credited_revenue for p in self.people), ZERO)

    @property
    def full_quota_total(self) -> Decimal:
        """Σ h × monthly_quota: the setters' average full quota's numerator."""
        return self.headcount * self.plan.monthly_quota

    def assumption_rows(self) -> list[tuple[Decimal, Decimal | None, Decimal, bool]]:
        """(units, meetings_held, credited_deals, credited recorded) of each counting setter."""
        if self.source == "role":
            return [(self.units, self.meetings_held, self.credited_deals, self.credit_recorded)]
        return [(p.units, p.meetings_held, p.credited_deals, p.credit_recorded) for p in self.people]


def build_role(
    name: str,
    kind: str,
    plan: Plan | None,
    economics: dict,
    holders: list[Holder],
    person_rows: dict[str, dict],
    actual: dict | None,
    deals: list[Deal],
) -> Role:
    figures = None if plan is None else plan_figures(plan, kind, economics)
    role = Role(name, kind, plan, figures, status="no_data")
    deals_month = bool(deals)
    with_actual = [h for h in holders if h.name in person_rows]
    if deals_month:
        counted = with_actual if kind == SETTER else list(holders)
        role.source = "deals" if counted else None
    elif with_actual:
        counted, role.source = with_actual, "people"
    else:
        counted, role.source = [], "role" if actual is not None else None
    if role.source is None:
        return role
    if plan is None:
        role.status = "no_plan"
        _totals_without_plan(role, counted, person_rows, actual, economics)
        return role
    if role.source == "role":
        _role_totals(role, plan, actual, economics)
    else:
        people = [
            from_actual(h, kind, plan, person_rows[h.name], economics, deals_month) if h in with_actual else None
            for h in counted
        ]
        if deals_month:
            people = [from_deals(p, h, kind, plan, deals, economics) for p, h in zip(people, counted, strict=True)]
        for person in people:
            person.status = status_of(person.quota_attainment_pct, economics)
        role.people = rank(people)
        role.missing = sorted(h.name for h in holders if h not in counted)
        _people_totals(role)
    if role.headcount == 0:
        role.status = "no_headcount"
    else:
        role.status = status_of(role.quota_attainment_pct, economics)
    return role


def _role_totals(role: Role, plan: Plan, actual: dict, economics: dict) -> None:
    role.headcount = int(actual["headcount"])
    role.units = dec(actual["units"])
    role.meetings_held = dec(actual.get("meetings_held"))
    recorded = dec(actual.get("credited_deals"))
    role.credit_recorded = recorded is not None
    role.credited_deals = (
        recorded if recorded is not None else estimated_credit(role.kind, role.units, role.meetings_held, economics)
    )
    role.team_quota = role.headcount * plan.monthly_quota
    role.team_ote = role.headcount * plan.monthly_ote
    if role.headcount == 0:
        return
    role.base_total = role.headcount * plan.monthly_base
    per_deal = economics["deal_value"] * economics["upfront_rate"] * plan.commission_rate
    role.commission_total = plan.curve.pay(per_deal * role.credited_deals, role.quota_attainment_pct)
    earnings = dec(actual.get("earnings"))
    role.earnings_recorded = earnings is not None
    role.team_earnings = earnings if earnings is not None else role.base_total + role.commission_total


def _people_totals(role: Role) -> None:
    people = role.people
    role.headcount = len(people)
    role.units = sum((p.units for p in people), ZERO)
    role.credited_deals = sum((p.credited_deals for p in people), ZERO)
    role.team_quota = sum((p.quota for p in people), ZERO)
    role.team_ote = sum((p.ote for p in people), ZERO)
    role.team_earnings = sum((p.earnings for p in people), ZERO)
    role.base_total = sum((p.base for p in people), ZERO)
    role.commission_total = sum((p.commission for p in people), ZERO)


def _totals_without_plan(role: Role, counted: list[Holder], person_rows, actual, economics) -> None:
    """A role with data but no plan: what its actual says, nothing that needs a plan."""
    if role.source == "role":
        role.headcount = int(actual["headcount"])
        role.units = dec(actual["units"])
        recorded = dec(actual.get("credited_deals"))
        held = dec(actual.get("meetings_held"))
        role.credited_deals = (
            recorded if recorded is not None else estimated_credit(role.kind, role.units, held, economics)
        )
        return
    rows = [person_rows[h.name] for h in counted if h.name in person_rows]
    role.headcount = len(counted)
    role.units = sum((dec(r["units"]) for r in rows), ZERO)


def close_rate_for(rows: list[tuple]) -> Decimal | None:
    """Σ credited / Σ meetings held over those that recorded both, when Σ held ≥ 20."""
    both = [(held, credit) for _, held, credit, recorded in rows if held is not None and recorded]
    held = sum((h for h, _ in both), ZERO)
    return div(sum((c for _, c in both), ZERO) * HUNDRED, held) if held >= 20 else None


def show_rate_for(rows: list[tuple]) -> Decimal | None:
    """Σ meetings held / Σ units over those that recorded meetings held, when Σ units ≥ 20."""
    measured = [(units, held) for units, held, _, _ in rows if held is not None]
    units = sum((u for u, _ in measured), ZERO)
    return div(sum((h for _, h in measured), ZERO) * HUNDRED, units) if units >= 20 else None
