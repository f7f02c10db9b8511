"""Small forms that validate query parameters, so views never read request.GET by hand."""

from __future__ import annotations

from datetime import date

from django import forms

from otesite.fields import MonthFormField, MonthInput
from otesite.months import add_months, format_month, months_between
from performance.exchange.parse import FIRST_MONTH, LAST_MONTH

MAX_RANGE_MONTHS = 240
DEFAULT_RANGE_MONTHS = 12


class MonthPickerForm(forms.Form):
    month = MonthFormField(
        label="Month",
        widget=MonthInput(attrs={"required": True}),
        error_messages={"required": "Pick a month (YYYY-MM)."},
    )


class RangeForm(forms.Form):
    """``?from=YYYY-MM&to=YYYY-MM``; either may be left out.

    Defaults: `to` is the latest month with data, `from` the twelve months up to `to`
    (never before the first month with data). At most MAX_RANGE_MONTHS months.
    """

    def __init__(self, data=None, *, months_with_data: list[date]) -> None:
        super().__init__(data)
        # "from" is a Python keyword, so the fields are named here rather than as attributes.
        self.fields["from"] = MonthFormField(required=False, label="From")
        self.fields["to"] = MonthFormField(required=False, label="To")
        self.months_with_data = months_with_data

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        first, last = cleaned.get("from"), cleaned.get("to")
        earliest = self.months_with_data[0] if self.months_with_data else None
        latest = self.months_with_data[-1] if self.months_with_data else None
        if last is None:
            # Months are read as 1900-01 to 2999-12; a default range stays within them.
            last = latest or (min(add_months(first, DEFAULT_RANGE_MONTHS - 1), LAST_MONTH) if first else None)
        if first is None and last is not None:
            first = max(add_months(last, 1 - DEFAULT_RANGE_MONTHS), FIRST_MONTH)
            if earliest is not None and earliest <= last:
                first = max(first, earliest)
        if first is not None and last is not None:
            if last < first:
                raise forms.ValidationError(
                    f"'To' ({format_month(last)}) is before 'From' ({format_month(first)}).", code="order"
                )
            if len(months_between(first, last)) > MAX_RANGE_MONTHS:
                raise forms.ValidationError(
                    f"Choose at most {MAX_RANGE_MONTHS} months ({MAX_RANGE_MONTHS // 12} years).", code="too_long"
                )
        cleaned["from"], cleaned["to"] = first, last
        return cleaned

    @property
    def range(self) -> tuple[date, date] | None:
        """(first, last) once valid; None when there is no data to default to."""
        first, last = self.cleaned_data.get("from"), self.cleaned_data.get("to")
        return (first, last) if first and last else None
