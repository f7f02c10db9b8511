"""The rules of a plan's pay curve (DOMAIN.md, Pay curves), one message each.

Pure: the plan's clean(), the admin's tier rows and the workspace import all ask these, each
reporting the answer with its own "where" (a form row, `plans[2].tiers[1].from_pct`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

FIRST_BAND = "must be 0: the first band starts at 0% of quota"
RAMP_FRACTION = "must be above 0 and at most 1 (a share of the full quota: 0.5 is half)"
CAP = "must be greater than 0 (attainment beyond which nothing more is paid)"


def percent_text(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def tier_problems(tiers: Sequence[tuple[Decimal | None, Decimal | None]]) -> list[tuple[int, str, str]]:
    """(index, field, message) for bands in the order given: they start at 0 and strictly
    increase; multipliers are ≥ 0. Values still None (unreadable) are skipped."""
    problems = []
    previous = None
    for index, (from_pct, multiplier) in enumerate(tiers):
        if from_pct is not None:
            if index == 0 and from_pct != 0:
                problems.append((index, "from_pct", FIRST_BAND))
            elif previous is not None and from_pct <= previous:
                problems.append((index, "from_pct", f"must be above {percent_text(previous)}"))
            previous = from_pct if previous is None else max(previous, from_pct)
        if multiplier is not None and multiplier < 0:
            problems.append((index, "multiplier", "must be 0 or more"))
    return problems


def ramp_problems(ramp: Sequence[Decimal]) -> list[tuple[int, str]]:
    """(index, message) for each quota fraction outside (0, 1]."""
    return [(index, RAMP_FRACTION) for index, fraction in enumerate(ramp) if not 0 < fraction <= 1]
