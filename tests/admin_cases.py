"""Posting the admin's forms as a browser would, for the tests of the lock on approved months."""

from datetime import date

from django.db import models
from django.urls import reverse

from compensation.models import Assignment, Person, QuotaPlan
from otesite.lib.months import format_month

INLINES = {QuotaPlan: "tiers", Person: "assignments"}
PERCENT_TYPED = ("commission_rate", "upfront_rate", "show_rate", "close_rate")  # 10 means 10%


def admin_url(instance: models.Model, view: str = "change") -> str:
    opts = instance._meta
    args = [] if view == "changelist" else [instance.pk]
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def admin_form(instance: models.Model, **changes) -> dict:
    """What the admin's form posts for `instance` as stored, with `changes`; inlines left alone."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, bool):
            if value:
                data[field.name] = "on"
            continue
        if field.name in PERCENT_TYPED:
            value = format(value * 100, "f")
        elif isinstance(value, date):
            value = format_month(value)
        elif isinstance(value, tuple | list):  # a plan's ramp, typed in percent: "50, 75"
            value = ", ".join(format(item * 100, "f") for item in value)
        data[field.name] = "" if value is None else str(value)
    if prefix := INLINES.get(type(instance)):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    if isinstance(instance, Assignment):  # start and end typed as a month or a day
        data["start_text"], data["end_text"] = instance.start_text, instance.end_text or ""
    if isinstance(instance, QuotaPlan):
        data["confirm_repricing"] = "on"  # the form's own warning for months with actuals, ticked
    data.update({name: str(value) for name, value in changes.items()})
    return data


def inline_rows(prefix: str, rows: list[dict], delete: int | None = None, initial: int | None = None) -> dict:
    """An inline's rows as posted: `initial` of them stored (all by default), row `delete` ticked for deletion."""
    initial = len(rows) if initial is None else initial
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    if delete is not None:
        data[f"{prefix}-{delete}-DELETE"] = "on"
    return data
