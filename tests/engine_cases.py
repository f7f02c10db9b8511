"""Inputs for the engine tests: the worked examples read from their workspace files (role
totals, people, pay curves), and small building blocks (economics, plans, roles) for the
edge cases."""

import calendar
import json
from datetime import date
from decimal import Decimal
from typing import Any

from conftest import EXAMPLES

from otesite.lib.months import format_month, months_between
from otesite.lib.parse import parse_month
from performance.engine import (
    CLOSER,
    MANAGER,
    SETTER,
    Actual,
    DealInput,
    DealShare,
    Economics,
    MonthMetrics,
    PersonActual,
    PersonInput,
    Plan,
    RoleInput,
    RoleMetrics,
    Tier,
    clawbacks,
    compute_month,
)

D = Decimal


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load_example(name: str = "insurance_agency") -> tuple[dict[str, Any], dict[str, Any]]:
    """A worked example's workspace file and its expected metrics, by month."""
    workspace = json.loads((EXAMPLES / f"{name}.json").read_text())
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text())
    return workspace, expected


def in_force(records: list[dict[str, Any]], month: str) -> dict[str, Any] | None:
    """The effective-dated record in force in ``month`` (YYYY-MM sorts as text)."""
    started = [record for record in records if record["effective_from"] <= month]
    return max(started, key=lambda record: record["effective_from"]) if started else None


def plan_input(record: dict[str, Any]) -> Plan:
    cap = record.get("cap_pct")
    return Plan(
        annual_ote=D(str(record["annual_ote"])),
        annual_base=D(str(record.get("annual_base") or "0")),
        monthly_quota=D(str(record["monthly_quota"])),
        commission_rate=D(str(record["commission_rate"])),
        tiers=tuple(Tier(D(str(tier["from_pct"])), D(str(tier["multiplier"]))) for tier in record.get("tiers") or ()),
        cap_pct=None if cap is None else D(str(cap)),
        ramp=tuple(D(str(fraction)) for fraction in record.get("ramp") or ()),
        clawback_months=int(record.get("clawback_months") or 0),
    )


def tenure_month(start: str, month: str) -> int:
    """Months from the assignment's start to the month, plus 1 (1 in the start month)."""
    return len(months_between(parse_month(start[:7]), parse_month(month)))


def active_days(assignment: dict[str, Any], month: str) -> tuple[int | None, int | None]:
    """(active days, days in the month) when the assignment starts or ends on a day of this month."""
    start, end = assignment["start"], assignment.get("end")
    days = calendar.monthrange(int(month[:4]), int(month[5:]))[1]
    first = int(start[8:]) if len(start) == 10 and start[:7] == month else 1
    last = int(end[8:]) if end and len(end) == 10 and end[:7] == month else days
    return (None, None) if (first, last) == (1, days) else (last - first + 1, days)


def people_inputs(workspace: dict[str, Any], month: str) -> dict[str, list[PersonInput]]:
    """By role: everyone whose assignment is in force in ``month``, with their person actual
    of the month or ``None`` (missing)."""
    actuals = {
        row["person"]: PersonActual(
            units=D(str(row["units"])),
            credited_deals=_decimal(row.get("credited_deals")),
            meetings_held=_decimal(row.get("meetings_held")),
            earnings=_decimal(row.get("earnings")),
        )
        for row in workspace.get("person_actuals", [])
        if row["month"] == month
    }
    people: dict[str, list[PersonInput]] = {}
    for assignment in workspace.get("assignments", []):
        end = assignment.get("end")
        if assignment["start"][:7] > month or (end is not None and end[:7] < month):
            continue
        active, days = active_days(assignment, month)
        people.setdefault(assignment["role"], []).append(
            PersonInput(
                id=assignment["person"],
                start=assignment["start"][:7],
                tenure_month=tenure_month(assignment["start"], month),
                ramp=assignment.get("ramp", True) is not False,
                actual=actuals.get(assignment["person"]),
                active_days=active,
                days_in_month=days,
            )
        )
    return {role: sorted(found, key=lambda person: person.id) for role, found in people.items()}  # ties by name


def example_inputs(workspace: dict[str, Any], month: str) -> tuple[Economics, list[RoleInput], Decimal | None]:
    """The engine's inputs for ``month`` from a workspace file (version 2 or 3), without a
    database: the economics and plans in force, role actuals, people assigned that month
    with their person actuals, and the recorded revenue."""
    record = in_force(workspace["economics"], month)
    assert record is not None, f"no economics in force in {month}"
    economics = Economics(**{name: D(str(value)) for name, value in record.items() if name != "effective_from"})
    plans = {
        role["name"]: in_force([plan for plan in workspace["plans"] if plan["role"] == role["name"]], month)
        for role in workspace["roles"]
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
    people = people_inputs(workspace, month)
    roles = [
        RoleInput(
            role["name"],
            role["name"],
            role["kind"],
            plan_input(plan) if (plan := plans[role["name"]]) is not None else None,
            actuals.get(role["name"]),
            tuple(people.get(role["name"], ())),
        )
        for role in workspace["roles"]
    ]
    revenue = next(
        (_decimal(row["revenue"]) for row in workspace.get("revenue", []) if row["month"] == month),
        None,
    )
    return economics, roles, revenue


def example_deals(workspace: dict[str, Any]) -> list[DealInput]:
    """A workspace's deals as the engine reads them (people by name, as the test inputs are)."""
    return [
        DealInput(
            id=row["id"],
            closed_on=row["closed_on"],
            value=D(str(row["value"])),
            upfront=_decimal(row.get("upfront")),
            closers=tuple(DealShare(closer["person"], D(str(closer["share"]))) for closer in row["closers"]),
            setter_id=row.get("setter"),
            cancelled_on=row.get("cancelled_on"),
        )
        for row in workspace.get("deals", [])
    ]


def example_month(month: str, name: str = "insurance_agency") -> MonthMetrics:
    """A worked example's month through the pure engine, deals and clawbacks included."""
    workspace, _ = load_example(name)
    return _workspace_month(workspace, month, {})


def _workspace_month(workspace: dict[str, Any], month: str, computed: dict[str, MonthMetrics]) -> MonthMetrics:
    if month in computed:
        return computed[month]
    economics, roles, revenue = example_inputs(workspace, month)
    deals = example_deals(workspace)
    cancelled = [deal for deal in deals if deal.cancel_month == month and deal.close_month < month]
    close_months = {deal.close_month: _workspace_month(workspace, deal.close_month, computed) for deal in cancelled}
    found = compute_month(
        month,
        economics,
        roles,
        revenue,
        [deal for deal in deals if deal.close_month == month],
        clawbacks(month, cancelled, close_months),
    )
    computed[month] = found
    return found


def example_months(name: str) -> list[MonthMetrics]:
    """Every month of a worked example's expected file, computed."""
    workspace, expected = load_example(name)
    months = expected.get("metrics", expected)
    return [_workspace_month(workspace, month, {}) for month in sorted(months)]


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
    return RoleInput("Closers", "Closers", CLOSER, plan, Actual(headcount, D(units), **extra))


def setters(headcount: int = 2, units: str = "64", plan: Plan | None = SETTER_PLAN, **extra: Any) -> RoleInput:
    return RoleInput("Setters", "Setters", SETTER, plan, Actual(headcount, D(units), **extra))


def manager(headcount: int = 1, units: str = "30", **extra: Any) -> RoleInput:
    return RoleInput("Manager", "Manager", MANAGER, MANAGER_PLAN, Actual(headcount, D(units), **extra))


def role_named(metrics: MonthMetrics, name: str) -> RoleMetrics:
    return next(role for role in metrics.roles if role.role == name)


def codes(role: RoleMetrics) -> list[str]:
    return [item.code for item in role.recommendations]


def closers_in_month(month: date, headcount: int, deals: str, revenue: str | None = None) -> MonthMetrics:
    """A closers-only month: each deal pays $1,134 against $5,670 of OTE a closer."""
    roles = [RoleInput("Closers", "Closers", CLOSER, CLOSER_PLAN, Actual(headcount=headcount, units=D(deals)))]
    return compute_month(format_month(month), economics(), roles, D(revenue) if revenue else None)


ACCELERATING = (Tier(D("0"), D("1")), Tier(D("100"), D("1.5")), Tier(D("150"), D("2")))


EXECUTIVES = Plan(
    annual_ote=D("96000"),
    annual_base=D("48000"),
    monthly_quota=D("4.5"),
    commission_rate=D("0.1"),
    tiers=ACCELERATING,
    cap_pct=D("200"),
)


SDRS = Plan(
    annual_ote=D("60000"),
    annual_base=D("36000"),
    monthly_quota=D("50"),
    commission_rate=D("0.03"),
    tiers=(Tier(D("0"), D("0.5")), Tier(D("50"), D("1")), Tier(D("100"), D("1.25"))),
)


PEOPLE_TEAM = economics(deal_value="20000", upfront_rate="0.5", show_rate="0.5", close_rate="0.3")


def plan(**changes) -> Plan:
    values = {"annual_ote": D("60000"), "monthly_quota": D("5"), "commission_rate": D("0.1")} | changes
    return Plan(**values)


def scenarios() -> dict:
    return json.loads((EXAMPLES / "people_team.what_if.expected.json").read_text())


def without_texts(document: dict) -> dict:
    for role in document["roles"]:
        for recommendation in role.get("recommendations", []):
            recommendation.pop("text", None)
    return document


def written(document):
    """A JSON document as our exports write it and a reader reads it back (numbers exact, then
    parsed as JSON parses them), to compare with an expected file."""
    from otesite.lib import jsonnum

    return json.loads(jsonnum.dumps(document))
