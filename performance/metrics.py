"""The metrics engine: every number of ``../shared/DOMAIN.md``, from plain data.

Plain dataclasses in (``Economics``, ``Plan``, ``Actual``, ``RoleInput``), plain
dataclasses out (``PlanFigures``, ``MonthMetrics``), ``Decimal`` throughout and no
Django import, so the admin, the screens, the exports and the tests all share one
definition of each number. Each formula is one small named function; a value that
would divide by zero is ``None`` ("n/a"), never an exception.

Choices where DOMAIN.md leaves room (also in the tests):
- A role with neither a plan nor an actual is ``no_plan``; a plan whose monthly_quota
  is not above zero is not usable either, so its role is ``no_plan`` too.
- ``improve_team`` names the counting closer or setter role with the lowest
  quota_attainment_pct (ties: the first created); managers are never candidates since
  the recommendation is addressed to a manager about the team below them.
- The month's close rate uses the closers' credited deals over the meetings_held of the
  setter roles that recorded them; recorded zero meetings held gives ``None``.
- ``fix_plan`` is given for ``unreachable`` and ``overpays`` plans; a plan with an
  OTE of zero has no alignment (``None``) and gets no ``fix_plan``.
- Setter capacity is ``None`` when show_rate * close_rate is zero or no setter role
  counts; ``setters_to_add`` closes the whole gap, at the counting setters' average
  quota per person.
- A role's ote_attainment_pct of ``None`` (OTE of zero) is left out of the team
  average and sorted last among the gaps.
- Metrics JSON follows the expected file: ``efficiency`` last in the summary,
  ``status`` after the last quota figure a role has, plan figures ``null`` for a
  role without a plan, and ``insights`` holding only ``setter_capacity`` (``null``
  when it cannot be computed); the gaps and efficiency check live on ``Insights``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from performance.formatting import (
    format_money,
    format_percent,
    format_units,
    quantize,
    quantize_money,
)

# --- Words ----------------------------------------------------------------------------

CLOSER, SETTER, MANAGER = "closer", "setter", "manager"
KINDS = (CLOSER, SETTER, MANAGER)
KIND_LABELS = {CLOSER: "Closer", SETTER: "Setter", MANAGER: "Manager"}

# What a role's units are, singular and plural, and who "one person" is.
UNIT_WORDS = {
    CLOSER: ("deal", "deals"),
    SETTER: ("meeting", "meetings"),
    MANAGER: ("team deal", "team deals"),
}
PERSON_WORDS = {CLOSER: "closer", SETTER: "setter", MANAGER: "manager"}

ON_TARGET, NEAR, BELOW = "on_target", "near", "below"
NO_DATA, NO_HEADCOUNT, NO_PLAN = "no_data", "no_headcount", "no_plan"
COUNTING_STATUSES = (ON_TARGET, NEAR, BELOW)
STATUS_LABELS = {
    ON_TARGET: "On target",
    NEAR: "Near target",
    BELOW: "Below target",
    NO_DATA: "No data",
    NO_HEADCOUNT: "No headcount",
    NO_PLAN: "No plan",
}

ALIGNED, UNREACHABLE, OVERPAYS = "aligned", "unreachable", "overpays"
ALIGNMENT_LABELS = {
    ALIGNED: "Aligned",
    UNREACHABLE: "Unreachable",
    OVERPAYS: "Overpays",
}
ALIGNED_LOW, ALIGNED_HIGH = Decimal("0.95"), Decimal("1.05")

EFFICIENT, MODERATE, HIGH = "efficient", "moderate", "high"
EFFICIENCY_LABELS = {EFFICIENT: "Efficient", MODERATE: "Moderate", HIGH: "High"}
MODERATE_MARGIN_PCT = Decimal(10)

MORE_UNITS = "more_units"
RAISE_CLOSE_RATE = "raise_close_rate"
MORE_MARKETING = "more_marketing"
IMPROVE_TEAM = "improve_team"
RAISE_TARGETS = "raise_targets"
SCALE_TEAM = "scale_team"
FIX_PLAN = "fix_plan"
RECOMMENDATION_CODES = (
    MORE_UNITS,
    RAISE_CLOSE_RATE,
    MORE_MARKETING,
    IMPROVE_TEAM,
    RAISE_TARGETS,
    SCALE_TEAM,
    FIX_PLAN,
)

SETTER_COVERAGE_TARGET_PCT = Decimal(90)

ZERO = Decimal(0)
HUNDRED = Decimal(100)
MONTHS_PER_YEAR = Decimal(12)


# --- Inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Economics:
    """Company-wide business assumptions in force for a month."""

    deal_value: Decimal
    upfront_rate: Decimal
    show_rate: Decimal
    close_rate: Decimal
    cost_per_meeting: Decimal
    target_ote_pct_of_revenue: Decimal = Decimal(20)
    near_target_pct: Decimal = Decimal(80)
    exceeding_pct: Decimal = Decimal(110)

    @property
    def upfront_per_deal(self) -> Decimal:
        """U = deal_value * upfront_rate: upfront revenue of one deal."""
        return self.deal_value * self.upfront_rate

    @property
    def deals_per_meeting(self) -> Decimal:
        """show_rate * close_rate: deals expected from one booked meeting."""
        return self.show_rate * self.close_rate


@dataclass(frozen=True)
class Plan:
    """A role's quota plan in force for a month (per person)."""

    annual_ote: Decimal
    monthly_quota: Decimal
    commission_rate: Decimal
    annual_base: Decimal = Decimal(0)


@dataclass(frozen=True)
class Actual:
    """What a whole role did in a month."""

    headcount: int
    units: Decimal
    credited_deals: Decimal | None = None
    meetings_held: Decimal | None = None
    earnings: Decimal | None = None


@dataclass(frozen=True)
class RoleInput:
    name: str
    kind: str
    plan: Plan | None
    actual: Actual | None


# --- Outputs --------------------------------------------------------------------------


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


@dataclass(frozen=True)
class ActualFigures:
    """A role's actual; the performance fields are ``None`` unless the role counts."""

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


@dataclass(frozen=True)
class Recommendation:
    code: str
    amount: Decimal | None
    text: str


@dataclass(frozen=True)
class RoleMetrics:
    role: str
    kind: str
    status: str
    plan: PlanFigures | None
    actual: ActualFigures | None
    recommendations: list[Recommendation] = field(default_factory=list)

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

    meetings_needed: Decimal
    meetings_supplied: Decimal
    coverage_pct: Decimal | None
    setters_to_add: int | None

    @property
    def text(self) -> str:
        needed = format_units(self.meetings_needed)
        supplied = format_units(self.meetings_supplied)
        sentence = (
            f"Closers' quota needs {needed} meetings a month; setters' quota supplies "
            f"{supplied} ({format_percent(self.coverage_pct)})"
        )
        if self.setters_to_add:
            plural = "setter" if self.setters_to_add == 1 else "setters"
            sentence += f": add {self.setters_to_add} {plural} at current quota"
        return sentence


@dataclass(frozen=True)
class Insights:
    gaps: list[RoleMetrics]
    efficiency: EfficiencyCheck
    setter_capacity: SetterCapacity | None


@dataclass(frozen=True)
class MonthMetrics:
    month: str
    economics: Economics
    summary: MonthSummary
    roles: list[RoleMetrics]
    insights: Insights
    close_rate_pct: Decimal | None


# --- Small arithmetic helpers ---------------------------------------------------------


def divide(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator / denominator; ``None`` when either is unknown or the divisor is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    ratio = divide(part, whole)
    return None if ratio is None else ratio * HUNDRED


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [value for value in values if value is not None]
    return divide(sum(known, ZERO), Decimal(len(known)))


# --- Plan formulas --------------------------------------------------------------------


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


def deals_for_ote(plan: Plan, economics: Economics) -> Decimal | None:
    """Credited deals a person needs a month to earn OTE (break-even)."""
    return divide(monthly_variable(plan), commission_per_deal(plan, economics))


def break_even_units(kind: str, plan: Plan, economics: Economics) -> Decimal | None:
    """Units a person needs a month to earn OTE (setters: meetings for those deals)."""
    deals = deals_for_ote(plan, economics)
    if kind == SETTER:
        return divide(deals, economics.deals_per_meeting)
    return deals


def deals_credited_per_unit(kind: str, economics: Economics) -> Decimal:
    """A closer's or manager's unit is a deal; a setter's meeting, show * close."""
    return economics.deals_per_meeting if kind == SETTER else Decimal(1)


def earnings_at_quota(kind: str, plan: Plan, economics: Economics) -> Decimal:
    deals_at_quota = plan.monthly_quota * deals_credited_per_unit(kind, economics)
    return monthly_base(plan) + commission_per_deal(plan, economics) * deals_at_quota


def alignment_ratio(kind: str, plan: Plan, economics: Economics) -> Decimal | None:
    return divide(earnings_at_quota(kind, plan, economics), monthly_ote(plan))


def alignment(ratio: Decimal | None) -> str | None:
    """``aligned`` within 5% of OTE; ``unreachable`` below, ``overpays`` above."""
    if ratio is None:
        return None
    if ratio < ALIGNED_LOW:
        return UNREACHABLE
    if ratio > ALIGNED_HIGH:
        return OVERPAYS
    return ALIGNED


def unit_word(kind: str, amount: Decimal | None = None) -> str:
    singular, plural = UNIT_WORDS[kind]
    return singular if amount is not None and quantize_money(amount) == 1 else plural


def alignment_reason(
    kind: str,
    break_even: Decimal | None,
    quota: Decimal,
    ratio: Decimal | None = None,
    at_quota: Decimal | None = None,
) -> str:
    """ "OTE needs 160 meetings a month; quota is 40", and for a plan that overpays what
    quota pays: "...; quota is 40 and pays $13,608 (200.1% of OTE)"."""
    if break_even is None:
        return f"OTE cannot be reached: a {UNIT_WORDS[kind][0]} earns no commission"
    needs = f"{format_units(break_even)} {unit_word(kind, break_even)}"
    reason = f"OTE needs {needs} a month; quota is {format_units(quota)}"
    if alignment(ratio) == OVERPAYS and at_quota is not None:
        reason += f" and pays {format_money(at_quota)} ({format_percent(ratio * HUNDRED)} of OTE)"
    return reason


def plan_figures(kind: str, plan: Plan, economics: Economics) -> PlanFigures:
    _check_kind(kind)
    ratio = alignment_ratio(kind, plan, economics)
    break_even = break_even_units(kind, plan, economics)
    return PlanFigures(
        kind=kind,
        monthly_ote=monthly_ote(plan),
        monthly_base=monthly_base(plan),
        monthly_variable=monthly_variable(plan),
        monthly_quota=plan.monthly_quota,
        required_pay_per_unit=required_pay_per_unit(plan),
        commission_per_deal=commission_per_deal(plan, economics),
        deals_for_ote=deals_for_ote(plan, economics),
        break_even_units=break_even,
        earnings_at_quota=earnings_at_quota(kind, plan, economics),
        alignment_ratio=ratio,
        alignment=alignment(ratio),
        alignment_reason=alignment_reason(
            kind, break_even, plan.monthly_quota, ratio, earnings_at_quota(kind, plan, economics)
        ),
    )


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown role kind {kind!r}; expected one of {', '.join(KINDS)}")


# --- Actual formulas ------------------------------------------------------------------


def credited_deals(kind: str, actual: Actual, economics: Economics) -> Decimal:
    """As recorded; else closer, manager: units; setter: meetings * show * close."""
    if actual.credited_deals is not None:
        return actual.credited_deals
    return actual.units * deals_credited_per_unit(kind, economics)


def status(quota_attainment: Decimal, economics: Economics) -> str:
    if quota_attainment >= HUNDRED:
        return ON_TARGET
    if quota_attainment >= economics.near_target_pct:
        return NEAR
    return BELOW


def team_earnings(actual: Actual, plan: Plan, deals: Decimal, economics: Economics) -> Decimal:
    """As recorded; else base for everyone plus commission on the credited deals."""
    if actual.earnings is not None:
        return actual.earnings
    base = actual.headcount * monthly_base(plan)
    return base + commission_per_deal(plan, economics) * deals


def quota_attainment_pct(per_person: Decimal | None, plan: Plan) -> Decimal | None:
    return percent(per_person, plan.monthly_quota)


def ote_attainment_pct(earned_per_person: Decimal | None, plan: Plan) -> Decimal | None:
    return percent(earned_per_person, monthly_ote(plan))


def team_ote(headcount: int, plan: Plan) -> Decimal:
    return headcount * monthly_ote(plan)


def units_short_per_person(quota: Decimal, per_person: Decimal) -> Decimal:
    return max(ZERO, quota - per_person)


def _role_status(role: RoleInput) -> str | None:
    """The status of a role that does not count, or ``None`` when it counts."""
    if role.plan is None or role.plan.monthly_quota <= 0:
        return NO_PLAN
    if role.actual is None:
        return NO_DATA
    if role.actual.headcount <= 0:
        return NO_HEADCOUNT
    return None


def _actual_figures(role: RoleInput, economics: Economics, *, counts: bool) -> ActualFigures | None:
    actual, plan = role.actual, role.plan
    if actual is None:
        return None
    deals = credited_deals(role.kind, actual, economics)
    recorded = ActualFigures(
        headcount=actual.headcount,
        units=actual.units,
        credited_deals=deals,
        credited_deals_estimated=actual.credited_deals is None,
        meetings_held=actual.meetings_held,
        earnings_estimated=actual.earnings is None,
    )
    if not counts or plan is None:
        return recorded
    per_person = actual.units / actual.headcount
    earned = team_earnings(actual, plan, deals, economics)
    earned_per_person = earned / actual.headcount
    role_team_ote = team_ote(actual.headcount, plan)
    return replace(
        recorded,
        units_per_person=per_person,
        quota_attainment_pct=quota_attainment_pct(per_person, plan),
        team_earnings=earned,
        earnings_per_person=earned_per_person,
        ote_attainment_pct=ote_attainment_pct(earned_per_person, plan),
        team_ote=role_team_ote,
        gap_per_person=earned_per_person - monthly_ote(plan),
        team_gap=earned - role_team_ote,
        units_short_per_person=units_short_per_person(plan.monthly_quota, per_person),
    )


# --- Recommendations ------------------------------------------------------------------


def raise_close_rate_points(
    close_rate_pct: Decimal | None, quota: Decimal, units_per_person: Decimal
) -> tuple[Decimal | None, Decimal | None]:
    """(needed close rate %, points to add) for a closer to reach quota from today's
    meetings: needed = c * monthly_quota / units_per_person."""
    if close_rate_pct is None:
        return None, None
    needed = divide(close_rate_pct * quota, units_per_person)
    if needed is None:
        return None, None
    return needed, needed - close_rate_pct


def more_marketing_amount(units_short: Decimal, headcount: int, economics: Economics) -> Decimal:
    return units_short * headcount * economics.cost_per_meeting


def _more_units(kind: str, units_short: Decimal) -> Recommendation:
    amount_text = f"{format_units(units_short)} more {unit_word(kind, units_short)}"
    return Recommendation(MORE_UNITS, units_short, f"Need {amount_text} per {PERSON_WORDS[kind]}")


def _raise_close_rate(close_rate_pct: Decimal | None, quota: Decimal, units_per_person: Decimal) -> Recommendation:
    needed, points = raise_close_rate_points(close_rate_pct, quota, units_per_person)
    if needed is None or points is None:
        text = "Raise the close rate: with no deals or meetings held it cannot be sized"
    else:
        text = (
            f"Raise the close rate from {format_percent(close_rate_pct)} to "
            f"{format_percent(needed)} (+{format_units(points)} points)"
        )
    return Recommendation(RAISE_CLOSE_RATE, points, text)


def _more_marketing(actual: ActualFigures, economics: Economics) -> Recommendation:
    units_short = actual.units_short_per_person or ZERO
    meetings = units_short * actual.headcount
    amount = more_marketing_amount(units_short, actual.headcount, economics)
    text = f"Increase marketing by {format_money(amount)} to add {format_units(meetings)} {unit_word(SETTER, meetings)}"
    return Recommendation(MORE_MARKETING, amount, text)


def _improve_team(weakest: RoleMetrics | None) -> Recommendation:
    if weakest is None or weakest.actual is None:
        return Recommendation(
            IMPROVE_TEAM,
            None,
            "Improve the team: no closer or setter results this month",
        )
    attainment = format_percent(weakest.actual.quota_attainment_pct)
    text = f"Improve the team: {weakest.role} have the lowest quota attainment ({attainment})"
    return Recommendation(IMPROVE_TEAM, None, text)


def _raise_targets_and_scale(role: str, attainment: Decimal) -> list[Recommendation]:
    shown = format_percent(attainment)
    return [
        Recommendation(RAISE_TARGETS, None, f"Raise targets: quota attainment is {shown}"),
        Recommendation(
            SCALE_TEAM,
            None,
            f"Scale the team: {role} deliver {shown} of quota; add people on this plan",
        ),
    ]


def _fix_plan(plan: PlanFigures) -> Recommendation:
    return Recommendation(FIX_PLAN, plan.break_even_units, f"Fix the plan: {plan.alignment_reason}")


def recommendations(
    role: RoleMetrics,
    economics: Economics,
    *,
    close_rate_pct: Decimal | None,
    weakest: RoleMetrics | None,
) -> list[Recommendation]:
    """Recommendations of a counting role, in DOMAIN.md's order.

    "Below quota" means quota_attainment_pct < 100, so ``near`` roles get them too.
    """
    plan, actual = role.plan, role.actual
    if not role.counts or plan is None or actual is None:
        return []
    attainment = actual.quota_attainment_pct
    per_person = actual.units_per_person
    units_short = actual.units_short_per_person
    assert attainment is not None
    assert per_person is not None
    assert units_short is not None
    found: list[Recommendation] = []
    if attainment < HUNDRED:
        if role.kind == CLOSER:
            found.append(_more_units(role.kind, units_short))
            found.append(_raise_close_rate(close_rate_pct, plan.monthly_quota, per_person))
        elif role.kind == SETTER:
            found.append(_more_units(role.kind, units_short))
            found.append(_more_marketing(actual, economics))
        else:
            found.append(_improve_team(weakest))
    if attainment >= economics.exceeding_pct:
        found.extend(_raise_targets_and_scale(role.role, attainment))
    if plan.alignment in (UNREACHABLE, OVERPAYS):
        found.append(_fix_plan(plan))
    return found


# --- The month ------------------------------------------------------------------------


def _sum(roles: Iterable[RoleMetrics], value: Callable[[RoleMetrics], Decimal]) -> Decimal:
    return sum((value(role) for role in roles), ZERO)


def _actual(role: RoleMetrics) -> ActualFigures:
    assert role.actual is not None
    return role.actual


def _plan(role: RoleMetrics) -> PlanFigures:
    assert role.plan is not None
    return role.plan


def _team_ote(role: RoleMetrics) -> Decimal:
    return _actual(role).team_ote or ZERO


def _team_earnings(role: RoleMetrics) -> Decimal:
    return _actual(role).team_earnings or ZERO


def _credited(role: RoleMetrics) -> Decimal:
    return _actual(role).credited_deals


def _people_quota(role: RoleMetrics) -> Decimal:
    """h * monthly_quota: what the role's quota asks of all its people."""
    return _actual(role).headcount * _plan(role).monthly_quota


def month_close_rate_pct(counting: list[RoleMetrics], economics: Economics) -> Decimal | None:
    """c: closers' credited deals / meetings held when setters recorded meetings_held,
    else the economics close rate, as a percentage."""
    recorded = [held for role in counting if role.kind == SETTER and (held := _actual(role).meetings_held) is not None]
    if not recorded:
        return economics.close_rate * HUNDRED
    closers = [role for role in counting if role.kind == CLOSER]
    return percent(_sum(closers, _credited), sum(recorded, ZERO))


def efficiency(ote_pct_of_revenue: Decimal | None, economics: Economics) -> str | None:
    if ote_pct_of_revenue is None:
        return None
    if ote_pct_of_revenue <= economics.target_ote_pct_of_revenue:
        return EFFICIENT
    if ote_pct_of_revenue <= economics.target_ote_pct_of_revenue + MODERATE_MARGIN_PCT:
        return MODERATE
    return HIGH


def setter_capacity(counting: list[RoleMetrics], economics: Economics) -> SetterCapacity | None:
    setters = [role for role in counting if role.kind == SETTER]
    closers = [role for role in counting if role.kind == CLOSER]
    needed = divide(_sum(closers, _people_quota), economics.deals_per_meeting)
    if needed is None or not setters:
        return None
    supplied = _sum(setters, _people_quota)
    coverage = percent(supplied, needed)
    to_add = None
    if coverage is not None and coverage < SETTER_COVERAGE_TARGET_PCT:
        setter_headcount = Decimal(sum(_actual(role).headcount for role in setters))
        quota_per_setter = supplied / setter_headcount
        to_add = math.ceil((needed - supplied) / quota_per_setter)
    return SetterCapacity(needed, supplied, coverage, to_add)


def _summary(counting: list[RoleMetrics], economics: Economics, revenue: Decimal | None) -> MonthSummary:
    total_ote = _sum(counting, _team_ote)
    total_actual = _sum(counting, _team_earnings)
    closers = [role for role in counting if role.kind == CLOSER]
    closer_deals = _sum(closers, _credited)
    revenue_derived = revenue is None
    month_revenue = closer_deals * economics.upfront_per_deal if revenue is None else revenue
    share = percent(total_ote, month_revenue)
    capacity = _sum(closers, _people_quota)
    return MonthSummary(
        total_ote=total_ote,
        total_actual=total_actual,
        ote_gap=total_actual - total_ote,
        team_avg_attainment_pct=mean(_actual(role).ote_attainment_pct for role in counting),
        team_ote_attainment_pct=percent(total_actual, total_ote),
        revenue=month_revenue,
        revenue_derived=revenue_derived,
        revenue_per_ote_dollar=divide(month_revenue, total_ote),
        ote_pct_of_revenue=share,
        efficiency=efficiency(share, economics),
        deal_capacity=capacity,
        capacity_utilization_pct=percent(closer_deals, capacity),
        deals_closed=closer_deals,
        headcount=sum(_actual(role).headcount for role in counting),
    )


def _gap_order(role: RoleMetrics) -> tuple[bool, Decimal]:
    attainment = _actual(role).ote_attainment_pct
    return (attainment is None, attainment if attainment is not None else ZERO)


def _weakest_team_role(counting: list[RoleMetrics]) -> RoleMetrics | None:
    candidates = [role for role in counting if role.kind != MANAGER]
    if not candidates:
        return None
    return min(candidates, key=lambda role: _actual(role).quota_attainment_pct or ZERO)


def _role_metrics(role: RoleInput, economics: Economics) -> RoleMetrics:
    _check_kind(role.kind)
    plan = plan_figures(role.kind, role.plan, economics) if role.plan is not None else None
    excluded = _role_status(role)
    actual = _actual_figures(role, economics, counts=excluded is None)
    if excluded is not None:
        return RoleMetrics(role.name, role.kind, excluded, plan, actual)
    assert actual is not None
    assert actual.quota_attainment_pct is not None
    return RoleMetrics(
        role.name,
        role.kind,
        status(actual.quota_attainment_pct, economics),
        plan,
        actual,
    )


def compute_month(
    month: str,
    economics: Economics,
    roles: list[RoleInput],
    revenue: Decimal | None = None,
) -> MonthMetrics:
    """Every number of one month. ``roles`` in creation order; ``revenue`` as recorded
    (even zero) or ``None`` to derive it from the closers' credited deals."""
    bare = [_role_metrics(role, economics) for role in roles]
    counting = [role for role in bare if role.counts]
    close_rate_pct = month_close_rate_pct(counting, economics)
    weakest = _weakest_team_role(counting)
    advised = [
        RoleMetrics(
            role.role,
            role.kind,
            role.status,
            role.plan,
            role.actual,
            recommendations(role, economics, close_rate_pct=close_rate_pct, weakest=weakest),
        )
        for role in bare
    ]
    counting = [role for role in advised if role.counts]
    summary = _summary(counting, economics, revenue)
    insights = Insights(
        gaps=sorted(counting, key=_gap_order),
        efficiency=EfficiencyCheck(
            efficiency=summary.efficiency,
            ote_pct_of_revenue=summary.ote_pct_of_revenue,
            target_pct=economics.target_ote_pct_of_revenue,
            moderate_limit_pct=economics.target_ote_pct_of_revenue + MODERATE_MARGIN_PCT,
        ),
        setter_capacity=setter_capacity(counting, economics),
    )
    return MonthMetrics(month, economics, summary, advised, insights, close_rate_pct)


# --- Metrics JSON ---------------------------------------------------------------------


def json_number(value: Decimal | None, places: int = 2) -> float | None:
    """A Decimal rounded half-up for the Metrics JSON; ``None`` stays null."""
    if value is None:
        return None
    number = float(quantize(value, places))
    return number if math.isfinite(number) else None


def _summary_json(summary: MonthSummary) -> dict[str, Any]:
    return {
        "total_ote": json_number(summary.total_ote),
        "total_actual": json_number(summary.total_actual),
        "ote_gap": json_number(summary.ote_gap),
        "team_avg_attainment_pct": json_number(summary.team_avg_attainment_pct),
        "team_ote_attainment_pct": json_number(summary.team_ote_attainment_pct),
        "revenue": json_number(summary.revenue),
        "revenue_per_ote_dollar": json_number(summary.revenue_per_ote_dollar, 4),
        "ote_pct_of_revenue": json_number(summary.ote_pct_of_revenue),
        "deal_capacity": json_number(summary.deal_capacity),
        "capacity_utilization_pct": json_number(summary.capacity_utilization_pct),
        "efficiency": summary.efficiency,
    }


PLAN_FIELDS = (
    "monthly_ote",
    "monthly_base",
    "monthly_variable",
    "monthly_quota",
    "required_pay_per_unit",
    "commission_per_deal",
    "deals_for_ote",
    "break_even_units",
    "earnings_at_quota",
)
EARNINGS_FIELDS = (
    "team_earnings",
    "earnings_per_person",
    "ote_attainment_pct",
    "team_ote",
    "gap_per_person",
    "team_gap",
    "units_short_per_person",
)


def _recommendation_json(recommendation: Recommendation, *, include_text: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": recommendation.code,
        "amount": json_number(recommendation.amount),
    }
    if include_text:
        data["text"] = recommendation.text
    return data


def _role_json(role: RoleMetrics, *, include_text: bool) -> dict[str, Any]:
    """Keys in the order of the expected file; ``status`` sits after the last
    quota figure the role has."""
    data: dict[str, Any] = {"role": role.role, "kind": role.kind}
    plan = role.plan
    for name in PLAN_FIELDS:
        data[name] = json_number(getattr(plan, name)) if plan is not None else None
    data["alignment"] = plan.alignment if plan is not None else None
    actual = role.actual
    if actual is not None:
        data["headcount"] = actual.headcount
        data["units"] = json_number(actual.units)
        data["credited_deals"] = json_number(actual.credited_deals)
    if actual is not None and role.counts:
        data["units_per_person"] = json_number(actual.units_per_person)
        data["quota_attainment_pct"] = json_number(actual.quota_attainment_pct)
    data["status"] = role.status
    if actual is not None and role.counts:
        for name in EARNINGS_FIELDS:
            data[name] = json_number(getattr(actual, name))
        data["recommendations"] = [
            _recommendation_json(item, include_text=include_text) for item in role.recommendations
        ]
    return data


def _setter_capacity_json(capacity: SetterCapacity | None) -> dict[str, Any] | None:
    if capacity is None:
        return None
    data: dict[str, Any] = {
        "meetings_needed": json_number(capacity.meetings_needed),
        "meetings_supplied": json_number(capacity.meetings_supplied),
        "coverage_pct": json_number(capacity.coverage_pct),
    }
    if capacity.coverage_pct is not None and capacity.coverage_pct < SETTER_COVERAGE_TARGET_PCT:
        data["setters_to_add"] = capacity.setters_to_add
    return data


def to_metrics_json(m: MonthMetrics, *, include_text: bool = True) -> dict[str, Any]:
    """DOMAIN.md's Metrics JSON for one month (``manage.py export_metrics``)."""
    return {
        "month": m.month,
        "summary": _summary_json(m.summary),
        "roles": [_role_json(role, include_text=include_text) for role in m.roles],
        "insights": {"setter_capacity": _setter_capacity_json(m.insights.setter_capacity)},
    }
