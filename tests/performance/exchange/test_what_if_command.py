"""manage.py what_if: a month from the database, changed, printed as DOMAIN.md's format."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from engine_cases import D, example_inputs, load_example, scenarios, without_texts, written

from performance.changes import parse_changes
from performance.engine import what_if
from performance.exchange.whatif_json import to_what_if_json


def what_if_command(*args: str) -> tuple[dict, str]:
    out, err = StringIO(), StringIO()
    call_command("what_if", *args, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def changes_args(*changes: str) -> list[str]:
    return [part for change in changes for part in ("--change", change)]


def test_with_no_change_it_prints_the_base_labelled_re_estimated(example_agency):
    document, note = what_if_command("--month", "2026-03")

    assert note.startswith("Base: 2026-03 re-estimated")
    assert "not the month as recorded" in note
    assert list(document) == ["month", "summary", "roles", "insights", "outcomes"]
    assert document["summary"]["total_ote"] == 63500.0
    assert {role["source"] for role in document["roles"]} == {"role"}


def test_the_database_and_the_pure_engine_agree_on_the_insurance_agency(example_agency):
    changes = ["Closers.headcount=10", "Setters.commission_rate=0.2", "close_rate=+20%"]
    workspace, _ = load_example()
    pure = what_if("2026-03", *example_inputs(workspace, "2026-03")[:2], parse_changes(changes), D("500000"))

    document, note = what_if_command("--month", "2026-03", *changes_args(*changes), "--revenue-goal", "500000")

    assert note.startswith("Scenario on 2026-03 re-estimated")
    assert document == written(to_what_if_json(pure.scenario))
    closers = next(role for role in document["roles"] if role["role"] == "Closers")
    setters = next(role for role in document["roles"] if role["role"] == "Setters")
    assert closers["headcount"] == 10
    assert closers["units"] == 37.5
    assert setters["alignment"] == "overpays"  # 20% pays $6,804 at quota once 30% of meetings close
    # 3.75 deals a closer bring $42,525; 12 closers' quota needs 60 / (0.25 × 0.30) = 800 meetings.
    assert document["hiring"] == {"revenue_goal": 500000.0, "closers_needed": 12, "setters_needed": 20}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (changes_args("Sales.annual_ote=+20%"), "\"Sales.annual_ote=+20%\": there is no role 'Sales'"),
        (changes_args("Closers.salary=1"), "\"Closers.salary=1\": unknown field 'salary'"),
        (changes_args("Setters.commission_rate=2"), '"Setters.commission_rate=2": Commission rate is a fraction'),
        (["--revenue-goal", "lots"], '--revenue-goal: must be a number ≥ 0 (got "lots")'),
    ],
)
def test_a_bad_change_is_an_error_naming_it(example_agency, args, message):
    with pytest.raises(CommandError) as refused:
        what_if_command("--month", "2026-03", *args)

    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("2025-12", "2025-12 has no business assumptions"),
        ("2026-04", "2026-04 has no actuals"),
        ("26-3", "not a month"),
    ],
)
def test_a_month_that_cannot_start_a_what_if_is_refused(example_agency, month, message):
    with pytest.raises(CommandError, match=message):
        what_if_command("--month", month)


def test_from_the_command_line_a_refused_change_exits_1(example_agency, capsys):
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "what_if", "--month", "2026-03", "--change", "Closers.headcount=2.5"]).execute()

    assert exited.value.code == 1
    assert '"Closers.headcount=2.5": headcount must be a whole number' in capsys.readouterr().err


@pytest.mark.parametrize("scenario", ["base", "bigger_team"])
def test_it_reproduces_the_worked_scenarios_from_an_imported_workspace(db, scenario, tmp_path):
    from conftest import EXAMPLES

    call_command("import_workspace", str(EXAMPLES / "people_team.json"), stdout=StringIO(), stderr=StringIO())
    case = scenarios()[scenario]

    document, _ = what_if_command(
        "--month", case["month"], *changes_args(*case["changes"]), "--revenue-goal", case["revenue_goal"]
    )

    assert without_texts(document) == case["expected"]
