"""The plan's admin form: the pay curve as percentages, and no re-pricing by surprise.

On top of QuotaPlanForm (compensation/admin_support.py: the commission rate in percent and a
reason for the change):
- The ramp is typed as percentages of quota, "50, 75" (half quota in the first month, three
  quarters in the second), and stored as the fractions the engine reads (0.5, 0.75); the cap
  and the bands' starts are percentages of quota already.
- A plan version prices the months from its effective_from until the role's next version.
  When saving it would re-price months that already have actuals (role totals, or person
  actuals of people in the role), the form says which, before anything is saved: on the
  change form from the start, and as an error on "I understand" until it is ticked. An edit
  that moves a version (another month, another role) re-prices what it priced before too.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms

from compensation.admin_support import QuotaPlanForm
from compensation.models import PLAN_FIELDS, QuotaPlan
from otesite.lib import hooks
from otesite.lib.fields import DecimalListFormField, decimals_text
from otesite.lib.months import add_months, format_month

HUNDRED = Decimal(100)
RAMP_PERCENT = "must be above 0 and at most 100 (percent of the full quota: 50 is half)"


class RampPercentField(DecimalListFormField):
    """A ramp typed and shown as percentages of quota ("50, 75"), cleaned to fractions."""

    def prepare_value(self, value):
        if isinstance(value, tuple | list):
            return decimals_text(tuple(Decimal(fraction) * HUNDRED for fraction in value), ", ")
        return value

    def to_python(self, value) -> tuple[Decimal, ...]:
        percentages = super().to_python(value)
        wrong = [str(index) for index, share in enumerate(percentages, start=1) if not 0 < share <= HUNDRED]
        if wrong:
            raise forms.ValidationError(f"Each entry {RAMP_PERCENT}; see entry {', '.join(wrong)}.")
        return tuple(share / HUNDRED for share in percentages)


def _governed(starts: list[date], start: date) -> tuple[date, date | None]:
    """The months a version starting at `start` prices: up to the next start of its role."""
    return start, min((other for other in starts if other > start), default=None)


def months_repriced(
    role_id: int, start: date, plan_pk: int | None = None, before: tuple[int, date] | None = None
) -> list[date]:
    """Months with actuals that saving a version of role `role_id` from `start` re-prices;
    `before` is the (role id, start) a stored version had, when an edit moves it."""
    found: set[date] = set()
    for role, first in {(role_id, start), *([before] if before else [])}:
        starts = list(
            QuotaPlan.objects.filter(role_id=role).exclude(pk=plan_pk).values_list("effective_from", flat=True)
        )
        found |= hooks.months_with_numbers(role, *_governed(starts, first))
    return sorted(found)


def month_spans(months: list[date]) -> str:
    """ "2025-01 to 2025-11, 2026-02": runs of consecutive months."""
    spans: list[list[date]] = []
    for month in months:
        if spans and add_months(spans[-1][-1], 1) == month:
            spans[-1].append(month)
        else:
            spans.append([month])
    return ", ".join(
        format_month(span[0]) if len(span) == 1 else f"{format_month(span[0])} to {format_month(span[-1])}"
        for span in spans
    )


def repricing_text(months: list[date]) -> str:
    count = len(months)
    return f"{count} month{'s' if count != 1 else ''} that already {'have' if count != 1 else 'has'} actuals ({month_spans(months)})"


class PlanCurveAdminForm(QuotaPlanForm):
    ramp = RampPercentField(
        label="Ramp (% of quota by month)",
        required=False,
        help_text="A new person's quota in their first months, in percent: 50, 75 is half quota in the first "
        "month, three quarters in the second, full after. Empty for no ramp.",
    )
    confirm_repricing = forms.BooleanField(
        label="I understand that saving re-prices months that already have actuals",
        required=False,
        help_text="Needed only when this version prices months with actuals.",
    )

    class Meta:
        model = QuotaPlan
        fields = ["role", "effective_from", *PLAN_FIELDS, "cap_pct", "ramp"]
        labels = {"cap_pct": "Cap (% of quota)"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plan = self.instance
        stored = plan.pk and plan.role_id and plan.effective_from
        if stored and (months := months_repriced(plan.role_id, plan.effective_from, plan.pk)):
            self.fields["confirm_repricing"].help_text = (
                f"This version prices {repricing_text(months)}: any change saved here re-prices them on"
                " every screen, export and leaderboard."
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        role, start = cleaned.get("role"), cleaned.get("effective_from")
        if role is None or start is None:
            return cleaned
        plan = self.instance  # not yet changed: the form's values are put on it after clean()
        before = (plan.role_id, plan.effective_from) if plan.pk else None
        months = months_repriced(role.pk, start, plan.pk, before)
        if months and not cleaned.get("confirm_repricing"):
            self.add_error(
                "confirm_repricing",
                f"Saving this plan re-prices {repricing_text(months)}: their attainment, earnings and ranks will"
                " change. Tick “I understand” to save it.",
            )
        return cleaned
