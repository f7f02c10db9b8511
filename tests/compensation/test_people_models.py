"""People, assignments, person actuals and pay curves: each rule of DOMAIN.md, as full_clean()
(the admin, forms and imports) and the database see it."""

from decimal import Decimal

import pytest
from actuals_cases import NEXT_MONTH, NOT_STARTED
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from compensation.models import Assignment, Person, PlanTier, QuotaPlan, Role
from otesite.lib.parse import parse_month
from performance.models import MonthlyActual, PersonActual

MARCH = parse_month("2026-03")


def refusal(instance) -> dict:
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def person(name: str) -> Person:
    return Person.objects.get(name=name)


def role(name: str) -> Role:
    return Role.objects.get(name=name)


# --- Assignments ------------------------------------------------------------------------------


def test_an_assignment_overlapping_another_of_the_same_person_is_refused(people_team):
    overlap = Assignment(person=person("Ana Ruiz"), role=role("SDRs"), start=parse_month("2026-01"))
    assert refusal(overlap) == {
        "__all__": ["Ana Ruiz already holds Account Executives from 2025-10; assignments overlap"]
    }


def test_an_assignment_after_the_last_one_ends_is_fine(people_team):
    earlier = Assignment(
        person=person("Dev Patel"), role=role("SDRs"), start=parse_month("2025-06"), end=parse_month("2025-12")
    )
    earlier.full_clean()
    earlier.save()
    assert [(a.role.name, f"{a.start:%Y-%m}") for a in person("Dev Patel").assignments.order_by("start")] == [
        ("SDRs", "2025-06"),
        ("Account Executives", "2026-01"),
        ("SDRs", "2026-03"),
    ]


def test_an_assignment_ending_before_it_starts_is_refused_and_the_database_agrees(people_team):
    backwards = Assignment(
        person=Person.objects.create(name="Ivy New"), role=role("SDRs"), start=MARCH, end=parse_month("2026-01")
    )
    assert refusal(backwards) == {"end": ["The last month cannot be before the first (start)."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        backwards.save()


def test_a_person_has_one_assignment_per_start_month(people_team):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(person=person("Ana Ruiz"), role=role("SDRs"), start=parse_month("2025-10"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's")
def test_on_postgresql_the_database_refuses_overlapping_assignments(people_team):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS assignments_never_overlap IMMEDIATE")
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(person=person("Ana Ruiz"), role=role("SDRs"), start=parse_month("2026-01"))


def test_a_login_belongs_to_at_most_one_person_and_many_may_have_none(people_team):
    assert Person.objects.filter(user__isnull=True).count() == 7
    ana = User.objects.create_user("ana")
    Person.objects.filter(name="Ana Ruiz").update(user=ana)
    assert refusal(Person(name="Another Ana", user=ana)) == {"user": ["Person with this Login already exists."]}
    assert person("Ana Ruiz").username == "ana"


# --- Person actuals ---------------------------------------------------------------------------


def test_person_actuals_need_an_assignment_in_force_that_month(people_team):
    actual = PersonActual(person=person("Hal Novak"), month=parse_month("2026-02"), units=Decimal("1"))
    assert refusal(actual) == {
        "__all__": ["Hal Novak has no assignment in 2026-02; a person's numbers count in the role they hold"]
    }


def test_person_actuals_are_refused_beside_a_role_total_naming_both(people_team):
    zoe = Person.objects.create(name="Zoe Partner")
    Assignment.objects.create(person=zoe, role=role("Partners"), start=parse_month("2026-01"))
    actual = PersonActual(person=zoe, month=MARCH, units=Decimal("1"))
    assert refusal(actual) == {
        "__all__": [
            "Partners has a role total for 2026-03, so Zoe Partner's numbers cannot go beside it; a role's month is"
            " kept one way or the other (role totals or person by person)"
        ]
    }


def test_a_role_total_is_refused_beside_person_actuals_naming_both(people_team):
    total = MonthlyActual(role=role("SDRs"), month=MARCH, headcount=2, units=Decimal("90"))
    assert refusal(total) == {
        "__all__": [
            "SDRs is kept person by person in 2026-03 (Dev Patel, Eve Tanaka), so a role total cannot go beside it;"
            " a role's month is kept one way or the other (role totals or person by person)"
        ]
    }


def test_a_role_total_for_a_month_nobody_recorded_is_fine(people_team):
    MonthlyActual(role=role("SDRs"), month=parse_month("2026-04"), headcount=2, units=Decimal("90")).full_clean()


def test_more_meetings_held_than_booked_is_refused(people_team):
    actual = PersonActual.objects.get(person__name="Eve Tanaka", month=MARCH)
    actual.meetings_held = Decimal("51")
    assert refusal(actual) == {"meetings_held": ["Meetings held cannot be more than the meetings booked (units)."]}


def test_a_setter_credited_with_more_deals_than_meetings_held_is_refused(people_team):
    actual = PersonActual.objects.get(person__name="Eve Tanaka", month=MARCH)
    actual.credited_deals = Decimal("14")
    assert refusal(actual) == {"credited_deals": ["A setter's credited deals cannot be more than the meetings held."]}


def test_a_closer_may_be_credited_without_meetings(people_team):
    actual = PersonActual.objects.get(person__name="Ana Ruiz", month=MARCH)
    actual.credited_deals = Decimal("9")
    actual.full_clean()
    actual.save()
    assert PersonActual.objects.get(pk=actual.pk).credited_deals == Decimal("9")


def test_a_closers_meetings_held_are_held_to_its_units_too(people_team):
    actual = PersonActual.objects.get(person__name="Ana Ruiz", month=MARCH)
    actual.meetings_held = actual.units + 1
    assert refusal(actual) == {"meetings_held": ["Meetings held cannot be more than the deals closed (units)."]}


def test_person_actuals_for_a_month_that_has_not_started_are_refused(people_team):
    actual = PersonActual(person=person("Ana Ruiz"), month=parse_month(NEXT_MONTH), units=Decimal("1"))
    assert refusal(actual) == {"month": [NOT_STARTED]}


def test_person_actuals_before_the_first_business_assumptions_are_refused(people_team):
    actual = PersonActual(person=person("Ana Ruiz"), month=parse_month("2025-12"), units=Decimal("1"))
    assert refusal(actual)["month"] == [
        "2025-12 is before the first business assumptions (2026-01); an admin must set assumptions for it first"
    ]


@pytest.mark.parametrize("field", ["units", "credited_deals", "meetings_held", "earnings"])
def test_the_database_refuses_negative_person_numbers(people_team, field):
    actual = PersonActual.objects.get(person__name="Ana Ruiz", month=MARCH)
    setattr(actual, field, Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        actual.save()


# --- Pay curves -------------------------------------------------------------------------------


def test_a_cap_of_0_is_refused(people_team):
    plan = QuotaPlan.objects.get(role__name="Partners")
    plan.cap_pct = Decimal("0")
    assert refusal(plan) == {"cap_pct": ["Cap must be greater than 0 (attainment beyond which nothing more is paid)."]}


@pytest.mark.parametrize("ramp", [(Decimal("0"),), (Decimal("0.5"), Decimal("1.5"))])
def test_a_ramp_fraction_outside_0_to_1_is_refused(people_team, ramp):
    plan = QuotaPlan.objects.get(role__name="Partners")
    plan.ramp = ramp
    assert "must be above 0 and at most 1" in refusal(plan)["ramp"][0]


def test_a_ramp_is_typed_as_fractions_and_read_back_as_decimals(people_team):
    plan = QuotaPlan.objects.get(role__name="Partners")
    plan.ramp = "0.5, 0.750"
    plan.full_clean()
    plan.save()
    plan.refresh_from_db()
    assert plan.ramp == (Decimal("0.5"), Decimal("0.75"))


def test_a_ramp_that_is_not_numbers_is_refused_in_the_parsers_words(people_team):
    plan = QuotaPlan.objects.get(role__name="Partners")
    plan.ramp = "half, 0.75"
    assert refusal(plan)["ramp"] == ['entry 1 must be a number ≥ 0 (got "half")']


def test_a_negative_multiplier_is_refused_and_the_database_agrees(people_team):
    tier = PlanTier(plan=QuotaPlan.objects.get(role__name="Partners"), from_pct=Decimal("0"), multiplier=Decimal("-1"))
    assert refusal(tier) == {"multiplier": ["A multiplier is 0 or more."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        tier.save()


def test_a_plan_has_one_band_per_starting_point(people_team):
    plan = QuotaPlan.objects.get(role__name="SDRs")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanTier.objects.create(plan=plan, from_pct=Decimal("50"), multiplier=Decimal("3"))


# --- Admin ------------------------------------------------------------------------------------


def _plan_form(plan: QuotaPlan, tiers: list[tuple[str, str]]) -> dict:
    data = {
        "role": plan.role_id,
        "effective_from": "2026-01",
        "annual_ote": "60000",
        "annual_base": "0",
        "monthly_quota": "2",
        "commission_rate": "0.1",
        "cap_pct": "",
        "ramp": "50, 75",  # percent of quota
        "confirm_repricing": "on",
        "tiers-TOTAL_FORMS": str(len(tiers)),
        "tiers-INITIAL_FORMS": "0",
    }
    for index, (from_pct, multiplier) in enumerate(tiers):
        data[f"tiers-{index}-from_pct"] = from_pct
        data[f"tiers-{index}-multiplier"] = multiplier
    return data


def test_the_plan_admin_edits_bands_inline_and_the_ramp_as_one_field(as_admin, people_team):
    plan = QuotaPlan.objects.get(role__name="Partners")
    url = reverse("admin:compensation_quotaplan_change", args=[plan.pk])
    response = as_admin.post(url, _plan_form(plan, [("100", "1.5"), ("0", "1")]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert [(t.from_pct, t.multiplier) for t in plan.tiers.order_by("from_pct")] == [
        (Decimal("0"), Decimal("1")),
        (Decimal("100"), Decimal("1.5")),
    ]
    assert plan.ramp == (Decimal("0.5"), Decimal("0.75"))
    assert 'value="50, 75"' in as_admin.get(url).content.decode()


def test_the_plan_admin_refuses_bands_that_do_not_start_at_0(as_admin, people_team):
    plan = QuotaPlan.objects.get(role__name="Partners")
    url = reverse("admin:compensation_quotaplan_change", args=[plan.pk])
    versions = QuotaPlan.history.count()
    response = as_admin.post(url, _plan_form(plan, [("50", "1")]))
    assert response.status_code == 200
    assert "The lowest band&#x27;s from % must be 0: the first band starts at 0% of quota." in response.content.decode()
    assert not plan.tiers.exists()
    plan.refresh_from_db()
    assert plan.ramp == ()  # the form's ramp (50, 75) was not saved without its bands
    assert QuotaPlan.history.count() == versions


def test_the_person_admin_shows_assignments_inline(as_admin, people_team):
    url = reverse("admin:compensation_person_change", args=[person("Dev Patel").pk])
    page = as_admin.get(url).content.decode()
    assert "assignments-TOTAL_FORMS" in page
    assert 'value="2026-03"' in page


def test_the_person_admin_refuses_an_overlapping_assignment(as_admin, people_team):
    dev = person("Dev Patel")
    url = reverse("admin:compensation_person_change", args=[dev.pk])
    data = {
        "name": "Dev Patel",
        "email": "",
        "user": "",
        "login_active": "on",
        "assignments-TOTAL_FORMS": "3",
        "assignments-INITIAL_FORMS": "2",
    }
    for index, assignment in enumerate(dev.assignments.order_by("start")):
        data |= {
            f"assignments-{index}-id": assignment.pk,
            f"assignments-{index}-person": dev.pk,
            f"assignments-{index}-role": assignment.role_id,
            f"assignments-{index}-start": f"{assignment.start:%Y-%m}",
            f"assignments-{index}-end": f"{assignment.end:%Y-%m}" if assignment.end else "",
            f"assignments-{index}-ramp": "on" if assignment.ramp else "",
        }
    data |= {
        "assignments-2-person": dev.pk,
        "assignments-2-role": role("Head of Sales").pk,
        "assignments-2-start": "2026-04",
    }
    response = as_admin.post(url, data)
    assert response.status_code == 200
    assert "Dev Patel already holds SDRs from 2026-03; assignments overlap" in response.content.decode()
    assert dev.assignments.count() == 2


def test_the_admin_lists_people_assignments_and_person_actuals(as_admin, people_team):
    counts = {
        "compensation_person": Person.objects.count(),
        "compensation_assignment": Assignment.objects.count(),
        "performance_personactual": PersonActual.objects.count(),
    }
    for name, count in counts.items():
        response = as_admin.get(reverse(f"admin:{name}_changelist"))
        assert response.status_code == 200
        assert response.context["cl"].result_count == count > 0
        assert "Ana Ruiz" in response.content.decode()
