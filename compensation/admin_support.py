"""What our admin pages share, so they read like the rest of the product:

- `columns(...)`: list columns that show months as YYYY-MM and numbers as every screen does
  ("$68,040", "10.0%", "5"), not as "Dec. 1, 2024" and "0.100000";
- `year_filter(field)`: a list filter by year, in place of the date hierarchy and Django's
  "past 7 days" date filters, which mean nothing for months;
- `ReasonForm` and `HistoryReasonAdmin`: a "reason for this change" field on every change
  form, kept in the history (django-simple-history's change reason);
- rates (commission, upfront, show and close rates) are typed and shown as percentages by
  `PercentFormField` (performance/exchange/form_fields.py), and stored as fractions.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin

from otesite.lib.form_fields import PercentFormField
from otesite.lib.months import format_month
from otesite.lib.number_filters import money, pct, rate, units

MONEY = ("annual_ote", "annual_base", "deal_value", "cost_per_meeting", "revenue", "earnings")
UNITS = ("monthly_quota", "units", "credited_deals", "meetings_held")
RATES = ("commission_rate", "upfront_rate", "show_rate", "close_rate")
PERCENTAGES = ("target_ote_pct_of_revenue", "near_target_pct", "exceeding_pct")
MONTHS = ("month", "effective_from")


def _formatter(name: str) -> Callable[[object], str]:
    if name in MONTHS:
        return lambda value: format_month(value) if value else ""
    if name in MONEY:
        return lambda value: "" if value is None else money(value)
    if name in UNITS:
        return lambda value: "" if value is None else units(value)
    if name in RATES:
        return rate
    if name in PERCENTAGES:
        return pct
    raise ValueError(f"no column format for {name}")


def column(model: type, name: str) -> Callable:
    """A list column for field `name`, formatted, labelled and sortable as the field."""
    show = _formatter(name)

    @admin.display(description=model._meta.get_field(name).verbose_name, ordering=name)
    def shown(obj) -> str:
        return show(getattr(obj, name))

    shown.__name__ = name  # the column's CSS class, as for the field itself
    return shown


def columns(model: type, *names: str) -> list[Callable]:
    return [column(model, name) for name in names]


def year_filter(field: str) -> type[admin.SimpleListFilter]:
    """Filter a list by the year of a month field."""

    class YearFilter(admin.SimpleListFilter):
        title = "year"
        parameter_name = f"{field}__year"

        def lookups(self, request, model_admin):
            years = model_admin.get_queryset(request).dates(field, "year", order="DESC")
            return [(str(day.year), str(day.year)) for day in years]

        def queryset(self, request, queryset):
            return queryset.filter(**{f"{field}__year": self.value()}) if self.value() else queryset

    return YearFilter


class ReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=100,  # django-simple-history's column
        help_text="Kept in the history with the change, e.g. “Q3 comp review”.",
    )


class HistoryReasonAdmin(admin.ModelAdmin):
    """Every change form asks for a reason and keeps it in the history with the change."""

    form = ReasonForm

    def save_model(self, request, obj, form, change) -> None:
        obj._change_reason = form.cleaned_data.get("change_reason", "")
        super().save_model(request, obj, form, change)


RATE_HELP = {
    "commission_rate": "Percent of a deal's upfront revenue paid per credited deal: 10 means 10%.",
    "upfront_rate": "Percent of deal value received upfront: 70 means 70%.",
    "show_rate": "Percent of booked meetings that are held: 25 means 25%.",
    "close_rate": "Percent of held meetings that close: 25 means 25%.",
}


def _percent(name: str, label: str) -> PercentFormField:
    return PercentFormField(label=label, help_text=RATE_HELP[name])


# No Meta: the admin builds each form for its model with every field (a field added to the
# model appears without a change here); these only declare how the rates are typed.
class QuotaPlanForm(ReasonForm):
    commission_rate = _percent("commission_rate", "Commission rate (%)")


class EconomicsForm(ReasonForm):
    upfront_rate = _percent("upfront_rate", "Upfront rate (%)")
    show_rate = _percent("show_rate", "Show rate (%)")
    close_rate = _percent("close_rate", "Close rate (%)")
