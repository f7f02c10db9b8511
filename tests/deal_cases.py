"""Deals over the people example (tests/conftest.py's people_team), for the deals screens: April
2026, a month after the example's, kept by deals, and a May cancellation clawed back.

- HS-1 (04-14): Ana Ruiz and Ben Okafor half each, set by Eve Tanaka, value 16,200;
- HS-2 (04-20): Hal Novak alone, no setter, value 9,000, upfront 5,000;
- HS-3 (04-22): Ana Ruiz alone, set by Eve Tanaka, cancelled on 2026-05-06: clawed back in May
  (the Account Executives' and SDRs' plans take back what a deal paid for three months);
- Eve Tanaka booked 30 meetings in April (a setter is counted where she has a person actual).
"""

from datetime import date
from decimal import Decimal

from compensation.models import Person, QuotaPlan
from performance.models import Deal, DealCloser, PersonActual

APRIL, MAY = date(2026, 4, 1), date(2026, 5, 1)


def person(name: str) -> Person:
    return Person.objects.get(name=name)


def add_deal(crm_id: str, closed_on: str, value: str, closers: list[tuple[str, str]], **fields) -> Deal:
    setter = fields.pop("setter", None)
    deal = Deal.objects.create(
        crm_id=crm_id,
        closed_on=date.fromisoformat(closed_on),
        value=Decimal(value),
        setter=person(setter) if setter else None,
        **fields,
    )
    for name, share in closers:
        DealCloser.objects.create(deal=deal, person=person(name), share=Decimal(share))
    return deal


def april_deals() -> dict[str, Deal]:
    QuotaPlan.objects.filter(role__name__in=["Account Executives", "SDRs"]).update(clawback_months=3)
    # A setter is counted where they have a person actual (their meetings), deals or not.
    PersonActual.objects.create(month=APRIL, person=person("Eve Tanaka"), units=Decimal(30))
    return {
        "HS-1": add_deal(
            "HS-1", "2026-04-14", "16200", [("Ana Ruiz", "0.5"), ("Ben Okafor", "0.5")], setter="Eve Tanaka"
        ),
        "HS-2": add_deal("HS-2", "2026-04-20", "9000", [("Hal Novak", "1")], upfront=Decimal("5000")),
        "HS-3": add_deal(
            "HS-3", "2026-04-22", "12000", [("Ana Ruiz", "1")], setter="Eve Tanaka", cancelled_on=date(2026, 5, 6)
        ),
    }
