"""performance/web/me_presenters.py: a rep's next band, year to date and plan, without a database."""

from dataclasses import replace
from decimal import Decimal as D

from performance import engine
from performance.engine.types import Tier
from performance.web.me_presenters import NextBand, next_band, payable, plan_shown, year_to_date

TIERED = engine.Plan(
    annual_ote=D("96000"),
    monthly_quota=D("4.5"),
    commission_rate=D("0.1"),
    annual_base=D("48000"),
    tiers=(Tier(D("0"), D("1")), Tier(D("100"), D("1.5")), Tier(D("150"), D("2"))),
    cap_pct=D("200"),
    ramp=(D("0.5"), D("0.75")),
)


def statement(month: str, earnings: str, units: str, quota: str) -> engine.Statement:
    return engine.Statement(
        month=month,
        person_id=1,
        role_id=1,
        role="AEs",
        kind="closer",
        tenure_month=3,
        ramp_factor=D(1),
        quota=D(quota),
        units=D(units),
        credited_deals=D(units),
        credited_deals_recorded=False,
        quota_attainment_pct=None,
        pay_attainment_pct=None,
        base=D(4000),
        bands=(),
        commission=D(earnings) - 4000,
        earnings=D(earnings),
        earnings_recorded=False,
        proration=D(1),
    )


def test_the_next_band_is_the_first_above_the_pay_attainment_with_the_units_to_reach_it():
    assert next_band(TIERED, D("3")) == NextBand(D("100"), D("1.5"), D("1.5"))  # 66.7%: 4.5 - 3
    assert next_band(TIERED, D("4.5")) == NextBand(D("150"), D("2"), D("2.25"))  # at 100% exactly: next is 150%
    assert next_band(TIERED, D("0")).from_pct == D("100")


def test_there_is_no_next_band_in_the_last_one_or_past_the_cap():
    assert next_band(TIERED, D("7")) is None  # 155.6%: the last band, up to the cap
    assert next_band(TIERED, D("10")) is None


def test_a_plan_without_tiers_has_one_band_and_no_next_one():
    flat = engine.Plan(annual_ote=D("60000"), monthly_quota=D("2"), commission_rate=D("0.1"))
    assert next_band(flat, D("0")) is None


def test_a_cap_inside_a_band_ends_the_curve_there():
    capped = engine.Plan(annual_ote=D("1"), monthly_quota=D("4"), commission_rate=D("0.1"), cap_pct=D("120"),
                         tiers=(Tier(D("0"), D("1")), Tier(D("150"), D("2"))))  # fmt: skip
    assert next_band(capped, D("1")) is None  # the 150% band starts past the cap


def test_the_year_to_date_adds_up_the_years_statements_and_measures_units_over_quota():
    statements = [
        statement("2025-12", "9000", "5", "4"),
        statement("2026-01", "8000", "3", "4"),
        statement("2026-02", "12375", "7", "4.5"),
    ]

    ytd = year_to_date(statements, 2026)

    assert (ytd.months, ytd.earnings, ytd.payable, ytd.units, ytd.quota) == (2, D("20375"), D("20375"), D(10), D("8.5"))
    assert ytd.attainment_pct == D(10) / D("8.5") * 100
    assert isinstance(ytd.attainment_pct, D)
    assert year_to_date([], 2026).attainment_pct is None


def test_payable_is_earnings_with_the_clawbacks_taken_off():
    plain = statement("2026-01", "8000", "3", "4")
    assert payable(plain) == D("8000")

    clawed = replace(
        statement("2026-02", "8000", "3", "4"),
        clawbacks=(engine.Clawback(1, "D-1", "2026-01-10", "2026-02-03", D("-750")),),
    )

    assert payable(clawed) == D("7250")
    assert year_to_date([plain, clawed], 2026).payable == D("15250")


def test_the_plan_reads_rate_quota_bands_cap_ramp_and_a_clawback_window_once_plans_have_one():
    shown = plan_shown("AEs", TIERED)

    assert [(b.from_pct, b.to_pct, b.multiplier) for b in shown.bands] == [
        (D("0"), D("100"), D("1")),
        (D("100"), D("150"), D("1.5")),
        (D("150"), D("200"), D("2")),
    ]
    assert (shown.commission_rate, shown.monthly_quota, shown.cap_pct) == (D("0.1"), D("4.5"), D("200"))
    assert shown.ramp_text == "month 1: 50.0%, month 2: 75.0%"
    assert shown.clawback_months == 0  # no clawback
    assert plan_shown("AEs", replace(TIERED, clawback_months=3)).clawback_months == 3
