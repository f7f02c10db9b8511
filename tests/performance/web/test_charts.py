from datetime import date
from decimal import Decimal

from engine_cases import closers_in_month as closers

from performance.engine import Actual, Economics, Plan, RoleInput, compute_month
from performance.web import charts

MONTHS = [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]


def history():
    return {MONTHS[0]: None, MONTHS[1]: closers(MONTHS[1], 8, "40"), MONTHS[2]: closers(MONTHS[2], 8, "30")}


def test_the_trends_page_has_six_charts_over_the_same_months():
    made = charts.trend_charts(history())
    assert [chart.title for chart in made] == [
        "OTE attainment by role",
        "Quota attainment by role",
        "Total OTE against total actual earnings",
        "OTE as % of revenue",
        "Revenue per $1 OTE",
        "Deal capacity against deals closed",
    ]
    assert {len(chart.months) for chart in made} == {3}


def test_a_month_without_metrics_is_a_gap():
    chart = charts.ote_attainment_by_role(history())
    data = chart.data()
    assert data["labels"] == ["Jan 2026", "Feb 2026", "Mar 2026"]
    assert data["datasets"][0] == {"label": "Closers", "style": "line", "data": [None, 100.0, 75.0]}
    assert data["datasets"][-1]["style"] == "target"


def test_ote_as_a_share_of_revenue_carries_the_target_in_force():
    data = charts.ote_pct_of_revenue(history()).data()
    assert [series["label"] for series in data["datasets"]] == ["OTE % of revenue", "Target"]
    assert data["datasets"][1]["data"] == [None, 20.0, 20.0]


def test_revenue_per_ote_dollar_keeps_four_decimals_as_in_the_json_export():
    recorded = {MONTHS[2]: closers(MONTHS[2], 8, "30", revenue="100000")}
    data = charts.revenue_per_ote_dollar(recorded).data()
    assert data["datasets"][0]["data"] == [Decimal("2.2046")]  # 100,000 / 45,360, exact


def test_deal_capacity_stands_beside_deals_closed():
    data = charts.deal_capacity(history()).data()
    assert data["datasets"] == [
        {"label": "Deal capacity", "style": "bar", "data": [None, 40.0, 40.0]},
        {"label": "Deals closed", "style": "bar", "data": [None, 40.0, 30.0]},
    ]


def test_a_chart_has_its_numbers_as_table_rows():
    chart = charts.ote_against_actual(history())
    assert chart.headers == ["Total OTE", "Total actual"]
    rows = chart.rows()
    assert rows[0].month == "2026-01"
    assert rows[0].values == [None, None]
    assert rows[2].values == [Decimal("45360"), Decimal("34020")]


def test_a_role_that_does_not_count_that_month_is_a_gap_for_that_role():
    economics = Economics(
        deal_value=Decimal("16200"),
        upfront_rate=Decimal("0.7"),
        show_rate=Decimal("0.25"),
        close_rate=Decimal("0.25"),
        cost_per_meeting=Decimal("100"),
    )
    plan = Plan(annual_ote=Decimal("68040"), monthly_quota=Decimal("40"), commission_rate=Decimal("0.05"))
    with_setters = compute_month(
        "2026-03",
        economics,
        [RoleInput("Setters", "Setters", "setter", plan, Actual(headcount=0, units=Decimal(0)))],
    )
    made = charts.quota_attainment_by_role({MONTHS[2]: with_setters})
    assert [series.label for series in made.series] == ["Quota (100%)"]


def test_board_charts_use_their_own_ids():
    assert [chart.id for chart in charts.board_charts(history())] == [
        "board-team-ote-attainment",
        "board-ote-pct-of-revenue",
        "board-revenue-per-ote-dollar",
        "board-deal-capacity",
    ]
