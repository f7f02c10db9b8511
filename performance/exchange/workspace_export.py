"""The workspace JSON of DOMAIN.md written out: everything stored, canonically.

Roles in creation order, records sorted, numbers in one written form (`decimal_text`), one
record per line: export -> import -> export is byte-identical, and two exports diff cleanly.
"""

import json
from collections.abc import Iterable
from decimal import Decimal

from django.db import models

from compensation.models import PLAN_FIELDS, Economics, QuotaPlan, Role
from otesite.months import format_month
from performance.models import MonthlyActual, MonthlyRevenue

from .workspace import ACTUAL_NUMBERS, ECONOMICS_NUMBERS, FORMAT, SECTIONS, VERSION


def decimal_text(value: Decimal) -> str:
    """The one written form of a number: no exponent, no trailing zeros ("0.7", "16200")."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _numbers(instance: models.Model, names: Iterable[str]) -> dict:
    return {name: None if (value := getattr(instance, name)) is None else decimal_text(value) for name in names}


def export_workspace() -> dict:
    """Everything stored, in the exchange format: roles in creation order, records sorted."""
    roles = list(Role.objects.order_by("id"))
    order = {role.pk: index for index, role in enumerate(roles)}
    plans = sorted(QuotaPlan.objects.select_related("role"), key=lambda p: (order[p.role_id], p.effective_from))
    actuals = sorted(MonthlyActual.objects.select_related("role"), key=lambda a: (a.month, order[a.role_id]))
    return {
        "format": FORMAT,
        "version": VERSION,
        "economics": [
            {"effective_from": format_month(row.effective_from), **_numbers(row, ECONOMICS_NUMBERS)}
            for row in Economics.objects.order_by("effective_from")
        ],
        "roles": [{"name": role.name, "kind": role.kind} for role in roles],
        "plans": [
            {
                "role": plan.role.name,
                "effective_from": format_month(plan.effective_from),
                **_numbers(plan, PLAN_FIELDS),
            }
            for plan in plans
        ],
        "actuals": [
            {
                "month": format_month(actual.month),
                "role": actual.role.name,
                "headcount": actual.headcount,
                **_numbers(actual, ACTUAL_NUMBERS),
            }
            for actual in actuals
        ],
        "revenue": [
            {"month": format_month(row.month), "revenue": decimal_text(row.revenue)}
            for row in MonthlyRevenue.objects.order_by("month")
        ],
    }


def dumps_workspace(data: dict) -> str:
    """One record per line: short enough to read, stable enough to diff."""
    lines = ["{", f'  "format": {json.dumps(data["format"])},', f'  "version": {json.dumps(data["version"])},']
    for number, section in enumerate(SECTIONS):
        rows = [f"    {json.dumps(row, ensure_ascii=False)}" for row in data[section]]
        body = "[\n" + ",\n".join(rows) + "\n  ]" if rows else "[]"
        comma = "," if number < len(SECTIONS) - 1 else ""
        lines.append(f'  "{section}": {body}{comma}')
    lines.append("}")
    return "\n".join(lines) + "\n"
