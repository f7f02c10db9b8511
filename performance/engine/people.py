"""People mode: a role's month person by person (DOMAIN.md's *People* and the ramp).

A role is in people mode in a month when it has person actuals. Each person is measured
against their ramped quota and OTE, and paid through the plan's curve on attainment of the
full quota. The role's figures are then the sums of its people's (``people_recorded`` for
what was recorded, ``people_team_figures`` for quota, earnings and OTE); people assigned
without numbers are listed as missing and count nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TypeVar

from performance.engine.arithmetic import HUNDRED, MONTHS_PER_YEAR, ZERO, settle
from performance.engine.measures import credited_deals, status
from performance.engine.paycurve import commission_bands, commission_on_revenue
from performance.engine.results import ActualFigures, DealPay, PersonMetrics
from performance.engine.types import Economics, Id, PersonActual, PersonInput, Plan, RoleInput
from performance.engine.vocabulary import SOURCE_DEALS, SOURCE_PEOPLE

ONE = Decimal(1)
T = TypeVar("T")


def ramp_factor(plan: Plan, tenure_month: int, ramp: bool) -> Decimal:
    """f = r_t of the plan in force in the month, when the assignment ramps and that plan's
    ramp has a t-th entry; else 1. A fraction outside (0, 1], which the plan rules refuse,
    is ignored rather than zeroing a quota."""
    if not ramp or not 1 <= tenure_month <= len(plan.ramp):
        return ONE
    fraction = plan.ramp[tenure_month - 1]
    return fraction if 0 < fraction <= 1 else ONE


def proration(person: PersonInput) -> Decimal:
    """p = active days / days in the month of the person's assignment; 1 for a whole month."""
    if person.active_days is None or person.days_in_month is None:
        return ONE
    return Decimal(person.active_days) / Decimal(person.days_in_month)


def _scaled(amount: Decimal, person: PersonInput) -> Decimal:
    """amount × p, multiplied before dividing: amount × active days / days in the month."""
    if person.active_days is None or person.days_in_month is None:
        return amount
    return amount * person.active_days / person.days_in_month


def person_quota(plan: Plan, factor: Decimal, person: PersonInput | None = None) -> Decimal:
    """monthly_quota × f × p."""
    quota = plan.monthly_quota * factor
    return quota if person is None else _scaled(quota, person)


def person_ote(plan: Plan, factor: Decimal, person: PersonInput | None = None) -> Decimal:
    """(monthly_base + monthly_variable × f) × p: a ramped, prorated person's monthly target,
    multiplied before dividing by 12 and by the month's days."""
    annual = plan.annual_base + (plan.annual_ote - plan.annual_base) * factor
    return (annual if person is None else _scaled(annual, person)) / MONTHS_PER_YEAR


def person_base(plan: Plan, person: PersonInput) -> Decimal:
    """monthly_base × p: the base paid for the month."""
    return _scaled(plan.annual_base, person) / MONTHS_PER_YEAR


def person_quota_attainment_pct(units: Decimal, quota: Decimal) -> Decimal | None:
    """units / quota × 100, against the ramped (and prorated) quota."""
    return None if quota == 0 else units * HUNDRED / quota


def pay_attainment_pct(units: Decimal, plan: Plan, person: PersonInput | None = None) -> Decimal | None:
    """units / (monthly_quota × p) × 100, against the full quota: what the pay curve and cap see."""
    if plan.monthly_quota == 0:
        return None
    if person is None or person.active_days is None or person.days_in_month is None:
        return units * HUNDRED / plan.monthly_quota
    return units * HUNDRED * person.days_in_month / (plan.monthly_quota * person.active_days)


def credited_revenue(actual: PersonActual, deals: Decimal, economics: Economics) -> Decimal:
    """R: what the deals credit the person, or where deals give none, credited_deals × U."""
    if actual.credited_revenue is not None:
        return actual.credited_revenue
    return deals * economics.upfront_per_deal


def person_earnings(actual: PersonActual, base: Decimal, commission_earned: Decimal) -> Decimal:
    """As recorded; else base (prorated) + commission."""
    if actual.earnings is not None:
        return actual.earnings
    return base + commission_earned


def units_short(quota: Decimal, units: Decimal) -> Decimal:
    """max(0, quota − units)."""
    return max(ZERO, quota - units)


def deal_pays(plan: Plan, actual: PersonActual, attainment: Decimal) -> tuple[DealPay, ...]:
    """Each counting deal's share of the person's commission: commission_rate × credit ×
    paid_points(a) / a (they sum to the commission)."""
    return tuple(
        DealPay(
            line.deal_id, line.closed_on, line.share, line.credit, commission_on_revenue(plan, line.credit, attainment)
        )
        for line in sorted(actual.deals, key=lambda line: (line.closed_on, line.deal_id))
    )


def person_metrics(kind: str, person: PersonInput, plan: Plan, economics: Economics) -> PersonMetrics:
    """One person's figures; ``rank`` is set by ``ranked``."""
    actual = person.actual
    assert actual is not None, "only people with numbers are measured"
    factor = ramp_factor(plan, person.tenure_month, person.ramp)
    quota, ote = person_quota(plan, factor, person), person_ote(plan, factor, person)
    deals = credited_deals(kind, actual, economics)
    revenue = credited_revenue(actual, deals, economics)
    attainment = person_quota_attainment_pct(actual.units, quota)
    pay_attainment = pay_attainment_pct(actual.units, plan, person)
    earned_commission = commission_on_revenue(plan, revenue, pay_attainment or ZERO)
    base = person_base(plan, person)
    earnings = person_earnings(actual, base, earned_commission)
    return PersonMetrics(
        person_id=person.id,
        start=person.start,
        ramp=person.ramp,
        tenure_month=person.tenure_month,
        ramp_factor=factor,
        quota=quota,
        ote=ote,
        base=base,
        units=actual.units,
        credited_deals=deals,
        credited_deals_estimated=actual.credited_deals is None,
        meetings_held=actual.meetings_held,
        quota_attainment_pct=attainment,
        pay_attainment_pct=pay_attainment,
        status=status(attainment if attainment is not None else ZERO, economics),
        commission=earned_commission,
        earnings=earnings,
        earnings_estimated=actual.earnings is None,
        ote_attainment_pct=None if ote == 0 else earnings * HUNDRED / ote,
        gap=earnings - ote,
        units_short=units_short(quota, actual.units),
        bands=commission_bands(plan, revenue, pay_attainment or ZERO),
        proration=proration(person),
        ramp_months=len(plan.ramp) if person.ramp else 0,
        credited_revenue=revenue,
        deals=deal_pays(plan, actual, pay_attainment or ZERO),
        active_days=person.active_days,
        days_in_month=person.days_in_month,
    )


def rank_order(items: Iterable[T], attainment: Callable[[T], Decimal | None]) -> list[tuple[int, T]]:
    """(rank, item), highest attainment first; equal attainment (unrounded) shares a rank and
    the next rank skips (1, 1, 3); equals keep the order they were given in (by name, as the
    loader gives people); unknown attainment comes last."""

    def key(item: T) -> Decimal | None:
        value = attainment(item)
        return None if value is None else settle(value)  # equal attainment through different divisions ties

    ordered = sorted(items, key=lambda item: (key(item) is None, -(key(item) or ZERO)))
    found: list[tuple[int, T]] = []
    for position, item in enumerate(ordered, start=1):
        tied = found and key(found[-1][1]) == key(item)
        found.append((found[-1][0] if tied else position, item))
    return found


def ranked(people: Iterable[PersonMetrics]) -> tuple[PersonMetrics, ...]:
    """The month leaderboard: people by rank then as given, each with its ``rank``."""
    order = rank_order(people, lambda person: person.quota_attainment_pct)
    return tuple(replace(person, rank=rank) for rank, person in order)


def in_people_mode(role: RoleInput) -> bool:
    """A role is kept person by person in a month when it has person actuals."""
    return any(person.actual is not None for person in role.people)


def with_numbers(role: RoleInput) -> list[PersonInput]:
    return [person for person in role.people if person.actual is not None]


def missing_people(role: RoleInput) -> tuple[Id, ...]:
    """People assigned to a role in people mode without numbers, as given; nobody otherwise."""
    if not in_people_mode(role):
        return ()
    return tuple(person.id for person in role.people if person.actual is None)


def people_metrics(role: RoleInput, economics: Economics) -> tuple[PersonMetrics, ...]:
    """Everyone with numbers, measured and ranked; nobody without a plan."""
    if role.plan is None:
        return ()
    return ranked(person_metrics(role.kind, person, role.plan, economics) for person in with_numbers(role))


def _total(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


def people_recorded(role: RoleInput, economics: Economics, source: str = SOURCE_PEOPLE) -> ActualFigures:
    """What the role's people recorded (or their deals credit), summed: headcount = the number
    of people counted."""
    actuals = [person.actual for person in with_numbers(role) if person.actual is not None]
    held = [actual.meetings_held for actual in actuals if actual.meetings_held is not None]
    by_deals = source == SOURCE_DEALS
    return ActualFigures(
        headcount=len(actuals),
        units=_total(actual.units for actual in actuals),
        credited_deals=_total(credited_deals(role.kind, actual, economics) for actual in actuals),
        credited_deals_estimated=any(actual.credited_deals is None for actual in actuals),
        meetings_held=_total(held) if held else None,
        earnings_estimated=any(actual.earnings is None for actual in actuals),
        source=source,
        credited_revenue=_total(actual.credited_revenue or ZERO for actual in actuals) if by_deals else None,
    )


@dataclass(frozen=True)
class TeamFigures:
    """A role's quota, earnings and OTE for the month, from its people or its totals."""

    team_quota: Decimal
    team_earnings: Decimal
    team_ote: Decimal
    # What the computed pay is made of (payroll's base and commission columns).
    team_base: Decimal = ZERO
    team_commission: Decimal = ZERO


def people_team_figures(people: Iterable[PersonMetrics]) -> TeamFigures:
    """Σ of the people's quota, earnings and OTE."""
    people = list(people)
    return TeamFigures(
        team_quota=_total(person.quota for person in people),
        team_earnings=_total(person.earnings for person in people),
        team_ote=_total(person.ote for person in people),
        team_base=_total(person.base for person in people),
        team_commission=_total(person.commission for person in people),
    )
