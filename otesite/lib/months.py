"""Calendar months: stored as the first day of the month, written ``YYYY-MM`` to people."""

import calendar
from datetime import date

# Reading month text (`YYYY-MM`, years 1900 to 2999) is otesite.lib.parse.parse_month,
# the one parser every way in shares; this module keeps the arithmetic.


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


def days_in(month: date) -> int:
    """How many days the month has."""
    return calendar.monthrange(month.year, month.month)[1]


def day_text(month: date, day: int | None) -> str:
    """ "2026-03" for a whole month, "2026-03-16" for a day of it."""
    return format_month(month) if day is None else f"{format_month(month)}-{day:02d}"
