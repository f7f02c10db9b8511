"""Pay curves: marginal tiers, the cap, a = 0, break-even through the curve, statement bands."""

from decimal import Decimal

import pytest
from engine_cases import ACCELERATING, CLOSER_PLAN, EXECUTIVES, PEOPLE_TEAM, SDRS, SETTER_PLAN, D, economics, plan

from otesite.lib.formatting import quantize
from performance.engine import (
    CLOSER,
    MANAGER,
    SETTER,
    Tier,
    break_even_units,
    commission,
    commission_bands,
    deals_for_ote,
    earnings_at_quota,
    paid_points,
    plan_figures,
    units_to_deals,
)
from performance.engine.paycurve import least_amount_paying

# The people_team example's plans: Account Executives accelerate above quota and are capped
# at 200%; SDRs are paid half below 50% and a quarter more above quota.


def cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else quantize(value, 2)


# --- paid_points ------------------------------------------------------------------------


@pytest.mark.parametrize("attainment", ["0", "37.5", "100", "250", "0.0001"])
def test_without_tiers_or_cap_every_point_is_paid_once(attainment: str) -> None:
    assert paid_points(CLOSER_PLAN, D(attainment)) == D(attainment)
    assert commission(D("1134"), D("3"), D(attainment), CLOSER_PLAN) == D("1134") * 3


@pytest.mark.parametrize(
    ("attainment", "points"),
    [
        ("80", "80"),  # all in the first band
        ("100", "100"),
        ("125", "137.5"),  # 100 + 1.5 x 25, never retroactively for the first 100
        ("150", "175"),  # 100 + 1.5 x 50
        ("175", "225"),  # 100 + 75 + 2 x 25
        ("200", "275"),  # 100 + 75 + 2 x 50: the cap
        ("260", "275"),  # nothing more beyond the cap
    ],
)
def test_tiers_are_marginal_and_stop_at_the_cap(attainment: str, points: str) -> None:
    assert paid_points(EXECUTIVES, D(attainment)) == D(points)


def test_a_decelerator_pays_the_first_points_at_less() -> None:
    assert paid_points(SDRS, D("40")) == D("20")  # 0.5 x 40
    assert paid_points(SDRS, D("120")) == D("100")  # 25 + 50 + 1.25 x 20


def test_a_cap_without_tiers_stops_the_points() -> None:
    capped = plan(cap_pct=D("150"))

    assert paid_points(capped, D("120")) == D("120")
    assert paid_points(capped, D("200")) == D("150")


# --- commission ---------------------------------------------------------------------------


def test_commission_pays_the_deals_at_the_curves_average_multiplier() -> None:
    # Ana in 2026-03: 7 deals at 155.56% of 4.5: 1000 x 7 x 186.11 / 155.56 = 8375
    attainment = D("7") / D("4.5") * 100

    assert cents(commission(D("1000"), D("7"), attainment, EXECUTIVES)) == D("8375.00")


def test_commission_at_zero_attainment_pays_the_first_bands_multiplier() -> None:
    # credited deals recorded with no units: 300 x 2 x 0.5
    assert commission(D("300"), D("2"), D("0"), SDRS) == D("300")
    assert commission(D("1134"), D("2"), D("0"), CLOSER_PLAN) == D("2268")


def test_a_cap_lowers_the_pay_per_deal_beyond_it() -> None:
    # 12 deals on a quota of 4.5 = 266.67%, capped at 200: 1000 x 12 x 275 / 266.67
    attainment = D("12") / D("4.5") * 100

    assert cents(commission(D("1000"), D("12"), attainment, EXECUTIVES)) == D("12375.00")


@pytest.mark.parametrize(("kind", "per_unit"), [(CLOSER, "1"), (MANAGER, "1"), (SETTER, "0.0625")])
def test_units_to_deals_is_one_except_for_setters(kind: str, per_unit: str) -> None:
    assert units_to_deals(kind, economics()) == D(per_unit)


# --- earnings at quota and break-even through the curve ----------------------------------


def test_earnings_at_quota_go_through_the_curve() -> None:
    # 3000 + 300 x 50 x 0.15 x 75 / 100: a decelerated quota pays 75 points of 100
    assert earnings_at_quota(SETTER, SDRS, PEOPLE_TEAM) == D("4687.5")


def test_break_even_runs_the_curve_backwards() -> None:
    # 2000 of variable = 6.667 deals at multiplier 1 = 88.89 paid points; 75 by 100%, then
    # 13.89 / 1.25 = 11.11 more: a* = 111.11%, 55.56 meetings, 8.33 deals
    assert cents(break_even_units(SETTER, SDRS, PEOPLE_TEAM)) == D("55.56")
    assert cents(deals_for_ote(SETTER, SDRS, PEOPLE_TEAM)) == D("8.33")


def test_break_even_below_an_accelerator_is_unchanged() -> None:
    assert deals_for_ote(CLOSER, EXECUTIVES, PEOPLE_TEAM) == D("4")
    assert break_even_units(CLOSER, EXECUTIVES, PEOPLE_TEAM) == D("4")


def test_break_even_skips_a_band_that_pays_nothing() -> None:
    # 5000 a month needs 5 deals at 1000; 0..50% pays 2.5, 50..100% pays 0, so 2.5 more from 100%
    gap = plan(tiers=(Tier(D("0"), D("1")), Tier(D("50"), D("0")), Tier(D("100"), D("1"))))

    assert break_even_units(CLOSER, gap, economics(deal_value="10000", upfront_rate="1")) == D("7.5")


def test_break_even_is_the_least_attainment_that_pays_ote() -> None:
    # exactly what the first band pays: the band's end, not a point inside the 0-band after it
    flat = plan(tiers=(Tier(D("0"), D("1")), Tier(D("100"), D("0"))))

    assert least_amount_paying(flat, D("5"), D("5")) == D("5")


def test_break_even_is_null_when_a_cap_comes_first() -> None:
    capped = plan(cap_pct=D("100"))  # quota 5 pays 5 x 1000 = 5000 of 5000 variable

    figures = plan_figures(
        CLOSER, plan(cap_pct=D("100"), annual_ote=D("72000")), economics(deal_value="10000", upfront_rate="1")
    )

    assert break_even_units(CLOSER, capped, economics(deal_value="10000", upfront_rate="1")) == D("5")
    assert figures.break_even_units is None
    assert figures.deals_for_ote is None
    assert figures.alignment == "unreachable"
    assert figures.alignment_reason == (
        "OTE cannot be reached: the pay curve's cap or zero multipliers stop commission short of it"
    )


def test_break_even_is_null_when_the_last_band_pays_nothing() -> None:
    stalls = plan(tiers=(Tier(D("0"), D("1")), Tier(D("50"), D("0"))))

    assert break_even_units(CLOSER, stalls, economics(deal_value="10000", upfront_rate="1")) is None


@pytest.mark.parametrize("kind", [CLOSER, SETTER, MANAGER])
@pytest.mark.parametrize("deal_value", ["16200", "12345.67", "999.99"])
def test_without_tiers_or_cap_the_plan_figures_are_the_first_tables_exactly(kind: str, deal_value: str) -> None:
    odd = economics(deal_value=deal_value, show_rate="0.37", close_rate="0.29")
    variable = SETTER_PLAN.annual_ote / 12
    per_deal = odd.upfront_per_deal * SETTER_PLAN.commission_rate
    per_unit = odd.show_rate * odd.close_rate if kind == SETTER else D(1)

    figures = plan_figures(kind, SETTER_PLAN, odd)

    assert figures.deals_for_ote == variable / per_deal
    assert figures.break_even_units == variable / per_deal / per_unit
    assert figures.earnings_at_quota == 0 + per_deal * (SETTER_PLAN.monthly_quota * per_unit)


# --- A statement's bands ------------------------------------------------------------------


def test_statement_bands_split_the_commission_and_stop_at_the_cap() -> None:
    attainment = D("7") / D("4.5") * 100  # Ana, 155.56%

    bands = commission_bands(EXECUTIVES, D("70000"), attainment)

    assert [(b.from_pct, b.to_pct, cents(b.points), b.multiplier) for b in bands] == [
        (D("0"), D("100"), D("100.00"), D("1")),
        (D("100"), D("150"), D("50.00"), D("1.5")),
        (D("150"), D("200"), D("5.56"), D("2")),  # the last band ends at the cap
    ]
    assert [cents(b.amount) for b in bands] == [D("4500.00"), D("3375.00"), D("500.00")]
    assert cents(sum(b.amount for b in bands)) == D("8375.00")


def test_an_open_ended_band_has_no_end() -> None:
    # Eve in 2026-01: 8.4 credited deals at 120%: 300 x 8.4 x (0.5 x 50, 1 x 50, 1.25 x 20) / 120
    bands = commission_bands(SDRS, D("84000"), D("120"))

    assert [(b.from_pct, b.to_pct, b.points) for b in bands] == [
        (D("0"), D("50"), D("50")),
        (D("50"), D("100"), D("50")),
        (D("100"), None, D("20")),
    ]
    assert [b.amount for b in bands] == [D("525"), D("1050"), D("525")]


def test_beyond_the_cap_the_last_band_holds_only_the_points_up_to_it() -> None:
    bands = commission_bands(EXECUTIVES, D("135000"), D("300"))

    assert [(b.to_pct, b.points) for b in bands] == [(D("100"), D("100")), (D("150"), D("50")), (D("200"), D("50"))]
    assert sum(b.amount for b in bands) == commission(D("1000"), D("13.5"), D("300"), EXECUTIVES)


def test_a_cap_inside_a_band_ends_that_band() -> None:
    early_cap = plan(tiers=ACCELERATING, cap_pct=D("120"))

    bands = commission_bands(early_cap, D("80000"), D("160"))

    assert [(b.from_pct, b.to_pct, b.points) for b in bands] == [
        (D("0"), D("100"), D("100")),
        (D("100"), D("120"), D("20")),
    ]


def test_at_zero_attainment_the_first_band_carries_the_commission_with_no_points() -> None:
    (band,) = commission_bands(SDRS, D("20000"), D("0"))

    assert (band.from_pct, band.to_pct, band.points, band.multiplier, band.amount) == (
        D("0"),
        D("50"),
        D("0"),
        D("0.5"),
        D("300"),
    )


def test_bands_are_listed_only_where_the_attainment_reaches() -> None:
    bands = commission_bands(EXECUTIVES, D("30000"), D("75"))

    assert [(b.from_pct, b.to_pct, b.points, b.amount) for b in bands] == [(D("0"), D("100"), D("75"), D("3000"))]
