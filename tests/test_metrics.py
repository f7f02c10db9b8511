"""The metrics engine against DOMAIN.md: the worked example, every month and field,
then the edge cases one by one."""

import json
from decimal import Decimal
from typing import Any

import pytest
from conftest import EXAMPLES

from performance.formatting import (
    format_money,
    format_percent,
    format_units,
    quantize,
    quantize_money,
)
from performance.metrics import (
    CLOSER,
    MANAGER,
    SETTER,
    STATUS_LABELS,
    Actual,
    Economics,
    MonthMetrics,
    Plan,
    RoleInput,
    RoleMetrics,
    compute_month,
    divide,
    efficiency,
    mean,
    plan_figures,
    to_metrics_json,
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


# --- The worked example ---------------------------------------------------------------

EXAMPLE_MONTHS = ["2026-01", "2026-02", "2026-03"]


@pytest.mark.parametrize("month", EXAMPLE_MONTHS)
def test_it_reproduces_the_expected_metrics_json_of_the_example(month: str) -> None:
    _, expected = load_example()

    exported = to_metrics_json(example_month(month), include_text=False)

    assert exported == expected[month]


@pytest.mark.parametrize("month", EXAMPLE_MONTHS)
def test_it_orders_the_keys_as_the_expected_file_does(month: str) -> None:
    _, expected = load_example()

    exported = to_metrics_json(example_month(month), include_text=False)

    assert key_paths(exported) == key_paths(expected[month])


def test_the_example_covers_every_month_of_the_expected_file() -> None:
    _, expected = load_example()

    assert sorted(expected) == EXAMPLE_MONTHS


def test_the_metrics_json_survives_a_round_trip_through_json() -> None:
    exported = to_metrics_json(example_month("2026-03"))

    assert json.loads(json.dumps(exported)) == exported


def test_it_computes_the_example_closer_plan() -> None:
    economics = Economics(D("16200"), D("0.70"), D("0.25"), D("0.25"), D("100"))
    plan = Plan(annual_ote=D("68040"), monthly_quota=D("5"), commission_rate=D("0.10"))

    figures = plan_figures(CLOSER, plan, economics)

    assert economics.upfront_per_deal == D("11340")
    assert figures.monthly_ote == D("5670")
    assert figures.commission_per_deal == D("1134")
    assert figures.deals_for_ote == D("5")
    assert figures.break_even_units == D("5")
    assert figures.alignment == "aligned"
    assert figures.alignment_reason == "OTE needs 5 deals a month; quota is 5"


def test_it_flags_the_setter_plan_as_unreachable() -> None:
    economics = Economics(D("16200"), D("0.70"), D("0.25"), D("0.25"), D("100"))
    plan = Plan(annual_ote=D("68040"), monthly_quota=D("40"), commission_rate=D("0.05"))

    figures = plan_figures(SETTER, plan, economics)

    assert figures.earnings_at_quota == D("1417.5")
    assert figures.alignment_ratio == D("0.25")
    assert figures.alignment == "unreachable"
    assert figures.break_even_units == D("160")
    assert figures.alignment_reason == "OTE needs 160 meetings a month; quota is 40"


def test_it_flags_the_manager_plan_as_overpaying() -> None:
    economics = Economics(D("16200"), D("0.70"), D("0.25"), D("0.25"), D("100"))
    plan = Plan(annual_ote=D("81600"), monthly_quota=D("40"), commission_rate=D("0.03"))

    figures = plan_figures(MANAGER, plan, economics)

    assert figures.commission_per_deal == D("340.2")
    assert figures.earnings_at_quota == D("13608")
    assert figures.alignment == "overpays"
    assert (
        figures.alignment_reason == "OTE needs 19.99 team deals a month; quota is 40 and pays $13,608 (200.1% of OTE)"
    )


def test_it_writes_the_example_recommendations_as_sentences() -> None:
    march = example_month("2026-03")
    february = example_month("2026-02")

    texts = {
        (metrics.month, role.role): [item.text for item in role.recommendations]
        for metrics in (february, march)
        for role in metrics.roles
    }

    assert texts["2026-03", "Closers"] == [
        "Need 1.25 more deals per closer",
        "Raise the close rate from 25.0% to 33.3% (+8.33 points)",
    ]
    assert texts["2026-02", "Setters"] == [
        "Need 8 more meetings per setter",
        "Increase marketing by $1,600 to add 16 meetings",
        "Fix the plan: OTE needs 160 meetings a month; quota is 40",
    ]
    assert texts["2026-03", "Manager"] == [
        "Improve the team: Closers have the lowest quota attainment (75.0%)",
        "Fix the plan: OTE needs 19.99 team deals a month; quota is 40 and pays $13,608 (200.1% of OTE)",
    ]
    assert texts["2026-03", "Setters"][:2] == [
        "Raise targets: quota attainment is 120.0%",
        "Scale the team: Setters deliver 120.0% of quota; add people on this plan",
    ]
    assert texts["2026-02", "Closers"][0] == "Need 1 more deal per closer"


def test_it_includes_recommendation_text_in_the_json_unless_asked_not_to() -> None:
    march = example_month("2026-03")

    with_text = to_metrics_json(march)["roles"][0]["recommendations"][0]
    without_text = to_metrics_json(march, include_text=False)["roles"][0]["recommendations"][0]

    assert with_text == {
        "code": "more_units",
        "amount": 1.25,
        "text": "Need 1.25 more deals per closer",
    }
    assert without_text == {"code": "more_units", "amount": 1.25}


def test_it_sorts_the_gaps_from_worst_to_best() -> None:
    march = example_month("2026-03")

    assert [role.role for role in march.insights.gaps] == [
        "Setters",
        "Closers",
        "Manager",
    ]


def test_it_reports_the_example_efficiency_and_setter_capacity() -> None:
    january = example_month("2026-01")

    assert january.insights.efficiency.efficiency == "efficient"
    assert january.insights.efficiency.text == "OTE is 14.0% of revenue (target 20.0%): efficient"
    capacity = january.insights.setter_capacity
    assert capacity is not None
    assert capacity.setters_to_add == 14
    assert capacity.text == (
        "Closers' quota needs 640 meetings a month; setters' quota supplies 80 (12.5%): add 14 setters at current quota"
    )


def test_it_derives_revenue_from_the_closers_credited_deals() -> None:
    january = example_month("2026-01")

    assert january.summary.revenue == D("453600")
    assert january.summary.revenue_derived is True
    assert january.close_rate_pct == D("25.00")


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


# --- Building blocks for the edge cases -----------------------------------------------


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


# --- Roles that do not count ----------------------------------------------------------


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
    assert list(exported)[-4:] == ["headcount", "units", "credited_deals", "status"]


def test_a_role_with_a_plan_but_no_actual_has_no_data() -> None:
    no_actual = RoleInput("Setters", SETTER, SETTER_PLAN, None)

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
    metrics = compute_month("2026-04", economics(), [RoleInput("New", CLOSER, None, None)])

    assert metrics.roles[0].status == "no_plan"
    assert metrics.roles[0].plan is None
    assert metrics.roles[0].actual is None


def test_a_plan_with_no_quota_is_not_usable() -> None:
    zero_quota = Plan(annual_ote=D("68040"), monthly_quota=D("0"), commission_rate=D("0.1"))

    metrics = compute_month("2026-04", economics(), [closers(plan=zero_quota)])

    assert metrics.roles[0].status == "no_plan"
    assert metrics.roles[0].plan is not None
    assert metrics.roles[0].plan.required_pay_per_unit is None


def test_a_month_where_every_role_is_excluded_is_all_zero_or_null() -> None:
    roles = [
        closers(headcount=0),
        RoleInput("Setters", SETTER, SETTER_PLAN, None),
        RoleInput("Manager", MANAGER, None, Actual(1, D("3"))),
    ]

    metrics = compute_month("2026-04", economics(), roles)

    summary = to_metrics_json(metrics)["summary"]
    assert [role.status for role in metrics.roles] == [
        "no_headcount",
        "no_data",
        "no_plan",
    ]
    assert summary == {
        "total_ote": 0.0,
        "total_actual": 0.0,
        "ote_gap": 0.0,
        "team_avg_attainment_pct": None,
        "team_ote_attainment_pct": None,
        "revenue": 0.0,
        "revenue_per_ote_dollar": None,
        "ote_pct_of_revenue": None,
        "deal_capacity": 0.0,
        "capacity_utilization_pct": None,
        "efficiency": None,
    }
    assert metrics.insights.gaps == []
    assert metrics.insights.setter_capacity is None
    assert metrics.insights.efficiency.text == ("OTE as a share of revenue is n/a: there is no revenue this month")
    assert to_metrics_json(metrics)["insights"] == {"setter_capacity": None}


def test_a_month_with_no_roles_computes() -> None:
    metrics = compute_month("2026-04", economics(), [])

    assert to_metrics_json(metrics)["roles"] == []


def test_an_unknown_role_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown role kind"):
        compute_month("2026-04", economics(), [RoleInput("X", "broker", CLOSER_PLAN, None)])


# --- Recorded values ------------------------------------------------------------------


def test_recorded_revenue_overrides_the_derived_revenue() -> None:
    metrics = compute_month("2026-04", economics(), [closers()], revenue=D("100000"))

    assert metrics.summary.revenue == D("100000")
    assert metrics.summary.revenue_derived is False
    assert metrics.summary.ote_pct_of_revenue == D("45.36")
    assert metrics.summary.efficiency == "high"


def test_recorded_revenue_of_zero_makes_the_revenue_ratios_not_available() -> None:
    metrics = compute_month("2026-04", economics(), [closers()], revenue=D("0"))

    summary = to_metrics_json(metrics)["summary"]
    assert metrics.summary.revenue_derived is False
    assert summary["revenue"] == 0.0
    assert summary["revenue_per_ote_dollar"] == 0.0
    assert summary["ote_pct_of_revenue"] is None
    assert summary["efficiency"] is None


def test_recorded_credited_deals_of_closers_drive_revenue_and_earnings() -> None:
    metrics = compute_month("2026-04", economics(), [closers(credited_deals=D("20"))])

    closer = metrics.roles[0].actual
    assert closer is not None
    assert closer.credited_deals_estimated is False
    assert closer.team_earnings == D("22680")
    assert metrics.summary.revenue == D("226800")
    assert metrics.summary.capacity_utilization_pct == D("50")


def test_recorded_meetings_held_set_the_months_close_rate() -> None:
    roles = [closers(units="30"), setters(units="96", meetings_held=D("100"))]

    metrics = compute_month("2026-04", economics(), roles)

    raise_close_rate = role_named(metrics, "Closers").recommendations[1]
    assert metrics.close_rate_pct == D("30")
    assert raise_close_rate.code == "raise_close_rate"
    assert raise_close_rate.amount == D("10")
    assert raise_close_rate.text == "Raise the close rate from 30.0% to 40.0% (+10 points)"


def test_recorded_zero_meetings_held_leave_the_close_rate_not_available() -> None:
    roles = [closers(units="30"), setters(units="96", meetings_held=D("0"))]

    metrics = compute_month("2026-04", economics(), roles)

    raise_close_rate = role_named(metrics, "Closers").recommendations[1]
    assert metrics.close_rate_pct is None
    assert raise_close_rate.amount is None
    assert raise_close_rate.text.startswith("Raise the close rate: ")


def test_a_closer_with_no_deals_gets_an_unsized_close_rate_recommendation() -> None:
    metrics = compute_month("2026-04", economics(), [closers(units="0")])

    closer = metrics.roles[0]
    assert codes(closer) == ["more_units", "raise_close_rate"]
    assert closer.recommendations[0].text == "Need 5 more deals per closer"
    assert closer.recommendations[1].amount is None


# --- Rates and money at zero ----------------------------------------------------------


def test_zero_show_and_close_rates_leave_setter_figures_not_available() -> None:
    zero_rates = economics(show_rate="0", close_rate="0")

    figures = plan_figures(SETTER, SETTER_PLAN, zero_rates)
    metrics = compute_month("2026-04", zero_rates, [closers(), setters()])

    assert figures.break_even_units is None
    assert figures.earnings_at_quota == D("0")
    assert figures.alignment == "unreachable"
    assert role_named(metrics, "Setters").actual.credited_deals == D("0")  # type: ignore[union-attr]
    assert metrics.insights.setter_capacity is None
    assert to_metrics_json(metrics)["roles"][1]["break_even_units"] is None


def test_zero_deal_value_makes_deals_for_ote_not_available() -> None:
    figures = plan_figures(CLOSER, CLOSER_PLAN, economics(deal_value="0"))

    assert figures.commission_per_deal == D("0")
    assert figures.deals_for_ote is None
    assert figures.break_even_units is None
    assert figures.alignment_reason == "OTE cannot be reached: a deal earns no commission"


def test_a_zero_commission_rate_makes_deals_for_ote_not_available() -> None:
    plan = Plan(annual_ote=D("68040"), monthly_quota=D("5"), commission_rate=D("0"))

    metrics = compute_month("2026-04", economics(), [closers(plan=plan)])

    closer = metrics.roles[0]
    assert closer.plan is not None
    assert closer.plan.deals_for_ote is None
    assert closer.recommendations[-1].code == "fix_plan"
    assert closer.recommendations[-1].amount is None
    assert closer.recommendations[-1].text == ("Fix the plan: OTE cannot be reached: a deal earns no commission")


def test_a_plan_with_zero_ote_has_no_alignment_and_no_fix_plan() -> None:
    plan = Plan(annual_ote=D("0"), monthly_quota=D("5"), commission_rate=D("0.1"))

    metrics = compute_month("2026-04", economics(), [closers(plan=plan, units="40")])

    closer = metrics.roles[0]
    assert closer.plan is not None
    assert closer.plan.alignment is None
    assert closer.actual is not None
    assert closer.actual.ote_attainment_pct is None
    assert codes(closer) == []
    assert metrics.summary.team_avg_attainment_pct is None
    assert metrics.summary.team_ote_attainment_pct is None


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


# --- Boundaries -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annual_ote", "alignment"),
    [
        # a closer at quota earns 5 * 1134 = 5670 a month; ratio = 5670 / (ote / 12)
        ("71621.05263157894736842105263", "aligned"),  # ratio 0.95 exactly
        ("71621.06", "unreachable"),  # ratio just below 0.95
        ("64800", "aligned"),  # ratio 1.05
        ("64799.99", "overpays"),  # ratio just above 1.05
        ("68040", "aligned"),
    ],
)
def test_plan_alignment_holds_at_its_boundaries(annual_ote: str, alignment: str) -> None:
    plan = Plan(annual_ote=D(annual_ote), monthly_quota=D("5"), commission_rate=D("0.10"))

    assert plan_figures(CLOSER, plan, economics()).alignment == alignment


@pytest.mark.parametrize(
    ("ote_pct_of_revenue", "expected"),
    [
        ("0", "efficient"),
        ("20", "efficient"),
        ("20.0001", "moderate"),
        ("30", "moderate"),
        ("30.0001", "high"),
        (None, None),
    ],
)
def test_efficiency_holds_at_its_boundaries(ote_pct_of_revenue: str | None, expected: str | None) -> None:
    share = None if ote_pct_of_revenue is None else D(ote_pct_of_revenue)

    assert efficiency(share, economics()) == expected


def test_revenue_sets_the_months_efficiency_band() -> None:
    roles = [closers(units="40")]  # total OTE 45,360

    moderate = compute_month("2026-04", economics(), roles, revenue=D("151200"))  # 30%
    high = compute_month("2026-04", economics(), roles, revenue=D("151199"))

    assert moderate.summary.efficiency == "moderate"
    assert high.summary.efficiency == "high"


@pytest.mark.parametrize(
    ("units", "status"),
    [("40", "on_target"), ("39.99", "near"), ("32", "near"), ("31.99", "below")],
)
def test_quota_attainment_sets_the_status(units: str, status: str) -> None:
    metrics = compute_month("2026-04", economics(), [closers(units=units)])

    assert metrics.roles[0].status == status
    assert metrics.roles[0].status_label == STATUS_LABELS[status]


def test_a_near_role_gets_the_below_quota_recommendations() -> None:
    metrics = compute_month("2026-04", economics(), [closers(units="36")])

    assert metrics.roles[0].status == "near"
    assert codes(metrics.roles[0]) == ["more_units", "raise_close_rate"]


def test_a_role_at_the_exceeding_threshold_gets_raise_targets_and_scale_team() -> None:
    at_threshold = compute_month("2026-04", economics(), [closers(units="44")])
    under_threshold = compute_month("2026-04", economics(), [closers(units="43.99")])

    assert codes(at_threshold.roles[0]) == ["raise_targets", "scale_team"]
    assert codes(under_threshold.roles[0]) == []


def test_setter_capacity_of_at_least_90_percent_adds_no_setters() -> None:
    # closers need 8 * 5 / (0.25 * 0.25) = 640 meetings; 15 setters * 40 = 600 (93.75%)
    metrics = compute_month("2026-04", economics(), [closers(), setters(headcount=15)])

    capacity = metrics.insights.setter_capacity
    exported = to_metrics_json(metrics)["insights"]["setter_capacity"]
    assert capacity is not None
    assert capacity.coverage_pct == D("93.75")
    assert capacity.setters_to_add is None
    assert exported == {
        "meetings_needed": 640.0,
        "meetings_supplied": 600.0,
        "coverage_pct": 93.75,
    }
    assert capacity.text.endswith("(93.8%)")


def test_setter_capacity_just_under_90_percent_rounds_setters_up() -> None:
    # 14 setters * 40 = 560 of 640 (87.5%): 80 meetings short = 2 setters
    metrics = compute_month("2026-04", economics(), [closers(), setters(headcount=14)])

    capacity = metrics.insights.setter_capacity
    assert capacity is not None
    assert capacity.setters_to_add == 2


def test_setter_capacity_rounds_a_partial_setter_up() -> None:
    # 13 setters * 40 = 520 of 640: 120 meetings short = 3 setters
    metrics = compute_month("2026-04", economics(), [closers(), setters(headcount=13)])

    capacity = metrics.insights.setter_capacity
    assert capacity is not None
    assert capacity.setters_to_add == 3
    assert capacity.text.endswith(": add 3 setters at current quota")


def test_one_missing_setter_reads_in_the_singular() -> None:
    big_quota = Plan(annual_ote=D("68040"), monthly_quota=D("500"), commission_rate=D("0.05"))
    # 640 meetings needed, 1 setter * 500 supplied (78.1%): 140 short, 1 more setter
    roles = [closers(), setters(headcount=1, units="400", plan=big_quota)]

    metrics = compute_month("2026-04", economics(), roles)

    capacity = metrics.insights.setter_capacity
    assert capacity is not None
    assert capacity.setters_to_add == 1
    assert capacity.text.endswith(": add 1 setter at current quota")


def test_setter_capacity_with_no_closers_counting_has_no_coverage() -> None:
    metrics = compute_month("2026-04", economics(), [setters()])

    capacity = metrics.insights.setter_capacity
    assert capacity is not None
    assert capacity.meetings_needed == D("0")
    assert capacity.coverage_pct is None
    assert capacity.setters_to_add is None
    assert to_metrics_json(metrics)["insights"]["setter_capacity"]["coverage_pct"] is None
    assert capacity.text.endswith("(n/a)")


# --- improve_team ---------------------------------------------------------------------


def test_improve_team_names_the_weakest_closer_or_setter_role() -> None:
    roles = [closers(units="40"), setters(units="20"), manager(units="20")]

    metrics = compute_month("2026-04", economics(), roles)

    improve_team = role_named(metrics, "Manager").recommendations[0]
    assert improve_team.code == "improve_team"
    assert improve_team.amount is None
    assert improve_team.text == ("Improve the team: Setters have the lowest quota attainment (25.0%)")


def test_improve_team_picks_the_first_created_role_on_a_tie() -> None:
    roles = [closers(units="32"), setters(units="64"), manager(units="32")]

    metrics = compute_month("2026-04", economics(), roles)

    assert role_named(metrics, "Manager").recommendations[0].text == (
        "Improve the team: Closers have the lowest quota attainment (80.0%)"
    )


def test_improve_team_without_a_closer_or_setter_says_so() -> None:
    metrics = compute_month("2026-04", economics(), [manager(units="20")])

    assert metrics.roles[0].recommendations[0].text == ("Improve the team: no closer or setter results this month")


def test_a_manager_above_quota_gets_no_improve_team() -> None:
    metrics = compute_month("2026-04", economics(), [closers(), manager(units="40")])

    assert codes(role_named(metrics, "Manager")) == ["fix_plan"]


# --- Helpers and formatting -----------------------------------------------------------


def test_division_by_zero_gives_none() -> None:
    assert divide(D("1"), D("0")) is None
    assert divide(None, D("1")) is None
    assert divide(D("1"), None) is None
    assert divide(D("1"), D("4")) == D("0.25")


def test_the_mean_ignores_values_that_cannot_be_computed() -> None:
    assert mean([D("100"), None, D("50")]) == D("75")
    assert mean([None]) is None
    assert mean([]) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1600", "$1,600"),
        ("5670", "$5,670"),
        ("1417.5", "$1,417.50"),
        ("-1134", "-$1,134"),
        ("0.004", "$0"),
        ("-0.004", "$0"),
        ("1234567.891", "$1,234,567.89"),
        (None, "n/a"),
    ],
)
def test_money_shows_cents_only_when_not_whole(value: str | None, text: str) -> None:
    assert format_money(None if value is None else D(value)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("75", "75.0%"),
        ("33.3333", "33.3%"),
        ("133.35", "133.4%"),
        ("-0.01", "0.0%"),
        ("1234.5", "1,234.5%"),
        (None, "n/a"),
    ],
)
def test_percentages_show_one_decimal(value: str | None, text: str) -> None:
    assert format_percent(None if value is None else D(value)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1.25", "1.25"),
        ("16.000", "16"),
        ("100", "100"),
        ("2.50", "2.5"),
        ("19.98824221046443268665490888", "19.99"),
        ("0", "0"),
        ("-0.001", "0"),
        (None, "n/a"),
    ],
)
def test_units_are_trimmed(value: str | None, text: str) -> None:
    assert format_units(None if value is None else D(value)) == text


def test_rounding_is_half_up_even_for_huge_values() -> None:
    assert quantize_money(D("2.345")) == D("2.35")
    assert quantize_money(D("-2.345")) == D("-2.35")
    assert quantize(D("7.14329"), 4) == D("7.1433")
    assert quantize_money(D("1e40")) == D("1e40")
