"""Rounding and text formatting of metric values, shared by the engine and templates.

Pure functions on ``Decimal`` (never float) so that every screen, export and
recommendation sentence says "$5,670", "75.0%" and "1.25" alike. ``None`` is a value
that could not be computed and reads "n/a".
"""

from decimal import ROUND_HALF_UP, Context, Decimal

NOT_AVAILABLE = "n/a"


SETTLE_PLACES = 25
_SETTLE = Decimal(1).scaleb(-SETTLE_PLACES)


def settle(value: Decimal) -> Decimal:
    """``value`` to SETTLE_PLACES decimal places: what is compared and rounded. The engine
    computes to 60 digits, so the last-digit residue of a division that never ends (2/30 of a
    month, a third of a quota) is gone, and a result that is exact in DOMAIN.md's arithmetic
    compares and rounds as the exact value does (194.425 is written 194.43)."""
    if not value.is_finite() or value.as_tuple().exponent >= -SETTLE_PLACES:
        return value
    precision = max(28, value.adjusted() + SETTLE_PLACES + 2)
    return value.quantize(_SETTLE, context=Context(prec=precision))


def quantize(value: Decimal, places: int = 2) -> Decimal:
    """Round half-up to ``places`` decimals, whatever the size of ``value``, from the settled value.

    The default context (28 digits) would refuse to quantize very large values, so
    the context is sized to the number being rounded.
    """
    value = settle(value)
    exponent = Decimal(1).scaleb(-places)
    precision = max(28, value.adjusted() + places + 2)
    return value.quantize(exponent, rounding=ROUND_HALF_UP, context=Context(prec=precision))


def quantize_money(value: Decimal) -> Decimal:
    """Money, percentages and units are shown and exported to the cent."""
    return quantize(value, 2)


def format_money(value: Decimal | None) -> str:
    """ "$1,600", "$1,417.50", "-$1,134": cents only when the amount is not whole."""
    if value is None:
        return NOT_AVAILABLE
    amount = quantize_money(value)
    sign = "-" if amount < 0 else ""
    amount = amount.copy_abs()  # exact: abs() rounds to the context's 28 digits
    if amount == amount.to_integral_value():
        return f"{sign}${amount:,.0f}"
    return f"{sign}${amount:,.2f}"


def format_percent(value: Decimal | None) -> str:
    """One decimal: "75.0%", "133.4%"."""
    if value is None:
        return NOT_AVAILABLE
    return f"{_unsigned_zero(quantize(value, 1)):,.1f}%"


def format_units(value: Decimal | None) -> str:
    """Deals, meetings and points to two decimals at most, trailing zeros trimmed:
    "1.25", "16", "2.5"."""
    if value is None:
        return NOT_AVAILABLE
    text = f"{_unsigned_zero(quantize(value, 2)):,.2f}"
    return text.rstrip("0").rstrip(".")


def _unsigned_zero(value: Decimal) -> Decimal:
    """-0.001 rounds to -0.00; show it as 0."""
    return value or Decimal(0)
