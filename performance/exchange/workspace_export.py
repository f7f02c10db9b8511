"""The workspace JSON of DOMAIN.md written out: everything stored, canonically.

Version 4: roles in creation order, records sorted, numbers in one written form
(`decimal_text`), every optional key written (null, or [] for a plan without tiers or ramp),
one record per line: export -> import -> export is byte-identical, and two exports diff
cleanly. An assignment's start and end are written as stored (a month, or a day of it), deals
by close date then id (workspace_deals.py). `closes` lists every month that is not open.
"""

import json
from collections.abc import Iterable
from decimal import Decimal

from django.db import models

from compensation.models import PLAN_FIELDS, Assignment, Economics, Person, QuotaPlan, Role
from otesite.lib.months import format_month
from performance.exchange.workspace import ACTUAL_NUMBERS, ECONOMICS_NUMBERS, FORMAT, SECTIONS, VERSION
from performance.exchange.workspace_closes import export_closes
from performance.models import Deal, MonthlyActual, MonthlyRevenue, PersonActual


def decimal_text(value: Decimal) -> str:
    """The one written form of a number: no exponent, no trailing zeros ("0.7", "16200")."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _numbers(instance: models.Model, names: Iterable[str]) -> dict:
    return {name: None if (value := getattr(instance, name)) is None else decimal_text(value) for name in names}


def _plan(plan: QuotaPlan) -> dict:
    return {
        "role": plan.role.name,
        "effective_from": format_month(plan.effective_from),
        **_numbers(plan, PLAN_FIELDS),
        "tiers": [_numbers(tier, ("from_pct", "multiplier")) for tier in plan.tiers.all()],
        "cap_pct": None if plan.cap_pct is None else decimal_text(plan.cap_pct),
        "ramp": [decimal_text(fraction) for fraction in plan.ramp],
        "clawback_months": plan.clawback_months,
    }


def _day(value) -> str | None:
    return None if value is None else value.isoformat()


def export_deals() -> list[dict]:
    """Every deal, by close date then id, its closers in the order they were added."""
    found = Deal.objects.select_related("setter").prefetch_related("closers__person").order_by("closed_on", "crm_id")
    return [
        {
            "id": deal.crm_id,
            "closed_on": _day(deal.closed_on),
            **_numbers(deal, ("value", "upfront")),
            "closers": [
                {"person": closer.person.name, **_numbers(closer, ("share",))}
                for closer in sorted(deal.closers.all(), key=lambda closer: closer.pk)
            ],
            "setter": deal.setter.name if deal.setter_id else None,
            "cancelled_on": _day(deal.cancelled_on),
        }
        for deal in found
    ]


def export_workspace() -> dict:
    """Everything stored, in the exchange format: roles in creation order, records sorted."""
    roles = list(Role.objects.order_by("id"))
    order = {role.pk: index for index, role in enumerate(roles)}
    plans = sorted(
        QuotaPlan.objects.select_related("role").with_curves(), key=lambda p: (order[p.role_id], p.effective_from)
    )
    actuals = sorted(MonthlyActual.objects.select_related("role"), key=lambda a: (a.month, order[a.role_id]))
    return {
        "format": FORMAT,
        "version": VERSION,
        "economics": [
            {"effective_from": format_month(row.effective_from), **_numbers(row, ECONOMICS_NUMBERS)}
            for row in Economics.objects.order_by("effective_from")
        ],
        "roles": [{"name": role.name, "kind": role.kind} for role in roles],
        "plans": [_plan(plan) for plan in plans],
        "people": [
            {"name": person.name, "email": person.email or None, "username": person.username}
            for person in Person.objects.select_related("user").order_by("name")
        ],
        "assignments": [
            {
                "person": row.person.name,
                "role": row.role.name,
                "start": row.start_text,
                "end": row.end_text,
                "ramp": row.ramp,
            }
            for row in Assignment.objects.select_related("person", "role").order_by("person__name", "start")
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
        "person_actuals": [
            {"month": format_month(row.month), "person": row.person.name, **_numbers(row, ACTUAL_NUMBERS)}
            for row in PersonActual.objects.select_related("person").order_by("month", "person__name")
        ],
        "revenue": [
            {"month": format_month(row.month), "revenue": decimal_text(row.revenue)}
            for row in MonthlyRevenue.objects.order_by("month")
        ],
        "deals": export_deals(),
        "closes": export_closes(),
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
