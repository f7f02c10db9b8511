"""People mode: ramps, each person's figures, ranks, the role's sums and the missing people."""

from decimal import Decimal

import pytest
from engine_cases import CLOSER_PLAN, D, economics, example_month, role_named

from otesite.lib.formatting import quantize
from performance.engine import (
    CLOSER,
    SETTER,
    Actual,
    PersonActual,
    PersonInput,
    Plan,
    RoleInput,
    Tier,
    compute_month,
    ramp_factor,
    rank_order,
    statement,
)

RAMPED = Plan(
    annual_ote=D("96000"),
    annual_base=D("48000"),
    monthly_quota=D("4"),
    commission_rate=D("0.1"),
    ramp=(D("0.5"), D("0.75")),
)
PEOPLE_TEAM = economics(deal_value="20000", upfront_rate="0.5", show_rate="0.5", close_rate="0.3")  # 1000 a deal


def person(
    name: str, units: str | None, *, tenure: int = 6, ramp: bool = True, start: str = "2025-10", **extra
) -> PersonInput:
    actual = None if units is None else PersonActual(D(units), **{key: D(value) for key, value in extra.items()})
    return PersonInput(id=name, start=start, tenure_month=tenure, ramp=ramp, actual=actual)


def executives(*people: PersonInput, plan: Plan | None = RAMPED, kind: str = CLOSER) -> RoleInput:
    return RoleInput("Account Executives", "Account Executives", kind, plan, None, people)


def month_of(*roles: RoleInput):
    return compute_month("2026-03", PEOPLE_TEAM, list(roles))


def people_of(role: RoleInput):
    return {figures.person_id: figures for figures in role_named(month_of(role), role.name).people}


# --- Ramp ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tenure", "ramp", "factor"),
    [
        (1, True, "0.5"),
        (2, True, "0.75"),
        (3, True, "1"),  # the plan's ramp has no third entry
        (1, False, "1"),  # a move or promotion: no ramp
        (0, True, "1"),
    ],
)
def test_the_ramp_applies_only_with_the_flag_and_an_entry_for_the_tenure_month(
    tenure: int, ramp: bool, factor: str
) -> None:
    assert ramp_factor(RAMPED, tenure, ramp) == D(factor)


def test_the_ramp_follows_the_plan_in_force_in_the_month() -> None:
    # started under a plan with (0.5, 0.75); in tenure month 2 the plan of the month says 0.25, 0.5
    later = Plan(annual_ote=D("96000"), monthly_quota=D("4"), commission_rate=D("0.1"), ramp=(D("0.25"), D("0.5")))

    chloe = people_of(executives(person("Chloe", "1", tenure=2), plan=later))["Chloe"]

    assert chloe.ramp_factor == D("0.5")
    assert chloe.quota == D("2")


def test_a_ramp_fraction_the_rules_refuse_is_ignored() -> None:
    odd = Plan(annual_ote=D("96000"), monthly_quota=D("4"), commission_rate=D("0.1"), ramp=(D("0"), D("1.5")))

    assert ramp_factor(odd, 1, True) == 1
    assert ramp_factor(odd, 2, True) == 1


def test_a_ramped_person_is_measured_against_a_lower_quota_and_ote() -> None:
    # Dev in 2026-01: 4 deals in tenure month 1: quota 2, OTE 4000 + 4000 x 0.5
    dev = people_of(executives(person("Dev", "4", tenure=1)))["Dev"]

    assert (dev.quota, dev.ote) == (D("2.0"), D("6000"))
    assert (dev.quota_attainment_pct, dev.pay_attainment_pct) == (D("200"), D("100"))
    assert dev.status == "on_target"
    assert dev.earnings == D("8000")  # 4000 + 1000 x 4: paid on the full quota
    assert quantize(dev.ote_attainment_pct, 2) == D("133.33")
    assert (dev.gap, dev.units_short) == (D("2000"), D("0"))


def test_a_ramped_quota_never_caps_a_new_hire() -> None:
    capped = Plan(
        annual_ote=D("96000"), monthly_quota=D("4"), commission_rate=D("0.1"), cap_pct=D("100"), ramp=(D("0.5"),)
    )

    new_hire = people_of(executives(person("New", "4", tenure=1), plan=capped))["New"]

    assert new_hire.quota_attainment_pct == D("200")
    assert new_hire.pay_attainment_pct == D("100")
    assert new_hire.commission == D("4000")  # every deal paid, as anyone's at 100%


def test_a_ramped_persons_deals_pay_what_anyones_do() -> None:
    accelerating = Plan(
        annual_ote=D("96000"),
        monthly_quota=D("4"),
        commission_rate=D("0.1"),
        tiers=(Tier(D("0"), D("1")), Tier(D("100"), D("1.5"))),
        ramp=(D("0.5"),),
    )

    people = people_of(executives(person("New", "3", tenure=1), person("Old", "3"), plan=accelerating))

    assert people["New"].quota_attainment_pct == D("150")  # measured on the ramped quota
    assert people["New"].commission == people["Old"].commission == D("3000")  # paid at 75% of full quota


# --- A person's numbers --------------------------------------------------------------------


def test_a_setters_credited_deals_come_from_meetings_held_when_recorded() -> None:
    sdrs = executives(
        person("Dev", "40", meetings_held="12"),
        person("Eve", "50", meetings_held="13", credited_deals="6"),
        person("Fay", "20"),
        kind=SETTER,
    )

    people = people_of(sdrs)

    assert people["Dev"].credited_deals == D("3.6")  # 12 held x close 0.3
    assert people["Dev"].credited_deals_estimated is True
    assert people["Eve"].credited_deals == D("6")  # as recorded
    assert people["Fay"].credited_deals == D("3.0")  # 20 x show 0.5 x close 0.3


def test_recorded_earnings_are_kept_and_the_commission_is_still_computed() -> None:
    ben = people_of(executives(person("Ben", "2", earnings="5500")))["Ben"]

    assert ben.earnings == D("5500")
    assert ben.earnings_estimated is False
    assert ben.commission == D("2000")


def test_a_person_with_no_units_is_paid_base_and_is_short_a_whole_quota() -> None:
    idle = people_of(executives(person("Idle", "0")))["Idle"]

    assert (idle.earnings, idle.units_short, idle.status) == (D("4000"), D("4"), "below")


# --- Ranks --------------------------------------------------------------------------------


def test_equal_attainment_shares_a_rank_and_the_next_rank_skips() -> None:
    people = executives(  # by name, as the loader gives them: equals are listed in this order
        person("Ana", "4"),  # 100%
        person("Ben", "2"),  # 50%
        person("Chloe", "1", tenure=1),  # 1 / 2 = 50%
        person("Dev", "3", tenure=2),  # 3 / 3 = 100%
    )

    ranked = role_named(month_of(people), "Account Executives").people

    assert [(figures.person_id, figures.rank) for figures in ranked] == [
        ("Ana", 1),
        ("Dev", 1),
        ("Ben", 3),
        ("Chloe", 3),
    ]


def test_ranks_compare_unrounded_attainment() -> None:
    ranked = rank_order([("B", D("100.001")), ("A", D("100"))], lambda item: item[1])

    assert ranked == [(1, ("B", D("100.001"))), (2, ("A", D("100")))]


def test_unknown_attainment_ranks_last() -> None:
    ranked = rank_order([("A", None), ("B", D("10"))], lambda item: item[1])

    assert [(rank, item[0]) for rank, item in ranked] == [(1, "B"), (2, "A")]


# --- The role from its people -------------------------------------------------------------


def test_the_roles_figures_are_its_peoples_sums() -> None:
    january = example_month("2026-01", "people_team")

    executives_role = role_named(january, "Account Executives")
    actual = executives_role.actual
    assert actual is not None
    assert actual.source == "people"
    assert (actual.headcount, actual.units, actual.credited_deals) == (3, D("12"), D("12"))
    assert (actual.team_quota, actual.team_ote, actual.team_earnings) == (D("10.0"), D("22000"), D("24500"))
    assert actual.quota_attainment_pct == D("120")  # 12 / 10, not 4 per person / 4
    assert actual.units_short_per_person == D("0")


def test_missing_people_are_listed_in_the_order_given_and_count_nowhere() -> None:
    # The loader gives each role's people by name; the engine keeps that order.
    role = executives(person("Ana", "4"), person("Hal", None, tenure=1), person("Zed", None, tenure=1))

    metrics = month_of(role)

    executives_role = role_named(metrics, "Account Executives")
    assert executives_role.missing_people == ("Hal", "Zed")
    assert [figures.person_id for figures in executives_role.people] == ["Ana"]
    assert executives_role.actual.headcount == 1
    assert metrics.summary.total_ote == D("8000")
    assert [(item.role, item.people) for item in metrics.insights.missing_people] == [
        ("Account Executives", ("Hal", "Zed"))
    ]


def test_a_role_whose_people_have_no_numbers_has_no_data_and_lists_nobody() -> None:
    metrics = month_of(executives(person("Hal", None, tenure=1)))

    executives_role = role_named(metrics, "Account Executives")
    assert executives_role.status == "no_data"
    assert executives_role.missing_people == ()
    assert metrics.insights.missing_people == []


def test_a_role_with_people_but_no_plan_counts_nowhere() -> None:
    metrics = month_of(executives(person("Ana", "4"), person("Hal", None), plan=None))

    executives_role = role_named(metrics, "Account Executives")
    assert executives_role.status == "no_plan"
    assert executives_role.people == ()
    assert executives_role.actual.headcount == 1
    assert metrics.summary.total_ote == 0


def test_person_actuals_win_over_a_role_actual_given_beside_them() -> None:
    both = RoleInput(
        "Account Executives", "Account Executives", CLOSER, RAMPED, Actual(9, D("99")), (person("Ana", "4"),)
    )

    assert role_named(month_of(both), "Account Executives").actual.headcount == 1


# --- Statements ---------------------------------------------------------------------------


def test_a_statement_lists_a_persons_pay_band_by_band() -> None:
    march = example_month("2026-03", "people_team")

    ana = statement(march, "Ana Ruiz")

    assert ana is not None
    assert (ana.role, ana.tenure_month, ana.ramp_factor, ana.base) == ("Account Executives", 6, D("1"), D("4000"))
    assert [band.to_pct for band in ana.bands] == [D("100"), D("150"), D("200")]
    assert quantize(ana.commission, 2) == D("8375.00")
    assert quantize(ana.earnings, 2) == D("12375.00")
    assert ana.earnings_recorded is False


def test_a_statement_keeps_recorded_earnings_and_computes_the_commission() -> None:
    ben = statement(example_month("2026-02", "people_team"), "Ben Okafor")

    assert ben is not None
    assert (ben.earnings, ben.earnings_recorded, ben.commission) == (D("5500"), True, D("2000"))


def test_there_is_no_statement_for_someone_without_numbers() -> None:
    assert statement(example_month("2026-03", "people_team"), "Hal Novak") is None


def test_people_figures_sum_with_role_totals_elsewhere_in_the_month() -> None:
    partners = RoleInput("Partners", "Partners", CLOSER, CLOSER_PLAN, None)  # no data
    metrics = month_of(executives(person("Ana", "4")), partners)

    assert metrics.summary.deal_capacity == Decimal("4")


def test_a_ramped_person_knows_how_long_the_plan_ramps_them() -> None:
    # For the screens' "ramping · month 1 of 2"; nobody ramps on an assignment without ramp.
    dev = people_of(executives(person("Dev", "4", tenure=1)))["Dev"]
    moved = people_of(executives(person("Moved", "4", tenure=1, ramp=False)))["Moved"]

    assert (dev.tenure_month, dev.ramp_months) == (1, 2)
    assert moved.ramp_months == 0
