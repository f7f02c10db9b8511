"""The demo workspace: DOMAIN.md's insurance agency with two years of history that tells a story.

The 24 months end last month. The agency starts as the worked example (the closers' plan,
the setters' unreachable OTE, the manager's override), its closers and setters tracked person
by person, the manager as role totals. Then:
- month 8 is Dan Whitfield's last; Hana Sato is hired in month 9 and ramps up;
- month 12: a new setter plan fixes the unreachable OTE (a base salary and a lower OTE that
  40 meetings a month actually pay), and the setters' OTE attainment jumps;
- month 14: Jules Moreau, a setter, is promoted to closer (no ramp); Leo Martins is hired
  to take his seat among the setters;
- month 16: prices rise ($16,200 to $16,800 a deal) and meetings cost more ($100 to $120);
- month 18: Ivan Petrov joins the closers, with a ramp;
- the last two months are kept by deals, as the CRM keeps them (DEAL_MONTHS): each closer's
  deals, most booked by a setter, one split half and half; Maya Brooks manages the team from
  then on (her override on every deal); Nora Quinn joins the closers on the 16th of last month
  (prorated); a deal of the month before last is cancelled last month and clawed back (the
  closers' and setters' plans take back three months); the setters still record meetings;
- last month: Leo Martins' meetings are not in yet, so he is listed as missing.
The closers' plan pays an accelerator above quota (1.5x, capped at 200%) and ramps new
hires (half quota, then three quarters). Each person has their own skill; everyone gets
steadily better under an insurance seasonality (strong January and autumn, slow summer and
December). The last six months carry recorded revenue (with renewal trail income).

The deals (`demo_deals`), the plans' clawback windows (`DEAL_CLAWBACK_MONTHS`) and the hire's
day (`HIRED_ON_DAY`) are in the workspace itself (version 4), so the demo is one file like any
other and goes through the same checks.

Everything is computed from the month's position and calendar month: no randomness, so the
same day always gives the same workspace. The result goes through `import_workspace`.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from otesite.lib.months import add_months, first_of_month, format_month
from performance.exchange.workspace import FORMAT, VERSION

MONTHS = 24
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
# The closers' pay curve: 1.5x on every point above quota, nothing beyond 200%; new hires ramp.
CLOSER_CURVE = {
    "tiers": [{"from_pct": "0", "multiplier": "1"}, {"from_pct": "100", "multiplier": "1.5"}],
    "cap_pct": "200",
    "ramp": ["0.5", "0.75"],
}
# 40 meetings pay $1,500 base + 2.5 deals x $567 = $2,917.50 of a $3,000 month: aligned.
NEW_SETTER_PLAN = {
    "annual_ote": "36000",
    "annual_base": "18000",
    "monthly_quota": "40",
    "commission_rate": "0.05",
    "ramp": ["0.5"],
}
TRAIL_INCOME = Decimal("6000")  # renewal commissions the agency receives each month

# (name, role, first month, last month or None, ramp, skill): months are positions in the
# demo's 24 (negative: hired before it starts). Skill scales what the person sells or books.
PEOPLE = [
    ("Ana Ruiz", "Closers", -30, None, True, "1.25"),
    ("Ben Okafor", "Closers", -26, None, True, "1.10"),
    ("Carla Diaz", "Closers", -20, None, True, "1.00"),
    ("Dan Whitfield", "Closers", -18, 8, True, "0.80"),
    ("Elif Kaya", "Closers", -15, None, True, "0.95"),
    ("Femi Adeyemi", "Closers", -12, None, True, "1.05"),
    ("Grace Liu", "Closers", -6, None, True, "0.90"),
    ("Hana Sato", "Closers", 9, None, True, "1.00"),
    ("Ivan Petrov", "Closers", 18, None, True, "1.10"),
    ("Jules Moreau", "Setters", -10, 13, True, "1.05"),
    ("Jules Moreau", "Closers", 14, None, False, "0.90"),
    ("Kim Nguyen", "Setters", -8, None, True, "0.95"),
    ("Leo Martins", "Setters", 14, None, True, "1.00"),
    ("Maya Brooks", "Manager", 22, None, False, "1.00"),
    ("Nora Quinn", "Closers", 23, None, True, "1.00"),
]
MISSING_LAST_MONTH = "Leo Martins"
DEAL_MONTHS = 2  # the last two months are kept by deals
DEALS_FROM = MONTHS - DEAL_MONTHS
DEAL_CLAWBACK_MONTHS = {"Closers": 3, "Setters": 3}  # the plans take back a deal cancelled within 3 months
HIRED_ON_DAY = ("Nora Quinn", 16)  # joins on the 16th of her first month: prorated
SPLIT = ("Ana Ruiz", "Ben Okafor")  # their first deal of each month kept by deals is shared, half and half
CLAWED_BACK = "Ben Okafor"  # his last deal of the month before last is cancelled last month
# Ana Ruiz logs in as a rep and sees her own numbers (/me/); the import creates the login and
# load_demo gives it its password. Everyone has an e-mail, by which single sign-on finds them
# (the test provider, tests/oidc/provider.py, knows ana.ruiz@ and grace.liu@example.com).
REP_LOGINS = {"Ana Ruiz": "ana"}


def demo_email(name: str) -> str:
    return f"{name.lower().replace(' ', '.')}@example.com"


# The months a demo manager and admin have signed off: all but the last three approved, the
# third from last reviewed, the last two still open for numbers.
OPEN_MONTHS = 2
# How a new hire performs in their first months (tenure 1, 2), whatever the plan's ramp says.
SETTLING_IN = {1: Decimal("0.5"), 2: Decimal("0.8")}
# Good and bad months: each person's output moves by up to a quarter either way, in a pattern
# of their own, so every month has someone ahead and someone who needs help.
SWING = Decimal("0.08")


def swing(position: int, index: int) -> Decimal:
    """A person's (by position in PEOPLE) good or bad month `index`: 0.76 to 1.24, no randomness."""
    return 1 + SWING * ((index * 3 + position * 5) % 7 - 3)


def whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def demo_months(today: date) -> list[date]:
    """The 24 months ending last month."""
    last = add_months(first_of_month(today), -1)
    return [add_months(last, index - MONTHS + 1) for index in range(MONTHS)]


def _closer_deals(index: int, month: date, skill: Decimal) -> Decimal:
    per_closer = Decimal("4.0") + Decimal("0.035") * index
    return whole(per_closer * Decimal(SEASONALITY[month.month]) * skill)


def _setter_meetings(index: int, month: date, skill: Decimal) -> Decimal:
    # Booking follows the season half as strongly as closing; the new plan lifts it.
    per_setter = (
        Decimal("33") + Decimal("0.3") * index
        if index < SETTER_PLAN_AT
        else Decimal("40.5") + Decimal("0.4") * (index - SETTER_PLAN_AT)
    )
    season = 1 + (Decimal(SEASONALITY[month.month]) - 1) / 2
    return whole(per_setter * season * skill)


def _people(months: list[date]) -> tuple[list[dict], list[dict]]:
    people, assignments = [], []
    for name, role, first, last, ramp, _ in PEOPLE:
        if not any(person["name"] == name for person in people):
            # Reserved example.com addresses: approving a month in `make run` prints their
            # statements to the console, where the e-mails go without DJANGO_EMAIL_HOST.
            people.append({"name": name, "email": demo_email(name), "username": REP_LOGINS.get(name)})
        end = None if last is None else format_month(months[last])
        start = format_month(add_months(months[0], first))
        if name == HIRED_ON_DAY[0]:
            start = f"{start}-{HIRED_ON_DAY[1]:02d}"  # a hire on a day (workspace version 4)
        assignments.append({"person": name, "role": role, "start": start, "end": end, "ramp": ramp})
    return people, assignments


def _output(index: int, month: date) -> list[tuple[str, str, Decimal]]:
    """(name, role, units) of each person assigned in the month with numbers: closers' deals,
    setters' meetings (a manager's come from the team)."""
    found = []
    for position, (name, role, first, last, ramp, skill) in enumerate(PEOPLE):
        if not first <= index <= (MONTHS - 1 if last is None else last) or role == "Manager":
            continue
        if index == MONTHS - 1 and name == MISSING_LAST_MONTH:
            continue
        settling = SETTLING_IN.get(index - first + 1, Decimal(1)) if ramp else Decimal(1)
        settling *= swing(position, index)
        if role == "Closers":
            found.append((name, role, _closer_deals(index, month, Decimal(skill) * settling)))
        else:
            found.append((name, role, _setter_meetings(index, month, Decimal(skill) * settling)))
    return found


def _person_actuals(index: int, month: date) -> tuple[list[dict], Decimal]:
    """Each assigned person's numbers for the month, and the closers' deals together. In a month
    kept by deals only the setters record theirs (meetings; the deals credit them)."""
    rows, deals = [], Decimal(0)
    by_deals = index >= DEALS_FROM
    for name, role, units in _output(index, month):
        row = {"month": format_month(month), "person": name}
        if role == "Closers":
            deals += units
            if by_deals:
                continue
        elif index >= SETTER_PLAN_AT and not by_deals:
            # The new plan pays on deals credited by the CRM, so they are recorded from then on.
            row["credited_deals"] = str(whole(units * Decimal("0.07")))
        rows.append({**row, "units": str(units)})
    return rows, deals


def demo_deals(today: date) -> list[dict]:
    """The deals of the months kept by deals, in the workspace's version 4 shape: each closer's
    deals of the month spread over its days, three in four booked by a setter, one shared, one
    clawed back the month after, one cancelled within its own month (it never counts)."""
    months = demo_months(today)
    found = []
    for index in range(DEALS_FROM, MONTHS):
        month = months[index]
        label = format_month(month)
        setters = [name for name, role, _ in _output(index, month) if role == "Setters"]
        value = Decimal((LATER_ECONOMICS if index >= ECONOMICS_CHANGE_AT else FIRST_ECONOMICS)["deal_value"])
        count = 0
        for position, (name, role, units) in enumerate(_output(index, month)):
            if role != "Closers":
                continue
            first_day = HIRED_ON_DAY[1] if name == HIRED_ON_DAY[0] and index == MONTHS - 1 else 1
            for number in range(int(units)):
                count += 1
                day = first_day + (number * 5 + position * 2) % (28 - first_day + 1)
                deal = {
                    "id": f"CRM-{label.replace('-', '')}-{count:03d}",
                    "closed_on": f"{label}-{day:02d}",
                    "value": str(whole(value * (Decimal("0.85") + Decimal("0.05") * ((number + position) % 6)))),
                    "upfront": None if count % 5 else str(whole(value * Decimal("0.6"))),
                    "closers": [{"person": name, "share": "1"}],
                    "setter": setters[count % len(setters)] if count % 4 and setters else None,
                    "cancelled_on": None,
                }
                if name == SPLIT[0] and number == 0:
                    deal["closers"] = [{"person": SPLIT[0], "share": "0.5"}, {"person": SPLIT[1], "share": "0.5"}]
                if name == CLAWED_BACK and index == MONTHS - 2 and number == int(units) - 1:
                    deal["cancelled_on"] = f"{format_month(months[-1])}-09"
                if name == "Elif Kaya" and index == MONTHS - 1 and number == 0:
                    deal["cancelled_on"] = f"{label}-{day + 1:02d}"  # the customer changed their mind
                found.append(deal)
    return found


def build_demo_workspace(today: date) -> dict:
    months = demo_months(today)
    economics = [
        {"effective_from": format_month(months[0]), **FIRST_ECONOMICS},
        {"effective_from": format_month(months[ECONOMICS_CHANGE_AT]), **LATER_ECONOMICS},
    ]
    plans = [
        {
            "role": name,
            "effective_from": format_month(months[0]),
            **plan,
            **(CLOSER_CURVE if name == "Closers" else {}),
            "clawback_months": DEAL_CLAWBACK_MONTHS.get(name, 0),
        }
        for name, plan in FIRST_PLANS.items()
    ]
    plans.append(
        {
            "role": "Setters",
            "effective_from": format_month(months[SETTER_PLAN_AT]),
            **NEW_SETTER_PLAN,
            "clawback_months": DEAL_CLAWBACK_MONTHS["Setters"],
        }
    )
    people, assignments = _people(months)

    actuals, person_actuals, revenue = [], [], []
    for index, month in enumerate(months):
        label = format_month(month)
        rows, deals = _person_actuals(index, month)
        person_actuals += rows
        if index >= RECENT_FROM:
            deal_economics = LATER_ECONOMICS if index >= ECONOMICS_CHANGE_AT else FIRST_ECONOMICS
            upfront = Decimal(deal_economics["deal_value"]) * Decimal(deal_economics["upfront_rate"])
            revenue.append({"month": label, "revenue": str(whole(deals * upfront + TRAIL_INCOME))})
        if index < DEALS_FROM:  # a month kept by deals takes no role totals: Maya Brooks is counted by deals
            actuals.append({"month": label, "role": "Manager", "headcount": 1, "units": str(deals)})

    return {
        "format": FORMAT,
        "version": VERSION,
        "economics": economics,
        "roles": ROLES,
        "plans": plans,
        "people": people,
        "assignments": assignments,
        "actuals": actuals,
        "person_actuals": person_actuals,
        "revenue": revenue,
        "deals": demo_deals(today),
        "closes": _closes(months),
    }


def _closes(months: list[date]) -> list[dict]:
    signed_off = months[:-OPEN_MONTHS]
    return [
        {"month": format_month(month), "state": "approved" if month != signed_off[-1] else "reviewed"}
        for month in signed_off
    ]
