"""An assignment's start and end in the admin as a month or a day (DOMAIN.md's *Days*), on its
own page and inline on a person: `2026-03` or `2026-03-15`, with clear errors."""

from datetime import date

import pytest
from admin_cases import admin_form, admin_url, inline_rows

from compensation.models import Assignment, Person, Role


@pytest.fixture
def hal(people_team) -> Assignment:
    return Assignment.objects.get(person__name="Hal Novak")


def test_a_start_on_a_day_is_stored_as_its_month_and_day(as_admin, hal):
    response = as_admin.post(admin_url(hal), admin_form(hal, start_text="2026-03-16", end_text="2026-05"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    hal.refresh_from_db()
    assert (hal.start, hal.start_day, hal.end, hal.end_day) == (date(2026, 3, 1), 16, date(2026, 5, 1), None)
    assert hal.start_text == "2026-03-16"


def test_an_end_on_a_day_and_back_to_whole_months(as_admin, hal):
    as_admin.post(admin_url(hal), admin_form(hal, start_text="2026-03-16", end_text="2026-06-10"))
    hal.refresh_from_db()
    assert (hal.end, hal.end_day) == (date(2026, 6, 1), 10)

    as_admin.post(admin_url(hal), admin_form(hal, start_text="2026-03", end_text=""))
    hal.refresh_from_db()
    assert (hal.start_day, hal.end, hal.end_day) == (None, None, None)


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        ("2026-02-30", "", "start_text", '"2026-02-30" is not a day of the calendar'),
        ("March", "", "start_text", "is not a month or a date; write YYYY-MM, or YYYY-MM-DD for a day"),
        ("2026-03", "2026-13", "end_text", '2026-13" is not a month or a date'),
        ("2026-03-20", "2026-03-10", "end_text", "The last day cannot be before the first (start)."),
    ],
)
def test_a_bad_start_or_end_is_refused_with_a_clear_error(as_admin, hal, start, end, field, words):
    response = as_admin.post(admin_url(hal), admin_form(hal, start_text=start, end_text=end))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert any(words in message for message in errors.get(field, []) + errors.get("__all__", [])), errors
    hal.refresh_from_db()
    assert (hal.start, hal.start_day) == (date(2026, 3, 1), None)


def test_a_person_with_an_assignment_from_a_day_inline(as_admin, people_team):
    role = Role.objects.get(name="SDRs")
    row = {"role": role.pk, "start_text": "2026-03-20", "end_text": "", "ramp": "on"}
    form = {"name": "Ivy Chen", "email": "", "username": ""} | inline_rows("assignments", [row], initial=0)

    response = as_admin.post("/admin/compensation/person/add/", form)

    assert response.status_code == 302
    ivy = Person.objects.get(name="Ivy Chen").assignments.get()
    assert (ivy.start, ivy.start_day) == (date(2026, 3, 1), 20)
