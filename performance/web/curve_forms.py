"""The plan calculator with a pay curve: the plan's fields (PlanCalculatorForm) and up to
TIER_ROWS bands (from % of quota, multiplier) and a cap, checked by the same rules as a stored
plan's (compensation.curves), so the calculator previews any plan the admin can save."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from django import forms

from compensation.curves import CAP, tier_problems
from compensation.models import QuotaPlan
from otesite.lib.form_fields import NumberFormField
from performance import engine
from performance.web.plan_forms import PlanCalculatorForm

TIER_ROWS = 4


def _tier_field(label: str, help_text: str = "") -> NumberFormField:
    return NumberFormField(label=label, max_digits=8, decimal_places=4, required=False, help_text=help_text)


class PlanCurveCalculatorForm(PlanCalculatorForm):
    cap_pct = NumberFormField(
        label="Cap (% of quota)",
        max_digits=8,
        decimal_places=2,
        required=False,
        help_text="Attainment beyond which nothing more is paid; empty for no cap.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for row in range(1, TIER_ROWS + 1):
            self.fields[f"tier_{row}_from"] = _tier_field(f"Band {row} from (% of quota)")
            self.fields[f"tier_{row}_multiplier"] = _tier_field(f"Band {row} multiplier")

    @property
    def plan_fields(self) -> list[forms.BoundField]:
        """The plan's own fields (everything but the curve), in their order."""
        return [self[name] for name in self.fields if name != "cap_pct" and not name.startswith("tier_")]

    def tier_rows(self) -> Iterator[tuple[int, forms.BoundField, forms.BoundField]]:
        for row in range(1, TIER_ROWS + 1):
            yield row, self[f"tier_{row}_from"], self[f"tier_{row}_multiplier"]

    def clean_cap_pct(self) -> Decimal | None:
        value = self.cleaned_data["cap_pct"]
        if value is not None and value <= 0:
            raise forms.ValidationError(f"Cap {CAP}.")
        return value

    def clean(self) -> dict:
        data = super().clean()
        bands = []
        for row, start, multiplier in self.tier_rows():
            values = data.get(start.name), data.get(multiplier.name)
            if values == (None, None):
                continue
            if None in values:
                missing = start.name if values[0] is None else multiplier.name
                if missing not in self.errors:
                    self.add_error(missing, f"band {row} needs both its start and its multiplier")
                continue
            bands.append((start.name, multiplier.name, *values))
        for index, field, message in tier_problems([(start, times) for _, _, start, times in bands]):
            self.add_error(bands[index][0] if field == "from_pct" else bands[index][1], message)
        self.tiers = tuple(engine.Tier(start, times) for _, _, start, times in bands)
        return data

    def plan(self) -> engine.Plan:
        return replace(super().plan(), tiers=self.tiers, cap_pct=self.cleaned_data.get("cap_pct"))


def curve_values(plan: QuotaPlan) -> dict[str, Decimal | None]:
    """A stored plan's bands and cap as the calculator's values (its tiers prefetched)."""
    values: dict[str, Decimal | None] = {"cap_pct": plan.cap_pct}
    for row, tier in enumerate(list(plan.tiers.all())[:TIER_ROWS], start=1):
        values |= {f"tier_{row}_from": tier.from_pct, f"tier_{row}_multiplier": tier.multiplier}
    return values
