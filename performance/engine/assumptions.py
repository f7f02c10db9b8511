"""The assumption check: the show and close rates the month's setters recorded, against the
business assumptions, and the month's close rate ``c`` that ``raise_close_rate`` sizes on.

A rate is measured only on enough evidence (20 units, 20 meetings held), over the counting
setters, role totals or people alike, and only from what was recorded: an estimated credited
deal would only echo the assumed close rate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from performance.engine.arithmetic import HUNDRED, ZERO, percent, settle
from performance.engine.results import AssumptionCheck, RateCheck, RoleMetrics
from performance.engine.types import Economics
from performance.engine.vocabulary import (
    ASSUMPTION_DRIFT_SHARE,
    ASSUMPTION_MIN_MEETINGS_HELD,
    ASSUMPTION_MIN_UNITS,
    SETTER,
)


@dataclass(frozen=True)
class SetterRecord:
    """What one setter role (role totals) or one setter (people mode) recorded; an estimated
    credited_deals is left out (``None``)."""

    units: Decimal
    meetings_held: Decimal | None
    credited_deals: Decimal | None


def setter_records(counting: Iterable[RoleMetrics]) -> list[SetterRecord]:
    records = []
    for role in counting:
        if role.kind != SETTER or role.actual is None:
            continue
        sources = role.people if role.actual.from_people else (role.actual,)
        for source in sources:
            recorded_deals = None if source.credited_deals_estimated else source.credited_deals
            records.append(SetterRecord(source.units, source.meetings_held, recorded_deals))
    return records


def measured_show_rate_pct(records: Iterable[SetterRecord]) -> Decimal | None:
    """Σ meetings_held / Σ units × 100 over those that recorded meetings_held, when that
    Σ units is at least 20."""
    recorded = [record for record in records if record.meetings_held is not None]
    units = sum((record.units for record in recorded), ZERO)
    if units < ASSUMPTION_MIN_UNITS:
        return None
    return percent(sum((record.meetings_held or ZERO for record in recorded), ZERO), units)


def measured_close_rate_pct(records: Iterable[SetterRecord]) -> Decimal | None:
    """Σ credited_deals / Σ meetings_held × 100 over those that recorded both, when that
    Σ meetings_held is at least 20."""
    recorded = [record for record in records if record.meetings_held is not None and record.credited_deals is not None]
    held = sum((record.meetings_held or ZERO for record in recorded), ZERO)
    if held < ASSUMPTION_MIN_MEETINGS_HELD:
        return None
    return percent(sum((record.credited_deals or ZERO for record in recorded), ZERO), held)


def drifted(assumed: Decimal, actual: Decimal | None) -> bool:
    """A measured rate further from its assumption than a quarter of the assumption."""
    return actual is not None and settle(abs(actual - assumed)) > assumed * ASSUMPTION_DRIFT_SHARE


def rate_check(assumed: Decimal, actual: Decimal | None) -> RateCheck:
    return RateCheck(assumed=assumed, actual=actual, drifted=drifted(assumed, actual))


def assumption_check(counting: Iterable[RoleMetrics], economics: Economics) -> AssumptionCheck:
    records = setter_records(counting)
    return AssumptionCheck(
        show_rate_pct=rate_check(economics.show_rate * HUNDRED, measured_show_rate_pct(records)),
        close_rate_pct=rate_check(economics.close_rate * HUNDRED, measured_close_rate_pct(records)),
    )


def month_close_rate_pct(check: AssumptionCheck) -> Decimal:
    """c: the close rate the assumption check measured, else the assumed one (percent).
    Closers' own deals are not divided by setters' meetings: closers also close deals that
    no setter booked."""
    measured = check.close_rate_pct.actual
    return measured if measured is not None else check.close_rate_pct.assumed
