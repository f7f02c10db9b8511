"""Inputs for the engine tests: the worked example read from its workspace file, and small
building blocks (economics, plans, roles) for the edge cases."""

import json
from datetime import date
from decimal import Decimal
from typing import Any

from conftest import EXAMPLES

from otesite.months import format_month
from performance.engine import (
    CLOSER,
    MANAGER,
    SETTER,
    Actual,
    Economics,
    MonthMetrics,
    Plan,
    RoleInput,
    RoleMetrics,
    compute_month,
)

D = Decimal


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load_example() -> tuple[dict[str, Any], dict[str, Any]]:
    workspace = json.loads((EXAMPLES / "insurance_agency.json").read_text())
    expected = json.loads((EXAMPLES / "insurance_agency.expected.json").read_text())
    return workspace, expected


def example_inputs(workspace: dict[str, Any], month: str) -> tuple[Economics, list[RoleInput], Decimal | None]:
    """The example's single economics and plans are in force from 2026-01 on."""
    (record,) = workspace["economics"]
    economics = Economics(**{name: Decimal(str(value)) for name, value in record.items() if name != "effective_from"})
    plans = {
        plan["role"]: Plan(
            annual_ote=D(plan["annual_ote"]),
            annual_base=D(plan.get("annual_base") or "0"),
            monthly_quota=D(plan["monthly_quota"]),
            commission_rate=D(plan["commission_rate"]),
        )
        for plan in workspace["plans"]
    }
    actuals = {
        row["role"]: Actual(
            headcount=int(row["headcount"]),
            units=D(str(row["units"])),
            credited_deals=_decimal(row.get("credited_deals")),
            meetings_held=_decimal(row.get("meetings_held")),
            earnings=_decimal(row.get("earnings")),
        )
        for row in workspace["actuals"]
        if row["month"] == month
    }
    roles = [
        RoleInput(
            role["name"],
            role["kind"],
            plans.get(role["name"]),
            actuals.get(role["name"]),
        )
        for role in workspace["roles"]
    ]
    revenue = next(
        (_decimal(row["revenue"]) for row in workspace["revenue"] if row["month"] == month),
        None,
    )
    return economics, roles, revenue


def example_month(month: str) -> MonthMetrics:
    workspace, _ = load_example()
    economics, roles, revenue = example_inputs(workspace, month)
    return compute_month(month, economics, roles, revenue)


def key_paths(data: Any, prefix: str = "") -> list[str]:
    """Every key path in document order, so that key order is compared too."""
    if isinstance(data, dict):
        paths = []
        for key, value in data.items():
            paths.append(f"{prefix}/{key}")
            paths.extend(key_paths(value, f"{prefix}/{key}"))
        return paths
    if isinstance(data, list):
        return [path for i, item in enumerate(data) for path in key_paths(item, f"{prefix}[{i}]")]
    return []


EXAMPLE_MONTHS = ["2026-01", "2026-02", "2026-03"]


def economics(**changes: str) -> Economics:
    values = {
        "deal_value": "16200",
        "upfront_rate": "0.70",
        "show_rate": "0.25",
        "close_rate": "0.25",
        "cost_per_meeting": "100",
    } | changes
    return Economics(**{name: D(value) for name, value in values.items()})


CLOSER_PLAN = Plan(annual_ote=D("68040"), monthly_quota=D("5"), commission_rate=D("0.10"))


SETTER_PLAN = Plan(annual_ote=D("68040"), monthly_quota=D("40"), commission_rate=D("0.05"))


MANAGER_PLAN = Plan(annual_ote=D("81600"), monthly_quota=D("40"), commission_rate=D("0.03"))


def closers(headcount: int = 8, units: str = "30", plan: Plan | None = CLOSER_PLAN, **extra: Any) -> RoleInput:
    return RoleInput("Closers", CLOSER, plan, Actual(headcount, D(units), **extra))


def setters(headcount: int = 2, units: str = "64", plan: Plan | None = SETTER_PLAN, **extra: Any) -> RoleInput:
    return RoleInput("Setters", SETTER, plan, Actual(headcount, D(units), **extra))


def manager(headcount: int = 1, units: str = "30", **extra: Any) -> RoleInput:
    return RoleInput("Manager", MANAGER, MANAGER_PLAN, Actual(headcount, D(units), **extra))


def role_named(metrics: MonthMetrics, name: str) -> RoleMetrics:
    return next(role for role in metrics.roles if role.role == name)


def codes(role: RoleMetrics) -> list[str]:
    return [item.code for item in role.recommendations]


def closers_in_month(month: date, headcount: int, deals: str, revenue: str | None = None) -> MonthMetrics:
    """A closers-only month: each deal pays $1,134 against $5,670 of OTE a closer."""
    roles = [RoleInput("Closers", CLOSER, CLOSER_PLAN, Actual(headcount=headcount, units=D(deals)))]
    return compute_month(format_month(month), economics(), roles, D(revenue) if revenue else None)
