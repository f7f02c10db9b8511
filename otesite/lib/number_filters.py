"""Template filters that format every number the same way on every screen.

Built in (settings TEMPLATES builtins), so templates use them without `{% load %}`:
`{{ value|money }}` "$5,670", `{{ value|pct }}` "75.0%", `{{ value|units }}` "1.25",
`{{ value|ratio }}` "7.14", `{{ value|signed_money }}` "+$6,808" / "-$1,134",
`{{ fraction|rate }}` "10.0%".
"""

from decimal import Decimal

from django import template
from django.utils.html import json_script as django_json_script

from otesite.lib.formatting import NOT_AVAILABLE, format_money, format_percent, format_units, quantize
from otesite.lib.jsonnum import ExactEncoder

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


@register.filter
def money(value) -> str:
    return format_money(_decimal(value))


@register.filter
def signed_money(value) -> str:
    amount = _decimal(value)
    if amount is None:
        return NOT_AVAILABLE
    text = format_money(amount)
    return text if text.startswith("-") or quantize(amount) == 0 else f"+{text}"


@register.filter
def pct(value) -> str:
    return format_percent(_decimal(value))


@register.filter
def units(value) -> str:
    return format_units(_decimal(value))


@register.filter
def ratio(value) -> str:
    """Revenue per $1 OTE and the like: two decimals, "7.14"."""
    amount = _decimal(value)
    return NOT_AVAILABLE if amount is None else f"{quantize(amount, 2):,.2f}"


@register.filter
def progress(value) -> str:
    """A percentage clamped to 0..100 for progress bars, as a plain number string."""
    amount = _decimal(value)
    if amount is None:
        return "0"
    return f"{max(Decimal(0), min(Decimal(100), quantize(amount, 1))):.1f}"


@register.filter
def rate(value) -> str:
    """A stored fraction (commission, show, close, upfront rate) as a percentage: 0.10 -> "10.0%"."""
    amount = _decimal(value)
    return format_percent(None if amount is None else amount * 100)


@register.filter
def exact_json_script(value, element_id: str):
    """`json_script` with Decimals written as exact JSON numbers (never through a float)."""
    return django_json_script(value, element_id, encoder=ExactEncoder)
