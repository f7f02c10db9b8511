"""A long, believable history for trend, board and query-count tests.

An agency like DOMAIN.md's example that grows: closers from 6 to 10, setters from 2 to 3,
one manager. Closers climb from about 60% of quota to nearly 100% with a seasonal wobble; deals
get bigger halfway (and the closers' rate is trimmed to stay aligned); the setters'
unreachable plan and the manager's overpaying override are fixed a year before the end.
Deterministic (no randomness), so tests can pin numbers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from compensation.models import Economics, QuotaPlan, Role
from otesite.lib.months import add_months
from performance.models import MonthlyActual, MonthlyRevenue

STORY_END = date(2026, 10, 1)
SEASON = (Decimal("0.96"), Decimal("0.98"), Decimal("1.03"), Decimal("1.02"), Decimal("1.00"), Decimal("0.97"))


def _economics(since: date, deal_value: str, show_rate: str) -> Economics:
    return Economics.objects.create(
        effective_from=since,
        deal_value=Decimal(deal_value),
        upfront_rate=Decimal("0.70"),
        show_rate=Decimal(show_rate),
        close_rate=Decimal("0.25"),
        cost_per_meeting=Decimal("100"),
    )


def _plan(role: Role, since: date, ote: str, quota: str, rate: str, base: str = "0") -> QuotaPlan:
    return QuotaPlan.objects.create(
        role=role,
        effective_from=since,
        annual_ote=Decimal(ote),
        annual_base=Decimal(base),
        monthly_quota=Decimal(quota),
        commission_rate=Decimal(rate),
    )


def build_story(months: int = 30, end: date = STORY_END) -> dict[str, Role]:
    """`months` months of history ending with `end`; returns {name: Role}."""
    start = add_months(end, 1 - months)
    middle = add_months(start, months // 2)
    setter_fix = add_months(end, -11) if months > 12 else start
    _economics(start, "16200", "0.25")
    if middle > start:
        _economics(middle, "17500", "0.28")
    roles = {
        name: Role.objects.create(name=name, kind=kind, display_order=order)
        for order, (name, kind) in enumerate((("Closers", "closer"), ("Setters", "setter"), ("Manager", "manager")))
    }
    _plan(roles["Closers"], start, "68040", "5", "0.10")
    if middle > start:
        # Bigger deals: the commission rate comes down so the plan stays aligned.
        _plan(roles["Closers"], middle, "68040", "5", "0.0925")
    _plan(roles["Setters"], start, "68040", "40", "0.05")
    _plan(roles["Manager"], start, "81600", "40", "0.03")
    if setter_fix > start:
        # The unreachable setter plan and the overpaying override are fixed.
        _plan(roles["Setters"], setter_fix, "81000", "120", "0.05", base="24000")
        _plan(roles["Manager"], setter_fix, "81600", "40", "0.014")

    actuals = []
    for index in range(months):
        month = add_months(start, index)
        progress = Decimal(index) / Decimal(max(months - 1, 1))
        closers = 6 + (4 * index) // max(months - 1, 1)
        setters = 2 if month < setter_fix or months <= 12 else 3
        attainment = (Decimal("0.62") + Decimal("0.36") * progress) * SEASON[index % len(SEASON)]
        deals = (Decimal(closers) * 5 * attainment).quantize(Decimal("1"))
        per_setter = (
            Decimal(34) + Decimal(22) * progress if month < setter_fix else Decimal(95) + Decimal(40) * progress
        )
        meetings = (Decimal(setters) * per_setter).quantize(Decimal("1"))
        actuals += [
            MonthlyActual(role=roles["Closers"], month=month, headcount=closers, units=deals),
            MonthlyActual(role=roles["Setters"], month=month, headcount=setters, units=meetings),
            MonthlyActual(role=roles["Manager"], month=month, headcount=1, units=deals),
        ]
    MonthlyActual.objects.bulk_create(actuals)
    # One month with revenue as booked, to show recorded revenue beside derived revenue.
    MonthlyRevenue.objects.create(month=add_months(end, -2), revenue=Decimal("400000"))
    return roles
