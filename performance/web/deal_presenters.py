"""What the deals screens show of a month's deals: each deal as stored (closers and shares,
setter, value, upfront, its state) beside what it paid to whom, read from the month's one
computation (the engine's DealPay lines on each person's metrics, and the month's clawbacks),
never computed here. Pure: given the stored deals, the month's metrics and people's names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from otesite.lib.months import first_of_month, format_month
from otesite.permissions import Scope
from performance import engine
from performance.models import Deal

COUNTING, CANCELLED, CLAWED_BACK = "counting", "cancelled", "clawed back"
STATE_TEXT = {
    COUNTING: "counts in its close month",
    CANCELLED: "cancelled in its close month: it never counts, nothing is paid or clawed back",
    CLAWED_BACK: "counted in its close month; cancelled later, taken back there within the clawback window",
}


@dataclass(frozen=True)
class Paid:
    """What one deal paid one person: their share of the deal and of their commission."""

    person_id: int
    name: str
    kind: str  # the role's kind: closer, setter or manager
    share: Decimal
    credit: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Closer:
    person_id: int
    name: str
    share: Decimal


@dataclass
class DealRow:
    pk: int
    crm_id: str
    closed_on: date
    value: Decimal
    upfront: Decimal | None  # as stored; None: value × the month's upfront rate
    upfront_used: Decimal | None  # what the engine credited (None before any assumptions)
    closers: list[Closer]
    setter_id: int | None
    setter: str | None
    cancelled_on: date | None
    paid: list[Paid] = field(default_factory=list)

    @property
    def state(self) -> str:
        if self.cancelled_on is None:
            return COUNTING
        return CANCELLED if first_of_month(self.cancelled_on) == first_of_month(self.closed_on) else CLAWED_BACK

    @property
    def state_text(self) -> str:
        return STATE_TEXT[self.state]

    @property
    def cancel_month(self) -> str | None:
        return None if self.cancelled_on is None else format_month(first_of_month(self.cancelled_on))

    @property
    def paid_total(self) -> Decimal:
        return sum((line.amount for line in self.paid), Decimal(0))

    def names(self, person_id: int) -> bool:
        return person_id == self.setter_id or any(closer.person_id == person_id for closer in self.closers)


@dataclass(frozen=True)
class ClawbackRow:
    person_id: int
    name: str
    deal_id: str
    closed_on: str
    cancelled_on: str
    amount: Decimal


def deal_pay(metrics: engine.MonthMetrics | None, scope: Scope) -> dict[str, list[tuple[int, str, engine.DealPay]]]:
    """By deal id, (person id, role kind, DealPay) for each person the deal paid this month, as
    the engine computed it; only the people `scope` may see."""
    found: dict[str, list[tuple[int, str, engine.DealPay]]] = defaultdict(list)
    if metrics is None:
        return found
    for role in metrics.roles:
        for person in role.people:
            if not scope.sees(person.person_id):
                continue
            for line in person.deals:
                found[line.deal_id].append((person.person_id, role.kind, line))
    return found


KIND_ORDER = {"closer": 0, "setter": 1, "manager": 2}


def deal_rows(
    deals: Iterable[Deal],
    pay: dict[str, list[tuple[int, str, engine.DealPay]]],
    names: dict[int, str],
    upfront_rate: Decimal | None,
) -> list[DealRow]:
    """The stored deals (closers prefetched, by date then id) with what each paid, closers first."""
    rows = []
    for deal in deals:
        upfront_used = deal.upfront
        if upfront_used is None and upfront_rate is not None:
            upfront_used = deal.value * upfront_rate
        paid = [
            Paid(person_id, names.get(person_id, f"person #{person_id}"), kind, line.share, line.credit, line.amount)
            for person_id, kind, line in pay.get(deal.crm_id, [])
        ]
        paid.sort(key=lambda line: (KIND_ORDER.get(line.kind, 3), line.name))
        rows.append(
            DealRow(
                pk=deal.pk,
                crm_id=deal.crm_id,
                closed_on=deal.closed_on,
                value=deal.value,
                upfront=deal.upfront,
                upfront_used=upfront_used,
                closers=[
                    Closer(c.person_id, names.get(c.person_id, f"person #{c.person_id}"), c.share)
                    for c in deal.closers.all()
                ],
                setter_id=deal.setter_id,
                setter=names.get(deal.setter_id) if deal.setter_id else None,
                cancelled_on=deal.cancelled_on,
                paid=paid,
            )
        )
    return rows


def clawback_rows(metrics: engine.MonthMetrics | None, names: dict[int, str], scope: Scope) -> list[ClawbackRow]:
    """The month's clawbacks as the engine took them (by person, then deal)."""
    if metrics is None:
        return []
    rows = [
        ClawbackRow(
            c.person_id,
            names.get(c.person_id, f"person #{c.person_id}"),
            c.deal_id,
            c.closed_on,
            c.cancelled_on,
            c.amount,
        )
        for c in metrics.clawbacks
        if scope.sees(c.person_id)
    ]
    return sorted(rows, key=lambda row: (row.name, row.deal_id))
