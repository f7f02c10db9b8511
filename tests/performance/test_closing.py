"""Closing a month: open → reviewed (a manager) → approved (an admin), reopened by an admin with a
reason; every step kept; on the dashboard with the buttons each user may press, from
`manage.py close_month`, and an approved month shown as approved everywhere."""

import html
import json
from decimal import Decimal
from io import StringIO

import pytest
from closing_cases import FEBRUARY, JANUARY, MARCH, stored
from django.core.management import CommandError, call_command
from django.test import Client

from compensation.models import Economics
from otesite.permissions import EVERYONE
from performance.closing import StepRefused, approval_of, take_step
from performance.documents.metrics import to_metrics_json
from performance.loader import load_month
from performance.models import MonthClose, MonthlyActual

CLOSE = "/performance/2026-03/close/"


def text(response) -> str:
    return html.unescape(response.content.decode())


def state(month=MARCH) -> str:
    found = MonthClose.objects.filter(month=month).first()
    return found.state if found else "open"


# --- The steps ---------------------------------------------------------------------------


def test_a_month_is_reviewed_then_approved_then_reopened_with_every_step_kept(example_agency, manager, admin):
    take_step(MARCH, "review", by=manager, note="Numbers checked against the CRM")
    take_step(MARCH, "approve", by=admin)
    take_step(MARCH, "reopen", by=admin, note="A late deal for March")

    close = MonthClose.objects.get(month=MARCH)
    assert close.state == "open"
    assert [(s.action, s.from_state, s.to_state, s.by, s.note) for s in close.steps.all()] == [
        ("review", "open", "reviewed", manager, "Numbers checked against the CRM"),
        ("approve", "reviewed", "approved", admin, ""),
        ("reopen", "approved", "open", admin, "A late deal for March"),
    ]
    assert all(step.at is not None for step in close.steps.all())
    assert close.approved_metrics is None  # reopened: no longer shown as approved
    assert close.history.count() == 4  # created, then each step: every approval is kept there


@pytest.mark.parametrize(
    ("steps", "refused", "message"),
    [
        ([], ("approve", "admin"), "2026-03 is open; only a reviewed month can be approved"),
        ([], ("reopen", "admin"), "2026-03 is open; only a reviewed or approved month can be reopened"),
        ([("review", "manager")], ("review", "manager"), "2026-03 is reviewed; only an open month can be marked"),
        ([("review", "manager")], ("approve", "manager"), "max_manager may not approve 2026-03: only an admin may"),
        ([], ("review", "board"), "bo_board may not review 2026-03: only a manager or an admin may"),
    ],
)
def test_a_step_the_state_or_the_user_does_not_allow_is_refused(
    example_agency, manager, admin, board_member, steps, refused, message
):
    users = {"manager": manager, "admin": admin, "board": board_member}
    for action, who in steps:
        take_step(MARCH, action, by=users[who], note="reason")
    before = stored()
    action, who = refused
    with pytest.raises(StepRefused, match=message):
        take_step(MARCH, action, by=users[who], note="reason")
    assert stored() == before


def test_reopening_without_a_reason_is_refused(example_agency, manager, admin):
    take_step(MARCH, "review", by=manager)
    take_step(MARCH, "approve", by=admin)
    for note in ("", "   "):
        with pytest.raises(StepRefused, match="Reopening 2026-03 needs a written reason"):
            take_step(MARCH, "reopen", by=admin, note=note)
    assert state() == "approved"


def test_a_month_without_actuals_or_assumptions_cannot_be_closed(example_agency, manager):
    with pytest.raises(StepRefused, match="2026-04 has no actuals; there is nothing to close"):
        take_step(MARCH.replace(month=4), "review", by=manager)
    Economics.objects.all().delete()
    with pytest.raises(StepRefused, match="2026-03 has no business assumptions"):
        take_step(MARCH, "review", by=manager)


def test_approving_keeps_the_month_as_computed_then(example_agency, manager, admin):
    take_step(MARCH, "review", by=manager)
    take_step(MARCH, "approve", by=admin)

    close = MonthClose.objects.get(month=MARCH)
    assert close.approved_metrics == to_metrics_json(load_month(MARCH, scope=EVERYONE))
    assert close.approved_metrics["summary"]["total_ote"] == 63500.0
    assert close.approved_inputs["month"] == "2026-03"
    assert close.approved_statements == {}  # role totals: nobody has a statement


# --- What screens and exports show of an approved month ----------------------------------


@pytest.fixture
def march_approved_then_changed(example_agency, manager, admin) -> None:
    """March approved, then its Closers' units changed behind the lock's back (a bulk write,
    which no rule sees) so that today's computation differs from what was approved."""
    take_step(MARCH, "review", by=manager)
    take_step(MARCH, "approve", by=admin)
    MonthlyActual.objects.filter(month=MARCH, role=example_agency["Closers"]).update(units=Decimal("40"))


def test_an_approved_month_is_shown_as_approved_and_says_where_today_differs(march_approved_then_changed, as_board):
    page = text(as_board.get("/performance/2026-03/"))

    assert "These are the numbers as approved on" in page
    assert "by ada_admin; today's computation differs:" in page
    assert "roles.Closers.units: 30.00 → 40.00" in page
    assert "Quota attainment <strong>75.0%</strong>" in page  # the approved 30 deals, not today's 40


def test_export_metrics_prints_the_approved_numbers_and_says_so(march_approved_then_changed):
    out, err = StringIO(), StringIO()
    call_command("export_metrics", "--month", "2026-03", stdout=out, stderr=err)
    closers = next(role for role in json.loads(out.getvalue())["roles"] if role["role"] == "Closers")
    assert closers["units"] == 30.0
    assert err.getvalue().startswith("2026-03: the numbers as approved on ")
    assert "by ada_admin; today's computation differs: " in err.getvalue()
    assert "roles.Closers.units: 30.00 → 40.00" in approval_of(MARCH).differences


def test_the_metrics_csv_has_the_approved_numbers(march_approved_then_changed, as_board):
    rows = as_board.get("/performance/metrics.csv?from=2026-03&to=2026-03").content.decode().splitlines()
    closers = next(row for row in rows if ",Closers," in row)
    assert ",30.00,30.00," in closers  # units, credited deals as approved


def test_an_approved_month_whose_computation_is_unchanged_says_so(example_agency, manager, admin, as_board):
    take_step(MARCH, "review", by=manager)
    take_step(MARCH, "approve", by=admin)
    page = text(as_board.get("/performance/2026-03/"))
    assert "today's computation gives the same." in page


def test_trends_and_the_board_mark_approved_months(example_agency, manager, admin, as_board):
    for month in (JANUARY, FEBRUARY):
        take_step(month, "review", by=manager)
        take_step(month, "approve", by=admin)

    trends = text(as_board.get("/performance/trends/?from=2026-01&to=2026-03"))
    board = text(as_board.get("/board/"))

    for page in (trends, board):
        marked = page.split('<p class="approved-months">')[1].split("</p>")[0]
        assert "Jan 2026" in marked and "Feb 2026" in marked and "Mar 2026" not in marked
    assert "<h1>March 2026</h1>" in board  # the board's month itself is not approved


# --- The dashboard's close panel and its buttons ----------------------------------------


def buttons(page: str) -> list[str]:
    panel = page.split('<section id="month-close"')[1].split("</section>")[0]
    return [value for value in ("review", "approve", "reopen") if f'value="{value}"' in panel]


def test_each_user_sees_the_buttons_they_may_press(example_agency, as_manager, client, admin, board_member):
    url = "/performance/2026-03/"
    assert buttons(text(as_manager.get(url))) == ["review"]
    as_manager.post(CLOSE, {"action": "review"})
    assert buttons(text(as_manager.get(url))) == []
    client.force_login(admin)
    assert buttons(text(client.get(url))) == ["approve", "reopen"]
    client.post(CLOSE, {"action": "approve"})
    assert buttons(text(client.get(url))) == ["reopen"]
    client.force_login(board_member)
    page = text(client.get(url))
    assert buttons(page) == []
    assert "Reviewed</strong> by max_manager" in page and "Approved</strong> by ada_admin" in page


def test_a_manager_reviews_and_an_admin_approves_on_the_dashboard(example_agency, as_manager, client, admin):
    reviewed = as_manager.post(CLOSE, {"action": "review", "note": "All rows checked"})
    client.force_login(admin)
    approved = client.post(CLOSE, {"action": "approve"}, follow=True)

    assert reviewed.status_code == 302
    assert reviewed["Location"] == "/performance/2026-03/#month-close"
    assert "2026-03 approved." in text(approved)
    assert "“All rows checked”" in text(approved)
    assert state() == "approved"


def test_a_manager_cannot_approve_or_reopen(example_agency, as_manager):
    as_manager.post(CLOSE, {"action": "review"})
    before = stored()
    assert as_manager.post(CLOSE, {"action": "approve"}).status_code == 403
    assert as_manager.post(CLOSE, {"action": "reopen", "note": "why not"}).status_code == 403
    assert stored() == before


@pytest.mark.parametrize("who", ["as_board", "as_stranger"])
def test_board_members_and_strangers_cannot_press_any_button(example_agency, who, request):
    client = request.getfixturevalue(who)
    assert client.post(CLOSE, {"action": "review"}).status_code == 403
    assert state() == "open"


def test_a_refused_step_comes_back_with_the_reason_never_an_error(example_agency, as_admin):
    approve_open = as_admin.post(CLOSE, {"action": "approve"}, follow=True)
    as_admin.post(CLOSE, {"action": "review"})
    as_admin.post(CLOSE, {"action": "approve"})
    reopen_silently = as_admin.post(CLOSE, {"action": "reopen", "note": " "}, follow=True)
    unknown = as_admin.post(CLOSE, {"action": "close"})

    assert approve_open.status_code == 200
    assert "Not done: 2026-03 is open; only a reviewed month can be approved" in text(approve_open)
    assert "Not done: Reopening 2026-03 needs a written reason." in text(reopen_silently)
    assert unknown.status_code == 400
    assert state() == "approved"


def test_the_close_buttons_need_the_csrf_token(example_agency, manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert client.post(CLOSE, {"action": "review"}).status_code == 403
    token = client.get("/performance/2026-03/").context["csrf_token"]
    assert client.post(CLOSE, {"action": "review", "csrfmiddlewaretoken": token}).status_code == 302
    assert state() == "reviewed"


def test_the_panel_comes_with_an_htmx_swap_of_the_month(example_agency, as_manager):
    fragment = as_manager.get("/performance/2026-02/", HTTP_HX_REQUEST="true")
    assert (
        '<section id="month-close" class="card month-close" aria-labelledby="month-close-heading" hx-swap-oob="true">'
        in text(fragment)
    )
    assert 'action="/performance/2026-02/close/"' in text(fragment)


# --- manage.py close_month ---------------------------------------------------------------


def close_month(*arguments: str) -> str:
    out = StringIO()
    call_command("close_month", *arguments, stdout=out)
    return out.getvalue()


def test_close_month_takes_each_step_as_the_named_user(example_agency, manager, admin):
    assert close_month("2026-03", "--review", "--by", manager.username) == "2026-03: open → reviewed by max_manager\n"
    assert close_month("2026-03", "--approve", "--by", admin.username, "--note", "ok") == (
        "2026-03: reviewed → approved by ada_admin\n"
    )
    assert close_month("2026-03", "--reopen", "--by", admin.username, "--note", "late deal") == (
        "2026-03: approved → open by ada_admin\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["2026-03", "--reopen", "--by", "ada_admin"], "Reopening 2026-03 needs a written reason"),
        (["2026-03", "--approve", "--by", "max_manager"], "max_manager may not approve 2026-03"),
        (["2026-03", "--review", "--by", "bo_board"], "bo_board may not review 2026-03"),
        (["2026-03", "--review", "--by", "nobody"], "--by: no active user is called 'nobody'"),
        (["2026-13", "--review", "--by", "max_manager"], "month: '2026-13' has no month 13"),
    ],
)
def test_close_month_refuses_with_the_reason_and_exit_1(
    example_agency, manager, admin, board_member, arguments, message
):
    if arguments[1] == "--reopen":
        take_step(MARCH, "review", by=manager)
    with pytest.raises(CommandError, match=message) as error:
        call_command("close_month", *arguments, stdout=StringIO())
    assert error.value.returncode == 1


def test_close_month_needs_exactly_one_step(example_agency, manager):
    with pytest.raises(CommandError):
        call_command("close_month", "2026-03", "--review", "--approve", "--by", manager.username)
