"""The what-if page's query parameters, a saved scenario's name, and the month to apply it from.

Changes come two ways, both read as change strings by performance.changes:
- ``change=Closers.annual_ote=+20%`` (repeatable): links, saved scenarios, the command's words;
- one input per role and field, named as the change is written (``Closers.annual_ote``, and
  ``close_rate`` for a company-wide field), so the page is a plain GET form without JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django import forms

from otesite.lib.fields import MonthFormField, MonthInput
from otesite.lib.form_fields import NumberFormField
from otesite.lib.months import format_month, month_label
from otesite.lib.parse import ParseError, parse_month
from performance import engine
from performance.changes import MAX_CHANGE_LENGTH, parse_change, parse_changes


class ChangeListField(forms.Field):
    """Every ``change`` query parameter, as text (read as changes by the form's clean())."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [str(text).strip() for text in value if str(text).strip()]


def input_name(role: str | None, field: str) -> str:
    """The input of a role's field is named as its change is written: ``Closers.annual_ote``."""
    return field if role is None else f"{role}.{field}"


class BaseMonthForm(forms.Form):
    """The month a what-if starts from; none given, the page takes the latest with data."""

    month = MonthFormField(required=False, label="Base month", widget=MonthInput)

    @classmethod
    def picker(cls, month: str, months: Sequence[date]) -> BaseMonthForm:
        """The page's month picker: a choice of the months with data, `month` chosen."""
        form = cls(initial={"month": month}, auto_id="whatif-%s")
        form.fields["month"].widget = forms.Select(choices=[(format_month(m), month_label(m)) for m in months])
        return form


class WhatIfForm(BaseMonthForm):
    """The month, the changes and the revenue goal; ``roles`` are the base's counting roles,
    whose fields get an input each."""

    change = ChangeListField(required=False)
    revenue_goal = NumberFormField(
        required=False,
        label="Revenue goal a month ($)",
        max_digits=16,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def __init__(self, data=None, *, roles: Sequence[str] = (), **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.input_names = [input_name(None, field) for field in engine.COMPANY_FIELDS]
        self.input_names += [input_name(role, field) for role in roles for field in engine.ROLE_FIELDS]
        for name in self.input_names:
            self.fields[name] = forms.CharField(required=False, max_length=MAX_CHANGE_LENGTH, strip=True)

    def input_values(self) -> dict[str, str]:
        """What each input shows: what was typed in it, else the value of a ``change`` parameter
        for its field (so a link's change appears in its input, and the form sends it back)."""
        values = {name: str(self.data[name]).strip() for name in self.input_names if self.data.get(name)}
        for text in self.data.getlist("change"):
            try:
                change = parse_change(text)
            except ParseError:
                continue  # named among the problems
            name = input_name(change.role, change.field)
            if name in self.input_names:
                values.setdefault(name, text.partition("=")[2].strip())
        return values

    def change_texts(self) -> list[str]:
        """The changes as written: the ``change`` parameters, then each input that holds a value."""
        typed = [f"{name}={value}" for name in self.input_names if (value := self.cleaned_data.get(name))]
        return [*self.cleaned_data.get("change", []), *typed]

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            try:
                cleaned["changes"] = parse_changes(self.change_texts())
            except engine.ScenarioInvalid as error:
                for problem in error.problems:
                    self.add_error(None, problem)
        return cleaned


class SaveScenarioForm(WhatIfForm):
    """What the page computed, with a name to keep it by: the month, changes and goal travel in
    hidden inputs; the name survives the page's htmx swaps as typed (hx-preserve)."""

    month = MonthFormField(required=False, widget=forms.HiddenInput)
    revenue_goal = NumberFormField(required=False, max_digits=16, decimal_places=2, widget=forms.HiddenInput)
    name = forms.CharField(max_length=100, label="Name", widget=forms.TextInput(attrs={"hx-preserve": "true"}))

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors and cleaned.get("month") is None:
            self.add_error("month", "Pick the base month (YYYY-MM).")
        return cleaned


class ConfirmMonths(forms.CheckboxInput):
    """An "I understand" tick box whose value is what it agrees to (the months, "2026-11,2026-12"):
    ticked, the months are posted; unticked, nothing is."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: False)  # never ticked for the admin

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class ApplyScenarioForm(forms.Form):
    start = MonthFormField(
        label="First month of the new plan versions",
        widget=MonthInput(attrs={"required": True}),
        error_messages={"required": "Pick the month the new plan versions start (YYYY-MM)."},
    )
    # "I understand": the months with numbers the admin agreed to re-price, posted as the
    # checkbox's value ("2026-12"), which the page shows once applying was refused for them
    # (performance/scenarios.py); unticked, nothing is posted and nothing is agreed.
    reprice = forms.CharField(required=False, max_length=2000, widget=ConfirmMonths)

    def confirm_repricing(self, months: str, label: str) -> None:
        """Offer the "I understand" tick box for `months` (text), labelled with what it re-prices."""
        self.fields["reprice"].widget.attrs["value"] = months
        self.fields["reprice"].label = label
        self["reprice"].label = label  # the bound field, made when the form was checked, keeps its own

    def clean_reprice(self) -> list:
        text = self.cleaned_data["reprice"]
        if not text:
            return []
        try:
            return [parse_month(part.strip()) for part in text.split(",")]
        except ParseError:
            raise forms.ValidationError("could not be read; tick “I understand” again") from None


class CompareBoxes(forms.CheckboxSelectMultiple):
    """A tick box per saved scenario, each drawn in its scenario's row of the list (so named
    for it: "Compare Q3 hiring")."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"] |= {"id": f"compare-{value}", "aria-label": f"Compare {label}"}
        return option


class CompareForm(forms.Form):
    """``?scenario=1&scenario=2``: two or three saved scenarios."""

    scenario = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=False, widget=CompareBoxes)

    def __init__(self, data=None, *, choices: Sequence[tuple[int, str]] = ()) -> None:
        super().__init__(data)
        self.fields["scenario"].choices = list(choices)

    def clean_scenario(self) -> list[int]:
        chosen = list(dict.fromkeys(self.cleaned_data["scenario"]))
        if not 2 <= len(chosen) <= 3:
            raise forms.ValidationError("Choose two or three scenarios to compare.")
        return chosen
