"""import_workspace version 3: people, assignments, person actuals, pay curves and closes.
Every bad record is refused with its JSON path, and nothing stored changes."""

import copy
import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from actuals_cases import NEXT_MONTH, NOT_STARTED
from conftest import EXAMPLES, load_example_json
from django.core.management import CommandError, call_command

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from performance.exchange.workspace_export import dumps_workspace, export_workspace
from performance.models import MonthClose, MonthlyActual, MonthlyRevenue, PersonActual

MODELS = (Economics, Role, QuotaPlan, PlanTier, Person, Assignment, MonthlyActual, PersonActual, MonthlyRevenue)


def people_team() -> dict:
    return json.loads((EXAMPLES / "people_team.json").read_text())


def stored_state() -> tuple[str, tuple[int, ...]]:
    return dumps_workspace(export_workspace()), tuple(model.history.count() for model in MODELS)


def run_import(tmp_path, content) -> str:
    path = tmp_path / "workspace.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    out = StringIO()
    call_command("import_workspace", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(tmp_path, content) -> str:
    """Import `content`, expect it refused, check nothing stored changed; return the message."""
    before = stored_state()
    with pytest.raises(CommandError) as error:
        run_import(tmp_path, content)
    assert stored_state() == before
    return str(error.value)


@pytest.fixture
def team(db, tmp_path) -> dict:
    """people_team.json stored, and a fresh copy of it to spoil."""
    run_import(tmp_path, people_team())
    return people_team()


@pytest.fixture
def fresh(db) -> dict:
    """people_team.json, not stored: refusals of a first import."""
    return people_team()


# --- The example ----------------------------------------------------------------------------


def test_it_imports_the_people_team_example(db, tmp_path):
    output = run_import(tmp_path, people_team())
    assert "people: 7 created" in output
    assert "assignments: 8 created" in output
    assert "person_actuals: 17 created" in output
    executives = QuotaPlan.objects.get(role__name="Account Executives", effective_from="2026-03")
    assert [(t.from_pct, t.multiplier) for t in executives.tiers.order_by("from_pct")] == [
        (Decimal("0"), Decimal("1")),
        (Decimal("100"), Decimal("1.5")),
        (Decimal("150"), Decimal("2")),
    ]
    assert executives.cap_pct == Decimal("200")
    assert executives.ramp == (Decimal("0.5"), Decimal("0.75"))
    promotion = Assignment.objects.get(person__name="Dev Patel", role__name="SDRs")
    assert (promotion.start.isoformat(), promotion.end, promotion.ramp) == ("2026-03-01", None, False)
    assert PersonActual.objects.get(person__name="Chloe Martin", month="2026-03").units == Decimal("3.375")
    assert Person.objects.get(name="Ana Ruiz").email == "ana@example.com"


def test_export_import_export_is_byte_identical_and_writes_nothing(team, tmp_path):
    first = dumps_workspace(export_workspace())
    history = [model.history.count() for model in MODELS]
    output = run_import(tmp_path, first)
    assert "Nothing to change" in output
    assert dumps_workspace(export_workspace()) == first
    assert [model.history.count() for model in MODELS] == history


def test_the_export_is_version_4_with_every_new_key(team):
    exported = export_workspace()
    assert exported["version"] == 4
    assert exported["plans"][3] == {
        "role": "Head of Sales",
        "effective_from": "2026-01",
        "annual_ote": "120000",
        "annual_base": "72000",
        "monthly_quota": "20",
        "commission_rate": "0.02",
        "tiers": [],
        "cap_pct": None,
        "ramp": [],
        "clawback_months": 0,
    }
    assert exported["person_actuals"][3] == {
        "month": "2026-01",
        "person": "Eve Tanaka",
        "units": "60",
        "credited_deals": None,
        "meetings_held": "28",
        "earnings": None,
    }
    assert exported["deals"] == []
    assert exported["closes"] == []


def test_a_version_2_file_imports_unchanged_and_leaves_pay_curves_alone(team, tmp_path):
    v2 = {key: team[key] for key in ("economics", "roles", "actuals", "revenue")}
    plans = [{k: v for k, v in plan.items() if k not in ("tiers", "cap_pct", "ramp")} for plan in team["plans"]]
    output = run_import(tmp_path, {"format": "otesite.workspace", "version": 2, **v2, "plans": plans})
    assert "Nothing to change" in output
    assert PlanTier.objects.count() == 9


def test_the_insurance_agency_version_2_example_still_imports(db, tmp_path):
    assert "Imported." in run_import(tmp_path, load_example_json())


def test_changing_a_plans_bands_replaces_them(team, tmp_path):
    team["plans"][2]["tiers"] = [{"from_pct": "0", "multiplier": "1"}]
    team["plans"][2]["cap_pct"] = "150"
    assert "plans: 0 created, 1 updated, 4 unchanged" in run_import(tmp_path, team)
    sdrs = QuotaPlan.objects.get(role__name="SDRs")
    assert [(t.from_pct, t.multiplier) for t in sdrs.tiers.all()] == [(Decimal("0"), Decimal("1"))]
    assert sdrs.cap_pct == Decimal("150")


def test_a_promotion_can_end_one_assignment_and_start_the_next_in_one_file(team, tmp_path):
    team["assignments"][1]["end"] = "2026-03"
    team["assignments"].append({"person": "Ben Okafor", "role": "Head of Sales", "start": "2026-04", "ramp": False})
    assert "assignments: 1 created, 1 updated, 7 unchanged" in run_import(tmp_path, team)


def test_closes_are_stored_after_everything_else_in_the_file(team, tmp_path):
    team["closes"] = [{"month": "2026-02", "state": "approved"}]
    output = run_import(tmp_path, team)
    assert "closes: 1 created, 0 updated, 0 unchanged" in output
    assert MonthClose.objects.get(month=date(2026, 2, 1)).state == "approved"


# --- Bad input: each refused with its place ------------------------------------------------


def test_it_refuses_overlapping_assignments(team, tmp_path):
    team["assignments"].append({"person": "Ana Ruiz", "role": "SDRs", "start": "2026-01", "end": None, "ramp": True})
    message = refused(tmp_path, team)
    assert "assignments[8]: Ana Ruiz already holds Account Executives from 2025-10; assignments overlap" in message
    assert "1 problem" in message


def test_it_refuses_overlapping_assignments_within_the_file_once(fresh, tmp_path):
    fresh["assignments"][3]["end"] = "2026-03"  # Dev Patel's first, now into his SDR months
    message = refused(tmp_path, fresh)
    assert (
        "assignments[4]: Dev Patel already holds Account Executives from 2026-01 to 2026-03; assignments overlap"
        in (message)
    )
    assert "1 problem" in message


def test_it_refuses_an_assignment_ending_before_it_starts(team, tmp_path):
    team["assignments"][2]["end"] = "2026-01"
    assert "assignments[2].end: The last month cannot be before the first (start)." in refused(tmp_path, team)


def test_it_refuses_an_assignment_to_an_unknown_person_or_role(team, tmp_path):
    team["assignments"][0]["person"] = "Nobody"
    team["assignments"][1]["role"] = "Closerz"
    message = refused(tmp_path, team)
    assert 'assignments[0].person: "Nobody" is not a person' in message
    assert "assignments[1].role: no role named 'Closerz'" in message


def test_it_refuses_a_ramp_flag_that_is_not_true_or_false(team, tmp_path):
    team["assignments"][0]["ramp"] = "yes"
    assert 'assignments[0].ramp: must be true or false, not "yes"' in refused(tmp_path, team)


def test_it_refuses_bands_that_do_not_increase(team, tmp_path):
    team["plans"][1]["tiers"][2]["from_pct"] = "100"
    assert "plans[1].tiers[2].from_pct: must be above 100" in refused(tmp_path, team)


def test_it_refuses_bands_that_do_not_start_at_0(team, tmp_path):
    team["plans"][2]["tiers"][0]["from_pct"] = "10"
    assert "plans[2].tiers[0].from_pct: must be 0: the first band starts at 0% of quota" in refused(tmp_path, team)


def test_it_refuses_a_negative_multiplier_and_an_unknown_band_key(team, tmp_path):
    team["plans"][0]["tiers"][1]["multiplier"] = "-1"
    team["plans"][0]["tiers"][2]["rate"] = "2"
    message = refused(tmp_path, team)
    assert 'plans[0].tiers[1].multiplier: must be a number ≥ 0 (got "-1")' in message
    assert "plans[0].tiers[2].rate: unknown key" in message


def test_it_refuses_a_cap_of_0(team, tmp_path):
    team["plans"][0]["cap_pct"] = "0"
    assert "plans[0].cap_pct: Cap must be greater than 0" in refused(tmp_path, team)


@pytest.mark.parametrize("fraction", ["0", "1.5"])
def test_it_refuses_a_ramp_fraction_outside_0_to_1(team, tmp_path, fraction):
    team["plans"][0]["ramp"] = ["0.5", fraction]
    assert "plans[0].ramp[1]: must be above 0 and at most 1" in refused(tmp_path, team)


def test_it_refuses_a_ramp_that_is_not_a_list(team, tmp_path):
    team["plans"][0]["ramp"] = "0.5, 0.75"
    assert "plans[0].ramp: must be a list of quota fractions" in refused(tmp_path, team)


def test_it_refuses_numbers_for_someone_who_is_not_a_person(team, tmp_path):
    team["person_actuals"][4]["person"] = "Nobody"
    assert 'person_actuals[4].person: "Nobody" is not a person' in refused(tmp_path, team)


def test_it_refuses_numbers_for_a_month_without_an_assignment(team, tmp_path):
    team["person_actuals"].append({"month": "2026-02", "person": "Hal Novak", "units": "1"})
    message = refused(tmp_path, team)
    assert "person_actuals[17]: Hal Novak has no assignment in 2026-02" in message


def test_it_refuses_a_role_total_beside_person_actuals_naming_both(team, tmp_path):
    team["actuals"].append({"month": "2026-02", "role": "Account Executives", "headcount": 4, "units": "10"})
    message = refused(tmp_path, team)
    assert (
        "actuals[1]: Account Executives is kept person by person in 2026-02"
        " (Ana Ruiz, Ben Okafor, Chloe Martin, Dev Patel), so a role total cannot go beside it" in message
    )
    assert "person_actuals[5]: Account Executives has a role total for 2026-02, so Ana Ruiz's numbers" in message


def test_it_refuses_person_actuals_beside_a_stored_role_total(team, tmp_path):
    Assignment.objects.create(
        person=Person.objects.get(name="Hal Novak"),
        role=Role.objects.get(name="Partners"),
        start="2026-01",
        end="2026-02",
    )
    MonthlyActual.objects.create(role=Role.objects.get(name="Partners"), month="2026-02", headcount=1, units=1)
    team["person_actuals"].append({"month": "2026-02", "person": "Hal Novak", "units": "1"})
    message = refused(tmp_path, team)
    assert "person_actuals[17]: Partners has a role total for 2026-02, so Hal Novak's numbers cannot go beside it" in (
        message
    )


def test_it_refuses_more_meetings_held_than_booked(team, tmp_path):
    team["person_actuals"][3]["meetings_held"] = "61"
    assert "person_actuals[3].meetings_held: Meetings held cannot be more than the meetings booked (units)." in refused(
        tmp_path, team
    )


def test_it_refuses_a_setter_credited_with_more_deals_than_meetings_held(team, tmp_path):
    team["person_actuals"][9]["credited_deals"] = "26"
    assert (
        "person_actuals[9].credited_deals: A setter's credited deals cannot be more than the meetings held."
        in refused(tmp_path, team)
    )


def test_it_refuses_person_actuals_for_a_month_that_has_not_started(team, tmp_path):
    team["person_actuals"][0]["month"] = NEXT_MONTH
    assert f"person_actuals[0].month: {NOT_STARTED}" in refused(tmp_path, team)


def test_it_refuses_person_actuals_before_the_first_business_assumptions(team, tmp_path):
    team["person_actuals"][0]["month"] = "2025-12"
    assert "person_actuals[0].month: 2025-12 is before the first business assumptions (2026-01)" in refused(
        tmp_path, team
    )


def test_it_refuses_a_person_or_numbers_given_twice(team, tmp_path):
    team["people"].append({"name": "Ana Ruiz"})
    team["person_actuals"].append(dict(team["person_actuals"][0]))
    message = refused(tmp_path, team)
    assert "people[7]: duplicates people[0] (name 'Ana Ruiz')" in message
    assert "person_actuals[17]: duplicates person_actuals[0] (person 'Ana Ruiz', month 2026-01)" in message


def test_it_refuses_a_login_given_to_two_people_and_a_bad_email(team, tmp_path):
    team["people"][0]["username"] = "ana"
    team["people"][1]["username"] = "ana"
    team["people"][2]["email"] = "chloe at example"
    message = refused(tmp_path, team)
    assert "people[1].username: duplicates people[0].username (username 'ana')" in message
    assert "people[2].email: Enter a valid email address." in message


def test_it_refuses_a_close_with_an_unknown_state(team, tmp_path):
    team["closes"] = [{"month": "2026-02", "state": "done"}]
    assert 'closes[0].state: must be one of open, reviewed, approved, not "done"' in refused(tmp_path, team)


def test_it_refuses_people_in_a_version_2_file(team, tmp_path):
    team["version"] = 2
    message = refused(tmp_path, team)
    assert 'people: is a section of version 3; write "version": 3' in message
    assert "plans[0].tiers: unknown key" in message


def test_a_first_import_with_problems_stores_nothing(fresh, tmp_path):
    fresh["person_actuals"][4]["person"] = "Nobody"
    refused(tmp_path, fresh)
    assert not any(model.objects.exists() for model in MODELS)


def test_a_file_with_the_example_and_an_extra_problem_lists_them_all(fresh, tmp_path):
    variant = copy.deepcopy(fresh)
    variant["assignments"][0]["start"] = "2025-13"
    variant["plans"][0]["ramp"] = ["2"]
    message = refused(tmp_path, variant)
    assert "assignments[0].start: '2025-13' has no month 13" in message
    assert "plans[0].ramp[0]: must be above 0" in message
