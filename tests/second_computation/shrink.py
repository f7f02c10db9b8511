"""Shrinking a generated workspace on which the engine and the second computation disagree to
the smallest one that still shows the same disagreement, for a reproduction in a test.

    cd tests && /work/main/.venv/bin/python -m second_computation.shrink deals 13 "amount"

prints the smallest workspace (still valid per DOMAIN.md's rules: each deal's closers hold a
closer role and its setter a setter role in the close month, each person actual has an
assignment that month) and the differences it shows.
"""

import copy
import json
import re
import sys

LISTS = ["deals", "person_actuals", "actuals", "revenue", "closes", "assignments", "people", "plans", "economics"]
PLAN_EXTRAS = ["tiers", "cap_pct", "ramp", "clawback_months"]


def disagreements(workspace: dict) -> list[str]:
    from second_computation.crosscheck import crosscheck

    return crosscheck(workspace)[0]


def valid(workspace: dict) -> bool:
    """DOMAIN.md's rules that a removal could break."""
    kinds = {role["name"]: role["kind"] for role in workspace["roles"]}
    people = {person["name"] for person in workspace.get("people", [])}

    def role_of(person: str, month: str) -> str | None:
        for a in workspace["assignments"]:
            if a["start"][:7] <= month and (a.get("end") is None or month <= a["end"][:7]) and a["person"] == person:
                return a["role"]
        return None

    if any(a["person"] not in people for a in workspace["assignments"]):
        return False
    if not workspace["economics"] or any(
        not any(p["role"] == role and p["effective_from"] <= first_month(workspace) for p in workspace["plans"])
        for role in kinds
    ):
        return False
    for deal in workspace.get("deals", []):
        month = deal["closed_on"][:7]
        if any(kinds.get(role_of(c["person"], month)) != "closer" for c in deal["closers"]):
            return False
        if deal.get("setter") and kinds.get(role_of(deal["setter"], month)) != "setter":
            return False
    return all(role_of(row["person"], row["month"]) for row in workspace.get("person_actuals", []))


def without_role(workspace: dict, role: str) -> dict:
    """The workspace without a role, its plans, its assignments and its role totals."""
    trial = copy.deepcopy(workspace)
    trial["roles"] = [r for r in trial["roles"] if r["name"] != role]
    trial["plans"] = [p for p in trial["plans"] if p["role"] != role]
    trial["assignments"] = [a for a in trial["assignments"] if a["role"] != role]
    trial["actuals"] = [a for a in trial.get("actuals", []) if a["role"] != role]
    return trial


def first_month(workspace: dict) -> str:
    return min(record["effective_from"] for record in workspace["economics"])


def shrink(workspace: dict, shows) -> dict:
    """Greedily drop list items and plan extras while the workspace stays valid and ``shows``."""
    current = copy.deepcopy(workspace)
    changed = True
    while changed:
        changed = False
        for key in LISTS:
            i = 0
            while i < len(current.get(key, [])):
                trial = copy.deepcopy(current)
                del trial[key][i]
                if valid(trial) and shows(trial):
                    current, changed = trial, True
                else:
                    i += 1
        for role in [r["name"] for r in current["roles"]]:
            trial = without_role(current, role)
            if valid(trial) and shows(trial):
                current, changed = trial, True
        for plan_index, plan in enumerate(current["plans"]):
            for extra in PLAN_EXTRAS:
                if extra in plan:
                    trial = copy.deepcopy(current)
                    del trial["plans"][plan_index][extra]
                    if shows(trial):
                        current, changed = trial, True
    return current


def main(kind: str, seed: int, pattern: str) -> None:
    from second_computation.generate_deals import deals_workspace
    from second_computation.generate_people import people_workspace

    workspace = (deals_workspace if kind == "deals" else people_workspace)(seed)

    def shows(trial: dict) -> bool:
        return any(re.search(pattern, line) for line in disagreements(trial))

    assert shows(workspace), "the seed does not show that disagreement"
    smallest = shrink(workspace, shows)
    print(json.dumps(smallest, indent=1))
    print("\n".join(line for line in disagreements(smallest)))


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otesite.settings_test")
    sys.path[:0] = [".", ".."]
    django.setup()
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
