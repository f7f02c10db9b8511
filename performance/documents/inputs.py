"""The engine's inputs for one month as JSON, and back: what an approved month keeps so that
every screen can show it through the engine exactly as it was approved (performance/closing.py).

The schema is the engine's input dataclasses themselves (``Economics``, ``RoleInput`` with its
``Plan``, ``Tier``s, ``Actual`` and ``PersonInput``s), walked field by field: a field added to
an input is kept with the approval without anyone listing it here, and a stored approval that
lacks it reads the field's default. Numbers are decimal strings, never floats, so reading them
back gives the very same Decimals and the engine the very same month.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from functools import cache
from typing import Any

from performance import engine

# engine.compute_month's arguments: month ("YYYY-MM"), economics, roles, revenue, deals, clawbacks
# (performance.loader.MonthInputs is this tuple with names).
Inputs = tuple


def to_json(value: Any) -> Any:
    """A dataclass, tuple, Decimal or plain value as JSON-ready data (Decimals as text)."""
    if dataclasses.is_dataclass(value):
        return {field.name: to_json(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(kind: Any, data: Any) -> Any:
    """``data`` read back as ``kind`` (a dataclass, ``Decimal``, ``tuple[X, ...]``, ``X | None``)."""
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        if Decimal in options and isinstance(data, str):
            return Decimal(data)
        found = next((option for option in options if dataclasses.is_dataclass(option)), None)
        return from_json(found, data) if found is not None and isinstance(data, dict) else data
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(from_json(item, value) for value in data)
    if kind is Decimal:
        return Decimal(data)
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(
            **{
                field.name: from_json(hints[field.name], data[field.name])
                for field in dataclasses.fields(kind)
                if field.name in data
            }
        )
    return data


def inputs_to_json(inputs: Inputs) -> dict[str, Any]:
    month, economics, roles, revenue, *rest = inputs
    deals, clawbacks = (tuple(rest) + ((), ()))[:2]
    return {
        "month": month,
        "economics": to_json(economics),
        "roles": to_json(roles),
        "revenue": to_json(revenue),
        "deals": to_json(deals),
        "clawbacks": to_json(clawbacks),
    }


def inputs_from_json(data: dict[str, Any]) -> Inputs:
    """The inputs an approval kept (one kept before deals existed has none, and no clawbacks)."""
    return (
        data["month"],
        from_json(engine.Economics, data["economics"]),
        [from_json(engine.RoleInput, role) for role in data["roles"]],
        from_json(Decimal | None, data["revenue"]),
        tuple(from_json(engine.DealInput, deal) for deal in data.get("deals", ())),
        tuple(from_json(engine.Clawback, clawback) for clawback in data.get("clawbacks", ())),
    )
