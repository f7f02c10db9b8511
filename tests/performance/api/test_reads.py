"""Reading through the API: months, a month's metrics (the very bytes of export_metrics), the
setup data, each as every role of the cast, in pages, with conditional GETs."""

import io
import json

import pytest
from api_cases import body
from django.core.management import call_command

from compensation.models import Role
from performance.models import PersonActual

ROLES = ["anonymous", "stranger", "board", "manager", "admin", "rep"]
# What each of the cast gets: 200, 401 (no token), 403 (no permission).
READS = {
    "/api/v1/months/": {"anonymous": 401, "stranger": 403, "board": 200, "manager": 200, "admin": 200, "rep": 200},
    "/api/v1/months/2026-03/metrics/": {"anonymous": 401, "stranger": 403, "board": 200, "manager": 200, "admin": 200, "rep": 403},
    "/api/v1/months/2026-03/close/": {"anonymous": 401, "stranger": 403, "board": 200, "manager": 200, "admin": 200, "rep": 403},
    "/api/v1/roles/": {"anonymous": 401, "stranger": 403, "board": 200, "manager": 200, "admin": 200, "rep": 403},
    "/api/v1/plans/": {"anonymous": 401, "stranger": 403, "board": 200, "manager": 200, "admin": 200, "rep": 403},
    "/api/v1/people/": {"anonymous": 401, "stranger": 403, "board": 200, "manager": 200, "admin": 200, "rep": 403},
    "/api/v1/assignments/": {"anonymous": 401, "stranger": 403, "board": 200, "manager": 200, "admin": 200, "rep": 403},
    "/api/v1/deals/": {"anonymous": 401, "stranger": 403, "board": 200, "manager": 200, "admin": 200, "rep": 200},
    "/api/v1/statements/2026-03/": {"anonymous": 401, "stranger": 403, "board": 403, "manager": 200, "admin": 200, "rep": 200},
    "/api/v1/payroll/2026-03/": {"anonymous": 401, "stranger": 403, "board": 403, "manager": 200, "admin": 200, "rep": 403},
}  # fmt: skip


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("path", list(READS))
def test_each_of_the_cast_reads_what_the_screens_show_them(api_as, people_team, path, who):
    response = api_as(who).get(path)

    assert response.status_code == READS[path][who], response.content
    if response.status_code == 401:
        assert response["WWW-Authenticate"] == "Token"
    if response.status_code == 403:
        assert "no access" in body(response)["detail"]


def test_a_months_metrics_are_the_bytes_export_metrics_prints(api_as, people_team):
    printed = io.StringIO()
    call_command("export_metrics", "--month", "2026-03", stdout=printed, stderr=io.StringIO())

    response = api_as("board").get("/api/v1/months/2026-03/metrics/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == printed.getvalue().encode()


def test_an_approved_month_reads_as_approved_and_exact(api_as, approved_team):
    printed = io.StringIO()
    call_command("export_metrics", "--month", "2026-02", stdout=printed, stderr=io.StringIO())
    PersonActual.objects.filter(month="2026-02-01").update(units=0)  # today's computation differs

    response = api_as("manager").get("/api/v1/months/2026-02/metrics/")

    assert response.content == printed.getvalue().encode()
    assert b"e+" not in response.content.lower()  # no float was involved anywhere


def test_a_month_without_business_assumptions_is_not_found(api_as, people_team):
    response = api_as("manager").get("/api/v1/months/2019-01/metrics/")

    assert response.status_code == 404
    assert "No business assumptions are in force in 2019-01" in body(response)["detail"]


def test_the_months_list_names_each_month_with_data_and_its_state(api_as, approved_team):
    response = api_as("board").get("/api/v1/months/")

    assert body(response)["results"] == [
        {"month": "2026-01", "state": "open"},
        {"month": "2026-02", "state": "approved"},
        {"month": "2026-03", "state": "approved"},
    ]
    assert body(response)["count"] == 3


def test_lists_come_in_pages(api_as, people_team):
    first = body(api_as("board").get("/api/v1/people/?page_size=3"))
    second = body(api_as("board").get(first["next"]))

    assert first["count"] == 7
    assert [p["name"] for p in first["results"]] == ["Ana Ruiz", "Ben Okafor", "Chloe Martin"]
    assert [p["name"] for p in second["results"]] == ["Dev Patel", "Eve Tanaka", "Gina Rossi"]
    assert second["previous"]


def test_plans_carry_their_pay_curve_with_exact_numbers(api_as, people_team):
    plans = body(api_as("board").get("/api/v1/plans/"))["results"]

    executives = next(plan for plan in plans if plan["role_name"] == "Account Executives")
    assert executives["effective_from"] == "2026-01"
    assert executives["tiers"]
    assert all(isinstance(tier["multiplier"], int | float) for tier in executives["tiers"])


def test_assignments_read_their_start_as_written(api_as, people_team):
    assignments = body(api_as("board").get("/api/v1/assignments/"))["results"]

    dev = [a for a in assignments if a["person_name"] == "Dev Patel"]
    assert [(a["role_name"], a["start"], a["end"]) for a in dev] == [
        ("Account Executives", "2026-01", "2026-02"),
        ("SDRs", "2026-03", None),
    ]


# --- Conditional GETs ---------------------------------------------------------------------


def test_a_client_that_has_the_data_gets_304_until_it_changes(api_as, people_team):
    client = api_as("board")
    first = client.get("/api/v1/months/2026-03/metrics/")

    again = client.get("/api/v1/months/2026-03/metrics/", HTTP_IF_NONE_MATCH=first["ETag"])
    Role.objects.filter(name="Partners").update(display_order=9)  # any write gives the data a new version
    changed = client.get("/api/v1/months/2026-03/metrics/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert "Authorization" in first["Vary"]


def test_the_etag_is_the_viewers_scope_too(api_as, people_team):
    manager = api_as("manager").get("/api/v1/statements/2026-03/")
    rep = api_as("rep").get("/api/v1/statements/2026-03/", HTTP_IF_NONE_MATCH=manager["ETag"])

    assert rep.status_code == 200
    assert rep["ETag"] != manager["ETag"]


def test_a_conditional_get_without_the_permission_is_still_refused(api_as, people_team):
    tag = api_as("manager").get("/api/v1/payroll/2026-03/")["ETag"]

    response = api_as("stranger").get("/api/v1/payroll/2026-03/", HTTP_IF_NONE_MATCH=tag)

    assert response.status_code == 403


def test_every_read_answers_with_an_etag(api_as, people_team):
    client = api_as("admin")
    for path, expected in READS.items():
        if expected["admin"] == 200:
            response = client.get(path)
            assert response["ETag"].startswith('"'), path
            assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304, path


def test_numbers_are_never_written_through_a_float(api_as, people_team):
    response = api_as("manager").get("/api/v1/months/2026-03/metrics/")

    assert json.loads(response.content, parse_float=str)["summary"]["total_ote"].count(".") == 1
