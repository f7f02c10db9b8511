"""DOMAIN.md's rules for the data a workspace may hold, checked on generated workspaces so that
the random cases are ones the imports would take (no case the product refuses is compared)."""

from decimal import Decimal

from .workspace import Workspace, boundary_day, month_index


def problems(document: dict, years: bool = True) -> list[str]:
    """Every rule a workspace breaks; ``years``: also that its data lies in 2024–2025 (the
    generators' years, so that nothing is in the future)."""
    ws = Workspace(document)
    found: list[str] = []
    kinds = ws.kinds
    deal_months = {deal.close_month for deal in ws.deals}
    found += _assignment_problems(document)
    for deal in document.get("deals") or ():
        found += _deal_problems(deal, ws, kinds)
    for row in document.get("person_actuals") or ():
        role = _role_of(document, row["person"], row["month"])
        where = f"person actual {row['person']} {row['month']}"
        if role is None:
            found.append(f"{where}: no assignment that month")
            continue
        if row.get("meetings_held") is not None and Decimal(row["meetings_held"]) > Decimal(row["units"]):
            found.append(f"{where}: meetings_held above units")
        if row["month"] in deal_months and kinds[role] != "setter":
            found.append(f"{where}: a {kinds[role]}'s numbers come from deals")
        if row["month"] in deal_months and (row.get("credited_deals") is not None or row.get("earnings") is not None):
            found.append(f"{where}: credited deals or earnings in a month kept by deals")
        held, credited = row.get("meetings_held"), row.get("credited_deals")
        if kinds[role] == "setter" and held is not None and credited is not None and Decimal(credited) > Decimal(held):
            found.append(f"{where}: credited_deals above meetings_held")
    people_months = {
        (_role_of(document, r["person"], r["month"]), r["month"]) for r in document.get("person_actuals") or ()
    }
    for row in document.get("actuals") or ():
        where = f"actual {row['role']} {row['month']}"
        if row["month"] in deal_months:
            found.append(f"{where}: role totals in a month kept by deals")
        if (row["role"], row["month"]) in people_months:
            found.append(f"{where}: both role totals and person actuals")
        if row.get("meetings_held") is not None and Decimal(row["meetings_held"]) > Decimal(row["units"]):
            found.append(f"{where}: meetings_held above units")
    if not years:
        return [line for line in found if "2024–2025" not in line]
    for key in ("actuals", "person_actuals", "revenue"):
        found += [
            f"{key} {row['month']}: outside 2024–2025" for row in document.get(key) or () if not _in_years(row["month"])
        ]
    return found


def _in_years(text: str) -> bool:
    return "2024-01" <= text[:7] <= "2025-12"


def _role_of(document: dict, person: str, month: str) -> str | None:
    for a in document.get("assignments") or ():
        if a["person"] == person and a["start"][:7] <= month and (a.get("end") is None or month <= a["end"][:7]):
            return a["role"]
    return None


def _assignment_problems(document: dict) -> list[str]:
    found = []
    by_person: dict[str, list[dict]] = {}
    for a in document.get("assignments") or ():
        by_person.setdefault(a["person"], []).append(a)
        if a.get("end") is not None and boundary_day(a["end"], last=True) < boundary_day(a["start"], last=False):
            found.append(f"assignment {a['person']} {a['start']}: ends before it starts")
    for person, rows in by_person.items():
        rows.sort(key=lambda a: a["start"])
        for before, after in zip(rows, rows[1:], strict=False):
            if before.get("end") is None or month_index(before["end"][:7]) >= month_index(after["start"][:7]):
                found.append(f"assignments of {person}: two in one month")
    return found


def _deal_problems(deal: dict, ws: Workspace, kinds: dict) -> list[str]:
    found, where, month = [], f"deal {deal['id']}", deal["closed_on"][:7]
    if sum(Decimal(c["share"]) for c in deal["closers"]) != 1:
        found.append(f"{where}: shares do not sum to 1")
    if any(Decimal(c["share"]) <= 0 for c in deal["closers"]) or Decimal(deal["value"]) <= 0:
        found.append(f"{where}: a share or the value is not above 0")
    if deal.get("upfront") is not None and not 0 <= Decimal(deal["upfront"]) <= Decimal(deal["value"]):
        found.append(f"{where}: upfront outside 0..value")
    for closer in deal["closers"]:
        role = _role_of(ws.document, closer["person"], month)
        if role is None or kinds[role] != "closer":
            found.append(f"{where}: {closer['person']} holds no closer role in {month}")
    if deal.get("setter"):
        role = _role_of(ws.document, deal["setter"], month)
        if role is None or kinds[role] != "setter":
            found.append(f"{where}: {deal['setter']} holds no setter role in {month}")
    if deal.get("cancelled_on") is not None and deal["cancelled_on"] < deal["closed_on"]:
        found.append(f"{where}: cancelled before it closed")
    if not _in_years(deal["closed_on"]) or (deal.get("cancelled_on") and not _in_years(deal["cancelled_on"])):
        found.append(f"{where}: a date outside 2024–2025")
    return found
