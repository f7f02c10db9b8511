"""A person's statement: one person's month as they are paid for it (DOMAIN.md's *Closing a
month and statements*), from the month's metrics. Whether the month is open, reviewed or
approved is the caller's to add; so is rounding, only when written."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from performance.engine.arithmetic import ZERO
from performance.engine.types import Id, MonthMetrics, StatementBand


@dataclass(frozen=True)
class Statement:
    month: str
    person_id: Id
    role_id: Id
    role: str  # the role's name
    kind: str
    tenure_month: int
    ramp_factor: Decimal
    quota: Decimal
    units: Decimal
    credited_deals: Decimal
    credited_deals_recorded: bool
    quota_attainment_pct: Decimal | None
    pay_attainment_pct: Decimal | None
    base: Decimal
    bands: tuple[StatementBand, ...]
    commission: Decimal
    earnings: Decimal
    earnings_recorded: bool


def statement(m: MonthMetrics, person_id: Id) -> Statement | None:
    """The statement of the person ``person_id`` for the month, or ``None`` when they have no numbers in a role
    that counts. ``commission`` is Σ of the bands' amounts, always computed; ``earnings`` is
    the recorded figure when there is one, else base + commission."""
    for role in m.roles:
        for figures in role.people:
            if figures.person_id != person_id:
                continue
            commission = sum((band.amount for band in figures.bands), ZERO)
            recorded = not figures.earnings_estimated
            return Statement(
                month=m.month,
                person_id=figures.person_id,
                role_id=role.role_id,
                role=role.role,
                kind=role.kind,
                tenure_month=figures.tenure_month,
                ramp_factor=figures.ramp_factor,
                quota=figures.quota,
                units=figures.units,
                credited_deals=figures.credited_deals,
                credited_deals_recorded=not figures.credited_deals_estimated,
                quota_attainment_pct=figures.quota_attainment_pct,
                pay_attainment_pct=figures.pay_attainment_pct,
                base=figures.monthly_base,
                bands=figures.bands,
                commission=commission,
                earnings=figures.earnings if recorded else figures.monthly_base + commission,
                earnings_recorded=recorded,
            )
    return None
