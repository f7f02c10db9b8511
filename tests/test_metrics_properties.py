"""No valid input makes the engine raise or export a non-finite number."""

import json
import math
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from performance.engine import (
    KINDS,
    Actual,
    Economics,
    Plan,
    RoleInput,
    compute_month,
    plan_figures,
)
from performance.engine.formatting import format_money, format_percent, format_units
from performance.exchange.metrics_json import to_metrics_json

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
def plans(draw: st.DrawFn) -> Plan:
    annual_ote = draw(amounts())
    return Plan(
        annual_ote=annual_ote,
        annual_base=draw(amounts(annual_ote)),
        monthly_quota=draw(positive_quotas()),
        commission_rate=draw(rates()),
    )


actuals = st.builds(
    Actual,
    headcount=st.one_of(st.sampled_from([0, 1, 10**12]), st.integers(0, 10_000)),
    units=amounts(),
    credited_deals=st.none() | amounts(),
    meetings_held=st.none() | amounts(),
    earnings=st.none() | amounts(),
)

roles_strategy = st.lists(
    st.builds(
        RoleInput,
        name=st.text(min_size=1, max_size=20),
        kind=st.sampled_from(KINDS),
        plan=st.none() | plans(),
        actual=st.none() | actuals,
    ),
    max_size=6,
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
    json.dumps(exported, allow_nan=False)


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
