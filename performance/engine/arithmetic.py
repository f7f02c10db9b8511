"""Division that gives ``None`` ("n/a") instead of raising, the few constants every formula uses,
and how exact the arithmetic is.

Every figure is computed to PRECISION significant digits (Python's default is 28), and a value
that is compared (a status threshold, a tie, 90% coverage, a pay-curve band), rounded up to whole
people, or rounded for output (`otesite.lib.formatting.quantize`) is first *settled* to
SETTLE_PLACES decimal places (`settle`, far above the cent and far below what 60 digits keep). A result that is exact in DOMAIN.md's
arithmetic but passed through a division that never ends (pay attainment of 2/30 of a month, a
third of a quota) then compares and rounds as the exact value does: 75% of quota is `near` at
75, 194.425 is written 194.43, two people at 258.33…% share a rank.
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Iterable
from decimal import Decimal

from otesite.lib.formatting import settle

PRECISION = 60
# Decimal arithmetic takes the thread's context; new threads copy DefaultContext.
decimal.DefaultContext.prec = max(decimal.DefaultContext.prec, PRECISION)
decimal.getcontext().prec = max(decimal.getcontext().prec, PRECISION)

ZERO = Decimal(0)
HUNDRED = Decimal(100)
MONTHS_PER_YEAR = Decimal(12)


def divide(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator / denominator; ``None`` when either is unknown or the divisor is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def at_least(value: Decimal, threshold: Decimal) -> bool:
    """value ≥ threshold, on the settled value (75% of quota reached through 2/30 of a month is 75)."""
    return settle(value) >= threshold


def ceil_settled(value: Decimal) -> int:
    """⌈value⌉ of the settled value (an exact 5 computed as 5.000…01 is 5, not 6)."""
    return math.ceil(settle(value))


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part × 100 / whole: multiplied before dividing, so an exact value stays exact."""
    if part is None:
        return None
    return divide(part * HUNDRED, whole)


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [value for value in values if value is not None]
    return divide(sum(known, ZERO), Decimal(len(known)))
