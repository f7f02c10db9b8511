"""Each counting role's recommendations, in DOMAIN.md's order, with the sentence a manager reads."""

from __future__ import annotations

from decimal import Decimal

from otesite.lib.formatting import format_money, format_percent, format_units
from performance.engine.arithmetic import HUNDRED, ZERO, at_least, divide
from performance.engine.results import ActualFigures, PlanFigures, Recommendation, RoleMetrics
from performance.engine.types import Economics
from performance.engine.vocabulary import (
    CLOSER,
    FIX_PLAN,
    IMPROVE_TEAM,
    MORE_MARKETING,
    MORE_UNITS,
    OVERPAYS,
    PERSON_WORDS,
    RAISE_CLOSE_RATE,
    RAISE_TARGETS,
    SCALE_TEAM,
    SETTER,
    UNREACHABLE,
    unit_word,
)


def raise_close_rate_points(
    close_rate_pct: Decimal | None, quota: Decimal, units_per_person: Decimal
) -> tuple[Decimal | None, Decimal | None]:
    """(needed close rate %, points to add) for a closer to reach quota from today's
    meetings: needed = c × quota / units_per_person, quota being team_quota / h (the
    average person's, ramps included)."""
    if close_rate_pct is None:
        return None, None
    needed = divide(close_rate_pct * quota, units_per_person)
    if needed is None:
        return None, None
    return needed, needed - close_rate_pct


def more_marketing_amount(units_short: Decimal, headcount: int, economics: Economics) -> Decimal:
    return units_short * headcount * economics.cost_per_meeting


def _more_units(kind: str, units_short: Decimal) -> Recommendation:
    amount_text = f"{format_units(units_short)} more {unit_word(kind, units_short)}"
    return Recommendation(MORE_UNITS, units_short, f"Need {amount_text} per {PERSON_WORDS[kind]}")


def _raise_close_rate(close_rate_pct: Decimal | None, quota: Decimal, units_per_person: Decimal) -> Recommendation:
    needed, points = raise_close_rate_points(close_rate_pct, quota, units_per_person)
    if needed is None or points is None:
        text = "Raise the close rate: with no deals or meetings held it cannot be sized"
    else:
        text = (
            f"Raise the close rate from {format_percent(close_rate_pct)} to "
            f"{format_percent(needed)} (+{format_units(points)} points)"
        )
    return Recommendation(RAISE_CLOSE_RATE, points, text)


def _more_marketing(actual: ActualFigures, economics: Economics) -> Recommendation:
    units_short = actual.units_short_per_person or ZERO
    meetings = units_short * actual.headcount
    amount = more_marketing_amount(units_short, actual.headcount, economics)
    text = f"Increase marketing by {format_money(amount)} to add {format_units(meetings)} {unit_word(SETTER, meetings)}"
    return Recommendation(MORE_MARKETING, amount, text)


def _improve_team(weakest: RoleMetrics | None) -> Recommendation:
    if weakest is None or weakest.actual is None:
        return Recommendation(
            IMPROVE_TEAM,
            None,
            "Improve the team: no closer or setter results this month",
        )
    attainment = format_percent(weakest.actual.quota_attainment_pct)
    text = f"Improve the team: {weakest.role} have the lowest quota attainment ({attainment})"
    return Recommendation(IMPROVE_TEAM, None, text)


def _raise_targets_and_scale(role: str, attainment: Decimal) -> list[Recommendation]:
    shown = format_percent(attainment)
    return [
        Recommendation(RAISE_TARGETS, None, f"Raise targets: quota attainment is {shown}"),
        Recommendation(
            SCALE_TEAM,
            None,
            f"Scale the team: {role} deliver {shown} of quota; add people on this plan",
        ),
    ]


def _fix_plan(plan: PlanFigures) -> Recommendation:
    return Recommendation(FIX_PLAN, plan.break_even_units, f"Fix the plan: {plan.alignment_reason}")


def recommendations(
    role: RoleMetrics,
    economics: Economics,
    *,
    close_rate_pct: Decimal | None,
    weakest: RoleMetrics | None,
) -> list[Recommendation]:
    """Recommendations of a counting role, in DOMAIN.md's order.

    "Below quota" means quota_attainment_pct < 100, so ``near`` roles get them too.
    """
    plan, actual = role.plan, role.actual
    if not role.counts or plan is None or actual is None:
        return []
    attainment = actual.quota_attainment_pct
    per_person = actual.units_per_person
    units_short = actual.units_short_per_person
    assert attainment is not None
    assert per_person is not None
    assert units_short is not None
    found: list[Recommendation] = []
    if not at_least(attainment, HUNDRED):
        if role.kind == CLOSER:
            quota_per_person = (actual.team_quota or ZERO) / actual.headcount
            found.append(_more_units(role.kind, units_short))
            found.append(_raise_close_rate(close_rate_pct, quota_per_person, per_person))
        elif role.kind == SETTER:
            found.append(_more_units(role.kind, units_short))
            found.append(_more_marketing(actual, economics))
        else:
            found.append(_improve_team(weakest))
    if at_least(attainment, economics.exceeding_pct):
        found.extend(_raise_targets_and_scale(role.role, attainment))
    if plan.alignment in (UNREACHABLE, OVERPAYS):
        found.append(_fix_plan(plan))
    return found
