"""The people list and a person's page: roles, status, months against their own OTE, the
charts' data, the assignment history, who may see them, and a fixed number of queries."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from conftest import build_history
from django.urls import reverse

from compensation.models import Assignment, Person, Role
from performance.loader import QUERIES
from performance.models import PersonActual


def text(response) -> str:
    return response.content.decode()


def person_url(name: str) -> str:
    return reverse("person", args=[Person.objects.get(name=name).pk])


def row_of(page: str, name: str) -> str:
    start = page.index(f">{name}</a>")
    return page[start : page.index("</tr>", start)]


def month_row(page: str, month: str) -> str:
    start = page.index(f">{month}</a>")
    return page[start : page.index("</tr>", start)]


def chart_data(page: str) -> dict:
    return {
        element_id: json.loads(body)
        for element_id, body in re.findall(r'<script id="([^"]+)" type="application/json">(.*?)</script>', page, re.S)
    }


# --- The list ------------------------------------------------------------------------------


def test_the_list_has_everyone_with_their_role_start_and_latest_standing(as_board, people_team):
    page = text(as_board.get("/people/"))

    names = re.findall(r'<th scope="row"><a href="/people/\d+/">([^<]+)</a>', page)
    assert names == ["Ana Ruiz", "Ben Okafor", "Chloe Martin", "Dev Patel", "Eve Tanaka", "Gina Rossi", "Hal Novak"]
    dev = row_of(page, "Dev Patel")
    assert "SDRs" in dev  # his role now, after moving
    assert "2026-01" in dev  # when he started
    assert "Active" in dev
    assert "Below target" not in row_of(page, "Ana Ruiz")
    assert "On target" in row_of(page, "Ana Ruiz")
    assert "no numbers" in row_of(page, "Hal Novak")  # assigned in March, nothing entered
    assert "March 2026, the latest month with numbers" in page


def test_someone_whose_last_assignment_ended_has_left(as_board, people_team):
    dev = Person.objects.get(name="Dev Patel")
    dev.assignments.filter(end__isnull=True).update(end=date(2026, 3, 1))

    assert "Left 2026-03" in row_of(text(as_board.get("/people/")), "Dev Patel")


# --- A person ------------------------------------------------------------------------------


def test_a_persons_months_show_attainment_units_earnings_against_their_own_ote_and_ramp(as_board, people_team):
    page = text(as_board.get(person_url("Chloe Martin")))

    march = month_row(page, "2026-03")
    # Chloe, tenure 2 in March: 3.375 deals of a 3.375 quota (75% ramp), $7,375 against her $7,000.
    assert "3.38 of 3.38" in march
    assert "100.0%" in march
    assert "$7,375" in march
    assert "$7,000" in march
    assert "+$375" in march
    assert "75.0%" in march  # ramp factor
    assert "ramping · month 2 of 2" in march
    assert "=2nd of 3" in march  # her rank, shared


def test_the_months_run_newest_first_and_say_why_one_has_no_numbers(as_board, people_team):
    page = text(as_board.get(person_url("Hal Novak")))

    assert "No numbers recorded" in month_row(page, "2026-03")
    assert "0 with numbers" in page


def test_a_person_who_moved_shows_each_role_and_their_assignment_history(as_board, people_team):
    page = text(as_board.get(person_url("Dev Patel")))

    assert re.findall(r">(2026-0\d)</a>", page) == ["2026-03", "2026-02", "2026-01"]
    assert "SDRs" in month_row(page, "2026-03")
    assert "Account Executives" in month_row(page, "2026-01")
    history = page[page.index("Assignment history") :]
    assert "No ramp (a move or promotion)" in history
    assert "<td>2026-02</td>" in history  # his last month as an executive


def test_the_charts_carry_the_engines_numbers_month_by_month(as_board, people_team):
    data = chart_data(text(as_board.get(person_url("Ana Ruiz"))))

    attainment = data["person-attainment-data"]
    assert attainment["labels"] == ["Jan 2026", "Feb 2026", "Mar 2026"]
    assert attainment["datasets"][0]["data"] == [125.0, 100.0, 155.56]
    earnings = data["person-earnings-data"]
    assert earnings["datasets"][0]["data"][2] == 12375.0
    assert earnings["datasets"][1]["label"] == "Their OTE"


def test_charts_are_drawn_by_the_static_script_from_canvases_without_ids(as_board, people_team):
    page = text(as_board.get(person_url("Ana Ruiz")))
    assert "/static/js/charts.js" in page
    assert re.findall(r"<canvas[^>]*>", page)
    assert all(" id=" not in canvas for canvas in re.findall(r"<canvas[^>]*>", page))
    assert "style=" not in page


def test_a_role_kept_as_totals_that_month_is_said(as_board, people_team):
    partner = Person.objects.create(name="Pat Partner")
    Assignment.objects.create(person=partner, role=Role.objects.get(name="Partners"), start=date(2026, 3, 1))

    assert "Role kept as totals this month" in month_row(text(as_board.get(person_url("Pat Partner"))), "2026-03")


def test_an_unknown_person_is_not_found(as_board, people_team):
    assert as_board.get("/people/99999/").status_code == 404


def test_a_change_of_numbers_shows_at_once(as_manager, people_team):
    url = person_url("Ana Ruiz")
    as_manager.get(url)
    PersonActual.objects.filter(person__name="Ana Ruiz", month=date(2026, 3, 1)).update(units=Decimal("9"))

    assert "9 of 4.5" in month_row(text(as_manager.get(url)), "2026-03")


# --- Who may -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["as_board", "as_manager", "as_admin"])
def test_the_board_managers_and_admins_see_people(request, people_team, who):
    client = request.getfixturevalue(who)
    assert client.get("/people/").status_code == 200
    assert client.get(person_url("Ana Ruiz")).status_code == 200


def test_a_user_in_no_group_gets_the_friendly_403(as_stranger, people_team):
    for url in ("/people/", person_url("Ana Ruiz")):
        response = as_stranger.get(url)
        assert response.status_code == 403
        assert "have access" in text(response)


def test_the_board_is_not_offered_admin_links(as_board, people_team):
    assert "/admin/" not in text(as_board.get(person_url("Ana Ruiz")))


# --- Query counts --------------------------------------------------------------------------

# Session, user, own and group permissions; data version, months with data; the person and
# their assignments; the loader's over their months.
PERSON_QUERIES = 4 + 2 + 2 + QUERIES
PEOPLE_QUERIES = 4 + 2 + 2 + QUERIES  # everyone and their assignments; the latest month's


@pytest.mark.parametrize("months", [12, 120])
@pytest.mark.parametrize("people", [10, 200])
def test_the_person_page_and_the_list_need_the_same_few_queries_at_any_size(
    as_board, django_assert_max_num_queries, months, people
):
    build_history(months, people)
    longest_serving = Person.objects.get(name="Person 001")  # hired in month 2, still there

    with django_assert_max_num_queries(PERSON_QUERIES):
        response = as_board.get(reverse("person", args=[longest_serving.pk]))
    with django_assert_max_num_queries(PEOPLE_QUERIES):
        listed = as_board.get("/people/")

    assert text(response).count("<tr>") >= months - 1
    assert text(listed).count('<th scope="row"><a href="/people/') == people


def test_months_before_any_numbers_were_kept_are_left_out(as_board, people_team):
    # Gina has led sales since 2025-01; the team's numbers start in 2026-01.
    page = text(as_board.get(person_url("Gina Rossi")))
    assert re.findall(r">(\d{4}-\d\d)</a>", page) == ["2026-03", "2026-02", "2026-01"]
