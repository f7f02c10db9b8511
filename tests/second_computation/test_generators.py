"""The random workspaces are of the kind the issue names, and valid: every case keeps
DOMAIN.md's rules for data (so the imports would take it), the same seed gives the same case,
and over the seeds compared every feature of the deals_team example comes up, often."""

import json

import pytest
from conftest import EXAMPLES

from second_computation.generate_deals import deals_workspace
from second_computation.generate_people import people_workspace
from second_computation.rules import problems
from second_computation.test_random_deals import SEEDS as DEAL_SEEDS
from second_computation.test_random_people import SEEDS as PEOPLE_SEEDS
from second_computation.workspace import Workspace, month_index


@pytest.mark.parametrize("name", ["insurance_agency", "people_team", "deals_team"])
def test_the_rules_take_the_worked_examples(name):
    assert problems(json.loads((EXAMPLES / f"{name}.json").read_text()), years=False) == []


def test_every_generated_workspace_keeps_domain_md_rules():
    for seed in DEAL_SEEDS:
        assert problems(deals_workspace(seed)) == [], seed
    for seed in PEOPLE_SEEDS:
        assert problems(people_workspace(seed)) == [], seed


def test_a_seed_always_gives_the_same_workspace():
    assert deals_workspace(7) == deals_workspace(7)
    assert people_workspace(7) == people_workspace(7)
    assert deals_workspace(7) != deals_workspace(8)


def _cancellations(document: dict) -> dict[str, int]:
    """How many deals are cancelled in their close month, inside the window of a plan that paid
    them (the closers' plan of the close month), and after every role's window."""
    ws = Workspace(document)
    found = {"same month": 0, "inside": 0, "after": 0}
    for deal in ws.deals:
        if deal.cancelled_on is None:
            continue
        elapsed = month_index(deal.cancel_month) - month_index(deal.close_month)
        windows = [ws.plan(role, deal.close_month).clawback_months for role, _ in ws.roles]
        if elapsed == 0:
            found["same month"] += 1
        elif elapsed <= ws.plan("Closers", deal.close_month).clawback_months:
            found["inside"] += 1
        elif elapsed > max(windows):
            found["after"] += 1
    return found


def _features(document: dict) -> set[str]:
    found = set()
    deal_months = {deal["closed_on"][:7] for deal in document["deals"]}
    for deal in document["deals"]:
        found.add(f"{len(deal['closers'])} closers")
        found.add("a setter" if deal.get("setter") else "no setter")
        if deal.get("upfront") is not None:
            found.add("recorded upfront")
    for kind, count in _cancellations(document).items():
        if count:
            found.add(f"cancelled {kind}")
    for assignment in document["assignments"]:
        if len(assignment["start"]) == 10:
            found.add("a hire on a day")
        if assignment.get("end") and len(assignment["end"]) == 10:
            found.add("a departure on a day")
    actual = {(row["person"], row["month"]) for row in document["person_actuals"]}
    for month in deal_months:
        for assignment in document["assignments"]:
            holds = assignment["start"][:7] <= month and (assignment["end"] is None or month <= assignment["end"][:7])
            if assignment["role"] == "Setters" and holds and (assignment["person"], month) not in actual:
                found.add("a missing setter")
    for plan in document["plans"]:
        found |= {extra for extra in ("tiers", "cap_pct", "ramp") if plan.get(extra)}
    return found


def test_the_deal_cases_hold_every_feature_of_the_deals_example_many_times():
    counts: dict[str, int] = {}
    for seed in DEAL_SEEDS:
        for feature in _features(deals_workspace(seed)):
            counts[feature] = counts.get(feature, 0) + 1

    wanted = ["1 closers", "2 closers", "3 closers", "a setter", "no setter", "recorded upfront"]
    wanted += ["cancelled same month", "cancelled inside", "cancelled after", "a hire on a day"]
    wanted += ["a departure on a day", "a missing setter", "tiers", "cap_pct", "ramp"]
    assert {feature: counts.get(feature, 0) for feature in wanted} == {
        feature: max(counts.get(feature, 0), 10) for feature in wanted
    }
