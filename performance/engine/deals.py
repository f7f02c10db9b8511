"""A month kept by deals, and clawbacks (DOMAIN.md's *Deals*).

A month with at least one deal (counting or not) is kept by deals: every role is in people
mode, and the deals say what each person is credited with:

- closers: everyone assigned to the role; units = credited deals = Σ their shares of the
  counting deals; credited revenue = Σ share × upfront;
- managers: everyone assigned; units = credited deals = the number of counting deals (the whole
  company is one team); credited revenue = Σ upfront of all counting deals;
- setters: who has a person actual (their meetings booked and held, as before); credited deals =
  the counting deals naming them; credited revenue = Σ upfront of those deals.

Recorded earnings are not taken for anyone: earnings are computed. Each person's ``deals`` lists
the counting deals with their share and credit, so each deal's share of the commission can be
shown (``people.deal_pays``).

A deal closed in month m and cancelled in a later month c is clawed back in c from each person
it paid in m whose plan in force in m has c − m ≤ clawback_months: minus that deal's share of
their commission in m, as m was computed (``clawbacks``, from m's metrics).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from performance.engine.arithmetic import ZERO
from performance.engine.results import MonthMetrics
from performance.engine.types import Clawback, DealInput, DealLine, Economics, Id, PersonActual, RoleInput
from performance.engine.vocabulary import CLOSER, MANAGER

ONE = Decimal(1)


def upfront(deal: DealInput, economics: Economics) -> Decimal:
    """The deal's upfront revenue: as recorded, else value × upfront_rate of the close month."""
    return deal.upfront if deal.upfront is not None else deal.value * economics.upfront_rate


def counting(deals: Iterable[DealInput], month: str) -> list[DealInput]:
    """The deals that count in ``month``: closed in it and not cancelled in it."""
    return [deal for deal in deals if deal.close_month == month and deal.counts]


def deals_revenue(deals: Iterable[DealInput], month: str, economics: Economics) -> Decimal:
    """Revenue of a month kept by deals (when not recorded): Σ upfront of its counting deals."""
    return sum((upfront(deal, economics) for deal in counting(deals, month)), ZERO)


def _closer_lines(deals: Sequence[DealInput], economics: Economics) -> dict[Id, list[DealLine]]:
    lines: dict[Id, list[DealLine]] = {}
    for deal in deals:
        paid = upfront(deal, economics)
        for closer in deal.closers:
            lines.setdefault(closer.person_id, []).append(
                DealLine(deal.id, deal.closed_on, closer.share, closer.share * paid)
            )
    return lines


def _setter_lines(deals: Sequence[DealInput], economics: Economics) -> dict[Id, list[DealLine]]:
    lines: dict[Id, list[DealLine]] = {}
    for deal in deals:
        if deal.setter_id is not None:
            lines.setdefault(deal.setter_id, []).append(
                DealLine(deal.id, deal.closed_on, ONE, upfront(deal, economics))
            )
    return lines


def _credited(units: Decimal, lines: Sequence[DealLine]) -> PersonActual:
    """A closer's or manager's month as their deals credit it: credited deals = units."""
    return PersonActual(
        units=units,
        credited_deals=units,
        credited_revenue=sum((line.credit for line in lines), ZERO),
        deals=tuple(lines),
    )


def kept_by_deals(
    roles: Iterable[RoleInput], deals: Sequence[DealInput], month: str, economics: Economics
) -> list[RoleInput]:
    """The month's roles as the deals credit their people (see the module's docstring)."""
    month_deals = counting(deals, month)
    closers = _closer_lines(month_deals, economics)
    setters = _setter_lines(month_deals, economics)
    everyone = [DealLine(deal.id, deal.closed_on, ONE, upfront(deal, economics)) for deal in month_deals]
    found = []
    for role in roles:
        people = []
        for person in role.people:
            if role.kind == CLOSER:
                lines = closers.get(person.id, [])
                units = sum((line.share for line in lines), ZERO)
                actual: PersonActual | None = _credited(units, lines)
            elif role.kind == MANAGER:
                actual = _credited(Decimal(len(everyone)), everyone)
            elif person.actual is None:
                actual = None  # a setter without their meetings: missing, as before
            else:
                lines = setters.get(person.id, [])
                actual = replace(
                    person.actual,
                    credited_deals=Decimal(len(lines)),
                    earnings=None,
                    credited_revenue=sum((line.credit for line in lines), ZERO),
                    deals=tuple(lines),
                )
            people.append(replace(person, actual=actual))
        found.append(replace(role, actual=None, people=tuple(people)))
    return found


def months_apart(first: str, later: str) -> int:
    """Whole months from ``first`` to ``later`` (YYYY-MM): March to May is 2."""
    return (int(later[:4]) - int(first[:4])) * 12 + int(later[5:7]) - int(first[5:7])


def clawbacks(
    month: str, deals: Iterable[DealInput], close_months: Mapping[str, MonthMetrics | None]
) -> tuple[Clawback, ...]:
    """The clawbacks of ``month``: each deal cancelled in it that counted in an earlier close
    month m, from each person it paid in m whose plan in force in m has a window reaching this
    month; minus that deal's share of their commission in m (``close_months``: m's metrics, as
    shown, so an approved m as approved). Readers order them by person's name, then deal id."""
    found = []
    for deal in deals:
        if deal.cancel_month != month or not deal.close_month < month:
            continue
        m = close_months.get(deal.close_month)
        if m is None:
            continue
        apart = months_apart(deal.close_month, month)
        for role in m.roles:
            if role.plan is None or apart > role.plan.clawback_months:
                continue
            for person in role.people:
                for pay in person.deals:
                    if pay.deal_id == deal.id:
                        found.append(
                            Clawback(person.person_id, deal.id, deal.closed_on, deal.cancelled_on or "", -pay.amount)
                        )
    return tuple(found)
