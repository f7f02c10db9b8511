"""Calendar months: stored as the first day of the month, written ``YYYY-MM`` to people."""

import re
from datetime import date

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> date:
    """Parse ``YYYY-MM`` into the first day of that month; ValueError says what is wrong."""
    match = _MONTH_RE.match(str(text).strip())
    if not match:
        raise ValueError(f"'{text}' is not a month; write it as YYYY-MM, e.g. 2026-03")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' has no month {month:02d}; months run 01 to 12")
    if year < 1900:
        raise ValueError(f"'{text}' is too far in the past")
    return date(year, month, 1)


def format_month(value: date) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def first_of_month(value: date) -> date:
    return value.replace(day=1)


def add_months(value: date, count: int) -> date:
    index = value.year * 12 + (value.month - 1) + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> list[date]:
    """Every month from start to end, both included; empty when end is before start."""
    months = []
    current = first_of_month(start)
    end = first_of_month(end)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def month_label(value: date) -> str:
    """'March 2026', for headings."""
    return value.strftime("%B %Y")
