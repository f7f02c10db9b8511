"""Division that gives ``None`` ("n/a") instead of raising, and the few constants every formula uses."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)
MONTHS_PER_YEAR = Decimal(12)


def divide(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator / denominator; ``None`` when either is unknown or the divisor is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part × 100 / whole: multiplied before dividing, so an exact value stays exact."""
    if part is None:
        return None
    return divide(part * HUNDRED, whole)


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [value for value in values if value is not None]
    return divide(sum(known, ZERO), Decimal(len(known)))
