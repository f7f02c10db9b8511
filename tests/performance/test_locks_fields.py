"""What the lock on approved months compares of a plan or assumptions version: every field of the
model but those named as not re-pricing a month (performance/locks.py), so a field added to
QuotaPlan or Economics is compared from the start, or named on purpose."""

from datetime import date
from decimal import Decimal

import pytest
from closing_cases import FEBRUARY, MARCH
from django.db import models

from compensation.models import Economics, QuotaPlan, Role
from otesite.lib.fields import DecimalListField, MonthField
from performance import locks

GUARDED = {
    QuotaPlan: locks.PLAN_NOT_COMPARED,
    Economics: locks.ECONOMICS_NOT_COMPARED,
}


def fields_of(model) -> list[str]:
    return [field.name for field in model._meta.concrete_fields if not field.primary_key]


@pytest.mark.parametrize("model", GUARDED, ids=lambda model: model.__name__)
def test_every_field_is_compared_or_named_as_not_re_pricing_a_month(model):
    not_compared = GUARDED[model]
    compared = [
        field.name
        for field in model._meta.concrete_fields
        if field.attname in locks.compared_fields(model, not_compared)
    ]
    unknown = set(not_compared) - set(fields_of(model))
    assert not unknown, f"{model.__name__} has no field {', '.join(sorted(unknown))}; take it off the list"
    neither = set(fields_of(model)) - set(compared) - set(not_compared)
    assert not neither, f"the lock neither compares nor names {', '.join(sorted(neither))} of {model.__name__}"
    assert not set(compared) & set(not_compared)


def changed(instance, name: str):
    """Another value for the field, whatever it is, for the lock to notice (or not)."""
    field = type(instance)._meta.get_field(name)
    value = getattr(instance, field.name)
    if isinstance(field, MonthField):
        return date(value.year, value.month + 1, 1)
    if isinstance(field, DecimalListField):
        return () if value else (Decimal("0.5"),)
    if field.is_relation and field.related_model is Role:
        return Role.objects.exclude(pk=value.pk).first()
    if isinstance(field, models.DecimalField):
        return (value or Decimal("0")) + Decimal("1")
    if isinstance(field, models.PositiveSmallIntegerField):
        return (value or 0) + 1
    pytest.fail(f"say here how a {type(instance).__name__}'s {name} ({type(field).__name__}) changes")


def version(model):
    """A version in force in the approved months of the people example (2026-02 and 2026-03)."""
    return QuotaPlan.objects.get(role__name="Partners") if model is QuotaPlan else Economics.objects.get()


@pytest.mark.parametrize(
    ("model", "name"),
    [(model, name) for model in GUARDED for name in fields_of(model)],
    ids=lambda value: value if isinstance(value, str) else value.__name__,
)
def test_changing_any_compared_field_of_a_version_in_force_re_prices_the_approved_months(approved_team, model, name):
    instance = version(model)
    setattr(instance, name, changed(instance, name))

    affected = locks.approved_months_affected_by(instance)

    assert affected == ([] if name in GUARDED[model] else [FEBRUARY, MARCH])
