import json
from datetime import date
from decimal import Decimal

import pytest
from conftest import EXAMPLES, build_history
from engine_cases import written

from compensation.models import Assignment, Person, QuotaPlan, Role
from otesite.lib.months import add_months, months_between
from otesite.lib.parse import parse_month
from otesite.permissions import EVERYONE
from performance.documents.metrics import to_metrics_json
from performance.engine import PersonActual as PersonActualInput
from performance.engine import Tier
from performance.loader import QUERIES, History, load_month, load_range, months_with_data


@pytest.fixture
def expected() -> dict:
    return json.loads((EXAMPLES / "insurance_agency.expected.json").read_text())


def test_it_reproduces_the_worked_example_from_the_database(example_agency, expected):
    computed = load_range(parse_month("2026-01"), parse_month("2026-03"), scope=EVERYONE)
    for month, value in computed.items():
        assert written(to_metrics_json(value, include_text=False, names=computed.names)) == expected[f"{month:%Y-%m}"]


def test_a_single_month_matches_the_range(example_agency):
    march = parse_month("2026-03")
    assert load_month(march, scope=EVERYONE) == load_range(parse_month("2026-01"), march, scope=EVERYONE)[march]


def test_a_month_before_any_business_assumptions_has_no_metrics(example_agency):
    assert load_month(parse_month("2025-12"), scope=EVERYONE) is None


def test_it_lists_the_months_that_have_actuals(example_agency):
    assert months_with_data() == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]


def test_it_keeps_past_months_when_a_plan_changes(example_agency):
    before = load_month(parse_month("2026-02"), scope=EVERYONE)
    QuotaPlan.objects.create(
        role=example_agency["Setters"],
        effective_from=parse_month("2026-03"),
        annual_ote=Decimal("68040"),
        monthly_quota=Decimal("160"),
        commission_rate=Decimal("0.05"),
    )
    assert load_month(parse_month("2026-02"), scope=EVERYONE) == before
    march = load_month(parse_month("2026-03"), scope=EVERYONE)
    setters = next(role for role in march.roles if role.role == "Setters")
    assert setters.plan.monthly_quota == Decimal("160")


def test_roles_without_a_plan_or_an_actual_that_month_are_left_out(example_agency):
    Role.objects.create(name="Account managers", kind="closer")
    names = [role.role for role in load_month(parse_month("2026-03"), scope=EVERYONE).roles]
    assert names == ["Closers", "Setters", "Manager"]


def test_loading_takes_eleven_queries():
    # Roles, plans, their tiers, business assumptions, role actuals, revenue, assignments
    # (with their people), person actuals, approved months' inputs, deals and their closers.
    assert QUERIES == 11


@pytest.mark.parametrize("months", [3, 60])
def test_loading_a_range_takes_the_same_queries_however_long_the_history(db, django_assert_num_queries, months):
    last = build_history(months)
    with django_assert_num_queries(QUERIES):
        computed = load_range(date(2020, 1, 1), last, scope=EVERYONE)
    assert len(computed) == months


@pytest.mark.parametrize("people", [10, 200])
@pytest.mark.parametrize("months", [1, 24])
def test_loading_people_takes_the_same_queries_however_many_people_and_months(
    db, django_assert_num_queries, months, people
):
    last = build_history(24, people=people)
    first = add_months(last, 1 - months)
    with django_assert_num_queries(QUERIES):
        history = History(first, last, scope=EVERYONE)
        inputs = [history.role_inputs_at(month) for month in months_between(first, last)]
        computed = [history.month(month) for month in months_between(first, last)]
    assert len(computed) == months
    executives = [next(role for role in month if role.name == "Account Executives") for month in inputs]
    assert all(role.people for role in executives)
    assert all(role.plan.tiers and role.plan.ramp == (Decimal("0.5"), Decimal("0.75")) for role in executives)
    assert sum(len(role.people) for role in executives) == sum(
        Assignment.objects.filter(role__name="Account Executives").overlapping(month, month).count()
        for month in months_between(first, last)
    )


def test_months_kept_only_person_by_person_have_data(people_team):
    assert months_with_data() == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]


def test_it_hands_the_engine_everyone_assigned_with_tenure_ramp_and_numbers(people_team):
    march = parse_month("2026-03")
    history = History(march, march, scope=EVERYONE)
    names = history.names
    roles = {role.name: role for role in history.role_inputs_at(march)}
    executives = roles["Account Executives"]
    assert executives.plan.tiers == (
        Tier(Decimal("0"), Decimal("1")),
        Tier(Decimal("100"), Decimal("1.5")),
        Tier(Decimal("150"), Decimal("2")),
    )
    assert (executives.plan.cap_pct, executives.plan.ramp) == (Decimal("200"), (Decimal("0.5"), Decimal("0.75")))
    assert executives.plan.monthly_quota == Decimal("4.5")  # the plan in force in March
    assert [(names[p.id], p.start, p.tenure_month, p.ramp) for p in executives.people] == [
        ("Ana Ruiz", "2025-10", 6, True),
        ("Ben Okafor", "2025-10", 6, True),
        ("Chloe Martin", "2026-02", 2, True),
        ("Hal Novak", "2026-03", 1, True),
    ]
    assert executives.people[2].actual == PersonActualInput(units=Decimal("3.375"))
    assert executives.actual is None
    dev = roles["SDRs"].people[0]
    assert (names[dev.id], dev.tenure_month, dev.ramp) == ("Dev Patel", 1, False)  # a promotion: no ramp
    assert roles["Partners"].actual.headcount == 2 and roles["Partners"].people == ()


def test_someone_assigned_without_numbers_is_listed_without_them(people_team):
    january = parse_month("2026-01")
    history = History(january, january, scope=EVERYONE)
    roles = {role.name: role for role in history.role_inputs_at(january)}
    assert [(history.names[p.id], p.actual is None) for p in roles["Account Executives"].people] == [
        ("Ana Ruiz", False),
        ("Ben Okafor", False),
        ("Dev Patel", False),
    ]
    Assignment.objects.create(
        person=Person.objects.create(name="Ivy New"), role=Role.objects.get(name="SDRs"), start=january
    )
    history = History(january, january, scope=EVERYONE)
    roles = {role.name: role for role in history.role_inputs_at(january)}
    assert [(history.names[p.id], p.actual) for p in roles["SDRs"].people][1] == ("Ivy New", None)
