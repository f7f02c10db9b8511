"""The one parser for numbers and months, with one set of messages, behind every way in.

The actuals entry form, the CSV reader, the workspace and legacy importers, the admin import,
the plan calculator, the month form and model fields and the `<month:...>` URL converter all
read through these functions, so the same bad value is refused with the same words
everywhere (`must be a whole number ≥ 0 (got "2.5")`).

Text is checked against a strict pattern BEFORE `Decimal()` or `int()` see it, because both
accept far more than a person means to type, and some of it is costly:
- ASCII digits only: full-width "１２", Arabic-Indic "١٢", "1_000", "1,000", exponents ("1e5"),
  "NaN", "Infinity" and a leading "+" are refused. A leading "-" is read, so that "-3" is told
  "must be a number ≥ 0" rather than "not a number"; every number of the domain is ≥ 0.
- digits, optionally a point and digits: "0.5", not ".5" or "5.".
- at most MAX_NUMBER_LENGTH characters: no conversion costs more than a moment ("1e9999999"
  as a headcount once took 26 s of CPU; a 5000-digit JSON integer trips Python's int limit).
Surrounding spaces are ignored. Months are `YYYY-MM` in ASCII digits, years 1900 to 2999, so
that month arithmetic (`otesite.lib.months.add_months`) never leaves what `datetime.date` holds.

No Django here: `ParseError` is a ValueError, which the callers turn into their own kind of
refusal (a form error, a CSV problem, a workspace path, a 404 from the URL converter).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

MAX_NUMBER_LENGTH = 30
FIRST_YEAR, LAST_YEAR = 1900, 2999
FIRST_MONTH, LAST_MONTH = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 1)
MONTH_PATTERN = r"[0-9]{4}-[0-9]{2}"  # for URL converters; parse_month checks the rest
MAX_JSON_BYTES = 20_000_000  # years of a large team's history fit in a few MB
MAX_JSON_DEPTH = 20  # a workspace is three levels deep; anything far deeper is not one

_NUMBER_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
_MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})", re.ASCII)
_DAY_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_DAY_AND_TIME_RE = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?",
    re.ASCII,
)
_US_DAY_RE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", re.ASCII)
_GROUPED_RE = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", re.ASCII)
_SHOWN_LENGTH = 40


class ParseError(ValueError):
    """A value that cannot be read; the message is a clause that follows the field's name."""


class JsonNumber(str):
    """A JSON number kept as the text the file wrote, so it meets the same checks as a CSV cell."""


def shown(value: Any) -> str:
    """The offending value for a message: text quoted and cut short, anything else as JSON has it."""
    if isinstance(value, JsonNumber):
        return value[:_SHOWN_LENGTH] + "…" if len(value) > _SHOWN_LENGTH else str(value)
    if isinstance(value, str):
        return f'"{value[:_SHOWN_LENGTH]}…"' if len(value) > _SHOWN_LENGTH else f'"{value}"'
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, int) and value.bit_length() > 4 * MAX_NUMBER_LENGTH:
        return f"a number of more than {MAX_NUMBER_LENGTH} digits"
    return str(value)


def _number_text(value: Any) -> str | None:
    """The text of a number as typed or as JSON/Python holds it; None for what is no number."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        # str() of a huge int is slow (and refused past 4300 digits): measure it in bits first.
        return "9" * (MAX_NUMBER_LENGTH + 1) if value.bit_length() > 4 * MAX_NUMBER_LENGTH else str(value)
    if isinstance(value, float):
        return repr(value)  # "7.5"; "1e+100", "nan" and "inf" fail the pattern
    if isinstance(value, Decimal):
        if not value.is_finite() or abs(value.adjusted()) > MAX_NUMBER_LENGTH:
            return None
        return format(value, "f")
    return None


def _read(value: Any, kind: str, *, required: bool) -> Decimal | None:
    text = _number_text(value)
    if value is None or text == "":
        if required:
            raise ParseError("is required")
        return None
    if text is not None and len(text) > MAX_NUMBER_LENGTH:
        raise ParseError(f"must be {kind} of at most {MAX_NUMBER_LENGTH} characters (got {shown(value)})")
    if text is None or not _NUMBER_RE.fullmatch(text):
        raise ParseError(f"must be {kind} (got {shown(value)})")
    if "." in text:
        text = text.rstrip("0").rstrip(".")  # "30.10" is 30.1: trailing zeros are not decimal places
    number = Decimal(text)
    if number < 0:
        raise ParseError(f"must be {kind} (got {shown(value)})")
    return number or Decimal(0)  # "-0" is 0


def parse_number(value: Any, *, required: bool = True) -> Decimal | None:
    """A number ≥ 0 (units, deals, meetings, money, rates); empty is None unless required."""
    return _read(value, "a number ≥ 0", required=required)


def parse_whole_number(value: Any, *, required: bool = True) -> int | None:
    """A whole number ≥ 0 (people). "3.0" is 3; "2.5", "-1", "1e3" and "three" are refused."""
    number = _read(value, "a whole number ≥ 0", required=required)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ParseError(f"must be a whole number ≥ 0 (got {shown(value)})")
    return int(number)


def _month_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else shown(value)


def parse_month(value: Any) -> date:
    """`YYYY-MM` as the first day of that month, years FIRST_YEAR to LAST_YEAR."""
    text = _month_text(value)
    quoted = f"'{text[:_SHOWN_LENGTH]}…'" if len(text) > _SHOWN_LENGTH else f"'{text}'"
    match = _MONTH_RE.fullmatch(text) if isinstance(value, str) else None
    if not match:
        raise ParseError(f"{quoted} is not a month; write it as YYYY-MM, e.g. 2026-03")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ParseError(f"{quoted} has no month {month:02d}; months run 01 to 12")
    return check_month(date(year, month, 1), quoted)


def check_month(value: date, quoted: str | None = None) -> date:
    """A date as the first of its month, refused outside the years a month may be."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        quoted = quoted or f"'{value.year:04d}-{value.month:02d}'"
        raise ParseError(f"{quoted} is out of range; months run from {FIRST_YEAR}-01 to {LAST_YEAR}-12")
    return value.replace(day=1)


def parse_day(value: Any) -> date:
    """`YYYY-MM-DD`, in ASCII digits, a day that exists, in the years a month may be."""
    text = value.strip() if isinstance(value, str) else None
    match = _DAY_RE.fullmatch(text) if text is not None else None
    if match is None:
        raise ParseError(f"{shown(value)} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14")
    return _day(value, *map(int, match.groups()))


def parse_month_or_day(value: Any) -> tuple[date, int | None]:
    """An assignment's start or end (DOMAIN.md's *Days*): `YYYY-MM` (the whole month: day None) or
    `YYYY-MM-DD` (that day of it), as (the month's first day, the day)."""
    if isinstance(value, str) and _DAY_RE.fullmatch(value.strip()):
        day = parse_day(value)
        return day.replace(day=1), day.day
    try:
        return parse_month(value), None
    except ParseError:
        raise ParseError(
            f"{shown(value)} is not a month or a date; write YYYY-MM, or YYYY-MM-DD for a day (2026-03-16)"
        ) from None


def parse_day_and_time(value: Any) -> date:
    """`YYYY-MM-DD`, or a date and a time as CRMs export them (`2026-03-14 10:22`,
    `2026-03-14T10:22:05Z`): the date is taken, the time dropped."""
    text = value.strip() if isinstance(value, str) else None
    match = _DAY_AND_TIME_RE.fullmatch(text) if text is not None else None
    if match is None:
        raise ParseError(f"{shown(value)} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14")
    return parse_day(match.group(1))


def parse_us_day(value: Any) -> date:
    """`YYYY-MM-DD`, or `M/D/YYYY` as a US-English report writes it (`3/14/2026`)."""
    text = value.strip() if isinstance(value, str) else None
    if text is not None and _DAY_RE.fullmatch(text):
        return parse_day(text)
    match = _US_DAY_RE.fullmatch(text) if text is not None else None
    if match is None:
        raise ParseError(f"{shown(value)} is not a date; write it as YYYY-MM-DD or M/D/YYYY")
    month, day, year = map(int, match.groups())
    return _day(value, year, month, day)


def _day(value: Any, year: int, month: int, day: int) -> date:
    try:
        found = date(year, month, day)
    except ValueError:
        raise ParseError(f"{shown(value)} is not a day of the calendar") from None
    check_month(found, f"{shown(value)}")
    return found


def parse_amount(value: Any, *, required: bool = True) -> Decimal | None:
    """Money as an export writes it: a plain number (`16200`, `16200.00`) or one grouped in
    thousands with commas (`16,200.00`). A currency sign, a unit or a second currency is not
    a plain number, and refused as any other text is."""
    if isinstance(value, str) and _GROUPED_RE.fullmatch(value.strip()):
        value = value.replace(",", "")
    try:
        return parse_number(value, required=required)
    except ParseError:
        text = _number_text(value)
        if not text or _NUMBER_RE.fullmatch(text):
            raise  # empty, or a number the parser refuses for what it is ("-5")
        raise ParseError(
            f"must be a plain amount such as 16200 or 16,200.00, without a currency sign or unit (got {shown(value)})"
        ) from None


def _json_int(text: str) -> int | JsonNumber:
    return int(text) if len(text) <= MAX_NUMBER_LENGTH else JsonNumber(text)


def _depth(data: Any) -> int:
    """How deeply lists and objects nest, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_JSON_DEPTH:
                stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_json(text: str | bytes) -> Any:
    """JSON whose numbers keep their text (JsonNumber, short integers as int) for the checks above.

    Refused with a ParseError: more than MAX_JSON_BYTES, not JSON, nested past MAX_JSON_DEPTH.
    """
    if len(text) > MAX_JSON_BYTES:
        raise ParseError(f"is larger than {MAX_JSON_BYTES // 1_000_000} MB; that is not a workspace")
    try:
        data = json.loads(text, parse_float=JsonNumber, parse_int=_json_int, parse_constant=JsonNumber)
    except json.JSONDecodeError as error:
        raise ParseError(f"not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except RecursionError:
        raise ParseError(f"not a workspace: lists or objects nested more than {MAX_JSON_DEPTH} deep") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ParseError(f"not JSON ({error})") from None
    if _depth(data) > MAX_JSON_DEPTH:
        raise ParseError(f"not a workspace: lists or objects nested more than {MAX_JSON_DEPTH} deep")
    return data


def plain(value: int | Decimal | None) -> str:
    """A stored number as a person would type it: 30, 12.5, 6804 (no trailing zeros)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = f"{value:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)
