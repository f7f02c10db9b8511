"""What the engine gives: plan figures, people's and roles' months, the month with its
summary and insights. Frozen dataclasses, ``Decimal`` throughout; the inputs are ``types``."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from otesite.lib.formatting import format_percent, format_units
from performance.engine.types import Clawback, Economics, Id
from performance.engine.vocabulary import COUNTING_STATUSES, SOURCE_DEALS, SOURCE_PEOPLE, SOURCE_ROLE, STATUS_LABELS

# --- Outputs --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanFixes:
    """The three single changes that would align a plan exactly, each keeping the rest of the
    plan; ``None`` where not computable or breaking a plan rule (``plan.plan_fixes``)."""

    aligned_commission_rate: Decimal | None
    aligned_monthly_quota: Decimal | None
    aligned_annual_ote: Decimal | None


@dataclass(frozen=True)
class PlanFigures:
    """What a plan means under the month's economics, per person and month."""

    kind: str
    monthly_ote: Decimal
    monthly_base: Decimal
    monthly_variable: Decimal
    monthly_quota: Decimal
    required_pay_per_unit: Decimal | None
    commission_per_deal: Decimal
    deals_for_ote: Decimal | None
    break_even_units: Decimal | None
    earnings_at_quota: Decimal
    alignment_ratio: Decimal | None
    alignment: str | None
    alignment_reason: str
    # For a plan that is not aligned: what would align it (None when aligned).
    fixes: PlanFixes | None = None
    clawback_months: int = 0
    commission_rate: Decimal = Decimal(0)


@dataclass(frozen=True)
class StatementBand:
    """One band of a person's commission: the points of pay attainment in it and what they
    pay; ``to_pct`` is the next band's start or the cap, ``None`` when open-ended."""

    from_pct: Decimal
    to_pct: Decimal | None
    points: Decimal
    multiplier: Decimal
    amount: Decimal


@dataclass(frozen=True)
class DealPay:
    """A counting deal on a person's statement: their share of it, the upfront revenue it
    credits them (``credit``), and its share of their commission (``amount``)."""

    deal_id: str
    closed_on: str
    share: Decimal
    credit: Decimal
    amount: Decimal


@dataclass(frozen=True)
class PersonMetrics:
    """One person's month in a role in people mode (DOMAIN.md's *People* and *Ramp*).

    ``quota`` and ``ote`` are ramped by ``ramp_factor``; pay is measured on
    ``pay_attainment_pct``, against the full quota. ``commission`` is always the computed
    one; ``earnings`` is the recorded figure when there is one. ``start`` and ``ramp`` are
    the assignment's, for the ramp curve's cohorts."""

    person_id: Id
    start: str
    ramp: bool
    tenure_month: int
    ramp_factor: Decimal
    quota: Decimal
    ote: Decimal
    base: Decimal  # monthly_base × proration: the base paid this month
    units: Decimal
    credited_deals: Decimal
    credited_deals_estimated: bool
    meetings_held: Decimal | None
    quota_attainment_pct: Decimal | None
    pay_attainment_pct: Decimal | None
    status: str
    commission: Decimal
    earnings: Decimal
    earnings_estimated: bool
    ote_attainment_pct: Decimal | None
    gap: Decimal
    units_short: Decimal
    # The commission band by band over pay_attainment_pct, for the statement.
    bands: tuple[StatementBand, ...] = ()
    rank: int = 0
    # Active days / days in the month of the person's assignment (DOMAIN.md's *Days*); 1 for a whole month.
    proration: Decimal = Decimal(1)
    # How many months the plan in force ramps a new person (its ramp's length); 0 when this
    # assignment does not ramp. With tenure_month: "ramping, month 2 of 3".
    ramp_months: int = 0
    # R: the upfront revenue commission is paid on (deals' credit, else credited_deals × U).
    credited_revenue: Decimal = Decimal(0)
    # In a month kept by deals: each counting deal with its share of the commission.
    deals: tuple[DealPay, ...] = ()
    # The assignment's active days and the month's days, when it covers part of the month.
    active_days: int | None = None
    days_in_month: int | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class ActualFigures:
    """A role's actual, as role totals or summed from its people (``source``); the
    performance fields are ``None`` unless the role counts."""

    headcount: int
    units: Decimal
    credited_deals: Decimal
    credited_deals_estimated: bool
    meetings_held: Decimal | None
    units_per_person: Decimal | None = None
    quota_attainment_pct: Decimal | None = None
    team_earnings: Decimal | None = None
    earnings_estimated: bool = True
    earnings_per_person: Decimal | None = None
    ote_attainment_pct: Decimal | None = None
    team_ote: Decimal | None = None
    gap_per_person: Decimal | None = None
    team_gap: Decimal | None = None
    units_short_per_person: Decimal | None = None
    team_quota: Decimal | None = None
    source: str = SOURCE_ROLE
    credited_revenue: Decimal | None = None  # in a month kept by deals: Σ of the people's
    # The computed pay's parts (h × monthly_base, or Σ of the people's bases; the commission).
    team_base: Decimal | None = None
    team_commission: Decimal | None = None

    @property
    def from_people(self) -> bool:
        return self.source in (SOURCE_PEOPLE, SOURCE_DEALS)


@dataclass(frozen=True)
class Recommendation:
    code: str
    amount: Decimal | None
    text: str


@dataclass(frozen=True)
class RoleMetrics:
    role_id: Id
    role: str  # the role's name, for sentences
    kind: str
    status: str
    plan: PlanFigures | None
    actual: ActualFigures | None
    recommendations: list[Recommendation] = field(default_factory=list)
    # People mode: the people with numbers, by rank then as given; the ids of those assigned
    # without numbers, as given (they count nowhere).
    people: tuple[PersonMetrics, ...] = ()
    missing_people: tuple[Id, ...] = ()

    @property
    def counts(self) -> bool:
        """Only roles with a plan, an actual and people count in totals and insights."""
        return self.status in COUNTING_STATUSES

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class MonthSummary:
    total_ote: Decimal
    total_actual: Decimal
    ote_gap: Decimal
    team_avg_attainment_pct: Decimal | None
    team_ote_attainment_pct: Decimal | None
    revenue: Decimal
    revenue_derived: bool
    revenue_per_ote_dollar: Decimal | None
    ote_pct_of_revenue: Decimal | None
    efficiency: str | None
    deal_capacity: Decimal
    capacity_utilization_pct: Decimal | None
    # The inputs behind capacity, for charts and the board: closers' credited deals
    # (deals closed) and the people in the roles that count.
    deals_closed: Decimal
    headcount: int


@dataclass(frozen=True)
class EfficiencyCheck:
    """OTE as a share of revenue against the target (moderate up to target + 10)."""

    efficiency: str | None
    ote_pct_of_revenue: Decimal | None
    target_pct: Decimal
    moderate_limit_pct: Decimal

    @property
    def text(self) -> str:
        if self.efficiency is None:
            return "OTE as a share of revenue is n/a: there is no revenue this month"
        share = format_percent(self.ote_pct_of_revenue)
        target = format_percent(self.target_pct)
        return f"OTE is {share} of revenue (target {target}): {self.efficiency}"


@dataclass(frozen=True)
class SetterCapacity:
    """Meetings the closers' quota needs against what the setters' quota supplies."""

    meetings_needed: Decimal | None  # None with a show or close rate of 0
    meetings_supplied: Decimal
    coverage_pct: Decimal | None
    setters_to_add: int | None
    # What the setters actually booked, against the same need.
    meetings_booked: Decimal
    booked_coverage_pct: Decimal | None

    @property
    def text(self) -> str:
        supplied = format_units(self.meetings_supplied)
        if self.meetings_needed is None:
            return (
                f"Setters' quota supplies {supplied} meetings a month; what the closers' quota needs is n/a: "
                "the show or close rate is 0"
            )
        needed = format_units(self.meetings_needed)
        sentence = (
            f"Closers' quota needs {needed} meetings a month; setters' quota supplies "
            f"{supplied} ({format_percent(self.coverage_pct)})"
        )
        if self.setters_to_add:
            plural = "setter" if self.setters_to_add == 1 else "setters"
            sentence += f": add {self.setters_to_add} {plural} at current quota"
        return sentence


@dataclass(frozen=True)
class RateCheck:
    """A business assumption (percent) against what the month measured (``None``: not
    measured, too little was recorded)."""

    assumed: Decimal
    actual: Decimal | None
    drifted: bool


@dataclass(frozen=True)
class AssumptionCheck:
    """The show and close rates the setters' records measure, against the assumptions."""

    show_rate_pct: RateCheck
    close_rate_pct: RateCheck

    @property
    def drift(self) -> bool:
        return self.show_rate_pct.drifted or self.close_rate_pct.drifted

    @property
    def text(self) -> str:
        """ "Setters' meetings show 55.6% of the time; the assumptions say 25.0%: update the
        business assumptions", or that they hold."""
        found = []
        if self.show_rate_pct.drifted:
            found.append(f"setters' meetings show {_shown(self.show_rate_pct)}")
        if self.close_rate_pct.drifted:
            found.append(f"held meetings close {_shown(self.close_rate_pct)}")
        if not found:
            measured = [rate for rate in (self.show_rate_pct, self.close_rate_pct) if rate.actual is not None]
            if not measured:
                return "Too little was recorded this month to check the show and close rates"
            return "The show and close rates recorded this month agree with the business assumptions"
        sentence = "; ".join(found)
        return sentence[0].upper() + sentence[1:] + ": update the business assumptions"


def _shown(rate: RateCheck) -> str:
    return f"{format_percent(rate.actual)} of the time; the assumptions say {format_percent(rate.assumed)}"


@dataclass(frozen=True)
class MissingPeople:
    """People assigned to a role in people mode who have no numbers this month (their ids)."""

    role_id: Id
    role: str
    people: tuple[Id, ...]


@dataclass(frozen=True)
class Insights:
    gaps: list[RoleMetrics]
    efficiency: EfficiencyCheck
    setter_capacity: SetterCapacity | None
    assumptions: AssumptionCheck
    missing_people: list[MissingPeople] = field(default_factory=list)


@dataclass(frozen=True)
class MonthMetrics:
    month: str
    economics: Economics
    summary: MonthSummary
    roles: list[RoleMetrics]
    insights: Insights
    close_rate_pct: Decimal | None
    # A month with at least one deal (counting or not) is kept by deals: every role in people mode.
    kept_by_deals: bool = False
    # Deals closed in earlier months, cancelled this month within their window: taken back here.
    clawbacks: tuple[Clawback, ...] = ()
