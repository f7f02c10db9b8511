"""URL path converters shared by every app: `<month:month>` matches YYYY-MM."""

from datetime import date

from otesite.lib.months import format_month
from otesite.lib.parse import MONTH_PATTERN, parse_month


class MonthConverter:
    """`2026-03` in a URL, the first day of that month in the view.

    The one parser reads it: a malformed month such as `2026-13` or `9999-12` raises
    ValueError, which Django takes as "this pattern does not match": a 404, never a 500.
    The pattern is ASCII digits (`\\d` would also match full-width `２０２６-０３`).
    """

    regex = MONTH_PATTERN

    def to_python(self, value: str) -> date:
        return parse_month(value)

    def to_url(self, value: date | str) -> str:
        return format_month(value) if isinstance(value, date) else format_month(parse_month(value))
