"""The engine's inputs for one month as JSON, and back: what an approved month keeps so that
every screen can show it through the engine exactly as it was approved (performance/closing.py).

Numbers are decimal strings, never floats, so reading them back gives the very same Decimals and
the engine the very same month.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from performance import engine

# engine.compute_month's arguments: month ("YYYY-MM"), economics, roles, revenue
# (performance.loader.MonthInputs is this tuple with names).
Inputs = tuple[str, engine.Economics, list[engine.RoleInput], Decimal | None]


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _numbers(data: dict) -> dict:
    return {key: _number(value) if isinstance(value, Decimal) else value for key, value in data.items()}


def _plan(plan: engine.Plan | None) -> dict | None:
    if plan is None:
        return None
    return {
        **_numbers({key: value for key, value in asdict(plan).items() if key not in ("tiers", "ramp")}),
        "tiers": [_numbers(asdict(tier)) for tier in plan.tiers],
        "ramp": [_number(fraction) for fraction in plan.ramp],
    }


def _person(person: engine.PersonInput) -> dict:
    return {
        "name": person.name,
        "start": person.start,
        "tenure_month": person.tenure_month,
        "ramp": person.ramp,
        "actual": None if person.actual is None else _numbers(asdict(person.actual)),
    }


def inputs_to_json(inputs: Inputs) -> dict[str, Any]:
    month, economics, roles, revenue = inputs
    return {
        "month": month,
        "economics": _numbers(asdict(economics)),
        "roles": [
            {
                "name": role.name,
                "kind": role.kind,
                "plan": _plan(role.plan),
                "actual": None if role.actual is None else _numbers(asdict(role.actual)),
                "people": [_person(person) for person in role.people],
            }
            for role in roles
        ],
        "revenue": _number(revenue),
    }


def _decimals(data: dict, whole: tuple[str, ...] = ()) -> dict:
    return {key: value if key in whole else _decimal(value) for key, value in data.items()}


def _plan_from(data: dict | None) -> engine.Plan | None:
    if data is None:
        return None
    values = _decimals({key: value for key, value in data.items() if key not in ("tiers", "ramp")})
    return engine.Plan(
        **values,
        tiers=tuple(engine.Tier(**_decimals(tier)) for tier in data["tiers"]),
        ramp=tuple(Decimal(fraction) for fraction in data["ramp"]),
    )


def _person_from(data: dict) -> engine.PersonInput:
    actual = data["actual"]
    return engine.PersonInput(
        name=data["name"],
        start=data["start"],
        tenure_month=data["tenure_month"],
        ramp=data["ramp"],
        actual=None if actual is None else engine.PersonActual(**_decimals(actual)),
    )


def inputs_from_json(data: dict[str, Any]) -> Inputs:
    return (
        data["month"],
        engine.Economics(**_decimals(data["economics"])),
        [
            engine.RoleInput(
                name=role["name"],
                kind=role["kind"],
                plan=_plan_from(role["plan"]),
                actual=None if role["actual"] is None else engine.Actual(**_decimals(role["actual"], ("headcount",))),
                people=tuple(_person_from(person) for person in role["people"]),
            )
            for role in data["roles"]
        ],
        _decimal(data["revenue"]),
    )
