"""The month: totals, revenue, efficiency, the close rate and setter capacity."""

import pytest
from engine_cases import (
    SETTER_PLAN,
    D,
    closers,
    economics,
    example_month,
    role_named,
    setters,
)

from otesite.lib.formatting import settle
from performance.documents.metrics import to_metrics_json
from performance.engine import (
    MANAGER,
    SETTER,
    Actual,
    PersonActual,
    PersonInput,
    Plan,
    RoleInput,
    compute_month,
    efficiency,
)


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


def test_a_month_where_every_role_is_excluded_is_all_zero_or_null() -> None:
    roles = [
        closers(headcount=0),
        RoleInput("Setters", "Setters", SETTER, SETTER_PLAN, None),
        RoleInput("Manager", "Manager", MANAGER, None, Actual(1, D("3"))),
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
    assert to_metrics_json(metrics)["insights"] == {
        "setter_capacity": None,
        "assumptions": {
            "show_rate_pct": {"assumed": 25.0, "actual": None},
            "close_rate_pct": {"assumed": 25.0, "actual": None},
            "drift": False,
        },
    }


def test_a_month_with_no_roles_computes() -> None:
    metrics = compute_month("2026-04", economics(), [])

    assert to_metrics_json(metrics)["roles"] == []


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


def test_the_measured_close_rate_sets_the_months_close_rate() -> None:
    # the setters' 12 recorded deals from 40 meetings held: 30%, measured (40 >= 20)
    roles = [closers(units="30"), setters(units="96", meetings_held=D("40"), credited_deals=D("12"))]

    metrics = compute_month("2026-04", economics(), roles)

    raise_close_rate = role_named(metrics, "Closers").recommendations[1]
    assert metrics.close_rate_pct == D("30")
    assert raise_close_rate.code == "raise_close_rate"
    assert raise_close_rate.amount == D("10")  # 30 x 5 / 3.75 = 40
    assert raise_close_rate.text == "Raise the close rate from 30.0% to 40.0% (+10 points)"


def test_closers_deals_are_not_divided_by_the_setters_meetings_held() -> None:
    # once 30 / 100 = 30%; now the setters' credited deals are estimated, so nothing is
    # measured and c is the assumed 25%
    roles = [closers(units="30"), setters(units="100", meetings_held=D("100"))]

    metrics = compute_month("2026-04", economics(), roles)

    assert metrics.close_rate_pct == D("25.00")
    assert role_named(metrics, "Closers").recommendations[1].amount == D("25") * 5 / D("3.75") - 25


def test_too_few_meetings_held_leave_the_assumed_close_rate() -> None:
    roles = [closers(units="30"), setters(units="96", meetings_held=D("19"), credited_deals=D("19"))]

    metrics = compute_month("2026-04", economics(), roles)

    assert metrics.close_rate_pct == D("25.00")
    assert metrics.insights.assumptions.close_rate_pct.actual is None


def test_closers_with_no_deals_get_a_close_rate_advice_without_an_amount() -> None:
    metrics = compute_month("2026-04", economics(), [closers(units="0")])

    raise_close_rate = role_named(metrics, "Closers").recommendations[1]
    assert raise_close_rate.amount is None
    assert raise_close_rate.text.startswith("Raise the close rate: ")


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
        "meetings_booked": 64.0,
        "booked_coverage_pct": 10.0,
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


# --- Team quota in the month figures -------------------------------------------------------


def test_deal_and_setter_capacity_count_the_ramped_team_quota() -> None:
    # people_team 2026-01: executives 2 (Dev, ramped) + 4 + 4 = 10 deals; 10 / 0.15 = 66.67
    # meetings needed; Eve's 50 supplied, 60 booked
    january = example_month("2026-01", "people_team")

    capacity = january.insights.setter_capacity
    assert january.summary.deal_capacity == D("10.0")
    assert capacity is not None
    assert (capacity.meetings_supplied, capacity.meetings_booked) == (D("50"), D("60"))
    assert round(capacity.booked_coverage_pct, 6) == D("90")


def test_setters_to_add_divide_by_the_setters_average_full_quota() -> None:
    # a ramped setter supplies 20 of 40; the gap of 640 - 60 = 580 meetings is closed by
    # setters at their full 40: ceil(580 / 40) = 15, not ceil(580 / 30) = 20
    ramped = Plan(annual_ote=D("68040"), monthly_quota=D("40"), commission_rate=D("0.05"), ramp=(D("0.5"),))
    people = (
        PersonInput("New", "2026-04", 1, True, PersonActual(D("10"))),
        PersonInput("Old", "2025-01", 16, True, PersonActual(D("40"))),
    )
    roles = [closers(), RoleInput("Setters", "Setters", SETTER, ramped, None, people)]

    capacity = compute_month("2026-04", economics(), roles).insights.setter_capacity

    assert capacity is not None
    assert capacity.meetings_supplied == D("60.0")
    assert capacity.setters_to_add == 15


# --- The assumption check --------------------------------------------------------------------


def check(*roles: RoleInput):
    return compute_month("2026-04", economics(), [closers(), *roles]).insights.assumptions


@pytest.mark.parametrize(("units", "measured"), [("20", True), ("19.99", False)])
def test_the_show_rate_is_measured_from_20_units_with_meetings_held(units: str, measured: bool) -> None:
    assumptions = check(setters(units=units, meetings_held=D("5")))

    assert (assumptions.show_rate_pct.actual is not None) is measured
    assert assumptions.show_rate_pct.assumed == D("25.00")


@pytest.mark.parametrize(("held", "measured"), [("20", True), ("19", False)])
def test_the_close_rate_is_measured_from_20_meetings_held_with_recorded_deals(held: str, measured: bool) -> None:
    assumptions = check(setters(units="96", meetings_held=D(held), credited_deals=D("5")))

    assert (assumptions.close_rate_pct.actual is not None) is measured


def test_estimated_credited_deals_never_measure_the_close_rate() -> None:
    assumptions = check(setters(units="96", meetings_held=D("80")))

    assert assumptions.close_rate_pct.actual is None
    assert settle(assumptions.show_rate_pct.actual) == settle(D(500) / D(6))  # 83.33…, to the engine's precision


def test_only_setters_that_recorded_meetings_held_enter_the_show_rate() -> None:
    with_held = setters(units="40", meetings_held=D("10"))
    without = RoleInput("Bookers", "Bookers", SETTER, SETTER_PLAN, Actual(2, D("500")))

    assert check(with_held, without).show_rate_pct.actual == D("25")


def test_setters_that_do_not_count_are_left_out_of_the_check() -> None:
    ghosts = RoleInput("Ghosts", "Ghosts", SETTER, SETTER_PLAN, Actual(0, D("40"), meetings_held=D("40")))

    assert check(ghosts).show_rate_pct.actual is None


def test_people_and_role_totals_are_measured_together() -> None:
    # people_team 2026-03: Dev 12 of 40 and Eve 13 of 50 held: 25 / 90 = 27.78%; only Eve
    # recorded deals, on 13 meetings held: too few for a close rate
    assumptions = example_month("2026-03", "people_team").insights.assumptions

    assert round(assumptions.show_rate_pct.actual, 2) == D("27.78")
    assert assumptions.close_rate_pct.actual is None
    assert assumptions.drift is True


@pytest.mark.parametrize(
    ("held", "drift"),
    [
        ("7.5", False),  # 7.5 / 40 = 18.75%: 6.25 points under 25, exactly a quarter: no drift
        ("7.4", True),  # 18.5%: more than a quarter under
        ("12.5", False),  # 31.25%: exactly a quarter over
        ("12.6", True),  # 31.5%: more than a quarter over
    ],
)
def test_drift_is_more_than_a_quarter_of_the_assumption(held: str, drift: bool) -> None:
    assumptions = check(setters(units="40", meetings_held=D(held)))

    assert assumptions.drift is drift


def test_the_check_says_when_nothing_was_measured_rather_than_that_the_rates_agree() -> None:
    unmeasured = check(setters(units="40"))
    held_as_assumed = check(setters(units="40", meetings_held=D("10")))  # 25%, as assumed

    assert unmeasured.text == "Too little was recorded this month to check the show and close rates"
    assert held_as_assumed.text == "The show and close rates recorded this month agree with the business assumptions"
