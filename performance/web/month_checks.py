"""Numbers of a month that should agree and do not, said on the dashboard and in its close panel
so a manager looks at them before marking the month reviewed.

Read from the engine's MonthMetrics; nothing here changes a number:
- A manager's team deals are typed in apart from the closers' deals (role totals or person by
  person), yet until teams exist every manager's team is the whole company (DOMAIN.md), so each
  manager's team deals should equal the closers' credited deals of the month.
- A recorded revenue should be near what the closers' credited deals bring at the month's
  assumptions, credited deals × U (deal_value × upfront_rate): more than REVENUE_TOLERANCE_PCT
  apart, one of them is probably wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from otesite.lib.formatting import format_money, format_percent, format_units
from performance import engine

REVENUE_TOLERANCE_PCT = Decimal(10)


def month_checks(m: engine.MonthMetrics | None, names: Mapping[int, str]) -> list[str]:
    """Each disagreement as a sentence; none when the month's numbers agree (or it has no closers
    that count, when there is nothing to hold them against)."""
    if m is None or not any(role.kind == engine.CLOSER and role.counts for role in m.roles):
        return []
    return [*_team_deals(m, names), *_revenue(m)]


def _team_deals(m: engine.MonthMetrics, names: Mapping[int, str]) -> list[str]:
    deals = m.summary.deals_closed
    closers = f"the closers' credited deals add up to {format_units(deals)}"
    found = []
    for role in m.roles:
        if role.kind != engine.MANAGER or not role.counts or role.actual is None:
            continue
        if role.people:
            found += [
                f"{names[person.person_id]} ({role.role}): {_team_deals_text(person.units)}, but {closers}"
                for person in role.people
                if person.units != deals
            ]
        elif role.actual.units_per_person != deals:
            per = " a manager" if role.actual.headcount > 1 else ""
            found.append(f"{role.role}: {_team_deals_text(role.actual.units_per_person)}{per}, but {closers}")
    return found


def _team_deals_text(units: Decimal | None) -> str:
    return f"{format_units(units)} team deal{'' if units == 1 else 's'}"


def _revenue(m: engine.MonthMetrics) -> list[str]:
    summary = m.summary
    if summary.revenue_derived:
        return []
    recorded = f"Recorded revenue {format_money(summary.revenue)}"
    per_deal = m.economics.upfront_per_deal
    expected = summary.deals_closed * per_deal
    if expected == 0:
        return [f"{recorded}, but the closers have no credited deals this month"] if summary.revenue else []
    apart = (summary.revenue - expected) / expected * 100
    if abs(apart) <= REVENUE_TOLERANCE_PCT:
        return []
    return [
        f"{recorded} is {format_percent(abs(apart))} {'above' if apart > 0 else 'below'} the"
        f" {format_money(expected)} the closers' credited deals bring at the business assumptions"
        f" ({format_units(summary.deals_closed)} × {format_money(per_deal)} upfront a deal)"
    ]
