"""Random people-mode workspaces without deals (the version 3 kind): person actuals with and
without recorded credited deals, meetings held and earnings; role totals for some roles in some
months; missing people; ramps, tiers and caps; a promotion on a month boundary; and, in some
workspaces, a hire or a departure on a day."""

import random

from .generate_common import NAMES, Member, amount, economics, members, month_text, pick_months, plans, promote, states

ROLES = [
    ("Account Executives", "closer"),
    ("SDRs", "setter"),
    ("Head of Sales", "manager"),
    ("Partners", "closer"),
]


def people_workspace(seed: int) -> dict:
    rnd = random.Random(seed)
    months = pick_months(rnd, rnd.randint(2, 5))
    names = list(NAMES)
    rnd.shuffle(names)
    executives = members(rnd, "Account Executives", rnd.randint(2, 4), months, names)
    sdrs = members(rnd, "SDRs", rnd.randint(1, 3), months, names)
    heads = [Member(names.pop(0), "Head of Sales", months[0] - 5, None)]
    everyone = executives + sdrs + heads
    if len(months) > 1 and rnd.random() < 0.5:
        promote(rnd, sdrs, executives, months, everyone)
    if rnd.random() < 0.4:  # version 3: months only, no days
        for member in everyone:
            member.start_day = member.end_day = None
    totals_months = {m for m in months if rnd.random() < 0.4}
    person_actuals, actuals = [], []
    for month in months:
        for role, group in (("Account Executives", executives), ("SDRs", sdrs), ("Head of Sales", heads)):
            held = [m for m in group if m.holds(month)]
            if role != "Head of Sales" and month in totals_months and rnd.random() < 0.5 and held:
                actuals.append(_role_actual(rnd, role, month, len(held)))
                continue
            for member in held:
                if rnd.random() < 0.8:
                    person_actuals.append(_person_actual(rnd, role, member.person, month))
        if rnd.random() < 0.6:
            actuals.append(_role_actual(rnd, "Partners", month, rnd.randint(1, 3) if rnd.random() < 0.9 else 0))
    return {
        "format": "otesite.workspace",
        "version": 3,
        "economics": economics(rnd, months),
        "roles": [{"name": name, "kind": kind} for name, kind in ROLES],
        "plans": plans(rnd, ROLES, months, clawbacks=False),
        "people": [{"name": name, "email": None, "username": None} for name in sorted({m.person for m in everyone})],
        "assignments": [member.assignment() for member in everyone],
        "actuals": actuals,
        "person_actuals": person_actuals,
        "revenue": [
            {"month": month_text(m), "revenue": amount(rnd, 20000, 200000, "0.01")}
            for m in months
            if rnd.random() < 0.2
        ],
        "closes": states(rnd, months),
    }


def _person_actual(rnd: random.Random, role: str, person: str, month: int) -> dict:
    row = {"month": month_text(month), "person": person}
    if role == "SDRs":
        units = rnd.randint(0, 70)
        row["units"] = str(units)
        if rnd.random() < 0.6:
            row["meetings_held"] = str(rnd.randint(0, units))
        if rnd.random() < 0.3:
            cap = int(row.get("meetings_held", units))
            row["credited_deals"] = amount(rnd, 0, cap, "0.5") if cap else "0"
    else:
        row["units"] = amount(rnd, 0, 8 if role == "Account Executives" else 25, "0.25")
        if rnd.random() < 0.15:
            row["credited_deals"] = amount(rnd, 0, 8, "0.5")
    if rnd.random() < 0.15:
        row["earnings"] = amount(rnd, 1500, 15000, "0.01")
    return row


def _role_actual(rnd: random.Random, role: str, month: int, headcount: int) -> dict:
    row = {"month": month_text(month), "role": role, "headcount": headcount}
    if role == "SDRs":
        units = rnd.randint(0, 40 * headcount)
        row["units"] = str(units)
        if rnd.random() < 0.5:
            row["meetings_held"] = str(rnd.randint(0, units))
        if rnd.random() < 0.4:
            row["credited_deals"] = str(rnd.randint(0, int(row.get("meetings_held", units)) // 3))
    else:
        row["units"] = amount(rnd, 0, 6 * headcount, "0.5")
        if rnd.random() < 0.2:
            row["credited_deals"] = amount(rnd, 0, 6 * headcount, "0.5")
    if rnd.random() < 0.2:
        row["earnings"] = amount(rnd, 3000, 30000, "0.01")
    return row
