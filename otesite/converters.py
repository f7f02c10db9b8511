"""URL path converters shared by every app: `<month:month>` matches YYYY-MM."""

from datetime import date

from otesite.months import format_month, parse_month


class MonthConverter:
    """`2026-03` in a URL, the first day of that month in the view.

    A malformed month such as `2026-13` raises ValueError, which Django takes as
    "this pattern does not match": a 404, never a 500.
    """

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> date:
        return parse_month(value)

    def to_url(self, value: date | str) -> str:
        return format_month(value) if isinstance(value, date) else format_month(parse_month(value))
