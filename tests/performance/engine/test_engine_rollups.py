from datetime import date
from decimal import Decimal

import pytest
from engine_cases import closers_in_month

from otesite.lib.months import add_months
from performance.engine import rollups


def test_the_engine_reports_deals_closed_and_headcount_for_the_month():
    summary = closers_in_month(date(2026, 3, 1), 8, "30").summary
    assert summary.deals_closed == Decimal("30")
    assert summary.headcount == 8


def test_a_quarter_divides_its_sums_rather_than_averaging_percentages():
    history = {
        date(2026, 1, 1): closers_in_month(date(2026, 1, 1), 8, "40"),  # 100% of OTE
        date(2026, 2, 1): closers_in_month(date(2026, 2, 1), 2, "5"),  # 50% of OTE
    }
    quarter = rollups.quarter_to_date(history, date(2026, 2, 1))
    assert quarter.total_actual == Decimal("51030")
    assert quarter.total_ote == Decimal("56700")
    assert quarter.team_ote_attainment_pct == Decimal("90")  # not (100 + 50) / 2
    assert quarter.label == "Q1 2026 to date"
    assert quarter.months == 2


def test_a_rollup_divides_summed_revenue_and_capacity():
    history = {
        date(2026, 4, 1): closers_in_month(date(2026, 4, 1), 8, "40", revenue="500000"),
        date(2026, 5, 1): closers_in_month(date(2026, 5, 1), 8, "20", revenue="100000"),
    }
    quarter = rollups.quarter_to_date(history, date(2026, 5, 1))
    assert quarter.revenue == Decimal("600000")
    assert quarter.revenue_per_ote_dollar == Decimal("600000") / Decimal("90720")
    assert quarter.ote_pct_of_revenue == Decimal("90720") / Decimal("600000") * 100
    assert quarter.capacity_utilization_pct == Decimal("75")


def test_year_to_date_starts_in_january_and_skips_months_without_metrics():
    history = {date(2025, 12, 1): closers_in_month(date(2025, 12, 1), 8, "40"), date(2026, 1, 1): None}
    history[date(2026, 2, 1)] = closers_in_month(date(2026, 2, 1), 8, "20")
    year = rollups.year_to_date(history, date(2026, 2, 1))
    assert (year.first, year.last, year.months) == (date(2026, 1, 1), date(2026, 2, 1), 1)
    assert year.team_ote_attainment_pct == Decimal("50")


def test_an_empty_period_is_n_a_not_an_error():
    period = rollups.rollup({}, date(2026, 1, 1), date(2026, 3, 1), "nothing")
    assert period.months == 0
    assert period.team_ote_attainment_pct is None
    assert period.revenue_per_ote_dollar is None


@pytest.mark.parametrize(
    ("current", "previous", "higher_is_better", "direction", "better", "text"),
    [
        (Decimal("75.04"), Decimal("72.7"), True, "up", True, "+2.3 pts"),
        (Decimal("14"), Decimal("16"), False, "down", True, "-2.0 pts"),
        (Decimal("16"), Decimal("14"), False, "up", False, "+2.0 pts"),
        (Decimal("50.01"), Decimal("50"), True, "flat", None, "0.0 pts"),
        (Decimal("50"), None, True, None, None, "n/a"),
    ],
)
def test_a_change_says_which_way_and_whether_that_is_good(current, previous, higher_is_better, direction, better, text):
    change = rollups.change(current, previous, date(2026, 2, 1), rollups.PCT, higher_is_better=higher_is_better)
    assert change.direction == direction
    assert change.is_better is better
    assert change.text == text


def test_a_ratio_change_is_shown_to_two_decimals():
    change = rollups.change(Decimal("7.14"), Decimal("6.9"), date(2026, 2, 1), rollups.RATIO, higher_is_better=True)
    assert change.text == "+0.24"


def test_the_board_metrics_compare_with_the_month_before_and_a_year_earlier():
    month = date(2026, 3, 1)
    history = {
        add_months(month, -12): closers_in_month(add_months(month, -12), 8, "20"),
        add_months(month, -1): closers_in_month(add_months(month, -1), 8, "30"),
        month: closers_in_month(month, 8, "40"),
    }
    metrics = rollups.board_metrics(history, month)
    assert [metric.definition.key for metric in metrics] == [
        "team_ote_attainment_pct",
        "ote_pct_of_revenue",
        "revenue_per_ote_dollar",
        "capacity_utilization_pct",
    ]
    attainment = metrics[0]
    assert attainment.value == Decimal("100")
    assert attainment.month_over_month.against == date(2026, 2, 1)
    assert attainment.month_over_month.delta == Decimal("25")
    assert attainment.year_over_year.against == date(2025, 3, 1)
    assert attainment.year_over_year.delta == Decimal("50")
    assert attainment.quarter_to_date == Decimal("87.5")


def test_efficiency_improves_when_ote_takes_a_smaller_share_of_revenue():
    months = [date(2026, m, 1) for m in range(1, 7)]
    history = {month: closers_in_month(month, 8, "40", revenue="300000") for month in months[:3]}
    history.update({month: closers_in_month(month, 8, "40", revenue="450000") for month in months[3:]})
    trend = rollups.efficiency_trend(history, months[-1])
    assert trend.verdict == "improving"
    sentence = rollups.efficiency_sentence(trend)
    assert sentence.startswith("OTE efficiency is improving: OTE took 10.1% of revenue over April 2026 to June 2026")
    assert "against 15.1%" in sentence


def test_efficiency_cannot_be_judged_without_history():
    month = date(2026, 1, 1)
    trend = rollups.efficiency_trend({month: closers_in_month(month, 8, "40")}, month)
    assert trend.verdict is None
    assert "not enough history" in rollups.efficiency_sentence(trend)


def test_the_widest_gap_names_the_role_furthest_from_ote():
    m = closers_in_month(date(2026, 3, 1), 8, "30")
    assert rollups.widest_gap_sentence(m) == (
        "The widest gap: Closers earned 75.0% of OTE, $1,417.50 a month short per person ($11,340 for the role)."
    )


def test_highlights_are_empty_for_a_month_without_metrics():
    assert rollups.highlights({date(2026, 1, 1): None}, date(2026, 1, 1)) == []
