"""Small forms that validate query parameters, so views never read request.GET by hand."""

from __future__ import annotations

from datetime import date

from django import forms

from otesite.lib.fields import MonthFormField, MonthInput
from otesite.lib.months import add_months, format_month, months_between
from otesite.lib.parse import FIRST_MONTH, LAST_MONTH

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

    Defaults: `to` is the latest month with data, `from` the `default_months` (twelve) months
    up to `to` (never before the first month with data). At most MAX_RANGE_MONTHS months.
    """

    default_months = DEFAULT_RANGE_MONTHS

    def __init__(self, data=None, *, months_with_data: list[date], **kwargs) -> None:
        super().__init__(data, **kwargs)
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
            last = latest or (min(add_months(first, self.default_months - 1), LAST_MONTH) if first else None)
        if first is None and last is not None:
            first = max(add_months(last, 1 - self.default_months), FIRST_MONTH)
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

    def shown(self, values: dict, **kwargs) -> RangeForm:
        """The form to draw: unbound, holding `values` (what was typed, or the range shown once
        the defaults are worked out); the errors are listed apart, above what they refused."""
        return type(self)(initial=values, months_with_data=self.months_with_data, **kwargs)

    @property
    def range(self) -> tuple[date, date] | None:
        """(first, last) once valid; None when there is no data to default to."""
        first, last = self.cleaned_data.get("from"), self.cleaned_data.get("to")
        return (first, last) if first and last else None


class BoardForm(RangeForm):
    """The board pack's ``?month=YYYY-MM`` and its trends' ``?from=&to=``, each optional.

    `month` defaults to the latest month with data that has started and must be a month with
    data; the trends default to the 24 months up to it (never before the first month with data).
    `months_with_data` are the months that have started.
    """

    default_months = 24

    def __init__(self, data=None, *, months_with_data: list[date], **kwargs) -> None:
        super().__init__(data, months_with_data=months_with_data, **kwargs)
        self.fields["month"] = MonthFormField(required=False, label="Board pack for")
        self.fields = {"month": self.fields.pop("month"), **self.fields}  # checked first: the range follows it
        self.fields["from"].label, self.fields["to"].label = "Trends from", "to"

    def clean_month(self) -> date | None:
        month = self.cleaned_data.get("month")
        with_data = self.months_with_data
        if month is None:
            return with_data[-1] if with_data else None
        if month not in with_data:
            span = f"; months with data run from {format_month(with_data[0])} to {format_month(with_data[-1])}"
            raise forms.ValidationError(
                f"No actuals are recorded for {format_month(month)}{span if with_data else ''}.", code="no_data"
            )
        self.months_with_data = [m for m in with_data if m <= month]  # the trends end with the pack by default
        return month

    def given(self) -> dict[str, str]:
        """The values the request gave (not the defaults), for links that keep them."""
        return {name: format_month(self.cleaned_data[name]) for name in ("month", "from", "to") if self.data.get(name)}
