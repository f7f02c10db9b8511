"""A person's statement: one person's month as they are paid for it (DOMAIN.md's *Closing a
month and statements*), from the month's metrics. Whether the month is open, reviewed or
approved is the caller's to add; so is rounding, only when written, and so are names.

In a month kept by deals a statement also lists the counting deals behind the commission, each
with its share of it; any month may carry clawbacks (a cancelled deal of an earlier month taken
back), and ``payable`` = earnings + Σ clawbacks. A person with a clawback and no numbers that
month (they left, say) still gets a statement: figures None, base, commission and earnings 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from performance.engine.arithmetic import ZERO
from performance.engine.results import DealPay, MonthMetrics, StatementBand
from performance.engine.types import Clawback, Id


@dataclass(frozen=True)
class Statement:
    month: str
    person_id: Id
    role_id: Id | None
    role: str | None  # the role's name
    kind: str | None
    tenure_month: int | None
    ramp_factor: Decimal | None
    proration: Decimal | None
    quota: Decimal | None
    units: Decimal | None
    credited_deals: Decimal | None
    credited_deals_recorded: bool
    quota_attainment_pct: Decimal | None
    pay_attainment_pct: Decimal | None
    base: Decimal
    bands: tuple[StatementBand, ...]
    commission: Decimal
    earnings: Decimal
    earnings_recorded: bool
    clawbacks: tuple[Clawback, ...] = ()
    # In a month kept by deals: R and the deals behind the commission (None / () otherwise).
    credited_revenue: Decimal | None = None
    deals: tuple[DealPay, ...] = ()
    kept_by_deals: bool = False

    @property
    def clawback_total(self) -> Decimal:
        return sum((clawback.amount for clawback in self.clawbacks), ZERO)

    @property
    def payable(self) -> Decimal:
        """earnings + Σ clawbacks (each negative)."""
        return self.earnings + self.clawback_total

    @property
    def has_numbers(self) -> bool:
        """False for a statement of clawbacks alone."""
        return self.role_id is not None


def _clawbacks_of(m: MonthMetrics, person_id: Id) -> tuple[Clawback, ...]:
    return tuple(sorted((c for c in m.clawbacks if c.person_id == person_id), key=lambda c: c.deal_id))


def statement(m: MonthMetrics, person_id: Id) -> Statement | None:
    """The statement of the person ``person_id``, or ``None`` when they have neither numbers in a
    role that counts nor a clawback this month. ``commission`` is the person's commission (the
    bands' amounts add up to it); ``earnings`` is the recorded figure when there is one, else
    base + commission."""
    clawbacks = _clawbacks_of(m, person_id)
    for role in m.roles:
        for figures in role.people:
            if figures.person_id != person_id:
                continue
            recorded = not figures.earnings_estimated
            return Statement(
                month=m.month,
                person_id=figures.person_id,
                role_id=role.role_id,
                role=role.role,
                kind=role.kind,
                tenure_month=figures.tenure_month,
                ramp_factor=figures.ramp_factor,
                proration=figures.proration,
                quota=figures.quota,
                units=figures.units,
                credited_deals=figures.credited_deals,
                credited_deals_recorded=not figures.credited_deals_estimated,
                quota_attainment_pct=figures.quota_attainment_pct,
                pay_attainment_pct=figures.pay_attainment_pct,
                base=figures.base,
                bands=figures.bands,
                commission=figures.commission,
                earnings=figures.earnings if recorded else figures.base + figures.commission,
                earnings_recorded=recorded,
                clawbacks=clawbacks,
                credited_revenue=figures.credited_revenue if m.kept_by_deals else None,
                deals=figures.deals,
                kept_by_deals=m.kept_by_deals,
            )
    if not clawbacks:
        return None
    return Statement(
        month=m.month,
        person_id=person_id,
        role_id=None,
        role=None,
        kind=None,
        tenure_month=None,
        ramp_factor=None,
        proration=None,
        quota=None,
        units=None,
        credited_deals=None,
        credited_deals_recorded=False,
        quota_attainment_pct=None,
        pay_attainment_pct=None,
        base=ZERO,
        bands=(),
        commission=ZERO,
        earnings=ZERO,
        earnings_recorded=False,
        clawbacks=clawbacks,
    )


def clawback_only_people(m: MonthMetrics) -> list[Id]:
    """People with clawbacks this month and no numbers in a role that counts, as first listed."""
    counted = {person.person_id for role in m.roles for person in role.people}
    found: list[Id] = []
    for clawback in m.clawbacks:
        if clawback.person_id not in counted and clawback.person_id not in found:
            found.append(clawback.person_id)
    return found
