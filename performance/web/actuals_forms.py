"""The month entry form: a row per role plus the month's revenue, checked by the same rules
(and with the same messages) as the CSV import in performance.actuals.

Deciding what a cleared row means: the form never deletes. Managers may add and change
actuals but not delete them, and headcount 0 already takes a role out of a month (status
`no_headcount`, counted nowhere), so clearing a stored row is refused with that advice.
Recorded revenue likewise can be changed here but only removed by an admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property

from compensation.models import Role
from otesite.lib.form_fields import NumberFormField
from otesite.lib.parse import plain
from performance.actuals import (
    OPTIONAL_FIELDS,
    VALUE_FIELDS,
    ActualValues,
    Change,
    as_clause,
    build_change,
    people_recorded,
    version_of,
)
from performance.deal_models import month_kept_by_deals
from performance.models import MonthlyActual, MonthlyRevenue

LABELS = {
    "headcount": "Headcount",
    "units": "Units",
    "credited_deals": "Credited deals",
    "meetings_held": "Meetings held",
    "earnings": "Earnings",
}


class CellField(NumberFormField):
    """One number of the form, parsed exactly like the same CSV column."""

    def __init__(self, column: str, **kwargs):
        self.column = column
        inputmode = "numeric" if column == "headcount" else "decimal"
        attrs = {"inputmode": inputmode, "autocomplete": "off", "size": 8}
        # Whether the row needs the value is the row's question (ActualsMonthForm.clean).
        super().__init__(whole=column == "headcount", required=False, widget=forms.TextInput(attrs=attrs), **kwargs)


@dataclass
class RoleRow:
    """The bound fields of one role's row, for the template; `theirs` is what is stored, per
    field, where it differs from what the form holds (shown after someone else saved)."""

    role: Role
    stored: MonthlyActual | None
    fields: list[forms.BoundField]
    theirs: list[str | None]

    @property
    def cells(self) -> list[tuple[forms.BoundField, str | None]]:
        return list(zip(self.fields, self.theirs, strict=True))


def field_name(role: Role, column: str) -> str:
    return f"{role.pk}-{column}"


class ActualsMonthForm(forms.Form):
    # What the month held when the form was shown (performance.actuals.version_of): a save is
    # refused when the month has changed since, so nobody overwrites a save they never saw.
    version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        month: date,
        roles: list[Role],
        stored: dict[int, MonthlyActual],
        revenue: Decimal | None,
        check_url: str | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.initial["version"] = version_of(stored.values(), revenue)
        # As stored, before clean() applies the form's values to these very instances.
        self.stored_text = {
            field_name(role, column): plain(getattr(stored[role.pk], column)) if role.pk in stored else ""
            for role in roles
            for column in VALUE_FIELDS
        } | {"revenue": plain(revenue)}
        self.month = month
        self.roles = roles
        self.stored = stored
        self.stored_revenue = revenue
        for role in roles:
            actual = stored.get(role.pk)
            for column in VALUE_FIELDS:
                name = field_name(role, column)
                self.fields[name] = CellField(column, label=f"{role.name}, {column}")
                self.initial[name] = plain(getattr(actual, column)) if actual else ""
        self.fields["revenue"] = CellField(
            "revenue", label="Revenue", help_text="Leave empty to derive it from the closers' deals."
        )
        self.initial["revenue"] = plain(revenue)
        if check_url:
            self._check_as_you_leave(check_url)
        self.changes: list[Change] = []
        self.revenue_change: MonthlyRevenue | None = None  # to save, when revenue is new or changed

    def _check_as_you_leave(self, check_url: str) -> None:
        """Each field asks the check endpoint for its error when it changes, sending its row along
        (a row's rules need the row: units without headcount, say)."""
        for name, field in self.fields.items():
            field.widget.attrs.update(
                {
                    "hx-get": f"{check_url}?field={name}",
                    "hx-trigger": "change",
                    "hx-include": "closest .entry-row",
                    "hx-target": f"#error-{name}",
                    "hx-swap": "outerHTML",
                    "aria-describedby": f"error-{name}",
                }
            )

    @cached_property
    def kept_by_deals(self) -> bool:
        """Whether the month is kept by deals, then taking no role totals (asked once)."""
        return bool(month_kept_by_deals([self.month]))

    @cached_property
    def people_recorded(self) -> dict:
        """Who has person actuals in each role this month, asked once for all the rows."""
        return people_recorded({(role.pk, self.month) for role in self.roles})

    def rows(self) -> list[RoleRow]:
        return [
            RoleRow(
                role,
                self.stored.get(role.pk),
                [self[field_name(role, c)] for c in VALUE_FIELDS],
                [self._theirs(role, c) for c in VALUE_FIELDS],
            )
            for role in self.roles
        ]

    def _theirs(self, role: Role, column: str) -> str | None:
        return self._differs(field_name(role, column))

    @property
    def revenue_theirs(self) -> str | None:
        return self._differs("revenue")

    def _differs(self, name: str) -> str | None:
        """The stored value where the form holds another one ("empty" for none); else None."""
        if not self.is_bound:
            return None
        cleaned, theirs = getattr(self, "cleaned_data", {}), self.stored_text[name]
        typed = plain(cleaned[name]) if name in cleaned else str(self.data.get(name, ""))
        return None if typed.strip() == theirs else theirs or "empty"

    def clean(self):
        cleaned = super().clean()
        for role in self.roles:
            self._clean_row(role, cleaned)
        self._clean_revenue(cleaned)
        return cleaned

    def _clean_row(self, role: Role, cleaned: dict) -> None:
        names = {column: field_name(role, column) for column in VALUE_FIELDS}
        if any(name in self.errors for name in names.values()):
            return
        values = {column: cleaned.get(name) for column, name in names.items()}
        stored = self.stored.get(role.pk)
        if all(value is None for value in values.values()):
            if stored is not None:
                self.add_error(
                    names["headcount"], f"is required; to take {role.name} out of this month, set headcount to 0"
                )
            return
        missing = [c for c in VALUE_FIELDS if c not in OPTIONAL_FIELDS and values[c] is None]
        for column in missing:
            self.add_error(names[column], "is required")
        if missing:
            return
        people = self.people_recorded[(role.pk, self.month)]
        values = ActualValues(role=role, month=self.month, **values)
        change, problems = build_change(values, stored, people, by_deals=self.kept_by_deals)
        for problem in problems:
            # A rule about the row (a month kept by deals) is shown by its headcount, where it starts.
            self.add_error(names.get(problem.column, names["headcount"]), problem.message)
        if change:
            self.changes.append(change)

    def _clean_revenue(self, cleaned: dict) -> None:
        if "revenue" in self.errors:
            return
        value = cleaned.get("revenue")
        stored = self.stored_revenue
        if value is None:
            if stored is not None:
                self.add_error("revenue", "is recorded for this month; change it here, or ask an admin to remove it")
            return
        if stored == value:
            return
        revenue = MonthlyRevenue.objects.filter(month=self.month).first() or MonthlyRevenue(month=self.month)
        revenue.revenue = value
        try:
            revenue.full_clean(exclude=["month"])
        except ValidationError as error:
            for messages in error.message_dict.values():
                for message in messages:
                    self.add_error("revenue", as_clause(message))
            return
        self.revenue_change = revenue

    def unsaved_actuals(self) -> dict[int, MonthlyActual]:
        """The month's actuals as the form has them, by role id (for the live preview)."""
        return {change.actual.role_id: change.actual for change in self.changes}

    def unsaved_revenue(self) -> Decimal | None:
        return self.cleaned_data.get("revenue")

    def summary(self) -> str:
        counts = {action: sum(c.action == action for c in self.changes) for action in ("create", "update")}
        revenue = "; revenue saved" if self.revenue_change else ""
        return f"{counts['create']} created, {counts['update']} updated{revenue}"
