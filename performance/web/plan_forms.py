"""The OTE plan calculator's inputs, validated like a QuotaPlan but never saved; numbers are read by
the one parser (otesite.lib.parse), as every other way in reads them. The commission
rate is typed as a percentage (10 means 10%), as the screens show it, and held as a fraction."""

from decimal import Decimal

from django import forms

from compensation.models import PLAN_FIELDS, Role
from otesite.lib.form_fields import NumberFormField, PercentFormField, percent_text
from otesite.lib.parse import plain
from performance import engine

ZERO = Decimal(0)


class PlanCalculatorForm(forms.Form):
    kind = forms.ChoiceField(label="Role kind", choices=Role.Kind.choices, initial=Role.Kind.CLOSER)
    annual_ote = NumberFormField(
        label="Annual OTE ($)", max_digits=14, decimal_places=2, help_text="Base + variable pay at quota, per person."
    )
    annual_base = NumberFormField(
        label="Annual base ($)",
        max_digits=14,
        decimal_places=2,
        initial=ZERO,
        required=False,
        help_text="0 if commission-only.",
    )
    monthly_quota = NumberFormField(
        label="Monthly quota", max_digits=12, decimal_places=2, help_text="Deals, meetings or team deals per person."
    )
    commission_rate = PercentFormField(
        label="Commission rate (%)", help_text="Percent of a deal's upfront revenue per credited deal: 10 means 10%."
    )

    def clean_annual_ote(self) -> Decimal:
        value = self.cleaned_data["annual_ote"]
        if value <= 0:
            raise forms.ValidationError("Annual OTE must be greater than 0.")
        return value

    def clean_annual_base(self) -> Decimal:
        value = self.cleaned_data["annual_base"]
        if value is None:
            return ZERO
        if value < 0:
            raise forms.ValidationError("Annual base cannot be negative.")
        return value

    def clean_monthly_quota(self) -> Decimal:
        value = self.cleaned_data["monthly_quota"]
        if value <= 0:
            raise forms.ValidationError("Monthly quota must be greater than 0.")
        return value

    def clean(self) -> dict:
        data = super().clean()
        base, ote = data.get("annual_base"), data.get("annual_ote")
        if base is not None and ote is not None and base > ote:
            self.add_error("annual_base", "Annual base cannot be more than annual OTE.")
        return data

    @staticmethod
    def data_for(kind: str, plan) -> dict[str, str]:
        """A stored plan as the calculator's form would be typed in (its rate as a percentage)."""
        data = {name: plain(getattr(plan, name)) for name in PLAN_FIELDS}
        return {**data, "kind": kind, "commission_rate": percent_text(plan.commission_rate)}

    def plan(self) -> engine.Plan:
        return engine.Plan(**{name: self.cleaned_data[name] for name in PLAN_FIELDS})
