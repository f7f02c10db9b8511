"""What-if in the pure engine: base and scenario computed alike, the worked scenarios, changes
absolute and relative, headcount, people taken as role totals, hiring, and what is refused."""

from dataclasses import replace

import pytest
from engine_cases import D, example_inputs, key_paths, load_example, role_named, scenarios, without_texts, written

from performance.changes import parse_changes
from performance.engine import MANAGER, ScenarioInvalid, what_if
from performance.engine.whatif import Change
from performance.exchange.whatif_json import to_what_if_json


def inputs(name: str = "insurance_agency", month: str = "2026-03"):
    workspace, _ = load_example(name)
    economics, roles, _revenue = example_inputs(workspace, month)
    return month, economics, roles


def run(*changes: str, name: str = "insurance_agency", month: str = "2026-03", goal: str | None = None):
    return what_if(*inputs(name, month), parse_changes(changes), None if goal is None else D(goal))


# --- The worked scenarios ----------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["base", "bigger_team"])
def test_it_reproduces_the_worked_scenarios_in_every_field(scenario):
    case = scenarios()[scenario]

    result = run(*case["changes"], name="people_team", month=case["month"], goal=case["revenue_goal"])
    document = written(without_texts(to_what_if_json(result.scenario)))

    assert document == case["expected"]
    assert key_paths(document) == key_paths(case["expected"])


def test_every_role_is_role_totals_without_people_in_the_output():
    document = to_what_if_json(run(name="people_team").scenario)

    assert {role["source"] for role in document["roles"]} == {"role"}
    assert not any("people" in role for role in document["roles"])
    assert "missing_people" not in document["insights"]


def test_a_role_kept_by_person_is_its_people_summed_at_full_quota():
    month = run(name="people_team").base.metrics
    executives = role_named(month, "Account Executives").actual

    # Ana 7, Ben 4.5 and Chloe 3.375 (ramped at 0.75 in the month); Hal has no numbers.
    assert executives.headcount == 3
    assert executives.units == D("14.875")
    assert executives.team_quota == 3 * D("4.5")  # not the ramped 12.375
    assert executives.credited_deals_estimated
    assert executives.earnings_estimated


def test_recorded_figures_are_ignored_and_estimated_from_units():
    month = run(name="people_team").base.metrics
    setters = role_named(month, "SDRs").actual

    # Eve recorded 6 credited deals and 13 meetings held; the base estimates from 90 meetings.
    assert setters.credited_deals == 90 * D("0.5") * D("0.3")
    assert setters.meetings_held is None
    assert month.summary.revenue_derived


@pytest.mark.parametrize("name", ["insurance_agency", "people_team"])
def test_a_scenario_that_changes_nothing_equals_its_base_exactly(name):
    result = run(name=name)
    rebuilt = what_if(*inputs(name), parse_changes(["close_rate=+0%", "deal_value=+0%"]))

    assert result.scenario.metrics == result.base.metrics
    assert rebuilt.scenario.metrics == result.base.metrics
    assert rebuilt.scenario.outcomes == result.base.outcomes


# --- Changes --------------------------------------------------------------------------------


def test_a_relative_change_multiplies():
    result = run("close_rate=+20%")

    assert result.scenario.metrics.economics.close_rate == D("0.30")


def test_an_absolute_and_a_relative_change_to_the_same_value_agree():
    relative = run("Closers.annual_ote=+20%").scenario.metrics
    absolute = run("Closers.annual_ote=81648").scenario.metrics

    assert relative.summary == absolute.summary
    assert role_named(absolute, "Closers").plan.monthly_ote == D("6804")


def test_rates_change_pay_and_setters_credit_but_not_the_closers_output():
    base = run().base.metrics
    scenario = run("close_rate=0.5", "Closers.commission_rate=0.2").scenario.metrics

    assert role_named(scenario, "Closers").actual.units == role_named(base, "Closers").actual.units
    assert role_named(scenario, "Closers").actual.team_earnings == 2 * role_named(base, "Closers").actual.team_earnings
    assert (
        role_named(scenario, "Setters").actual.credited_deals == 2 * role_named(base, "Setters").actual.credited_deals
    )


def test_each_role_keeps_its_units_per_person_when_headcount_changes():
    scenario = run("Closers.headcount=10", "Setters.headcount=+50%").scenario.metrics

    assert role_named(scenario, "Closers").actual.units == D("37.5")  # 30 deals by 8: 3.75 each
    assert role_named(scenario, "Setters").actual.headcount == 3
    assert (
        role_named(scenario, "Setters").actual.units_per_person
        == role_named(run().base.metrics, "Setters").actual.units_per_person
    )


def test_managers_team_deals_follow_the_closers_whatever_the_managers_headcount():
    base = role_named(run().base.metrics, "Manager").actual
    scenario = role_named(run("Closers.headcount=12", "Manager.headcount=2").scenario.metrics, "Manager").actual

    assert scenario.units == base.units * D(12) / D(8)
    assert scenario.headcount == 2


def test_a_headcount_of_zero_takes_the_role_out_of_every_total():
    result = run("Setters.headcount=0")
    setters = role_named(result.scenario.metrics, "Setters")

    assert setters.status == "no_headcount"
    assert not setters.counts
    assert result.scenario.metrics.summary.total_ote == result.base.metrics.summary.total_ote - 2 * D("5670")
    assert result.scenario.metrics.insights.setter_capacity is None


@pytest.mark.parametrize(
    ("change", "headcount"),
    [
        ("Setters.headcount=+25%", 3),
        ("Setters.headcount=+24%", 2),
        ("Setters.headcount=-25%", 2),
        ("Setters.headcount=-26%", 1),
    ],
)
def test_a_relative_headcount_is_rounded_half_up_to_whole_people(change, headcount):
    # 2 setters: +25% is 2.5 people, rounded up to 3; -25% is 1.5, rounded up to 2.
    scenario = run(change).scenario.metrics

    assert role_named(scenario, "Setters").actual.headcount == headcount


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (["Sales.annual_ote=1"], "\"Sales.annual_ote=1\": there is no role 'Sales'"),
        (["close_rate=0.3", "close_rate=+5%"], '"close_rate=+5%": close_rate is already changed by "close_rate=0.3"'),
        (["Closers.headcount=2.5"], '"Closers.headcount=2.5": headcount must be a whole number of people (got 2.5)'),
        (["Closers.headcount=-150%"], '"Closers.headcount=-150%": headcount cannot be negative (got -4)'),
        (["Setters.commission_rate=1.5"], '"Setters.commission_rate=1.5": Commission rate is a fraction from 0 to 1'),
        (["Closers.monthly_quota=0"], '"Closers.monthly_quota=0": Monthly quota must be greater than 0.'),
        (["Closers.monthly_quota=-100%"], '"Closers.monthly_quota=-100%": Monthly quota must be greater than 0.'),
        (["Closers.annual_base=70000"], '"Closers.annual_base=70000": Annual base cannot be more than annual OTE.'),
        (["Closers.annual_ote=-200%"], '"Closers.annual_ote=-200%": Annual OTE must be greater than 0.'),
        (["close_rate=+400%"], '"close_rate=+400%": A rate is a fraction from 0 to 1'),
        (["deal_value=0"], '"deal_value=0": Deal value must be greater than 0.'),
        (["cost_per_meeting=-101%"], '"cost_per_meeting=-101%": Cost per meeting cannot be negative.'),
    ],
)
def test_a_change_that_cannot_be_applied_is_refused_naming_it(changes, message):
    with pytest.raises(ScenarioInvalid) as refused:
        run(*changes)

    assert any(problem.startswith(message) for problem in refused.value.problems), refused.value.problems


def test_a_change_to_a_role_that_does_not_count_is_refused():
    month, economics, roles = inputs()
    roles = [replace(role, actual=None) if role.kind == MANAGER else role for role in roles]

    with pytest.raises(ScenarioInvalid) as refused:
        what_if(month, economics, roles, parse_changes(["Manager.annual_ote=+10%"]))

    assert refused.value.problems == [
        '"Manager.annual_ote=+10%": Manager does not count in 2026-03 (no plan, numbers or people)'
    ]


def test_a_base_above_a_lowered_ote_names_both_changes():
    with pytest.raises(ScenarioInvalid) as refused:
        run("Closers.annual_base=60000", "Closers.annual_ote=50000")

    assert len(refused.value.problems) == 2


def test_every_bad_change_is_listed_at_once():
    with pytest.raises(ScenarioInvalid) as refused:
        run("Closers.monthly_quota=0", "close_rate=2")

    assert len(refused.value.problems) == 2


def test_a_change_keeps_the_plans_pay_curve():
    change = Change(
        "Account Executives", "annual_ote", D("20"), relative=True, text="Account Executives.annual_ote=+20%"
    )
    month, economics, roles = inputs("people_team")

    scenario = what_if(month, economics, roles, [change]).scenario
    plan = scenario.inputs.role("Account Executives").plan

    assert plan.annual_ote == D("115200")
    assert len(plan.tiers) == 3
    assert plan.cap_pct == D("200")


# --- Outcome spread and hiring ----------------------------------------------------------------


def test_the_outcome_spread_puts_every_role_at_each_level_of_its_quota():
    outcomes = run().scenario.outcomes

    assert [outcome.attainment_pct for outcome in outcomes] == [50, 80, 100, 120, 150]
    at_quota = outcomes[2]
    # 8 closers at 5 deals: 40 deals × $11,340; each kind paid its earnings at quota.
    assert at_quota.revenue == 40 * D("11340")
    assert at_quota.total_actual == 8 * D("5670") + 2 * D("1417.5") + D("13608")
    assert at_quota.pay_pct_of_revenue == at_quota.total_actual / at_quota.revenue * 100


def test_hiring_rounds_up_to_whole_people():
    # 3.75 deals a closer × $11,340 = $42,525 a closer a month.
    exactly = run(goal=str(10 * D("42525"))).scenario.hiring
    a_little_more = run(goal=str(10 * D("42525") + 1)).scenario.hiring

    assert exactly.closers_needed == 10
    assert a_little_more.closers_needed == 11
    # 11 closers × 5 deals / (0.25 × 0.25) = 880 meetings; 40 a setter: 22 setters.
    assert a_little_more.setters_needed == 22


def test_hiring_has_no_setters_without_setters_and_no_answer_without_deals():
    no_setters = run("Setters.headcount=0", goal="100000").scenario.hiring
    no_deals = run("Closers.headcount=0", goal="100000").scenario.hiring

    assert no_setters.setters_needed is None
    assert no_deals.closers_needed is None
    assert no_deals.setters_needed is None


def test_without_a_goal_there_is_no_hiring():
    assert run().scenario.hiring is None


def test_a_scenario_holds_only_the_roles_that_count_and_an_emptied_role_says_it_is_role_totals():
    base = to_what_if_json(run(name="people_team", month="2026-01").scenario)
    emptied = to_what_if_json(run("SDRs.headcount=0", name="people_team", month="2026-01").scenario)

    assert "Partners" not in [role["role"] for role in base["roles"]]  # no data in January
    sdrs = next(role for role in emptied["roles"] if role["role"] == "SDRs")
    assert (sdrs["status"], sdrs["source"]) == ("no_headcount", "role")
    with pytest.raises(ScenarioInvalid, match="Partners does not count in 2026-01"):
        run("Partners.annual_ote=+5%", name="people_team", month="2026-01")
