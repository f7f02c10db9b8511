"""One month: its roles, the month's figures, recommendations, insights and clawbacks."""

from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import HUNDRED, ZERO, ceil, div, mean, settled
from .roles import Role, build_role, close_rate_for, show_rate_for
from .workspace import CLOSER, MANAGER, SETTER, Deal, Workspace, month_index


@dataclass
class Clawback:
    person: str
    deal: Deal
    amount: Decimal  # negative


@dataclass
class Month:
    month: str
    economics: dict
    roles: list[Role]
    deals: list[Deal]
    recorded_revenue: Decimal | None
    clawbacks: list[Clawback] = field(default_factory=list)

    @property
    def counting(self) -> list[Role]:
        return [role for role in self.roles if role.counts]

    def of_kind(self, kind: str) -> list[Role]:
        return [role for role in self.counting if role.kind == kind]

    @property
    def upfront(self) -> Decimal:
        return self.economics["deal_value"] * self.economics["upfront_rate"]

    @property
    def total_ote(self) -> Decimal:
        return sum((r.team_ote for r in self.counting), ZERO)

    @property
    def total_actual(self) -> Decimal:
        return sum((r.team_earnings for r in self.counting), ZERO)

    @property
    def revenue(self) -> Decimal:
        if self.recorded_revenue is not None:
            return self.recorded_revenue
        if self.deals:
            return sum((d.upfront for d in self.deals if d.counts), ZERO)
        return sum((r.credited_deals for r in self.of_kind(CLOSER)), ZERO) * self.upfront

    @property
    def deal_capacity(self) -> Decimal:
        return sum((r.team_quota for r in self.of_kind(CLOSER)), ZERO)

    def setter_rows(self) -> list[tuple]:
        return [row for role in self.of_kind(SETTER) for row in role.assumption_rows()]

    @property
    def measured_close_rate(self) -> Decimal | None:
        return close_rate_for(self.setter_rows())

    @property
    def measured_show_rate(self) -> Decimal | None:
        return show_rate_for(self.setter_rows())

    def summary(self) -> dict:
        total_ote, total_actual, revenue = self.total_ote, self.total_actual, self.revenue
        pct_of_revenue = settled(div(total_ote * HUNDRED, revenue))
        target = self.economics["target_ote_pct_of_revenue"]
        if pct_of_revenue is None:
            efficiency = None
        elif pct_of_revenue <= target:
            efficiency = "efficient"
        else:
            efficiency = "moderate" if pct_of_revenue <= target + 10 else "high"
        closers_credit = sum((r.credited_deals for r in self.of_kind(CLOSER)), ZERO)
        return {
            "total_ote": total_ote,
            "total_actual": total_actual,
            "ote_gap": total_actual - total_ote,
            "team_avg_attainment_pct": mean([r.ote_attainment_pct for r in self.counting]),
            "team_ote_attainment_pct": div(total_actual * HUNDRED, total_ote),
            "revenue": revenue,
            "revenue_per_ote_dollar": div(revenue, total_ote),
            "ote_pct_of_revenue": pct_of_revenue,
            "deal_capacity": self.deal_capacity,
            "capacity_utilization_pct": div(closers_credit * HUNDRED, self.deal_capacity),
            "efficiency": efficiency,
        }

    def setter_capacity(self) -> dict | None:
        setters = self.of_kind(SETTER)
        if not setters:
            return None
        rates = self.economics["show_rate"] * self.economics["close_rate"]
        needed = div(self.deal_capacity, rates)
        supplied = sum((r.team_quota for r in setters), ZERO)
        booked = sum((r.units for r in setters), ZERO)
        coverage = None if needed is None else div(supplied * HUNDRED, needed)
        found = {"meetings_needed": needed, "meetings_supplied": supplied, "coverage_pct": coverage}
        if needed is None:
            found["setters_to_add"] = None
        elif coverage is not None and settled(coverage) < 90:
            average = sum((r.full_quota_total for r in setters), ZERO) / sum(r.headcount for r in setters)
            found["setters_to_add"] = ceil((needed - supplied) / average)
        found["meetings_booked"] = booked
        found["booked_coverage_pct"] = None if needed is None else div(booked * HUNDRED, needed)
        return found

    def assumptions(self) -> dict:
        show, close = self.measured_show_rate, self.measured_close_rate
        assumed_show = self.economics["show_rate"] * HUNDRED
        assumed_close = self.economics["close_rate"] * HUNDRED
        drift = any(
            actual is not None and settled(abs(actual - assumed)) > assumed / 4
            for actual, assumed in ((show, assumed_show), (close, assumed_close))
        )
        return {
            "show_rate_pct": {"assumed": assumed_show, "actual": show},
            "close_rate_pct": {"assumed": assumed_close, "actual": close},
            "drift": drift,
        }

    def recommendations(self, role: Role) -> list[tuple[str, Decimal | None]]:
        """(code, amount) in DOMAIN.md's order."""
        found: list[tuple[str, Decimal | None]] = []
        attainment = settled(role.quota_attainment_pct)
        if attainment < HUNDRED:
            if role.kind == CLOSER:
                found.append(("more_units", role.units_short_per_person))
                measured = self.measured_close_rate
                c = measured if measured is not None else self.economics["close_rate"] * HUNDRED
                per_person = role.units_per_person
                needed = None if per_person == 0 else c * (role.team_quota / role.headcount) / per_person
                found.append(("raise_close_rate", None if needed is None else needed - c))
            elif role.kind == SETTER:
                short = role.units_short_per_person
                found.append(("more_units", short))
                found.append(("more_marketing", short * role.headcount * self.economics["cost_per_meeting"]))
            elif role.kind == MANAGER:
                found.append(("improve_team", None))
        if attainment >= self.economics["exceeding_pct"]:
            found += [("raise_targets", None), ("scale_team", None)]
        if role.figures["alignment"] != "aligned":
            found.append(("fix_plan", role.figures["break_even_units"]))
        return found


class Computation:
    """Every month of a workspace, each computed once (a clawback reads its close month)."""

    def __init__(self, document: dict):
        self.workspace = Workspace(document)
        self._months: dict[str, Month] = {}

    def month(self, month: str) -> Month:
        if month not in self._months:
            self._months[month] = self._compute(month)
        return self._months[month]

    def _compute(self, month: str) -> Month:
        ws = self.workspace
        economics = ws.economics(month)
        holders, person_rows, actuals = ws.holders(month), ws.person_actuals(month), ws.role_actuals(month)
        deals = [d for d in ws.deals if d.close_month == month]
        roles = [
            build_role(
                name,
                kind,
                ws.plan(name, month),
                economics,
                holders.get(name, []),
                person_rows,
                actuals.get(name),
                deals,
            )
            for name, kind in ws.roles
        ]
        found = Month(month, economics, roles, deals, ws.revenue(month))
        found.clawbacks = self._clawbacks(month)
        return found

    def _clawbacks(self, month: str) -> list[Clawback]:
        """Each deal closed in m and cancelled in this later month c, from each person it paid
        in m whose plan of m has c − m ≤ clawback_months: minus that deal's share of their
        commission in m."""
        found = []
        for deal in self.workspace.deals:
            if deal.cancel_month != month or month_index(deal.close_month) >= month_index(month):
                continue
            closed = self.month(deal.close_month)
            elapsed = month_index(month) - month_index(deal.close_month)
            for role in closed.roles:
                if not role.counts or role.source != "deals":
                    continue
                for person in role.people:
                    if person.plan.clawback_months < elapsed:
                        continue
                    for line in person.lines:
                        if line.deal.id == deal.id:
                            found.append(Clawback(person.name, deal, -line.amount))
        return sorted(found, key=lambda c: (c.person, c.deal.id))
