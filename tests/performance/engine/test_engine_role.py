"""A role's month: credited deals, earnings, status, and the roles that do not count."""

import pytest
from engine_cases import (
    CLOSER_PLAN,
    SETTER_PLAN,
    D,
    closers,
    economics,
    example_month,
    role_named,
    setters,
)

from performance.documents.metrics import to_metrics_json
from performance.engine import (
    CLOSER,
    SETTER,
    STATUS_LABELS,
    Plan,
    RoleInput,
    Tier,
    compute_month,
    plan_figures,
)


def test_it_estimates_setter_credited_deals_from_show_and_close_rates() -> None:
    february = example_month("2026-02")

    setters = february.roles[1].actual
    assert setters is not None
    assert setters.credited_deals == D("4")
    assert setters.credited_deals_estimated is True


def test_recorded_earnings_override_the_estimate() -> None:
    march = example_month("2026-03")

    setters = march.roles[1].actual
    assert setters is not None
    assert setters.team_earnings == D("6804")
    assert setters.earnings_estimated is False
    assert setters.ote_attainment_pct == D("60")


def test_a_role_with_zero_headcount_does_not_count_anywhere() -> None:
    metrics = compute_month("2026-04", economics(), [closers(), setters(headcount=0)])

    empty = role_named(metrics, "Setters")
    exported = to_metrics_json(metrics)["roles"][1]
    assert empty.status == "no_headcount"
    assert empty.counts is False
    assert empty.recommendations == []
    assert metrics.summary.total_ote == D("45360")
    assert metrics.insights.setter_capacity is None
    assert [role.role for role in metrics.insights.gaps] == ["Closers"]
    assert exported["headcount"] == 0
    assert "units_per_person" not in exported
    assert "recommendations" not in exported
    assert list(exported)[-5:] == ["headcount", "units", "credited_deals", "status", "source"]
    assert exported["source"] == "role"


def test_a_role_with_a_plan_but_no_actual_has_no_data() -> None:
    no_actual = RoleInput("Setters", "Setters", SETTER, SETTER_PLAN, None)

    metrics = compute_month("2026-04", economics(), [closers(), no_actual])

    exported = to_metrics_json(metrics)["roles"][1]
    assert role_named(metrics, "Setters").status == "no_data"
    assert exported["alignment"] == "unreachable"
    assert "headcount" not in exported
    assert list(exported)[-2:] == ["alignment", "status"]
    assert metrics.summary.total_ote == D("45360")


def test_an_actual_without_a_plan_has_no_plan_and_null_plan_figures() -> None:
    metrics = compute_month("2026-04", economics(), [closers(plan=None), setters()])

    exported = to_metrics_json(metrics)
    assert role_named(metrics, "Closers").status == "no_plan"
    assert exported["roles"][0]["monthly_ote"] is None
    assert exported["roles"][0]["alignment"] is None
    assert exported["roles"][0]["credited_deals"] == 30.0
    assert exported["summary"]["revenue"] == 0.0
    assert exported["summary"]["deal_capacity"] == 0.0
    assert exported["summary"]["capacity_utilization_pct"] is None


def test_a_role_with_neither_plan_nor_actual_has_no_plan() -> None:
    metrics = compute_month("2026-04", economics(), [RoleInput("New", "New", CLOSER, None, None)])

    assert metrics.roles[0].status == "no_plan"
    assert metrics.roles[0].plan is None
    assert metrics.roles[0].actual is None


def test_a_plan_with_no_quota_is_not_usable() -> None:
    zero_quota = Plan(annual_ote=D("68040"), monthly_quota=D("0"), commission_rate=D("0.1"))

    metrics = compute_month("2026-04", economics(), [closers(plan=zero_quota)])

    assert metrics.roles[0].status == "no_plan"
    assert metrics.roles[0].plan is not None
    assert metrics.roles[0].plan.required_pay_per_unit is None


def test_an_unknown_role_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown role kind"):
        compute_month("2026-04", economics(), [RoleInput("X", "X", "broker", CLOSER_PLAN, None)])


def test_a_base_salary_is_paid_on_top_of_commission() -> None:
    plan = Plan(
        annual_ote=D("68040"),
        annual_base=D("24000"),
        monthly_quota=D("5"),
        commission_rate=D("0.10"),
    )

    figures = plan_figures(CLOSER, plan, economics())
    metrics = compute_month("2026-04", economics(), [closers(plan=plan, units="30")])

    assert figures.monthly_base == D("2000")
    assert figures.monthly_variable == D("3670")
    assert figures.required_pay_per_unit == D("734")
    assert figures.earnings_at_quota == D("7670")
    assert figures.alignment == "overpays"
    actual = metrics.roles[0].actual
    assert actual is not None
    assert actual.team_earnings == D("8") * D("2000") + D("1134") * D("30")


def test_a_setter_with_base_salary_earns_base_plus_credited_commission() -> None:
    plan = Plan(
        annual_ote=D("24000"),
        annual_base=D("12000"),
        monthly_quota=D("40"),
        commission_rate=D("0.05"),
    )

    figures = plan_figures(SETTER, plan, economics())

    assert figures.earnings_at_quota == D("1000") + D("1417.5")


@pytest.mark.parametrize(
    ("units", "status"),
    [("40", "on_target"), ("39.99", "near"), ("32", "near"), ("31.99", "below")],
)
def test_quota_attainment_sets_the_status(units: str, status: str) -> None:
    metrics = compute_month("2026-04", economics(), [closers(units=units)])

    assert metrics.roles[0].status == status
    assert metrics.roles[0].status_label == STATUS_LABELS[status]


# --- Role totals and the pay curve ---------------------------------------------------------

TIERED_CLOSERS = Plan(
    annual_ote=D("96000"),
    annual_base=D("48000"),
    monthly_quota=D("4"),
    commission_rate=D("0.1"),
    tiers=(Tier(D("0"), D("1")), Tier(D("100"), D("1.5"))),
    cap_pct=D("150"),
)
PEOPLE_TEAM = economics(deal_value="20000", upfront_rate="0.5", show_rate="0.5", close_rate="0.3")  # 1000 a deal


def test_role_totals_are_paid_through_the_curve_as_the_average_person() -> None:
    # 2 people, 10 deals: 125% of 8; 2 x 4000 + 1000 x 10 x 137.5 / 125
    metrics = compute_month("2026-04", PEOPLE_TEAM, [closers(headcount=2, units="10", plan=TIERED_CLOSERS)])

    actual = role_named(metrics, "Closers").actual
    assert actual is not None
    assert actual.team_quota == D("8")
    assert actual.quota_attainment_pct == D("125")
    assert actual.team_earnings == D("19000")
    assert actual.source == "role"


def test_role_totals_beyond_the_cap_are_paid_up_to_it() -> None:
    # 16 deals by 2 = 200% of 8, capped at 150: 100 + 1.5 x 50 = 175 points; 1000 x 16 x 175 / 200
    metrics = compute_month("2026-04", PEOPLE_TEAM, [closers(headcount=2, units="16", plan=TIERED_CLOSERS)])

    assert role_named(metrics, "Closers").actual.team_earnings == D("8000") + D("14000")


def test_a_setter_roles_credited_deals_come_from_meetings_held_when_recorded() -> None:
    metrics = compute_month("2026-04", economics(), [setters(units="96", meetings_held=D("40"))])

    actual = role_named(metrics, "Setters").actual
    assert actual.credited_deals == D("10.00")  # 40 held x close 0.25, not 96 x 0.0625 = 6
    assert actual.credited_deals_estimated is True
