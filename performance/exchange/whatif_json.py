"""The ``what_if`` command's output (DOMAIN.md's *Exchange formats*): a side of a what-if (the
base or the scenario) in the metrics JSON, plus ``outcomes`` and, with a goal, ``hiring``."""

from __future__ import annotations

from typing import Any

from performance.documents.metrics import json_number, to_metrics_json
from performance.engine.outcomes import Hiring, Outcome
from performance.engine.whatif import Side


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    return {
        "attainment_pct": json_number(outcome.attainment_pct),
        "total_actual": json_number(outcome.total_actual),
        "revenue": json_number(outcome.revenue),
        "pay_pct_of_revenue": json_number(outcome.pay_pct_of_revenue),
    }


def _hiring_json(hiring: Hiring) -> dict[str, Any]:
    return {
        "revenue_goal": json_number(hiring.revenue_goal),
        "closers_needed": hiring.closers_needed,
        "setters_needed": hiring.setters_needed,
    }


def to_what_if_json(side: Side, *, include_text: bool = True) -> dict[str, Any]:
    """The side's month as metrics JSON (every role as role totals: ``source`` "role", no
    people), its five outcomes, and ``hiring`` when a revenue goal was given."""
    data = to_metrics_json(side.metrics, include_text=include_text)
    data["outcomes"] = [_outcome_json(outcome) for outcome in side.outcomes]
    if side.hiring is not None:
        data["hiring"] = _hiring_json(side.hiring)
    return data
