"""Entering a month person by person at /actuals/YYYY-MM/: which roles are kept by person, a
row per person assigned, the same checks and live preview, one transaction with the role totals."""

import html
from datetime import date
from decimal import Decimal

import pytest

from compensation.models import Assignment, Person, Role
from otesite.permissions import EVERYONE
from performance.loader import QUERIES, History
from performance.models import MonthlyActual, PersonActual
from performance.web.person_entry import roles_kept_by_person

MARCH, APRIL = date(2026, 3, 1), date(2026, 4, 1)


def text(response) -> str:
    return html.unescape(response.content.decode())


def person_id(name: str) -> int:
    return Person.objects.get(name=name).pk


def field(name: str, column: str) -> str:
    return f"person-{person_id(name)}-{column}"


def page_data(client, month: str = "2026-03", **changes: str) -> dict:
    """Both forms as the page fills them, with `changes` by field name."""
    response = client.get(f"/actuals/{month}/")
    data = {}
    for form in (response.context["form"], response.context["people"]):
        for name in form.fields:
            value = form[name].value()
            data[name] = "" if value is None else str(value)
    return data | changes


def kept(month: date) -> list[str]:
    history = History(date(month.year, month.month - 1, 1), month, scope=EVERYONE)
    return sorted(role.name for role in Role.objects.filter(pk__in=roles_kept_by_person(history, month)))


def stored() -> list:
    return list(PersonActual.objects.order_by("pk").values_list("person__name", "month", "units", "meetings_held"))


# --- Which roles are kept by person --------------------------------------------------------


def test_a_role_with_person_actuals_is_kept_by_person_and_one_with_a_total_is_not(people_team):
    assert kept(MARCH) == ["Account Executives", "Head of Sales", "SDRs"]  # Partners: a role total


def test_a_month_not_entered_yet_follows_the_month_before(people_team):
    assert kept(APRIL) == ["Account Executives", "Head of Sales", "SDRs"]


def test_a_new_role_with_people_starts_person_by_person(people_team):
    scouts = Role.objects.create(name="Scouts", kind="setter")
    Assignment.objects.create(person=Person.objects.create(name="Sam Scout"), role=scouts, start=APRIL)
    assert "Scouts" in kept(APRIL)


def test_assigning_someone_to_a_role_kept_as_totals_does_not_switch_it(people_team):
    partners = Role.objects.get(name="Partners")
    Assignment.objects.create(person=Person.objects.create(name="Pat Partner"), role=partners, start=APRIL)
    assert "Partners" not in kept(APRIL)


# --- The page ------------------------------------------------------------------------------


def test_the_page_has_a_row_per_person_assigned_and_role_totals_for_the_others(as_manager, people_team):
    response = as_manager.get("/actuals/2026-03/")
    people, roles = response.context["people"], response.context["form"]

    assert [row.role.name for row in roles.rows()] == ["Partners"]
    assert [(group.role.name, [row.name for row in group.rows]) for group in people.groups()] == [
        ("Account Executives", ["Ana Ruiz", "Ben Okafor", "Chloe Martin", "Hal Novak"]),
        ("SDRs", ["Dev Patel", "Eve Tanaka"]),
        ("Head of Sales", ["Gina Rossi"]),
    ]
    assert people[field("Ana Ruiz", "units")].value() == "7"
    assert people[field("Hal Novak", "units")].value() == ""
    assert 'Hal Novak <span class="muted">(no numbers yet)</span>' in text(response)


def test_each_person_field_is_checked_as_you_leave_it(as_manager, people_team):
    name = field("Hal Novak", "units")
    page = text(as_manager.get("/actuals/2026-03/"))
    assert f'hx-get="/actuals/2026-03/check/?field={name}"' in page

    response = as_manager.get("/actuals/2026-03/check/", {"field": name, name: "lots"})
    assert response.status_code == 200
    assert 'must be a number ≥ 0 (got "lots")' in text(response)
    assert f'id="error-{name}"' in text(response)


def test_the_preview_ranks_people_from_the_unsaved_numbers(as_manager, people_team):
    before = stored()
    data = page_data(as_manager, **{field("Hal Novak", "units"): "9"})
    response = as_manager.get("/actuals/2026-03/preview/", data, headers={"HX-Request": "true"})
    preview = text(response)

    executives = preview[preview.index("Account Executives, person by person") :]
    # Hal in his first month: 9 deals against a ramped 2.25 = 400%, first.
    assert executives.index("Hal Novak") < executives.index("Ana Ruiz")
    assert "400.0%" in executives
    assert "no numbers" not in executives[: executives.index("</caption>")]
    assert stored() == before  # previewing is not saving


def test_the_preview_names_who_would_be_missing(as_manager, people_team):
    preview = text(as_manager.get("/actuals/2026-03/preview/", page_data(as_manager), headers={"HX-Request": "true"}))
    assert "no numbers: Hal Novak" in preview


# --- Saving --------------------------------------------------------------------------------


def test_saving_writes_the_people_and_the_role_totals_in_one_go(as_manager, people_team, manager):
    data = page_data(
        as_manager, **{field("Ana Ruiz", "units"): "8", field("Hal Novak", "units"): "2", "revenue": "150000"}
    )
    partners = Role.objects.get(name="Partners")
    data[f"{partners.pk}-units"] = "4"

    response = as_manager.post("/actuals/2026-03/", data)

    assert response.status_code == 302
    assert response["Location"] == "/performance/2026-03/"
    assert PersonActual.objects.get(person__name="Ana Ruiz", month=MARCH).units == Decimal("8")
    hal = PersonActual.objects.get(person__name="Hal Novak", month=MARCH)
    assert hal.units == Decimal("2")
    assert hal.history.first().history_user == manager
    assert MonthlyActual.objects.get(role=partners, month=MARCH).units == Decimal("4")
    message = text(as_manager.get("/performance/2026-03/"))
    assert (
        "Saved the actuals for March 2026: 0 created, 1 updated; revenue saved; people 1 created, 1 updated." in message
    )


def test_a_new_month_saves_only_the_people_filled_in(as_manager, people_team):
    data = page_data(as_manager, "2026-04", **{field("Ana Ruiz", "units"): "5", field("Eve Tanaka", "units"): "48"})

    assert as_manager.post("/actuals/2026-04/", data).status_code == 302
    assert sorted(PersonActual.objects.filter(month=APRIL).values_list("person__name", flat=True)) == [
        "Ana Ruiz",
        "Eve Tanaka",
    ]


@pytest.mark.parametrize(
    ("person", "column", "value", "message"),
    [
        ("Hal Novak", "units", "lots", 'Hal Novak, units: must be a number ≥ 0 (got "lots")'),
        ("Ana Ruiz", "units", "-1", 'Ana Ruiz, units: must be a number ≥ 0 (got "-1")'),
        ("Eve Tanaka", "meetings_held", "80", "Eve Tanaka, meetings_held: meetings held cannot be more than"),
        ("Hal Novak", "earnings", "5000", "Hal Novak, units: is required"),
        ("Ana Ruiz", "units", "", "Ana Ruiz, units: is required; Ana Ruiz's numbers are stored for this month"),
    ],
)
def test_bad_numbers_are_refused_by_name_and_nothing_is_saved(as_manager, people_team, person, column, value, message):
    before = stored()
    data = page_data(as_manager, **{field(person, column): value, field("Ben Okafor", "units"): "9"})

    response = as_manager.post("/actuals/2026-03/", data)

    assert response.status_code == 400
    assert message in text(response)
    assert "Nothing was saved" in text(response)
    assert stored() == before


def test_a_bad_role_total_keeps_the_peoples_numbers_out_too(as_manager, people_team):
    before = stored()
    data = page_data(as_manager, **{field("Ben Okafor", "units"): "9"})
    data[f"{Role.objects.get(name='Partners').pk}-headcount"] = "2.5"

    assert as_manager.post("/actuals/2026-03/", data).status_code == 400
    assert stored() == before


def test_the_board_may_not_enter_peoples_numbers(as_board, people_team):
    before = stored()
    response = as_board.post("/actuals/2026-03/", {f"person-{person_id('Ana Ruiz')}-units": "99"})
    assert response.status_code == 403
    assert stored() == before


def test_the_entry_page_with_people_reads_a_fixed_number_of_queries(
    as_manager, people_team, django_assert_max_num_queries
):
    # Session, user, permissions, whether the month is approved, the loader's (the month
    # before comes with it), and the navigation's count of open disputes.
    with django_assert_max_num_queries(6 + QUERIES):
        assert as_manager.get("/actuals/2026-03/").status_code == 200


def test_a_save_over_peoples_numbers_saved_meanwhile_is_refused_and_shows_the_form_again(as_manager, people_team):
    data = page_data(as_manager, **{field("Ben Okafor", "units"): "9"})
    PersonActual.objects.filter(person__name="Ana Ruiz", month=MARCH).update(units=Decimal("10"))  # someone else

    response = as_manager.post("/actuals/2026-03/", data)

    assert response.status_code == 409
    assert "after you opened this form" in text(response)
    assert PersonActual.objects.get(person__name="Ben Okafor", month=MARCH).units == Decimal("4.5")
    assert 'value="9"' in text(response)  # what the manager typed, to save again knowingly
    again = page_data(as_manager, **{field("Ben Okafor", "units"): "9"})
    assert as_manager.post("/actuals/2026-03/", again).status_code == 302
