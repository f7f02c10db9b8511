"""Workspace version 4: deals checked with the deal rules against the file merged with what is
stored, each problem at its JSON path; clawback windows and assignments on a day; versions 2 and
3 still import."""

import copy
from datetime import date

import pytest
from test_workspace_queries import team_workspace

from compensation.models import Assignment, QuotaPlan
from performance.closing import take_step
from performance.exchange.workspace import WorkspaceInvalid, import_workspace
from performance.models import Deal
from performance.month_close import Action


def deal(**values) -> dict:
    return {
        "id": "HS-1",
        "closed_on": "2010-03-14",
        "value": "16200",
        "upfront": None,
        "closers": [{"person": "Closer 000", "share": "1"}],
        "setter": None,
        "cancelled_on": None,
        **values,
    }


def without_month(data: dict, month: str) -> dict:
    """The file without its person actuals of `month`: a month kept by deals takes none of closers."""
    data["person_actuals"] = [row for row in data["person_actuals"] if row["month"] != month]
    return data


def problems(data) -> list[str]:
    with pytest.raises(WorkspaceInvalid) as refused:
        import_workspace(data)
    return refused.value.problems


@pytest.fixture
def team():
    return team_workspace(3, 4)


def test_a_file_may_create_the_people_and_assignments_its_deals_name(db, team):
    team["deals"] = [deal()]
    assert import_workspace(without_month(team, "2010-03")).counts["deals"].created == 1
    assert Deal.objects.get().closers.get().person.name == "Closer 000"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"value": "0"}, "deals[0].value: The value must be greater than 0."),
        ({"closed_on": "2010-03-32"}, 'deals[0].closed_on: "2010-03-32" is not a day of the calendar'),
        ({"id": None}, "deals[0].id: is required"),
        ({"cancelled_on": "2010-03-01"}, "deals[0].cancelled_on: A deal cannot be cancelled (2010-03-01) before"),
        ({"setter": "Nobody"}, 'deals[0].setter: "Nobody" is not a person'),
        (
            {"setter": "Closer 001"},
            "deals[0].setter: Closer 001 holds Closers (a closer role) in 2010-03, not a setter",
        ),
        (
            {"closers": [{"person": "Closer 000", "share": "0.5"}, {"person": "Closer 001", "share": "0.4"}]},
            "deals[0].closers: The closers' shares add up to 0.9; they must add up to exactly 1.",
        ),
        (
            {"closers": [{"person": "Closer 000", "share": "0.5"}, {"person": "Closer 001", "share": "1.5"}]},
            "deals[0].closers[1].share: Closer 001's share must be above 0 and at most 1 (got 1.5).",
        ),
        (
            {"closers": [{"person": "Closer 000", "share": "0.5"}, {"person": "Ghost", "share": "0.5"}]},
            'deals[0].closers[1].person: "Ghost" is not a person',
        ),
        (
            {"closers": [{"person": "Closer 000", "share": "0.5"}, {"person": "Closer 001"}]},
            "deals[0].closers[1].share: is required",
        ),
        ({"closers": []}, "deals[0].closers: must be a list of {person, share}"),
        (
            {"closed_on": "2009-12-01"},
            "deals[0].closers[0].person: Closer 000 holds no role in 2009-12, not a closer role",
        ),
    ],
)
def test_each_broken_rule_is_named_at_its_json_path(db, team, change, expected):
    team["deals"] = [deal(**change)]
    found = problems(team)
    assert any(problem.startswith(expected) for problem in found), found


def test_a_deal_twice_in_the_file_is_refused_at_the_second(db, team):
    team["deals"] = [deal(), deal()]
    assert "deals[1]: duplicates deals[0] (id 'HS-1')" in problems(team)


def test_a_month_kept_by_deals_takes_no_person_actuals_of_closers(db, team):
    team["deals"] = [deal(closed_on="2010-02-10")]
    assert any(
        problem.startswith("deals[0].closed_on: 2010-02 has person actuals of closers or managers")
        for problem in problems(team)
    )


def test_a_stored_deal_keeps_its_month_from_the_files_closers_person_actuals(db, team):
    without = copy.deepcopy(team)
    team["person_actuals"] = []
    team["deals"] = [deal(closed_on="2010-02-10")]
    import_workspace(team)
    assert "person_actuals[4]: Closer 001's 2010-02 numbers come from deals (Closers is paid by deals that month)" in (
        problems(without)
    )


def test_a_deal_of_an_approved_month_is_refused(db, team):
    import_workspace(team)
    take_step(date(2010, 3, 1), Action.REVIEW, by=None)
    take_step(date(2010, 3, 1), Action.APPROVE, by=None)
    team["deals"] = [deal()]
    without_month(team, "2010-03")
    assert "deals[0].closed_on: 2010-03 is approved; reopen it to change its numbers" in problems(team)


def test_version_3_files_still_import_and_cannot_carry_deals(db, team):
    team["version"] = 3
    assert import_workspace(copy.deepcopy(team)).changed
    team["deals"] = [deal()]
    assert problems(team) == ['deals: is a section of version 4; write "version": 4 to import deals']


def test_clawback_windows_and_days_are_read_and_kept(db, team):
    team["plans"][0]["clawback_months"] = 3
    team["assignments"][0]["start"] = "2010-01-16"
    team["assignments"][1]["end"] = "2010-02-13"
    team["person_actuals"] = [
        row for row in team["person_actuals"] if row["person"] != "Closer 001" or row["month"] <= "2010-02"
    ]
    import_workspace(team)
    assert QuotaPlan.objects.get().clawback_months == 3
    ana, ben = Assignment.objects.order_by("person__name")[:2]
    assert (ana.start_text, ben.end_text) == ("2010-01-16", "2010-02-13")


def test_a_version_3_file_leaves_clawback_windows_and_days_as_stored(db, team):
    team["plans"][0]["clawback_months"] = 3
    team["assignments"][0]["start"] = "2010-01-16"
    import_workspace(team)
    older = copy.deepcopy(team)
    older["version"] = 3
    del older["plans"][0]["clawback_months"]
    older["assignments"][0]["start"] = "2010-01"
    assert not import_workspace(older).changed
    assert QuotaPlan.objects.get().clawback_months == 3


def test_a_start_that_is_neither_a_month_nor_a_day_is_refused(db, team):
    team["assignments"][0]["start"] = "2010-1-16"
    assert any(p.startswith('assignments[0].start: "2010-1-16" is not a month or a date') for p in problems(team))
