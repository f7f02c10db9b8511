"""Plan fixes: the three single changes that align a plan, each exact, each null where it would
break a rule or cannot be computed."""

from dataclasses import replace
from decimal import Decimal

import pytest
from engine_cases import CLOSER_PLAN, MANAGER_PLAN, SETTER_PLAN, D, economics, example_inputs, load_example

from otesite.lib.formatting import settle
from performance.engine import ALIGNED, CLOSER, MANAGER, SETTER, Plan, Tier, plan_figures, plan_fixes
from performance.engine.plan import alignment_ratio

FIELDS = {
    "commission_rate": "aligned_commission_rate",
    "monthly_quota": "aligned_monthly_quota",
    "annual_ote": "aligned_annual_ote",
}


def test_the_worked_examples_setters_are_fixed_as_domain_md_says():
    fixes = plan_fixes(SETTER, SETTER_PLAN, economics())

    # "Setters: commission rate 5.0% → 20.0%, or quota 40 → 160 meetings, or OTE $68,040 → $17,010"
    assert fixes.aligned_commission_rate == D("0.2")
    assert fixes.aligned_monthly_quota == D("160")
    assert fixes.aligned_annual_ote == D("17010")


def test_an_aligned_plan_needs_no_fix():
    assert plan_fixes(CLOSER, CLOSER_PLAN, economics()) is None


def every_plan_that_needs_a_fix():
    for name, month in (("insurance_agency", "2026-03"), ("people_team", "2026-01"), ("people_team", "2026-03")):
        workspace, _ = load_example(name)
        month_economics, roles, _ = example_inputs(workspace, month)
        for role in roles:
            if plan_fixes(role.kind, role.plan, month_economics) is not None:
                yield pytest.param(role.kind, role.plan, month_economics, id=f"{name}-{month}-{role.name}")


@pytest.mark.parametrize(("kind", "plan", "month_economics"), list(every_plan_that_needs_a_fix()))
@pytest.mark.parametrize("field", FIELDS)
def test_each_fix_applied_aligns_the_plan_with_a_ratio_of_exactly_one(kind, plan, month_economics, field):
    value = getattr(plan_fixes(kind, plan, month_economics), FIELDS[field])
    fixed = replace(plan, **{field: value})

    assert settle(alignment_ratio(kind, fixed, month_economics)) == 1
    assert plan_figures(kind, fixed, month_economics).alignment == ALIGNED


def test_the_examples_have_plans_of_every_kind_to_fix():
    kinds = {param.values[0] for param in every_plan_that_needs_a_fix()}

    assert kinds == {CLOSER, SETTER, MANAGER}


def test_a_rate_above_one_is_no_fix():
    # OTE $60,000 from 1 meeting a month at 6.25% of meetings closing would need a rate of 4.4.
    plan = Plan(annual_ote=D("60000"), monthly_quota=D("1"), commission_rate=D("0.05"))

    fixes = plan_fixes(SETTER, plan, economics())

    assert fixes.aligned_commission_rate is None
    assert fixes.aligned_monthly_quota is not None


def test_a_plan_whose_units_pay_nothing_can_only_be_fixed_by_its_ote():
    plan = replace(MANAGER_PLAN, commission_rate=Decimal(0))

    fixes = plan_fixes(MANAGER, plan, economics())

    assert fixes.aligned_commission_rate is not None  # a rate can still be given
    assert fixes.aligned_monthly_quota is None  # no quota pays anything at a rate of 0
    assert fixes.aligned_annual_ote is None  # it would be an OTE of 0


def test_a_curve_that_pays_nothing_at_quota_has_no_rate_or_quota_fix():
    plan = replace(CLOSER_PLAN, annual_ote=D("100000"), tiers=(Tier(D(0), D(0)),))

    fixes = plan_fixes(CLOSER, plan, economics())

    assert fixes.aligned_commission_rate is None
    assert fixes.aligned_monthly_quota is None


def test_fixes_go_through_the_pay_curve():
    # Half pay up to 50% of quota, then full: 75 points paid at quota, so the quota must be 4/3.
    plan = replace(CLOSER_PLAN, tiers=(Tier(D(0), D("0.5")), Tier(D(50), D(1))))

    fixes = plan_fixes(CLOSER, plan, economics())

    assert fixes.aligned_monthly_quota == D(5) / D("0.75")
    assert fixes.aligned_annual_ote == 12 * D("1134") * 5 * D("0.75")


def test_a_plans_figures_carry_its_fixes():
    assert plan_figures(SETTER, SETTER_PLAN, economics()).fixes == plan_fixes(SETTER, SETTER_PLAN, economics())
    assert plan_figures(CLOSER, CLOSER_PLAN, economics()).fixes is None
