"""Each counting role's recommendations, their amounts and sentences."""

from engine_cases import (
    D,
    closers,
    codes,
    economics,
    example_month,
    manager,
    role_named,
    setters,
)

from performance.engine import (
    Plan,
    compute_month,
)


def test_it_writes_the_example_recommendations_as_sentences() -> None:
    march = example_month("2026-03")
    february = example_month("2026-02")

    texts = {
        (metrics.month, role.role): [item.text for item in role.recommendations]
        for metrics in (february, march)
        for role in metrics.roles
    }

    assert texts["2026-03", "Closers"] == [
        "Need 1.25 more deals per closer",
        "Raise the close rate from 25.0% to 33.3% (+8.33 points)",
    ]
    assert texts["2026-02", "Setters"] == [
        "Need 8 more meetings per setter",
        "Increase marketing by $1,600 to add 16 meetings",
        "Fix the plan: OTE needs 160 meetings a month; quota is 40",
    ]
    assert texts["2026-03", "Manager"] == [
        "Improve the team: Closers have the lowest quota attainment (75.0%)",
        "Fix the plan: OTE needs 19.99 team deals a month; quota is 40 and pays $13,608 (200.1% of OTE)",
    ]
    assert texts["2026-03", "Setters"][:2] == [
        "Raise targets: quota attainment is 120.0%",
        "Scale the team: Setters deliver 120.0% of quota; add people on this plan",
    ]
    assert texts["2026-02", "Closers"][0] == "Need 1 more deal per closer"


def test_a_closer_with_no_deals_gets_an_unsized_close_rate_recommendation() -> None:
    metrics = compute_month("2026-04", economics(), [closers(units="0")])

    closer = metrics.roles[0]
    assert codes(closer) == ["more_units", "raise_close_rate"]
    assert closer.recommendations[0].text == "Need 5 more deals per closer"
    assert closer.recommendations[1].amount is None


def test_a_plan_with_zero_ote_has_no_alignment_and_no_fix_plan() -> None:
    plan = Plan(annual_ote=D("0"), monthly_quota=D("5"), commission_rate=D("0.1"))

    metrics = compute_month("2026-04", economics(), [closers(plan=plan, units="40")])

    closer = metrics.roles[0]
    assert closer.plan is not None
    assert closer.plan.alignment is None
    assert closer.actual is not None
    assert closer.actual.ote_attainment_pct is None
    assert codes(closer) == []
    assert metrics.summary.team_avg_attainment_pct is None
    assert metrics.summary.team_ote_attainment_pct is None


def test_a_near_role_gets_the_below_quota_recommendations() -> None:
    metrics = compute_month("2026-04", economics(), [closers(units="36")])

    assert metrics.roles[0].status == "near"
    assert codes(metrics.roles[0]) == ["more_units", "raise_close_rate"]


def test_a_role_at_the_exceeding_threshold_gets_raise_targets_and_scale_team() -> None:
    at_threshold = compute_month("2026-04", economics(), [closers(units="44")])
    under_threshold = compute_month("2026-04", economics(), [closers(units="43.99")])

    assert codes(at_threshold.roles[0]) == ["raise_targets", "scale_team"]
    assert codes(under_threshold.roles[0]) == []


def test_improve_team_names_the_weakest_closer_or_setter_role() -> None:
    roles = [closers(units="40"), setters(units="20"), manager(units="20")]

    metrics = compute_month("2026-04", economics(), roles)

    improve_team = role_named(metrics, "Manager").recommendations[0]
    assert improve_team.code == "improve_team"
    assert improve_team.amount is None
    assert improve_team.text == ("Improve the team: Setters have the lowest quota attainment (25.0%)")


def test_improve_team_picks_the_first_created_role_on_a_tie() -> None:
    roles = [closers(units="32"), setters(units="64"), manager(units="32")]

    metrics = compute_month("2026-04", economics(), roles)

    assert role_named(metrics, "Manager").recommendations[0].text == (
        "Improve the team: Closers have the lowest quota attainment (80.0%)"
    )


def test_improve_team_without_a_closer_or_setter_says_so() -> None:
    metrics = compute_month("2026-04", economics(), [manager(units="20")])

    assert metrics.roles[0].recommendations[0].text == ("Improve the team: no closer or setter results this month")


def test_a_manager_above_quota_gets_no_improve_team() -> None:
    metrics = compute_month("2026-04", economics(), [closers(), manager(units="40")])

    assert codes(role_named(metrics, "Manager")) == ["fix_plan"]


def test_raise_close_rate_sizes_on_the_average_persons_ramped_quota() -> None:
    # people_team 2026-02: c = the measured 28%; team quota 13 for 4 people, 2.5 deals each:
    # needed 28 x 3.25 / 2.5 = 36.4, +8.4 points
    executives = role_named(example_month("2026-02", "people_team"), "Account Executives")

    assert executives.recommendations[1].code == "raise_close_rate"
    assert executives.recommendations[1].amount == D("8.4")
    assert executives.recommendations[1].text == "Raise the close rate from 28.0% to 36.4% (+8.4 points)"


def test_raise_close_rate_uses_the_assumed_close_rate_when_none_is_measured() -> None:
    # people_team 2026-03: no close rate measured (13 meetings held with recorded deals):
    # Partners, c = 30; needed 30 x 2 / 1.5 = 40
    partners = role_named(example_month("2026-03", "people_team"), "Partners")

    assert codes(partners)[:2] == ["more_units", "raise_close_rate"]
    assert partners.recommendations[1].amount == D("10")


def test_fix_plan_has_no_amount_when_the_curve_never_reaches_ote() -> None:
    capped = Plan(annual_ote=D("81648"), monthly_quota=D("5"), commission_rate=D("0.10"), cap_pct=D("100"))

    metrics = compute_month("2026-04", economics(), [closers(plan=capped)])

    fix_plan = role_named(metrics, "Closers").recommendations[-1]
    assert (fix_plan.code, fix_plan.amount) == ("fix_plan", None)
    assert fix_plan.text == (
        "Fix the plan: OTE cannot be reached: the pay curve's cap or zero multipliers stop commission short of it"
    )
