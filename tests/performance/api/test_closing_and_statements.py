"""Closing a month through the API (the close panel's steps, permissions and refusals), and the
statements and payroll it reads (DOMAIN.md's statement JSON; a rep never sees anyone else's pay)."""

import io
import json
from datetime import date

from api_cases import body, post
from closing_cases import FEBRUARY, approve
from django.core.management import call_command

from compensation.models import Person
from performance.closing import state_of
from performance.models import CloseStep


def test_a_manager_reviews_and_an_admin_approves_then_reopens_with_a_reason(api_as, people_team):
    reviewed = post(api_as("manager"), "/api/v1/months/2026-01/close/", {"action": "review", "note": "Checked"})
    approved = post(api_as("admin"), "/api/v1/months/2026-01/close/", {"action": "approve"})
    reopened = post(api_as("admin"), "/api/v1/months/2026-01/close/", {"action": "reopen", "note": "A late deal"})

    assert reviewed.status_code == approved.status_code == reopened.status_code == 200
    assert body(reviewed)["state"] == "reviewed"
    assert body(approved)["state"] == "approved"
    assert [(s["action"], s["note"]) for s in body(reopened)["steps"]] == [
        ("review", "Checked"),
        ("approve", ""),
        ("reopen", "A late deal"),
    ]
    assert body(reopened)["steps"][0]["by"] == "max_manager"


def test_a_step_the_screen_refuses_is_refused_alike(api_as, people_team):
    manager_approves = post(api_as("manager"), "/api/v1/months/2026-01/close/", {"action": "approve"})
    not_reviewed = post(api_as("admin"), "/api/v1/months/2026-01/close/", {"action": "approve"})
    no_reason = post(api_as("admin"), "/api/v1/months/2026-01/close/", {"action": "reopen"})
    not_ended = post(api_as("manager"), "/api/v1/months/2099-01/close/", {"action": "review"})
    nonsense = post(api_as("manager"), "/api/v1/months/2026-01/close/", {"action": "close"})
    board = post(api_as("board"), "/api/v1/months/2026-01/close/", {"action": "review"})

    assert manager_approves.status_code == 403
    assert not_reviewed.status_code == 409
    assert body(not_reviewed) == {
        "detail": "2026-01 is open; only a reviewed month can be approved (a manager marks it reviewed first)",
        "month": "2026-01",
    }
    assert no_reason.status_code == 400
    assert body(no_reason)["problems"] == [{"where": "note", "message": "Reopening 2026-01 needs a written reason"}]
    assert not_ended.status_code == 409
    assert "2099-01 has not ended yet" in body(not_ended)["detail"]
    assert nonsense.status_code == 400
    assert body(nonsense)["problems"] == [
        {"where": "action", "message": 'must be "review", "approve" or "reopen" (got "close")'}
    ]
    assert board.status_code == 403
    assert state_of(date(2026, 1, 1)) == "open"
    assert not CloseStep.objects.exists()


def test_a_write_on_the_session_needs_the_csrf_token(manager, people_team):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)

    refused = client.post("/api/v1/months/2026-01/close/", {"action": "review"}, content_type="application/json")
    token = str(client.get("/api/docs/").context["csrf_token"])
    done = client.post(
        "/api/v1/months/2026-01/close/",
        json.dumps({"action": "review"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )

    assert refused.status_code == 403
    assert "CSRF" in body(refused)["detail"]
    assert done.status_code == 200


# --- Statements and payroll ---------------------------------------------------------------------


def test_a_statement_is_the_one_manage_py_statement_prints(api_as, approved_team):
    printed = io.StringIO()
    call_command("statement", "--month", "2026-02", "--person", "Ana Ruiz", stdout=printed)
    ana = Person.objects.get(name="Ana Ruiz")

    response = api_as("manager").get(f"/api/v1/statements/2026-02/{ana.pk}/")

    assert response.content == printed.getvalue().encode()
    assert body(response)["state"] == "approved"


def test_the_months_statements_and_payroll_are_everyones_for_managers(api_as, people_team):
    statements = body(api_as("manager").get("/api/v1/statements/2026-03/"))
    payroll = body(api_as("admin").get("/api/v1/payroll/2026-03/"))

    names = [s["person"] for s in statements["results"]]
    assert "Ana Ruiz" in names and "Ben Okafor" in names
    assert statements["count"] == len(names)
    assert payroll["results"][0].keys() == {
        "person",
        "role",
        "base",
        "commission",
        "earnings",
        "earnings_recorded",
        "state",
        "clawbacks",
        "payable",
    }
    assert {row["person"] for row in payroll["results"]} >= {"Ana Ruiz", "Ben Okafor"}


def test_a_rep_reads_their_own_statements_and_nobody_elses_pay(api_as, people_team):
    rep = api_as("rep")  # Ana Ruiz
    ana, ben = Person.objects.get(name="Ana Ruiz"), Person.objects.get(name="Ben Okafor")

    listed = body(rep.get("/api/v1/statements/2026-03/"))
    own = rep.get(f"/api/v1/statements/2026-03/{ana.pk}/")
    other = rep.get(f"/api/v1/statements/2026-03/{ben.pk}/")
    payroll = rep.get("/api/v1/payroll/2026-03/")
    metrics = rep.get("/api/v1/months/2026-03/metrics/")

    assert [s["person"] for s in listed["results"]] == ["Ana Ruiz"]
    assert own.status_code == 200
    assert body(own)["person"] == "Ana Ruiz"
    assert other.status_code == 404
    assert body(other) == {"detail": "No such statement."}
    assert payroll.status_code == metrics.status_code == 403
    for response in (own, rep.get("/api/v1/statements/2026-03/")):
        assert b"Ben Okafor" not in response.content


def test_a_month_with_nothing_to_compute_has_no_statements(api_as, people_team):
    response = api_as("manager").get("/api/v1/statements/2019-01/")

    assert response.status_code == 404
    assert "has no business assumptions" in body(response)["detail"]


def test_a_person_without_a_statement_is_not_found(api_as, people_team):
    hal = Person.objects.get(name="Hal Novak")  # starts in 2026-03

    response = api_as("manager").get(f"/api/v1/statements/2026-01/{hal.pk}/")

    assert response.status_code == 404


def test_an_approved_months_payroll_says_so(api_as, people_team, manager, admin):
    approve(FEBRUARY, manager, admin)

    payroll = body(api_as("manager").get("/api/v1/payroll/2026-02/"))

    assert {row["state"] for row in payroll["results"]} == {"approved"}
