"""What-if changes as text: ``Closers.annual_ote=+20%``, ``close_rate=0.3``, ``SDRs.headcount=3``.

A change is ``[Role.]field=value``: a role's field (``annual_ote``, ``annual_base``,
``monthly_quota``, ``commission_rate``, ``headcount``) or a company-wide one (``deal_value``,
``upfront_rate``, ``show_rate``, ``close_rate``, ``cost_per_meeting``). The value is a number
read by the one parser, or a relative change with its sign: ``+20%``, ``-5%``, ``+12.5%``.
The role is everything before the last dot of the name, so a role may have dots in its name.

This module reads and writes the text; whether the change fits the month (the role exists
and counts, the result keeps the plan rules) is the engine's to say
(``performance.engine.whatif``). Every message names the change as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from otesite.lib.formatting import quantize
from otesite.lib.parse import ParseError, parse_number
from performance.engine.whatif import COMPANY_FIELDS, ROLE_FIELDS, Change, ScenarioInvalid

MAX_CHANGE_LENGTH = 200
MAX_CHANGES = 50

# The places a value is stored with (the models' decimal_places), so that a change written
# from a computed value (a plan fix) can be saved and applied as a plan version as it is.
PLACES = {
    "annual_ote": 2,
    "annual_base": 2,
    "monthly_quota": 2,
    "commission_rate": 6,
    "headcount": 0,
    "deal_value": 2,
    "upfront_rate": 6,
    "show_rate": 6,
    "close_rate": 6,
    "cost_per_meeting": 2,
}

VALUE_HELP = "a number ≥ 0, or a relative change with its sign such as +20% or -5%"


def _quoted(text: str) -> str:
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'


def _field(role: str | None, field: str) -> None:
    if role is None and field in ROLE_FIELDS:
        raise ParseError(f"{field} is per role: write it as Role.{field}=…")
    if role is not None and field in COMPANY_FIELDS:
        raise ParseError(f"{field} is company-wide: write it as {field}=… without a role")
    if field not in ROLE_FIELDS and field not in COMPANY_FIELDS:
        raise ParseError(
            f"unknown field {field!r}; a role's fields are {', '.join(ROLE_FIELDS)}, "
            f"company-wide ones {', '.join(COMPANY_FIELDS)}"
        )


def _value(text: str) -> tuple[Decimal, bool]:
    """(value, relative): "+20%" is (20, True), "-5%" is (-5, True), "0.3" is (0.3, False)."""
    if text.endswith("%"):
        sign, number = text[:1], text[1:-1]
        if sign not in ("+", "-"):
            raise ParseError(f"write a relative change with its sign (+{text} or -{text}), or a rate as a fraction")
        try:
            amount = parse_number(number)
        except ParseError:
            raise ParseError(f"must be {VALUE_HELP} (got {_quoted(text)})") from None
        assert amount is not None
        return (-amount if sign == "-" else amount), True
    try:
        amount = parse_number(text)
    except ParseError:
        raise ParseError(f"must be {VALUE_HELP} (got {_quoted(text)})") from None
    assert amount is not None
    return amount, False


def parse_change(text: str) -> Change:
    """One change; a ``ParseError`` whose message starts with the change as written."""
    written = text.strip() if isinstance(text, str) else ""
    try:
        if len(written) > MAX_CHANGE_LENGTH:
            raise ParseError(f"is longer than {MAX_CHANGE_LENGTH} characters")
        name, equals, value = written.partition("=")
        if not equals or not name.strip():
            raise ParseError("write a change as Role.field=value or field=value, e.g. Closers.annual_ote=+20%")
        role, _, field = name.strip().rpartition(".")
        role = role.strip() or None
        field = field.strip()
        _field(role, field)
        amount, relative = _value(value.strip())
    except ParseError as error:
        raise ParseError(f"{_quoted(written)}: {error}") from None
    return Change(role=role, field=field, value=amount, relative=relative, text=written)


def parse_changes(texts: Iterable[str]) -> list[Change]:
    """Every change, or ``ScenarioInvalid`` listing each one that cannot be read."""
    texts = [text for text in texts if isinstance(text, str) and text.strip()]
    if len(texts) > MAX_CHANGES:
        raise ScenarioInvalid([f"at most {MAX_CHANGES} changes at once (got {len(texts)})"])
    changes, problems = [], []
    for text in texts:
        try:
            changes.append(parse_change(text))
        except ParseError as error:
            problems.append(str(error))
    if problems:
        raise ScenarioInvalid(problems)
    return changes


def value_text(field: str, value: Decimal) -> str:
    """A value as a change writes it: rounded half-up to the places the field is stored with,
    trailing zeros dropped ("0.2", "160", "17010")."""
    rounded = quantize(value, PLACES[field])
    text = f"{rounded:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def change_text(role: str | None, field: str, value: Decimal | str) -> str:
    """``Role.field=value`` (or ``field=value``) for a new absolute value or a value as typed."""
    shown = value if isinstance(value, str) else value_text(field, value)
    name = field if role is None else f"{role}.{field}"
    return f"{name}={shown}"
