"""The models' own rules: checked by full_clean() for forms and imports, and by the database."""

from datetime import date
from decimal import Decimal

import pytest
from actuals_cases import NEXT_MONTH, NOT_STARTED, THIS_MONTH
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from compensation.models import ECONOMICS_FIELDS, PLAN_FIELDS, Economics, QuotaPlan, Role
from otesite.lib.parse import parse_month
from performance.models import MonthlyActual, MonthlyRevenue

JAN = parse_month("2026-01")


@pytest.fixture
def closers(db) -> Role:
    return Role.objects.create(name="Closers", kind="closer")


@pytest.fixture
def setters(db) -> Role:
    return Role.objects.create(name="Setters", kind="setter")


def _plan(role: Role, **changes) -> QuotaPlan:
    values = {
        "role": role,
        "effective_from": JAN,
        "annual_ote": Decimal("68040"),
        "annual_base": Decimal("0"),
        "monthly_quota": Decimal("5"),
        "commission_rate": Decimal("0.10"),
    }
    return QuotaPlan(**{**values, **changes})


def _economics(**changes) -> Economics:
    values = {
        "effective_from": JAN,
        "deal_value": Decimal("16200"),
        "upfront_rate": Decimal("0.7"),
        "show_rate": Decimal("0.25"),
        "close_rate": Decimal("0.25"),
        "cost_per_meeting": Decimal("100"),
    }
    return Economics(**{**values, **changes})


def _errors(instance) -> dict:
    with pytest.raises(ValidationError) as raised:
        instance.full_clean()
    return raised.value.message_dict


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"monthly_quota": Decimal("0")}, {"monthly_quota": ["Monthly quota must be greater than 0."]}),
        ({"annual_ote": Decimal("0")}, {"annual_ote": ["Annual OTE must be greater than 0."]}),
        ({"annual_base": Decimal("-1")}, {"annual_base": ["Annual base cannot be negative."]}),
        ({"annual_base": Decimal("70000")}, {"annual_base": ["Annual base cannot be more than annual OTE."]}),
        (
            {"commission_rate": Decimal("1.2")},
            {"commission_rate": ["Commission rate is a fraction from 0 to 1 (10% is 0.10)."]},
        ),
    ],
)
def test_a_plan_refuses_impossible_values(closers, changes, errors):
    assert _errors(_plan(closers, **changes)) == errors


def test_a_plan_holds_rates_like_an_eighth_and_deals_in_the_millions(closers):
    plan = _plan(closers, commission_rate=Decimal("0.125"), annual_ote=Decimal("2500000"))
    plan.full_clean()
    plan.save()
    economics = _economics(deal_value=Decimal("12500000.50"), upfront_rate=Decimal("0.125"))
    economics.full_clean()
    economics.save()

    plan, economics = QuotaPlan.objects.get(pk=plan.pk), Economics.objects.get(pk=economics.pk)
    # Read back as stored, not as held in memory: neither rounded nor cut.
    assert (plan.commission_rate, plan.annual_ote) == (Decimal("0.125"), Decimal("2500000"))
    assert (economics.deal_value, economics.upfront_rate) == (Decimal("12500000.50"), Decimal("0.125"))
    assert f"{economics.deal_value:f}" == "12500000.50"


def test_the_database_refuses_a_zero_quota_even_without_full_clean(closers):
    with pytest.raises(IntegrityError), transaction.atomic():
        _plan(closers, monthly_quota=Decimal("0")).save()


def test_there_is_one_plan_per_role_and_month(closers):
    _plan(closers).save()
    assert _errors(_plan(closers)) == {"__all__": ["Quota plan with this Role and Effective from already exists."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        _plan(closers).save()
    assert QuotaPlan.objects.count() == 1


RATE = ["A rate is a fraction from 0 to 1 (25% is 0.25)."]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"deal_value": Decimal("0")}, {"deal_value": ["Deal value must be greater than 0."]}),
        ({"upfront_rate": Decimal("1.01")}, {"upfront_rate": RATE}),
        ({"show_rate": Decimal("-0.1")}, {"show_rate": RATE}),
        ({"close_rate": Decimal("2")}, {"close_rate": RATE}),
        ({"cost_per_meeting": Decimal("-5")}, {"cost_per_meeting": ["Cost per meeting cannot be negative."]}),
        ({"exceeding_pct": Decimal("90")}, {"exceeding_pct": ["Exceeding starts at 100% of quota or above."]}),
    ],
)
def test_business_assumptions_refuse_impossible_values(db, changes, errors):
    assert _errors(_economics(**changes)) == errors


def test_a_month_is_always_stored_as_its_first_day(closers):
    actual = MonthlyActual.objects.create(role=closers, month="2026-03", headcount=8, units=Decimal("30"))
    actual.refresh_from_db()
    assert actual.month == parse_month("2026-03")
    assert str(actual) == "Closers 2026-03"


def test_an_actual_refuses_negative_numbers(closers):
    actual = MonthlyActual(role=closers, month=JAN, headcount=8, units=Decimal("-1"), earnings=Decimal("-5"))
    assert _errors(actual) == {"units": ["Cannot be negative."], "earnings": ["Cannot be negative."]}


def test_setters_cannot_hold_more_meetings_than_they_booked(setters):
    actual = MonthlyActual(role=setters, month=JAN, headcount=2, units=Decimal("80"), meetings_held=Decimal("81"))
    assert _errors(actual)["meetings_held"] == ["Meetings held cannot be more than the meetings booked (units)."]


def test_setters_cannot_be_credited_more_deals_than_meetings_held(setters):
    actual = MonthlyActual(
        role=setters,
        month=JAN,
        headcount=2,
        units=Decimal("80"),
        meetings_held=Decimal("20"),
        credited_deals=Decimal("21"),
    )
    assert _errors(actual)["credited_deals"] == ["A setter's credited deals cannot be more than the meetings held."]


def test_a_closers_credited_deals_are_not_held_to_meetings(closers):
    actual = MonthlyActual(
        role=closers,
        month=JAN,
        headcount=8,
        units=Decimal("30"),
        meetings_held=Decimal("20"),
        credited_deals=Decimal("25"),
    )
    actual.full_clean()  # a closer's meetings held are not what their deals come from
    actual.save()
    assert MonthlyActual.objects.values_list("credited_deals", "meetings_held").get() == (Decimal(25), Decimal(20))


def test_a_closers_meetings_held_are_still_held_to_its_units(closers):
    actual = MonthlyActual(role=closers, month=JAN, headcount=8, units=Decimal("3"), meetings_held=Decimal("4"))
    assert _errors(actual) == {"meetings_held": ["Meetings held cannot be more than the deals closed (units)."]}


def test_revenue_cannot_be_negative(db):
    assert _errors(MonthlyRevenue(month=JAN, revenue=Decimal("-1"))) == {"revenue": ["Revenue cannot be negative."]}


# --- A month that has not started (DOMAIN.md, "Inputs that cannot be true") ------------------


def test_an_actual_for_a_month_that_has_not_started_is_refused_naming_it(closers):
    actual = MonthlyActual(role=closers, month=parse_month(NEXT_MONTH), headcount=8, units=Decimal(30))
    with pytest.raises(ValidationError) as refused:
        actual.full_clean()
    assert refused.value.message_dict["month"] == [NOT_STARTED]


def test_revenue_for_a_month_that_has_not_started_is_refused_naming_it(db):
    with pytest.raises(ValidationError) as refused:
        MonthlyRevenue(month=parse_month(NEXT_MONTH), revenue=Decimal(1000)).full_clean()
    assert refused.value.message_dict["month"] == [NOT_STARTED]


def test_the_month_under_way_takes_actuals_and_revenue(closers):
    for record in (
        MonthlyActual(role=closers, month=parse_month(THIS_MONTH), headcount=8, units=Decimal(30)),
        MonthlyRevenue(month=parse_month(THIS_MONTH), revenue=Decimal(1000)),
    ):
        record.full_clean()
        record.save()
    assert MonthlyActual.objects.get().month == MonthlyRevenue.objects.get().month == parse_month(THIS_MONTH)


def test_plans_and_assumptions_may_start_in_a_month_that_has_not(closers):
    for record in (
        _economics(effective_from=parse_month(NEXT_MONTH)),
        _plan(closers, effective_from=parse_month(NEXT_MONTH)),
    ):
        record.full_clean()
        record.save()
    assert Economics.objects.get().effective_from == QuotaPlan.objects.get().effective_from == parse_month(NEXT_MONTH)


def test_a_stored_month_is_held_to_the_years_a_month_may_be(closers):
    actual = MonthlyActual(role=closers, month=date(9999, 12, 1), headcount=8, units=Decimal(30))
    with pytest.raises(ValidationError) as refused:
        actual.full_clean()
    assert "'9999-12' is out of range" in refused.value.message_dict["month"][0]


def test_the_one_list_of_plan_numbers_is_every_number_a_plan_has_besides_its_pay_curve():
    numbers = [f.name for f in QuotaPlan._meta.concrete_fields if isinstance(f, models.DecimalField)]
    assert [*PLAN_FIELDS, "cap_pct"] == numbers  # the cap, like tiers and ramp, is the pay curve


def test_the_one_list_of_assumptions_is_every_number_the_assumptions_have():
    numbers = [f.name for f in Economics._meta.concrete_fields if isinstance(f, models.DecimalField)]
    assert list(ECONOMICS_FIELDS) == numbers
