"""No valid input makes the engine raise or export a non-finite number: role totals or
people, plans with or without tiers, caps and ramps."""

import json
import math
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from otesite.lib import jsonnum
from otesite.lib.formatting import format_money, format_percent, format_units
from performance.documents.metrics import to_metrics_json
from performance.engine import (
    KINDS,
    Actual,
    Economics,
    PersonActual,
    PersonInput,
    Plan,
    RoleInput,
    Tier,
    commission,
    compute_month,
    paid_points,
    plan_figures,
    ramp_curves,
    range_leaderboard,
    statement,
)

HUGE = Decimal(10) ** 12


def amounts(max_value: Decimal = HUGE, places: int = 2) -> st.SearchStrategy[Decimal]:
    """Non-negative amounts up to 10^12, zero and the extremes included."""
    return st.one_of(
        st.sampled_from([Decimal(0), max_value]),
        st.decimals(min_value=0, max_value=max_value, places=places),
    )


def rates() -> st.SearchStrategy[Decimal]:
    return st.one_of(
        st.sampled_from([Decimal(0), Decimal(1)]),
        st.decimals(min_value=0, max_value=1, places=4),
    )


def positive_quotas() -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal("0.01"), max_value=HUGE, places=2)


economics_strategy = st.builds(
    Economics,
    deal_value=amounts(),
    upfront_rate=rates(),
    show_rate=rates(),
    close_rate=rates(),
    cost_per_meeting=amounts(),
    target_ote_pct_of_revenue=amounts(Decimal(100)),
    near_target_pct=amounts(Decimal(100)),
    exceeding_pct=amounts(Decimal(1000)),
)


@st.composite
def tiers(draw: st.DrawFn) -> tuple[Tier, ...]:
    """No tiers, or bands from 0 with strictly increasing starts and multipliers >= 0."""
    steps = draw(st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(500), places=2), max_size=4))
    starts = [Decimal(0)]
    for step in steps:
        starts.append(starts[-1] + step)
    multipliers = st.decimals(min_value=0, max_value=5, places=2)
    if draw(st.booleans()):
        return ()
    return tuple(Tier(start, draw(multipliers)) for start in starts)


ramps = st.lists(st.decimals(min_value=Decimal("0.01"), max_value=1, places=2), max_size=4).map(tuple)
caps = st.none() | st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1000), places=2)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    annual_ote = draw(amounts())
    return Plan(
        annual_ote=annual_ote,
        annual_base=draw(amounts(annual_ote)),
        monthly_quota=draw(positive_quotas()),
        commission_rate=draw(rates()),
        tiers=draw(tiers()),
        cap_pct=draw(caps),
        ramp=draw(ramps),
    )


actuals = st.builds(
    Actual,
    headcount=st.one_of(st.sampled_from([0, 1, 10**12]), st.integers(0, 10_000)),
    units=amounts(),
    credited_deals=st.none() | amounts(),
    meetings_held=st.none() | amounts(),
    earnings=st.none() | amounts(),
)

person_actuals = st.builds(
    PersonActual,
    units=amounts(),
    credited_deals=st.none() | amounts(),
    meetings_held=st.none() | amounts(),
    earnings=st.none() | amounts(),
)
people_strategy = st.lists(
    st.builds(
        PersonInput,
        id=st.text(min_size=1, max_size=12),
        start=st.sampled_from(["2025-11", "2026-01", "2026-05"]),
        tenure_month=st.integers(1, 30),
        ramp=st.booleans(),
        actual=st.none() | person_actuals,
    ),
    max_size=5,
    unique_by=lambda person: person.id,
).map(tuple)

roles_strategy = st.lists(
    st.builds(
        RoleInput,
        id=st.integers(1, 10_000),
        name=st.text(min_size=1, max_size=20),
        kind=st.sampled_from(KINDS),
        plan=st.none() | plans(),
        actual=st.none() | actuals,
        people=st.just(()) | people_strategy,
    ),
    max_size=6,
    unique_by=lambda role: role.id,
)


def numbers_in(data: Any) -> list[float | int]:
    if isinstance(data, dict):
        return [number for value in data.values() for number in numbers_in(value)]
    if isinstance(data, list):
        return [number for item in data for number in numbers_in(item)]
    if isinstance(data, bool):
        return []
    if isinstance(data, int | float):
        return [data]
    return []


@settings(max_examples=200, deadline=None)
@given(economics=economics_strategy, roles=roles_strategy, revenue=st.none() | amounts())
def test_any_valid_month_exports_only_finite_numbers(
    economics: Economics, roles: list[RoleInput], revenue: Decimal | None
) -> None:
    metrics = compute_month("2026-05", economics, roles, revenue)

    exported = to_metrics_json(metrics)

    assert all(math.isfinite(number) for number in numbers_in(exported))
    assert len(exported["roles"]) == len(roles)
    json.loads(jsonnum.dumps(exported, allow_nan=False))


@settings(max_examples=200, deadline=None)
@given(economics=economics_strategy, roles=roles_strategy, revenue=st.none() | amounts())
def test_only_roles_that_count_carry_recommendations_and_enter_the_totals(
    economics: Economics, roles: list[RoleInput], revenue: Decimal | None
) -> None:
    metrics = compute_month("2026-05", economics, roles, revenue)

    counting = [role for role in metrics.roles if role.counts]
    assert all(role.recommendations == [] for role in metrics.roles if not role.counts)
    assert metrics.summary.total_ote == sum((role.actual.team_ote or 0 for role in counting if role.actual), Decimal(0))
    assert len(metrics.insights.gaps) == len(counting)
    if revenue is not None:
        assert metrics.summary.revenue == revenue


@settings(max_examples=200, deadline=None)
@given(economics=economics_strategy, roles=roles_strategy, revenue=st.none() | amounts())
def test_people_leaderboards_and_statements_never_raise(
    economics: Economics, roles: list[RoleInput], revenue: Decimal | None
) -> None:
    metrics = compute_month("2026-05", economics, roles, revenue)

    for role in metrics.roles:
        assert [person.rank for person in role.people] == sorted(person.rank for person in role.people)
        assert role.actual is None or not role.people or role.actual.headcount == len(role.people)
        for person in role.people:
            found = statement(metrics, person.person_id)
            assert found is not None
            assert all(band.points >= 0 for band in found.bands)
    range_leaderboard([metrics, None, metrics])
    ramp_curves([metrics])


@settings(max_examples=300, deadline=None)
@given(plan=plans(), attainment=amounts(Decimal(10_000)), more=amounts(Decimal(100)))
def test_paid_points_never_fall_as_attainment_rises(plan: Plan, attainment: Decimal, more: Decimal) -> None:
    assert paid_points(plan, attainment + more) >= paid_points(plan, attainment) >= 0
    if not plan.tiers and plan.cap_pct is None:
        assert paid_points(plan, attainment) == attainment
        assert commission(Decimal("1134"), Decimal(3), attainment, plan) == Decimal("1134") * 3


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(KINDS), plan=plans(), economics=economics_strategy)
def test_a_break_even_found_through_the_curve_pays_ote(kind: str, plan: Plan, economics: Economics) -> None:
    figures = plan_figures(kind, plan, economics)
    per_unit = economics.deals_per_meeting if kind == "setter" else Decimal(1)
    if figures.break_even_units is None or figures.monthly_variable == 0 or per_unit == 0:
        return
    attainment = figures.break_even_units / plan.monthly_quota * 100
    pays = figures.commission_per_deal * plan.monthly_quota * per_unit * paid_points(plan, attainment) / 100

    assert math.isclose(pays, figures.monthly_variable, rel_tol=1e-9)


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(KINDS), plan=plans(), economics=economics_strategy)
def test_any_valid_plan_has_figures_and_a_readable_reason(kind: str, plan: Plan, economics: Economics) -> None:
    figures = plan_figures(kind, plan, economics)

    assert figures.monthly_variable >= 0
    assert figures.alignment in (None, "aligned", "unreachable", "overpays")
    assert figures.alignment_reason
    assert "NaN" not in figures.alignment_reason
    assert "Infinity" not in figures.alignment_reason


@settings(max_examples=200, deadline=None)
@given(value=st.none() | st.decimals(allow_nan=False, allow_infinity=False))
def test_formatting_never_raises_on_a_finite_value(value: Decimal | None) -> None:
    assert format_money(value)
    assert format_percent(value).endswith("%") or value is None
    assert format_units(value)
