"""Random workspaces kept by deals, of the deals_team kind: several months; closers, setters
and a manager; splits between two or three closers; setters on some deals and none on others;
setters with and without person actuals; cancellations in the close month, inside the
clawback window and after it; a departure and a hire on a day; tiers, caps and ramps; recorded
upfront on some deals. Every record keeps DOMAIN.md's rules, so the import would take it."""

import random

from .generate_common import (
    NAMES,
    Member,
    amount,
    day_text,
    days_in,
    economics,
    members,
    month_text,
    pick_months,
    plans,
    promote,
    states,
)

ROLES = [("Closers", "closer"), ("Setters", "setter"), ("Sales Manager", "manager")]
SPLITS = [["1"], ["1"], ["1"], ["0.5", "0.5"], ["0.25", "0.75"], ["0.4", "0.6"], ["0.2", "0.3", "0.5"]]
SPLITS += [["0.3", "0.3", "0.4"], ["0.1", "0.9"]]
VALUES = ["8000", "10000", "12000", "15000", "9500", "11250.5", "10333.33", "7777"]


def deals_workspace(seed: int) -> dict:
    rnd = random.Random(seed)
    every_deal_month_has_a_setter = rnd.random() < 0.8
    months = pick_months(rnd, rnd.randint(3, 6), room_after=2)
    names = list(NAMES)
    rnd.shuffle(names)
    closers = members(rnd, "Closers", rnd.randint(2, 3), months, names)
    setters = members(rnd, "Setters", rnd.randint(2, 3), months, names)
    manager = [
        Member(names.pop(0), "Sales Manager", months[0] - rnd.choice([0, 3, 12]), None, ramp=rnd.random() < 0.5)
        for _ in range(1 if rnd.random() < 0.8 else 2)
    ]
    if rnd.random() < 0.3:
        promote(rnd, setters, closers, months, [])
    all_cancelled = rnd.choice(months) if rnd.random() < 0.1 else None  # every deal cancelled in its month
    quiet = rnd.choice(months[1:]) if rnd.random() < 0.3 else None  # a month without deals
    deals, person_actuals, actuals = [], [], []
    ids = rnd.sample(range(100, 1000), 60)
    for month in months:
        held_setters = [m for m in setters if m.holds(month)]
        present = [m for m in held_setters if rnd.random() < 0.75]
        if every_deal_month_has_a_setter and not present and held_setters:
            present = [rnd.choice(held_setters)]
        for setter in present:
            person_actuals.append(_setter_actual(rnd, setter.person, month))
        if month == quiet:
            actuals += _quiet_month(rnd, month, closers, manager, person_actuals)
            continue
        for _ in range(rnd.randint(1, 6)):
            deal = _deal(rnd, f"D-{ids.pop()}", month, closers, held_setters)
            if deal is not None and month == all_cancelled:
                deal["cancelled_on"] = day_text(month, days_in(month))
            if deal is not None:
                deals.append(deal)
    revenue = [
        {"month": month_text(m), "revenue": amount(rnd, 5000, 90000, "0.01")} for m in months if rnd.random() < 0.15
    ]
    people = closers + setters + manager
    return {
        "format": "otesite.workspace",
        "version": 4,
        "economics": economics(rnd, months),
        "roles": [{"name": name, "kind": kind} for name, kind in ROLES],
        "plans": plans(rnd, ROLES, months, clawbacks=True),
        "people": [{"name": name, "email": None, "username": None} for name in sorted({m.person for m in people})],
        "assignments": [member.assignment() for member in people],
        "actuals": actuals,
        "person_actuals": person_actuals,
        "revenue": revenue,
        "deals": deals,
        "closes": states(rnd, months),
    }


def _setter_actual(rnd: random.Random, person: str, month: int) -> dict:
    units = 0 if rnd.random() < 0.1 else rnd.randint(0, 60)
    row = {"month": month_text(month), "person": person, "units": str(units)}
    if rnd.random() < 0.6:
        row["meetings_held"] = str(rnd.randint(0, units))
    return row


def _deal(rnd: random.Random, id: str, month: int, closers: list[Member], setters: list[Member]) -> dict | None:
    day = rnd.randint(1, days_in(month))
    active = [m for m in closers if m.active_on(month, day)]
    if not active:
        return None
    split = rnd.choice([s for s in SPLITS if len(s) <= len(active)])
    chosen = rnd.sample(active, len(split))
    value = rnd.choice(VALUES)
    deal = {
        "id": id,
        "closed_on": day_text(month, day),
        "value": value,
        "closers": [{"person": m.person, "share": share} for m, share in zip(chosen, split, strict=True)],
    }
    if rnd.random() < 0.25:
        deal["upfront"] = rnd.choice(["5000", "4321.5", "6000", value, "0"])
        if float(deal["upfront"]) > float(value):
            deal["upfront"] = value
    if setters and rnd.random() < 0.65:
        deal["setter"] = rnd.choice(setters).person
    cancel = rnd.random()
    if cancel < 0.12:
        deal["cancelled_on"] = day_text(month, rnd.randint(day, days_in(month)))
    elif cancel < 0.45:
        later = month + rnd.randint(1, 4)
        if later <= 2025 * 12 + 11:
            deal["cancelled_on"] = day_text(later, rnd.randint(1, days_in(later)))
    return deal


def _quiet_month(rnd: random.Random, month: int, closers, manager, person_actuals: list[dict]) -> list[dict]:
    """A month without deals: the closers by person actuals or as role totals, the manager by
    a person actual or not at all."""
    held = [m for m in closers if m.holds(month)]
    actuals = []
    if rnd.random() < 0.5:
        for member in held:
            if rnd.random() < 0.8:
                row = {"month": month_text(month), "person": member.person, "units": amount(rnd, 0, 7, "0.5")}
                if rnd.random() < 0.3:
                    row["earnings"] = amount(rnd, 2000, 12000, "0.01")
                person_actuals.append(row)
    else:
        units = amount(rnd, 0, 20, "0.5") if held else "0"
        actuals.append({"month": month_text(month), "role": "Closers", "headcount": len(held), "units": units})
    if rnd.random() < 0.7:
        for member in manager:
            person_actuals.append({"month": month_text(month), "person": member.person, "units": amount(rnd, 0, 15)})
    return actuals
