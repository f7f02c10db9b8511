"""The admin refuses every change that would alter an approved month: its change and add forms
(the models' clean()), its delete page and "delete selected" action, the inline rows of a plan
(bands) and a person (assignments), and its CSV import; and stores nothing."""

import html
from datetime import date

import pytest
from admin_cases import admin_form, admin_url, inline_rows
from closing_cases import APRIL, FEBRUARY, JANUARY, LOCKED_FEBRUARY, LOCKED_MARCH, MARCH, stored
from django.urls import reverse

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from performance.models import MonthlyActual, MonthlyRevenue, PersonActual


def text(response) -> str:
    return html.unescape(response.content.decode())


CHANGES = {
    "actual": (lambda: MonthlyActual.objects.get(month=MARCH), {"units": "9"}, LOCKED_MARCH),
    "person actual": (
        lambda: PersonActual.objects.get(person__name="Ana Ruiz", month=FEBRUARY),
        {"units": "9"},
        LOCKED_FEBRUARY,
    ),
    "moved out of the month": (
        lambda: PersonActual.objects.get(person__name="Ana Ruiz", month=MARCH),
        {"month": "2026-04"},
        LOCKED_MARCH,
    ),
    "revenue": (lambda: MonthlyRevenue.objects.get(month=FEBRUARY), {"revenue": "1"}, LOCKED_FEBRUARY),
    "plan": (
        lambda: QuotaPlan.objects.get(role__name="Account Executives", effective_from=JANUARY),
        {"annual_ote": "100000"},
        LOCKED_FEBRUARY,
    ),
    "business assumptions": (
        lambda: Economics.objects.get(),
        {"deal_value": "25000"},
        "2026-02 and 2026-03 are approved; reopen them to change their numbers",
    ),
    "assignment": (lambda: Assignment.objects.get(person__name="Hal Novak"), {"ramp": ""}, LOCKED_MARCH),
    "a person's name": (
        lambda: Person.objects.get(name="Chloe Martin"),
        {"name": "Chloe Martin-Roy"},
        "2026-02 and 2026-03 are approved",
    ),
}


@pytest.mark.parametrize(("record", "changes", "message"), CHANGES.values(), ids=CHANGES.keys())
def test_a_change_form_refuses_a_change_to_an_approved_month(approved_team, as_admin, record, changes, message):
    instance = record()
    form = admin_form(instance, **changes)
    if changes.get("ramp") == "":
        del form["ramp"]  # an unticked box is not posted
    before = stored()

    response = as_admin.post(admin_url(instance), form)

    assert response.status_code == 200  # the form again, with the reason
    assert message in text(response)
    assert stored() == before


@pytest.mark.parametrize(("record", "changes", "message"), CHANGES.values(), ids=CHANGES.keys())
def test_a_change_form_saved_as_it_is_still_saves(approved_team, as_admin, record, changes, message):
    instance = record()
    response = as_admin.post(admin_url(instance), admin_form(instance))
    assert response.status_code == 302, text(response)


def test_an_add_form_refuses_a_new_plan_version_or_person_actual_in_an_approved_month(approved_team, as_admin):
    sdrs = QuotaPlan.objects.get(role__name="SDRs")
    hal = Person.objects.get(name="Hal Novak")
    before = stored()

    plan = as_admin.post(
        reverse("admin:compensation_quotaplan_add"), admin_form(sdrs, effective_from="2026-03", annual_ote="70000")
    )
    actual = as_admin.post(
        reverse("admin:performance_personactual_add"), {"person": hal.pk, "month": "2026-03", "units": "1"}
    )

    assert LOCKED_MARCH in text(plan)
    assert LOCKED_MARCH in text(actual)
    assert stored() == before


def test_a_plan_version_after_the_approved_months_is_added(approved_team, as_admin):
    sdrs = QuotaPlan.objects.get(role__name="SDRs")
    response = as_admin.post(
        reverse("admin:compensation_quotaplan_add"), admin_form(sdrs, effective_from="2026-04", annual_ote="70000")
    )
    assert response.status_code == 302
    assert QuotaPlan.objects.filter(role__name="SDRs", effective_from=date(2026, 4, 1)).exists()


DELETES = {
    "actual": (lambda: MonthlyActual.objects.get(month=MARCH), LOCKED_MARCH),
    "person actual": (lambda: PersonActual.objects.get(person__name="Ana Ruiz", month=FEBRUARY), LOCKED_FEBRUARY),
    "revenue": (lambda: MonthlyRevenue.objects.get(month=FEBRUARY), LOCKED_FEBRUARY),
    "plan": (lambda: QuotaPlan.objects.get(role__name="Account Executives", effective_from=MARCH), LOCKED_MARCH),
    "business assumptions": (lambda: Economics.objects.get(), "2026-02 and 2026-03 are approved"),
    "assignment": (lambda: Assignment.objects.get(person__name="Hal Novak"), LOCKED_MARCH),
    "a person and their assignment": (lambda: Person.objects.get(name="Hal Novak"), LOCKED_MARCH),
}


@pytest.mark.parametrize(("record", "message"), DELETES.values(), ids=DELETES.keys())
def test_the_delete_page_refuses_naming_the_month(approved_team, as_admin, record, message):
    instance = record()
    before = stored()

    page = as_admin.get(admin_url(instance, "delete"))
    confirmed = as_admin.post(admin_url(instance, "delete"), {"post": "yes"})

    assert message in text(page)
    assert confirmed.status_code == 200
    assert message in text(confirmed)
    assert type(instance).objects.filter(pk=instance.pk).exists()
    assert stored() == before


@pytest.mark.parametrize(("record", "message"), DELETES.values(), ids=DELETES.keys())
def test_delete_selected_refuses_naming_the_month(approved_team, as_admin, record, message):
    instance = record()
    before = stored()

    response = as_admin.post(
        admin_url(instance, "changelist"),
        {"action": "delete_selected", "_selected_action": [instance.pk], "post": "yes"},
    )

    assert message in text(response)
    assert stored() == before


def test_deleting_what_no_approved_month_needs_still_works(approved_team, as_admin):
    january = PersonActual.objects.get(person__name="Ana Ruiz", month=JANUARY)
    response = as_admin.post(admin_url(january, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not PersonActual.objects.filter(pk=january.pk).exists()


def test_deleting_a_band_of_a_plan_in_force_in_an_approved_month_is_refused(approved_team, as_admin):
    plan = QuotaPlan.objects.get(role__name="SDRs")
    rows = [
        {"id": tier.pk, "plan": plan.pk, "from_pct": tier.from_pct, "multiplier": tier.multiplier}
        for tier in plan.tiers.all()
    ]
    form = admin_form(plan) | inline_rows("tiers", rows, delete=2)
    before = stored()

    response = as_admin.post(admin_url(plan), form)

    assert response.status_code == 200
    assert "2026-02 and 2026-03 are approved; reopen them to change their numbers" in text(response)
    assert PlanTier.objects.filter(plan=plan).count() == 3
    assert stored() == before


def test_deleting_an_assignment_in_the_person_form_is_refused(approved_team, as_admin):
    hal = Person.objects.get(name="Hal Novak")
    assignment = hal.assignments.get()
    row = {"id": assignment.pk, "person": hal.pk, "role": assignment.role_id, "start_text": "2026-03", "ramp": "on"}
    form = admin_form(hal) | inline_rows("assignments", [row], delete=0)
    before = stored()

    response = as_admin.post(admin_url(hal), form)

    assert response.status_code == 200
    assert LOCKED_MARCH in text(response)
    assert stored() == before


def new_person_with(client, start: str):
    role = Role.objects.get(name="Account Executives")
    row = {"role": role.pk, "start_text": start, "end_text": "", "ramp": "on"}
    form = {"name": "Ivy Chen", "email": "", "username": ""} | inline_rows("assignments", [row], initial=0)
    return client.post(reverse("admin:compensation_person_add"), form)


def test_a_new_person_with_an_assignment_in_an_approved_month_is_refused(approved_team, as_admin):
    before = stored()

    response = new_person_with(as_admin, "2026-02")

    assert response.status_code == 200  # the form again, with the reason
    assert "2026-02 and 2026-03 are approved; reopen them to change their numbers" in text(response)
    assert not Person.objects.filter(name="Ivy Chen").exists()
    assert stored() == before


def test_a_new_person_assigned_after_the_approved_months_is_added(approved_team, as_admin):
    response = new_person_with(as_admin, "2026-04")

    assert response.status_code == 302, text(response)
    assert Assignment.objects.get(person__name="Ivy Chen").start == APRIL
