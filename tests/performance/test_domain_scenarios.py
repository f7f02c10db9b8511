"""An independent audit of ``manage.py export_metrics`` against DOMAIN.md.

Each scenario is stored through the ORM and exported with the command; every expected number
was worked out by hand from DOMAIN.md alone (the arithmetic is in the comments), not from the
engine. The worked example is covered elsewhere; these are the cases it does not reach.

Unless a test says otherwise the business assumptions are:
    deal_value 10000, upfront_rate 0.5      -> U = 5000 upfront revenue per deal
    show_rate 0.5, close_rate 0.4           -> show x close = 0.2
    cost_per_meeting 50, target 20, near 80, exceeding 110
"""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from compensation.models import Economics, QuotaPlan, Role
from otesite.lib.parse import parse_month
from performance.models import MonthlyActual, MonthlyRevenue

pytestmark = pytest.mark.django_db

D = Decimal


# --- Storing a scenario ---------------------------------------------------------------------


def economics(month: str = "2026-01", **changes: str) -> Economics:
    values = {
        "deal_value": "10000",
        "upfront_rate": "0.5",
        "show_rate": "0.5",
        "close_rate": "0.4",
        "cost_per_meeting": "50",
        "target_ote_pct_of_revenue": "20",
        "near_target_pct": "80",
        "exceeding_pct": "110",
    } | changes
    return Economics.objects.create(
        effective_from=parse_month(month), **{key: D(value) for key, value in values.items()}
    )


def role(name: str, kind: str) -> Role:
    return Role.objects.create(name=name, kind=kind)


def plan(
    role: Role, month: str, *, annual_ote: str, monthly_quota: str, commission_rate: str, annual_base: str = "0"
) -> QuotaPlan:
    return QuotaPlan.objects.create(
        role=role,
        effective_from=parse_month(month),
        annual_ote=D(annual_ote),
        annual_base=D(annual_base),
        monthly_quota=D(monthly_quota),
        commission_rate=D(commission_rate),
    )


def actual(role: Role, month: str, headcount: int, units: str, **optional: str) -> MonthlyActual:
    return MonthlyActual.objects.create(
        role=role,
        month=parse_month(month),
        headcount=headcount,
        units=D(units),
        **{key: D(value) for key, value in optional.items()},
    )


def revenue(month: str, amount: str) -> MonthlyRevenue:
    return MonthlyRevenue.objects.create(month=parse_month(month), revenue=D(amount))


def export(month: str) -> dict:
    out = StringIO()
    call_command("export_metrics", "--month", month, stdout=out)
    return json.loads(out.getvalue())


def roles_of(document: dict) -> dict[str, dict]:
    return {row["role"]: row for row in document["roles"]}


def codes(row: dict) -> list[tuple[str, float | None]]:
    return [(item["code"], item["amount"]) for item in row.get("recommendations", [])]


PLAN_KEYS = {
    "role",
    "kind",
    "status",
    "alignment",
    "monthly_ote",
    "monthly_base",
    "monthly_variable",
    "monthly_quota",
    "required_pay_per_unit",
    "commission_per_deal",
    "deals_for_ote",
    "break_even_units",
    "earnings_at_quota",
}
ACTUAL_KEYS = {"headcount", "units", "credited_deals"}
COUNTING_KEYS = {
    "team_quota",
    "source",
    "units_per_person",
    "quota_attainment_pct",
    "team_earnings",
    "earnings_per_person",
    "ote_attainment_pct",
    "team_ote",
    "gap_per_person",
    "team_gap",
    "units_short_per_person",
    "recommendations",
}


# --- 1. Different roles ---------------------------------------------------------------------


@pytest.fixture
def mixed_team() -> dict[str, Role]:
    """Two closer roles (one with a base salary), a setter role recording meetings held, no manager."""
    economics()
    hunters = role("Hunters", "closer")
    farmers = role("Farmers", "closer")
    bookers = role("Bookers", "setter")
    plan(hunters, "2026-01", annual_ote="84000", annual_base="24000", monthly_quota="4", commission_rate="0.25")
    plan(farmers, "2026-01", annual_ote="60000", monthly_quota="5", commission_rate="0.2")
    plan(bookers, "2026-01", annual_ote="48000", monthly_quota="50", commission_rate="0.1")
    actual(hunters, "2026-01", 3, "9")
    actual(farmers, "2026-01", 2, "12")
    actual(bookers, "2026-01", 2, "110", meetings_held="60")
    return {"Hunters": hunters, "Farmers": farmers, "Bookers": bookers}


def test_a_closer_with_a_base_salary_is_paid_base_plus_commission(mixed_team):
    hunters = roles_of(export("2026-01"))["Hunters"]
    for item in hunters.pop("recommendations"):
        assert item.pop("text")

    assert hunters == {
        "role": "Hunters",
        "kind": "closer",
        "monthly_ote": 7000.0,  # 84000 / 12
        "monthly_base": 2000.0,  # 24000 / 12
        "monthly_variable": 5000.0,  # 7000 - 2000
        "monthly_quota": 4.0,
        "required_pay_per_unit": 1250.0,  # 5000 / 4
        "commission_per_deal": 1250.0,  # U 5000 x 0.25
        "deals_for_ote": 4.0,  # 5000 / 1250
        "break_even_units": 4.0,  # closer: deals_for_ote
        "earnings_at_quota": 7000.0,  # 2000 + 1250 x 4
        "alignment": "aligned",  # 7000 / 7000 = 1
        "headcount": 3.0,
        "units": 9.0,
        "credited_deals": 9.0,  # closer, not recorded: units
        "units_per_person": 3.0,  # 9 / 3
        "quota_attainment_pct": 75.0,  # 3 / 4 x 100
        "status": "below",  # 75 < near 80
        "team_earnings": 17250.0,  # 3 x 2000 + 1250 x 9 = 6000 + 11250
        "earnings_per_person": 5750.0,  # 17250 / 3
        "ote_attainment_pct": 82.14,  # 5750 / 7000 x 100 = 82.142857
        "team_ote": 21000.0,  # 3 x 7000
        "gap_per_person": -1250.0,  # 5750 - 7000
        "team_gap": -3750.0,  # 17250 - 21000
        "units_short_per_person": 1.0,  # 4 - 3
        "team_quota": 12.0,  # role totals: 3 x 4
        "source": "role",
    }


def test_the_close_rate_is_the_assumed_one_when_the_setters_recorded_no_credited_deals(mixed_team):
    hunters = roles_of(export("2026-01"))["Hunters"]

    # Bookers recorded meetings held but not credited deals, so no close rate is measured and
    # c = economics close_rate = 40% (closers' deals are not divided by setters' meetings).
    # needed = c x (team_quota / h) / units_per_person = 40 x 4 / 3 = 53.3333; amount = 53.3333 - 40
    assert codes(hunters) == [("more_units", 1.0), ("raise_close_rate", 13.33)]


def test_each_kind_of_role_is_figured_by_its_own_formulas(mixed_team):
    rows = roles_of(export("2026-01"))
    farmers, bookers = rows["Farmers"], rows["Bookers"]

    # Farmers, commission only: 60000/12 = 5000; commission 5000 x 0.2 = 1000; 5 deals for OTE.
    assert (farmers["monthly_ote"], farmers["commission_per_deal"], farmers["break_even_units"]) == (
        5000.0,
        1000.0,
        5.0,
    )
    # 12 deals by 2 = 6 each = 120% of quota; paid 1000 x 12 = 12000, 6000 each = 120% of OTE.
    assert (farmers["quota_attainment_pct"], farmers["team_earnings"], farmers["ote_attainment_pct"]) == (
        120.0,
        12000.0,
        120.0,
    )

    # Bookers (setters): 48000/12 = 4000; commission 5000 x 0.1 = 500; deals_for_ote 4000/500 = 8,
    # break-even 8 / 0.2 = 40 meetings; at quota 500 x 50 x 0.2 = 5000 = 1.25 x OTE: overpays.
    assert bookers["required_pay_per_unit"] == 80.0  # 4000 / 50
    assert (bookers["deals_for_ote"], bookers["break_even_units"], bookers["earnings_at_quota"]) == (8.0, 40.0, 5000.0)
    assert bookers["alignment"] == "overpays"
    # 110 meetings by 2 = 55 each = 110% of quota; credited from the 60 meetings held:
    # 60 x close 0.4 = 24; paid 500 x 24 = 12000, 6000 each = 150% of 4000.
    assert bookers["credited_deals"] == 24.0
    assert (bookers["quota_attainment_pct"], bookers["team_earnings"], bookers["ote_attainment_pct"]) == (
        110.0,
        12000.0,
        150.0,
    )


def test_the_month_adds_up_the_closers_and_setters(mixed_team):
    document = export("2026-01")

    assert document["summary"] == {
        "total_ote": 39000.0,  # 21000 + 10000 + 8000
        "total_actual": 41250.0,  # 17250 + 12000 + 12000
        "ote_gap": 2250.0,  # 41250 - 39000
        "team_avg_attainment_pct": 117.38,  # (82.142857 + 120 + 150) / 3 = 117.380952
        "team_ote_attainment_pct": 105.77,  # 41250 / 39000 x 100 = 105.769231
        "revenue": 105000.0,  # derived from closers only: (9 + 12) x 5000
        "revenue_per_ote_dollar": 2.6923,  # 105000 / 39000 = 2.692307
        "ote_pct_of_revenue": 37.14,  # 39000 / 105000 x 100 = 37.142857
        "efficiency": "high",  # 37.14 > 20 + 10
        "deal_capacity": 22.0,  # closers: 3 x 4 + 2 x 5
        "capacity_utilization_pct": 95.45,  # 21 / 22 x 100 = 95.4545
    }
    # needed 22 / 0.2 = 110 meetings; supplied 2 x 50 = 100; 100 / 110 = 90.909% >= 90: no setters to add;
    # booked: the Bookers' 110 meetings, 110 / 110 = 100%
    assert document["insights"]["setter_capacity"] == {
        "meetings_needed": 110.0,
        "meetings_supplied": 100.0,
        "coverage_pct": 90.91,
        "meetings_booked": 110.0,
        "booked_coverage_pct": 100.0,
    }
    # show rate measured: 60 held / 110 booked = 54.545% (110 >= 20), within a quarter of 50%;
    # close rate not measured: the credited deals are estimated
    assert document["insights"]["assumptions"] == {
        "show_rate_pct": {"assumed": 50.0, "actual": 54.55},
        "close_rate_pct": {"assumed": 40.0, "actual": None},
        "drift": False,
    }


# --- 2. Plans and economics that change mid-history ------------------------------------------


@pytest.fixture
def changing_history() -> None:
    """Economics change in 2026-04, the closers' plan in 2026-03; same actuals every month."""
    economics("2026-01")
    closers = role("Closers", "closer")
    setters = role("Setters", "setter")
    plan(closers, "2026-01", annual_ote="60000", monthly_quota="5", commission_rate="0.2")
    plan(setters, "2026-01", annual_ote="48000", monthly_quota="40", commission_rate="0.1")
    for month in ("2026-01", "2026-02", "2026-03", "2026-04", "2026-05"):
        actual(closers, month, 2, "10")
        actual(setters, month, 1, "40")
    february = export("2026-02")
    plan(closers, "2026-03", annual_ote="72000", monthly_quota="6", commission_rate="0.2")
    economics("2026-04", deal_value="12000", close_rate="0.5")  # U = 6000; show x close = 0.25
    return february


def closer_and_setter_figures(month: str) -> tuple:
    document = export(month)
    rows = roles_of(document)
    closers, setters = rows["Closers"], rows["Setters"]
    return (
        closers["monthly_ote"],
        closers["commission_per_deal"],
        closers["break_even_units"],
        closers["earnings_at_quota"],
        closers["alignment"],
        setters["commission_per_deal"],
        setters["break_even_units"],
        setters["alignment"],
        document["summary"]["revenue"],
    )


def test_months_before_a_change_keep_their_figures(changing_history):
    assert export("2026-02") == changing_history
    # old plan, old economics: 60000/12 = 5000; 5000 x 0.2 = 1000 a deal; 5 deals; 1000 x 5 = 5000
    # setters: 5000 x 0.1 = 500; (4000 / 500) / 0.2 = 40 meetings; 500 x 40 x 0.2 = 4000: aligned
    # revenue: 10 deals x 5000
    expected = (5000.0, 1000.0, 5.0, 5000.0, "aligned", 500.0, 40.0, "aligned", 50000.0)
    assert closer_and_setter_figures("2026-01") == expected
    assert closer_and_setter_figures("2026-02") == expected


def test_a_new_plan_applies_from_its_month_with_the_economics_then_in_force(changing_history):
    # new plan, old economics: 72000/12 = 6000; 1000 a deal; 6 deals; 1000 x 6 = 6000: aligned
    assert closer_and_setter_figures("2026-03") == (
        6000.0,
        1000.0,
        6.0,
        6000.0,
        "aligned",
        500.0,
        40.0,
        "aligned",
        50000.0,
    )
    closers = roles_of(export("2026-03"))["Closers"]
    assert closers["quota_attainment_pct"] == 83.33  # 5 each / 6 x 100 = 83.333
    assert closers["status"] == "near"  # 80 <= 83.33 < 100


def test_new_economics_apply_from_their_month_to_every_plan(changing_history):
    # U = 12000 x 0.5 = 6000. Closers: 6000 x 0.2 = 1200 a deal; 6000 / 1200 = 5 deals;
    # at quota 1200 x 6 = 7200 = 1.2 x 6000: overpays.
    # Setters: 6000 x 0.1 = 600; deals_for_ote 4000 / 600 = 6.6667; / 0.25 = 26.6667 meetings;
    # at quota 600 x 40 x 0.25 = 6000 = 1.5 x 4000: overpays. Revenue 10 x 6000 = 60000.
    expected = (6000.0, 1200.0, 5.0, 7200.0, "overpays", 600.0, 26.67, "overpays", 60000.0)
    assert closer_and_setter_figures("2026-04") == expected
    assert closer_and_setter_figures("2026-05") == expected
    closers = roles_of(export("2026-04"))["Closers"]
    assert closers["team_earnings"] == 12000.0  # 1200 x 10
    assert codes(closers)[-1] == ("fix_plan", 5.0)
    # capacity with the new plan and show x close: 2 x 6 / 0.25 = 48 needed; 1 x 40 supplied = 83.33%
    assert export("2026-04")["insights"]["setter_capacity"] == {
        "meetings_needed": 48.0,
        "meetings_supplied": 40.0,
        "coverage_pct": 83.33,
        "setters_to_add": 1,  # ceil(8 / 40)
        "meetings_booked": 40.0,  # 1 setter's 40
        "booked_coverage_pct": 83.33,  # 40 / 48
    }


# --- 3. Recorded and estimated earnings and credited deals ----------------------------------


@pytest.fixture
def closers_and_setters() -> tuple[Role, Role]:
    economics()
    closers = role("Closers", "closer")
    setters = role("Setters", "setter")
    plan(closers, "2026-01", annual_ote="60000", monthly_quota="5", commission_rate="0.2")  # 1000 a deal
    plan(setters, "2026-01", annual_ote="48000", monthly_quota="40", commission_rate="0.1")  # 500 a deal
    return closers, setters


def test_recorded_credited_deals_and_earnings_replace_the_estimates(closers_and_setters):
    closers, setters = closers_and_setters
    actual(closers, "2026-01", 2, "10", credited_deals="8")
    actual(setters, "2026-01", 1, "40", earnings="3000")
    document = export("2026-01")
    rows = roles_of(document)

    # closers: 8 credited as recorded; paid 1000 x 8 = 8000, 4000 each, 80% of 5000
    assert (rows["Closers"]["credited_deals"], rows["Closers"]["team_earnings"]) == (8.0, 8000.0)
    assert rows["Closers"]["ote_attainment_pct"] == 80.0
    # setters: credited estimated 40 x 0.5 x 0.4 = 8; earnings recorded 3000 = 75% of 4000
    assert (rows["Setters"]["credited_deals"], rows["Setters"]["team_earnings"]) == (8.0, 3000.0)
    assert rows["Setters"]["ote_attainment_pct"] == 75.0
    assert document["summary"]["total_actual"] == 11000.0  # 8000 + 3000
    assert document["summary"]["revenue"] == 40000.0  # closers' 8 recorded deals x 5000
    # quota counts units (10 / 2 = 5 each, 100%); capacity counts credited deals: 8 / (2 x 5)
    assert rows["Closers"]["quota_attainment_pct"] == 100.0
    assert document["summary"]["capacity_utilization_pct"] == 80.0


def test_recorded_setter_credited_deals_drive_their_estimated_earnings(closers_and_setters):
    closers, setters = closers_and_setters
    actual(closers, "2026-01", 2, "10", earnings="12345.67")
    actual(setters, "2026-01", 1, "40", credited_deals="5")
    document = export("2026-01")
    rows = roles_of(document)

    # closers: credited = units 10; paid as recorded, 12345.67 / 2 = 6172.835 each
    assert rows["Closers"]["credited_deals"] == 10.0
    assert rows["Closers"]["team_earnings"] == 12345.67
    assert rows["Closers"]["earnings_per_person"] == 6172.84
    assert rows["Closers"]["ote_attainment_pct"] == 123.46  # 6172.835 / 5000 x 100 = 123.4567
    # setters: 5 recorded (not 40 x 0.2 = 8); paid 500 x 5 = 2500
    assert (rows["Setters"]["credited_deals"], rows["Setters"]["team_earnings"]) == (5.0, 2500.0)
    assert document["summary"]["total_actual"] == 14845.67  # 12345.67 + 2500
    assert document["summary"]["revenue"] == 50000.0  # 10 x 5000; recorded earnings do not change it


# --- 4. Roles that do not count -------------------------------------------------------------


@pytest.fixture
def roles_that_do_not_count() -> None:
    """Besides one closer and one setter role that count: a role with a plan and no actual,
    a closer and a setter role with no headcount (but units, deals and meetings recorded), and
    a role with an actual before its first plan. None may move any month figure."""
    economics()
    closers = role("Closers", "closer")
    quiet = role("Quiet", "closer")
    empty = role("Empty", "closer")
    newcomers = role("Newcomers", "closer")
    bookers = role("Bookers", "setter")
    ghosts = role("Ghosts", "setter")
    for each in (closers, quiet, empty):
        plan(each, "2026-01", annual_ote="60000", monthly_quota="5", commission_rate="0.2")
    plan(newcomers, "2026-02", annual_ote="60000", monthly_quota="5", commission_rate="0.2")
    for each in (bookers, ghosts):
        plan(each, "2026-01", annual_ote="48000", monthly_quota="40", commission_rate="0.1")
    actual(closers, "2026-01", 2, "6")
    actual(empty, "2026-01", 0, "4", credited_deals="4", earnings="900")
    actual(newcomers, "2026-01", 1, "5")
    actual(bookers, "2026-01", 1, "40", meetings_held="25")
    actual(ghosts, "2026-01", 0, "20", meetings_held="100")


def test_roles_without_data_headcount_or_plan_get_their_status(roles_that_do_not_count):
    rows = roles_of(export("2026-01"))

    assert [(name, row["status"]) for name, row in rows.items()] == [
        ("Closers", "below"),
        ("Quiet", "no_data"),
        ("Empty", "no_headcount"),
        ("Newcomers", "no_plan"),
        ("Bookers", "on_target"),
        ("Ghosts", "no_headcount"),
    ]
    assert set(rows["Quiet"]) == PLAN_KEYS
    # A row with an actual says where it came from, counting or not (DOMAIN.md: a role whose
    # headcount is 0 carries source "role", as every no_headcount row of role totals does).
    assert set(rows["Empty"]) == PLAN_KEYS | ACTUAL_KEYS | {"source"}
    assert set(rows["Ghosts"]) == PLAN_KEYS | ACTUAL_KEYS | {"source"}
    assert set(rows["Newcomers"]) == PLAN_KEYS | ACTUAL_KEYS | {"source"}
    assert rows["Empty"]["source"] == "role"
    assert rows["Newcomers"]["monthly_ote"] is None
    assert rows["Newcomers"]["alignment"] is None
    assert set(rows["Closers"]) == PLAN_KEYS | ACTUAL_KEYS | COUNTING_KEYS


def test_roles_that_do_not_count_count_nowhere(roles_that_do_not_count):
    document = export("2026-01")

    # Counting: Closers 2 x 5000 OTE, 6 deals x 1000 = 6000 paid, 3 each = 60% of quota, 60% of OTE;
    # Bookers 1 x 4000 OTE, 25 held x close 0.4 = 10 credited x 500 = 5000 paid, 125% of OTE.
    assert document["summary"] == {
        "total_ote": 14000.0,  # 10000 + 4000
        "total_actual": 11000.0,  # 6000 + 5000 (not Empty's recorded 900)
        "ote_gap": -3000.0,
        "team_avg_attainment_pct": 92.5,  # (60 + 125) / 2
        "team_ote_attainment_pct": 78.57,  # 11000 / 14000 x 100 = 78.571429
        "revenue": 30000.0,  # Closers' 6 deals x 5000 (not Empty's 4 or Newcomers' 5)
        "revenue_per_ote_dollar": 2.1429,  # 30000 / 14000 = 2.142857
        "ote_pct_of_revenue": 46.67,  # 14000 / 30000 x 100 = 46.666
        "efficiency": "high",
        "deal_capacity": 10.0,  # Closers 2 x 5 (Quiet has no headcount to count)
        "capacity_utilization_pct": 60.0,  # 6 / 10 x 100 (not (6 + 4) / 10)
    }
    # needed 10 / 0.2 = 50; supplied Bookers 1 x 40 = 40 (Ghosts 0 x 40); 80% < 90:
    # ceil((50 - 40) / 40) = 1
    assert document["insights"]["setter_capacity"] == {
        "meetings_needed": 50.0,
        "meetings_supplied": 40.0,
        "coverage_pct": 80.0,
        "setters_to_add": 1,
        "meetings_booked": 40.0,  # Bookers' 40 (not Ghosts' 20)
        "booked_coverage_pct": 80.0,  # 40 / 50
    }
    # show rate over counting setters only: Bookers' 25 held / 40 = 62.5% (not Ghosts' 100 / 20);
    # 12.5 points from 50 is not more than a quarter of 50: no drift
    assert document["insights"]["assumptions"] == {
        "show_rate_pct": {"assumed": 50.0, "actual": 62.5},
        "close_rate_pct": {"assumed": 40.0, "actual": None},
        "drift": False,
    }
    # no close rate measured (credited deals estimated): c = 40%;
    # needed 40 x 5 / 3 = 66.6667; amount 66.6667 - 40 = 26.67
    assert codes(roles_of(document)["Closers"]) == [("more_units", 2.0), ("raise_close_rate", 26.67)]


# --- 5. Recorded revenue of zero ------------------------------------------------------------


def test_recorded_revenue_of_zero_leaves_what_divides_by_it_not_available(closers_and_setters):
    closers, _ = closers_and_setters
    actual(closers, "2026-01", 2, "10")
    revenue("2026-01", "0")
    summary = export("2026-01")["summary"]

    assert summary["revenue"] == 0.0  # recorded, even though 10 deals x 5000 would derive 50000
    assert summary["revenue_per_ote_dollar"] == 0.0  # 0 / 10000: only the revenue divides by zero
    assert summary["ote_pct_of_revenue"] is None  # 10000 / 0
    assert summary["efficiency"] is None


def test_a_month_where_no_role_counts_has_no_ratios(closers_and_setters):
    closers, _ = closers_and_setters
    actual(closers, "2026-01", 0, "0")
    summary = export("2026-01")["summary"]

    # total_ote 0, revenue 0 (no counting closers): everything that divides is n/a
    assert summary["total_ote"] == 0.0
    assert summary["revenue"] == 0.0
    assert summary["team_avg_attainment_pct"] is None
    assert summary["team_ote_attainment_pct"] is None
    assert summary["revenue_per_ote_dollar"] is None
    assert summary["ote_pct_of_revenue"] is None
    assert summary["capacity_utilization_pct"] is None  # deal_capacity 0


# --- 6. Setter capacity ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setters", "quota", "coverage", "to_add"),
    [
        # closers 4 x 5 = 20 deals / 0.2 = 100 meetings needed
        (3, "30", 90.0, None),  # 90 / 100 = 90%: exactly enough, no key
        (1, "89", 89.0, 1),  # ceil(11 / 89) = 1
        # ceil(70 / 30) = ceil(2.33) = 3 setters close the whole gap (reaching just 90% would take 2)
        (1, "30", 30.0, 3),
    ],
)
def test_setter_capacity_says_how_many_setters_would_close_the_gap(setters, quota, coverage, to_add):
    """Reading: "how many setters at current quota would close the gap" is the whole gap,
    (needed - supplied) / (setters' quota per person), rounded up, not the gap to 90%."""
    economics()
    closers = role("Closers", "closer")
    bookers = role("Bookers", "setter")
    plan(closers, "2026-01", annual_ote="60000", monthly_quota="5", commission_rate="0.2")
    plan(bookers, "2026-01", annual_ote="48000", monthly_quota=quota, commission_rate="0.1")
    actual(closers, "2026-01", 4, "20")
    actual(bookers, "2026-01", setters, "40")

    expected = {"meetings_needed": 100.0, "meetings_supplied": setters * float(quota), "coverage_pct": coverage}
    if to_add is not None:
        expected["setters_to_add"] = to_add
    expected |= {"meetings_booked": 40.0, "booked_coverage_pct": 40.0}  # what was booked: 40 of 100
    assert export("2026-01")["insights"]["setter_capacity"] == expected


# --- 7. Exceeding quota and the efficiency bands ---------------------------------------------


@pytest.mark.parametrize(
    ("units", "attainment", "codes_given"),
    [
        ("5.49", 109.8, []),  # 5.49 / 5 = 109.8% < 110: on target, nothing to do
        ("5.5", 110.0, [("raise_targets", None), ("scale_team", None)]),
        ("7", 140.0, [("raise_targets", None), ("scale_team", None)]),
    ],
)
def test_a_role_at_the_exceeding_threshold_is_told_to_raise_targets_and_scale(units, attainment, codes_given):
    economics()
    closers = role("Closers", "closer")
    plan(closers, "2026-01", annual_ote="60000", monthly_quota="5", commission_rate="0.2")  # aligned
    actual(closers, "2026-01", 1, units)
    row = roles_of(export("2026-01"))["Closers"]

    assert (row["quota_attainment_pct"], row["status"]) == (attainment, "on_target")
    assert codes(row) == codes_given


@pytest.mark.parametrize(
    ("units", "status", "codes_given"),
    [
        # quota 6, near 90, exceeding 125, no meetings held recorded: c = economics 40%
        # 5.4 / 6 = 90%: near; short 0.6; needed 40 x 6 / 5.4 = 44.444, amount 4.444
        ("5.4", "near", [("more_units", 0.6), ("raise_close_rate", 4.44)]),
        # 5.3 / 6 = 88.33%: below; short 0.7; needed 240 / 5.3 = 45.283, amount 5.283
        ("5.3", "below", [("more_units", 0.7), ("raise_close_rate", 5.28)]),
        ("7.2", "on_target", []),  # 120%: under exceeding 125, nothing to do
        ("7.5", "on_target", [("raise_targets", None), ("scale_team", None)]),  # 125%
    ],
)
def test_the_months_own_thresholds_set_status_and_recommendations(units, status, codes_given):
    economics(near_target_pct="90", exceeding_pct="125")
    closers = role("Closers", "closer")
    plan(closers, "2026-01", annual_ote="72000", monthly_quota="6", commission_rate="0.2")  # 6000 = 1000 x 6: aligned
    actual(closers, "2026-01", 1, units)
    row = roles_of(export("2026-01"))["Closers"]

    assert (row["status"], codes(row)) == (status, codes_given)


def test_a_setter_below_quota_is_told_the_marketing_that_buys_the_missing_meetings(closers_and_setters):
    _, setters = closers_and_setters
    actual(setters, "2026-01", 3, "96")
    row = roles_of(export("2026-01"))["Setters"]

    # 96 / 3 = 32 each of 40 = 80%: near; short 8 each; 8 x 3 setters x 50 a meeting = 1200
    assert (row["status"], codes(row)) == ("near", [("more_units", 8.0), ("more_marketing", 1200.0)])


@pytest.mark.parametrize(
    ("recorded", "ote_pct", "efficiency"),
    [
        ("28000", 25.0, "efficient"),  # 7000 / 28000 = 25% = target
        ("27999", 25.0, "moderate"),  # 25.0009%: shows as 25.00 but is over the target
        ("20000", 35.0, "moderate"),  # 35% = target + 10
        ("19999", 35.0, "high"),  # 35.00175%: over target + 10
        ("10000", 70.0, "high"),
    ],
)
def test_efficiency_bands_follow_the_months_target(recorded, ote_pct, efficiency):
    """Reading: "round only when showing" means the bands compare the unrounded percentage."""
    economics(target_ote_pct_of_revenue="25")
    closers = role("Closers", "closer")
    plan(closers, "2026-01", annual_ote="84000", monthly_quota="5", commission_rate="0.2")  # 7000 a month
    actual(closers, "2026-01", 1, "5")
    revenue("2026-01", recorded)
    summary = export("2026-01")["summary"]

    assert (summary["ote_pct_of_revenue"], summary["efficiency"]) == (ote_pct, efficiency)


# --- 8. Rounding ----------------------------------------------------------------------------


def test_money_and_percentages_round_half_up_at_two_decimals(closers_and_setters):
    """Reading: "half-up" is Decimal's ROUND_HALF_UP, halves away from zero, so a shortfall of
    -x.005 shows as -x.01, mirroring a surplus of x.005."""
    hunters = role("Hunters", "closer")
    plan(hunters, "2026-01", annual_ote="60000.06", monthly_quota="5", commission_rate="0.2")
    actual(hunters, "2026-01", 2, "10", earnings="10000.00")
    row = roles_of(export("2026-01"))["Hunters"]

    assert row["monthly_ote"] == 5000.01  # 60000.06 / 12 = 5000.005 (half-even would give 5000.00)
    assert row["earnings_per_person"] == 5000.0  # 10000 / 2
    assert row["team_ote"] == 10000.01  # 2 x 5000.005
    assert row["gap_per_person"] == -0.01  # 5000 - 5000.005 = -0.005
    assert row["team_gap"] == -0.01  # 10000 - 10000.01
    assert row["ote_attainment_pct"] == 100.0  # 99.9999%


def test_the_revenue_per_ote_dollar_rounds_half_up_at_four_decimals(closers_and_setters):
    closers, _ = closers_and_setters
    actual(closers, "2026-01", 2, "10")  # total_ote 2 x 5000 = 10000
    revenue("2026-01", "12344.50")
    summary = export("2026-01")["summary"]

    assert summary["revenue_per_ote_dollar"] == 1.2345  # 12344.5 / 10000 = 1.23445 (half-even: 1.2344)
    assert summary["ote_pct_of_revenue"] == 81.01  # 10000 / 12344.5 x 100 = 81.00854
