"""Small forms that validate query parameters, so views never read request.GET by hand."""

from django import forms

from otesite.fields import MonthFormField, MonthInput


class MonthPickerForm(forms.Form):
    month = MonthFormField(
        label="Month",
        widget=MonthInput(attrs={"required": True}),
        error_messages={"required": "Pick a month (YYYY-MM)."},
    )
