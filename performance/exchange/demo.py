"""The demo workspace: DOMAIN.md's insurance agency with two years of history that tells a story.

The 24 months end last month. The agency starts as the worked example (8 closers' plan,
the setters' unreachable OTE, the manager's override), with 7 closers. Then:
- month 10: the 8th closer is hired;
- month 12: a new setter plan fixes the unreachable OTE (a base salary and a lower OTE that
  40 meetings a month actually pay), and the setters' OTE attainment jumps;
- month 16: prices rise ($16,200 to $16,800 a deal) and meetings cost more ($100 to $120).
Closers get steadily better (4.0 to 4.8 deals a month each) under an insurance seasonality
(strong January and autumn, slow summer and December). The last six months carry payroll
earnings, recorded revenue (with renewal trail income) and the meetings held.

Everything is computed from the month's position and calendar month: no randomness, so the
same day always gives the same workspace. The result goes through `import_workspace`.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from otesite.months import add_months, first_of_month, format_month

from .workspace import FORMAT, VERSION

MONTHS = 24
HIRE_AT = 10
SETTER_PLAN_AT = 12
ECONOMICS_CHANGE_AT = 16
RECENT_FROM = MONTHS - 6

# Sales by calendar month, relative to an average month.
SEASONALITY = {
    1: "1.10",
    2: "0.96",
    3: "1.02",
    4: "1.00",
    5: "0.97",
    6: "0.92",
    7: "0.86",
    8: "0.90",
    9: "0.98",
    10: "1.05",
    11: "1.08",
    12: "0.84",
}
FIRST_ECONOMICS = {
    "deal_value": "16200",
    "upfront_rate": "0.70",
    "show_rate": "0.25",
    "close_rate": "0.25",
    "cost_per_meeting": "100",
    "target_ote_pct_of_revenue": "20",
    "near_target_pct": "80",
    "exceeding_pct": "110",
}
LATER_ECONOMICS = {**FIRST_ECONOMICS, "deal_value": "16800", "cost_per_meeting": "120"}
ROLES = [
    {"name": "Closers", "kind": "closer"},
    {"name": "Setters", "kind": "setter"},
    {"name": "Manager", "kind": "manager"},
]
FIRST_PLANS = {
    "Closers": {"annual_ote": "68040", "annual_base": "0", "monthly_quota": "5", "commission_rate": "0.10"},
    "Setters": {"annual_ote": "68040", "annual_base": "0", "monthly_quota": "40", "commission_rate": "0.05"},
    "Manager": {"annual_ote": "81600", "annual_base": "0", "monthly_quota": "40", "commission_rate": "0.03"},
}
# 40 meetings pay $1,500 base + 2.5 deals x $567 = $2,917.50 of a $3,000 month: aligned.
NEW_SETTER_PLAN = {"annual_ote": "36000", "annual_base": "18000", "monthly_quota": "40", "commission_rate": "0.05"}
TRAIL_INCOME = Decimal("6000")  # renewal commissions the agency receives each month
QUOTA_SPIFF = Decimal("300")  # paid per closer in months the closers reach quota


def whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def demo_months(today: date) -> list[date]:
    """The 24 months ending last month."""
    last = add_months(first_of_month(today), -1)
    return [add_months(last, index - MONTHS + 1) for index in range(MONTHS)]


def _closer_deals(index: int, month: date, closers: int) -> Decimal:
    per_closer = Decimal("4.0") + Decimal("0.035") * index
    return whole(closers * per_closer * Decimal(SEASONALITY[month.month]))


def _setter_meetings(index: int, month: date) -> Decimal:
    # Booking follows the season half as strongly as closing; the new plan lifts it.
    per_setter = (
        Decimal("33") + Decimal("0.3") * index
        if index < SETTER_PLAN_AT
        else Decimal("40.5") + Decimal("0.4") * (index - SETTER_PLAN_AT)
    )
    season = 1 + (Decimal(SEASONALITY[month.month]) - 1) / 2
    return whole(2 * per_setter * season)


def build_demo_workspace(today: date) -> dict:
    months = demo_months(today)
    economics = [
        {"effective_from": format_month(months[0]), **FIRST_ECONOMICS},
        {"effective_from": format_month(months[ECONOMICS_CHANGE_AT]), **LATER_ECONOMICS},
    ]
    plans = [{"role": name, "effective_from": format_month(months[0]), **plan} for name, plan in FIRST_PLANS.items()]
    plans.append({"role": "Setters", "effective_from": format_month(months[SETTER_PLAN_AT]), **NEW_SETTER_PLAN})

    actuals, revenue = [], []
    for index, month in enumerate(months):
        label = format_month(month)
        closers = 7 if index < HIRE_AT else 8
        deals = _closer_deals(index, month, closers)
        meetings = _setter_meetings(index, month)
        closer_row = {"month": label, "role": "Closers", "headcount": closers, "units": str(deals)}
        setter_row = {"month": label, "role": "Setters", "headcount": 2, "units": str(meetings)}
        if index >= SETTER_PLAN_AT:
            # The new plan pays on deals credited by the CRM, so they are recorded from then on.
            setter_row["credited_deals"] = str(whole(meetings * Decimal("0.07")))
        if index >= RECENT_FROM:
            deal_economics = LATER_ECONOMICS if index >= ECONOMICS_CHANGE_AT else FIRST_ECONOMICS
            upfront = Decimal(deal_economics["deal_value"]) * Decimal(deal_economics["upfront_rate"])
            # Payroll: commission on every deal, plus a spiff per closer when the team reaches quota.
            payroll = deals * upfront * Decimal(FIRST_PLANS["Closers"]["commission_rate"])
            if deals >= closers * Decimal(FIRST_PLANS["Closers"]["monthly_quota"]):
                payroll += closers * QUOTA_SPIFF
            closer_row["earnings"] = str(whole(payroll))
            revenue.append({"month": label, "revenue": str(whole(deals * upfront + TRAIL_INCOME))})
        manager_row = {"month": label, "role": "Manager", "headcount": 1, "units": str(deals)}
        actuals += [closer_row, setter_row, manager_row]

    return {
        "format": FORMAT,
        "version": VERSION,
        "economics": economics,
        "roles": ROLES,
        "plans": plans,
        "actuals": actuals,
        "revenue": revenue,
    }
