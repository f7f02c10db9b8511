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

from performance.engine.arithmetic import ZERO, percent
from performance.engine.measures import credited_deals, status
from performance.engine.paycurve import commission, commission_bands
from performance.engine.plan import commission_per_deal, monthly_base, monthly_variable
from performance.engine.types import (
    ActualFigures,
    Economics,
    Id,
    PersonActual,
    PersonInput,
    PersonMetrics,
    Plan,
    RoleInput,
)
from performance.engine.vocabulary import SOURCE_PEOPLE

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


def person_quota(plan: Plan, factor: Decimal) -> Decimal:
    """monthly_quota × f."""
    return plan.monthly_quota * factor


def person_ote(plan: Plan, factor: Decimal) -> Decimal:
    """monthly_base + monthly_variable × f: a ramped person's monthly target."""
    return monthly_base(plan) + monthly_variable(plan) * factor


def person_quota_attainment_pct(units: Decimal, quota: Decimal) -> Decimal | None:
    """units / quota × 100, against the ramped quota."""
    return percent(units, quota)


def pay_attainment_pct(units: Decimal, plan: Plan) -> Decimal | None:
    """units / monthly_quota × 100, against the full quota: what the pay curve and cap see."""
    return percent(units, plan.monthly_quota)


def person_commission(plan: Plan, economics: Economics, deals: Decimal, pay_attainment: Decimal | None) -> Decimal:
    """commission(credited_deals, pay_attainment_pct) through the plan's curve."""
    return commission(commission_per_deal(plan, economics), deals, pay_attainment or ZERO, plan)


def person_earnings(actual: PersonActual, plan: Plan, commission_earned: Decimal) -> Decimal:
    """As recorded; else monthly_base + commission."""
    if actual.earnings is not None:
        return actual.earnings
    return monthly_base(plan) + commission_earned


def units_short(quota: Decimal, units: Decimal) -> Decimal:
    """max(0, quota − units)."""
    return max(ZERO, quota - units)


def person_metrics(kind: str, person: PersonInput, plan: Plan, economics: Economics) -> PersonMetrics:
    """One person's figures; ``rank`` is set by ``ranked``."""
    actual = person.actual
    assert actual is not None, "only people with numbers are measured"
    factor = ramp_factor(plan, person.tenure_month, person.ramp)
    quota, ote = person_quota(plan, factor), person_ote(plan, factor)
    deals = credited_deals(kind, actual, economics)
    attainment = person_quota_attainment_pct(actual.units, quota)
    pay_attainment = pay_attainment_pct(actual.units, plan)
    earned_commission = person_commission(plan, economics, deals, pay_attainment)
    earnings = person_earnings(actual, plan, earned_commission)
    return PersonMetrics(
        person_id=person.id,
        start=person.start,
        ramp=person.ramp,
        tenure_month=person.tenure_month,
        ramp_factor=factor,
        quota=quota,
        ote=ote,
        monthly_base=monthly_base(plan),
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
        ote_attainment_pct=percent(earnings, ote),
        gap=earnings - ote,
        units_short=units_short(quota, actual.units),
        bands=commission_bands(plan, commission_per_deal(plan, economics), deals, pay_attainment or ZERO),
        ramp_months=len(plan.ramp) if person.ramp else 0,
    )


def rank_order(items: Iterable[T], attainment: Callable[[T], Decimal | None]) -> list[tuple[int, T]]:
    """(rank, item), highest attainment first; equal attainment (unrounded) shares a rank and
    the next rank skips (1, 1, 3); equals keep the order they were given in (by name, as the
    loader gives people); unknown attainment comes last."""
    ordered = sorted(items, key=lambda item: (attainment(item) is None, -(attainment(item) or ZERO)))
    found: list[tuple[int, T]] = []
    for position, item in enumerate(ordered, start=1):
        tied = found and attainment(found[-1][1]) == attainment(item)
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


def people_recorded(role: RoleInput, economics: Economics) -> ActualFigures:
    """What the role's people recorded, summed: headcount = number of person actuals."""
    actuals = [person.actual for person in with_numbers(role) if person.actual is not None]
    held = [actual.meetings_held for actual in actuals if actual.meetings_held is not None]
    return ActualFigures(
        headcount=len(actuals),
        units=_total(actual.units for actual in actuals),
        credited_deals=_total(credited_deals(role.kind, actual, economics) for actual in actuals),
        credited_deals_estimated=any(actual.credited_deals is None for actual in actuals),
        meetings_held=_total(held) if held else None,
        earnings_estimated=any(actual.earnings is None for actual in actuals),
        source=SOURCE_PEOPLE,
    )


@dataclass(frozen=True)
class TeamFigures:
    """A role's quota, earnings and OTE for the month, from its people or its totals."""

    team_quota: Decimal
    team_earnings: Decimal
    team_ote: Decimal


def people_team_figures(people: Iterable[PersonMetrics]) -> TeamFigures:
    """Σ of the people's quota, earnings and OTE."""
    people = list(people)
    return TeamFigures(
        team_quota=_total(person.quota for person in people),
        team_earnings=_total(person.earnings for person in people),
        team_ote=_total(person.ote for person in people),
    )
