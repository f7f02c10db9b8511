"""What a plan means under the month's economics: DOMAIN.md's first table."""

import pytest
from engine_cases import (
    CLOSER_PLAN,
    SETTER_PLAN,
    D,
    closers,
    economics,
    role_named,
    setters,
)

from performance.documents.metrics import to_metrics_json
from performance.engine import (
    CLOSER,
    MANAGER,
    SETTER,
    Economics,
    Plan,
    compute_month,
    plan_figures,
)


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


def test_zero_show_and_close_rates_leave_setter_figures_not_available() -> None:
    zero_rates = economics(show_rate="0", close_rate="0")

    figures = plan_figures(SETTER, SETTER_PLAN, zero_rates)
    metrics = compute_month("2026-04", zero_rates, [closers(), setters()])

    assert figures.break_even_units is None
    assert figures.earnings_at_quota == D("0")
    assert figures.alignment == "unreachable"
    assert role_named(metrics, "Setters").actual.credited_deals == D("0")  # type: ignore[union-attr]
    capacity = metrics.insights.setter_capacity
    # Only what divides by the rates is n/a; what the setters' quota supplies and booked stands.
    assert (capacity.meetings_needed, capacity.coverage_pct, capacity.booked_coverage_pct) == (None, None, None)
    assert capacity.setters_to_add is None
    assert (capacity.meetings_supplied, capacity.meetings_booked) == (D("80"), D("64"))
    assert "n/a" in capacity.text
    exported = to_metrics_json(metrics)
    assert exported["roles"][1]["break_even_units"] is None
    assert exported["insights"]["setter_capacity"] == {
        "meetings_needed": None,
        "meetings_supplied": D("80.00"),
        "coverage_pct": None,
        "meetings_booked": D("64.00"),
        "booked_coverage_pct": None,
    }


def test_a_plan_that_is_all_base_needs_no_deal_whatever_its_rate() -> None:
    all_base = Plan(annual_ote=D("60000"), annual_base=D("60000"), monthly_quota=D("5"), commission_rate=D("0"))

    for kind in (CLOSER, SETTER):
        figures = plan_figures(kind, all_base, economics())
        assert (figures.deals_for_ote, figures.break_even_units) == (D("0"), D("0"))
    zero_rates = plan_figures(SETTER, all_base, economics(show_rate="0", close_rate="0"))
    assert (zero_rates.deals_for_ote, zero_rates.break_even_units) == (D("0"), D("0"))


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
