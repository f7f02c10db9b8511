"""Signing off a statement (performance/disputes.py, performance/web/sign_off.py): on an approved
month a rep acknowledges or disputes their own statement, naming a line or not; managers and
admins see open disputes on the close panel, the statements list and the navigation; an admin
resolves one with no change or by reopening the month; every step keeps who, when and the note."""

import html

import pytest
from closing_cases import FEBRUARY, MARCH, approve
from django.contrib.auth.models import User
from django.test import Client

from compensation.models import Person
from performance.disputes import SignOffRefused, acknowledge, raise_dispute, resolve
from performance.models import CloseStep, MonthClose
from performance.statement_records import Acknowledgement, Dispute


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def ana(people_team) -> Person:
    return Person.objects.get(name="Ana Ruiz")


@pytest.fixture
def rep(ana) -> User:
    """Ana Ruiz's login: in no group, her username set on her person."""
    user = User.objects.create_user("ana", password="correct horse battery staple")
    Person.objects.filter(pk=ana.pk).update(user=user)
    return user


@pytest.fixture
def as_rep(client, rep) -> Client:
    client.force_login(rep)
    return client


@pytest.fixture
def approved(people_team, manager, admin) -> None:
    approve(MARCH, manager, admin)


def statement_url(person: Person, month: str = "2026-03") -> str:
    return f"/statements/{month}/{person.pk}/"


# --- A rep signs off their own statement -------------------------------------------------------


def test_a_rep_acknowledges_their_statement_of_an_approved_month(as_rep, ana, rep, approved):
    page = text(as_rep.get(statement_url(ana)))
    assert "Acknowledge my statement" in page and "Dispute this statement" in page

    response = as_rep.post(statement_url(ana) + "acknowledge/", follow=True)

    assert "You acknowledged your statement for 2026-03." in text(response)
    assert "Acknowledged by ana on" in text(response)
    assert "Acknowledge my statement" not in text(response)
    found = Acknowledgement.objects.get()
    assert (found.person, found.by, found.month) == (ana, rep, MARCH)
    assert found.approval == CloseStep.objects.get(action="approve", close__month=MARCH)
    again = as_rep.post(statement_url(ana) + "acknowledge/", follow=True)
    assert "You have already acknowledged your statement for 2026-03" in text(again)
    assert Acknowledgement.objects.count() == 1


def test_a_rep_disputes_a_line_with_a_note_chosen_from_the_statement(as_rep, ana, rep, approved):
    page = text(as_rep.get(statement_url(ana)))
    for line in ("The whole statement", "Base", "Commission", "Band 150.0% to 200.0% (× 2)"):
        assert f">{line}</option>" in page

    response = as_rep.post(
        statement_url(ana) + "dispute/",
        {"line": "Band 150.0% to 200.0% (× 2)", "note": "My fourth deal closed on the 31st"},
        follow=True,
    )

    found = Dispute.objects.get()
    assert f"Dispute #{found.pk} sent" in text(response)
    assert (found.line, found.note, found.raised_by, found.state) == (
        "Band 150.0% to 200.0% (× 2)",
        "My fourth deal closed on the 31st",
        rep,
        "open",
    )
    assert "“My fourth deal closed on the 31st”" in text(response)
    assert "Acknowledge my statement" not in text(response)  # not while the dispute is open
    assert found.history.get().history_change_reason == "raised"


def test_a_dispute_needs_a_note_and_keeps_what_was_typed(as_rep, ana, approved):
    response = as_rep.post(statement_url(ana) + "dispute/", {"line": "Base", "note": "  "})

    assert response.status_code == 400
    assert "Say what is wrong: a dispute needs a note." in text(response)
    assert '<option value="Base" selected>Base</option>' in text(response)
    assert not Dispute.objects.exists()


def test_a_line_that_is_not_on_the_statement_is_refused(as_rep, ana, approved):
    response = as_rep.post(statement_url(ana) + "dispute/", {"line": "Deal 99", "note": "x"})

    assert response.status_code == 400
    assert "Select a valid choice. Deal 99 is not one of the available choices." in text(response)
    assert not Dispute.objects.exists()


def test_nothing_is_signed_off_before_the_month_is_approved(as_rep, ana, people_team):
    page = text(as_rep.get(statement_url(ana)))
    assert "you can acknowledge or dispute your statement once the month is approved" in page
    assert "Acknowledge my statement" not in page

    response = as_rep.post(statement_url(ana) + "dispute/", {"note": "wrong"}, follow=True)

    assert "Not disputed: 2026-03 is open; a statement is signed off once its month is approved." in text(response)
    assert not Dispute.objects.exists()


def test_a_rep_cannot_sign_off_anyone_elses_statement(as_rep, approved):
    ben = Person.objects.get(name="Ben Okafor")

    assert as_rep.post(statement_url(ben) + "dispute/", {"note": "x"}).status_code == 404
    response = as_rep.post(statement_url(ben) + "acknowledge/", follow=True)
    assert "ana may not acknowledge Ben Okafor's statement: only they may" in text(response)
    assert not Dispute.objects.exists() and not Acknowledgement.objects.exists()


def test_a_manager_cannot_sign_off_for_a_rep(ana, manager, approved):
    with pytest.raises(SignOffRefused, match="max_manager may not dispute Ana Ruiz's statement"):
        raise_dispute(MARCH, ana, by=manager, line="", note="x")
    with pytest.raises(SignOffRefused, match="max_manager may not acknowledge"):
        acknowledge(MARCH, ana, by=manager)


def test_signing_off_needs_the_csrf_token(rep, ana, approved):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(rep)

    assert strict.post(statement_url(ana) + "acknowledge/").status_code == 403
    assert strict.post(statement_url(ana) + "dispute/", {"note": "x"}).status_code == 403
    assert not Acknowledgement.objects.exists() and not Dispute.objects.exists()


# --- Managers and admins see open disputes -------------------------------------------------


@pytest.fixture
def disputed(ana, rep, approved) -> Dispute:
    return raise_dispute(MARCH, ana, by=rep, line="Commission", note="The March deal is missing")


def test_open_disputes_show_on_the_close_panel_the_statements_list_and_in_the_navigation(as_manager, disputed):
    dashboard = text(as_manager.get("/performance/2026-03/"))
    panel = dashboard[dashboard.index('<section id="month-close"') :]
    assert "Open disputes" in panel
    assert f"#{disputed.pk} Ana Ruiz</a> · Commission: “The March deal is missing”" in panel
    assert 'class="nav-disputes" href="/disputes/">Disputes <span class="badge dispute-count">1</span>' in dashboard

    listing = text(as_manager.get("/statements/2026-03/"))
    assert 'id="disputes"' in listing and "The March deal is missing" in listing
    assert ">Disputed</a>" in listing
    assert "Resolution note" not in listing  # managers see them; admins resolve them

    assert "The March deal is missing" in text(as_manager.get("/disputes/"))
    february = text(as_manager.get("/performance/2026-02/"))
    assert "Open disputes" not in february  # the panel lists its own month's
    assert "dispute-count" in february  # the navigation counts them all


def test_the_board_sees_no_disputes(as_board, disputed):
    assert "Disputes" not in text(as_board.get("/performance/2026-03/"))
    assert as_board.get("/disputes/").status_code == 403


def test_the_navigation_count_follows_a_new_dispute_at_once(as_manager, disputed, rep, people_team):
    assert 'dispute-count">1<' in text(as_manager.get("/performance/2026-03/"))
    approve(FEBRUARY, User.objects.get(username="max_manager"), User.objects.get(username="ada_admin"))
    raise_dispute(FEBRUARY, Person.objects.get(name="Ana Ruiz"), by=rep, line="", note="February too")

    assert 'dispute-count">2<' in text(as_manager.get("/performance/2026-03/"))
    assert 'dispute-count">2<' in text(as_manager.get("/plans/"))  # a page that never reads the version


# --- An admin resolves them ---------------------------------------------------------------------


def test_an_admin_resolves_a_dispute_with_no_change(as_admin, admin, disputed):
    response = as_admin.post(
        f"/disputes/{disputed.pk}/resolve/",
        {"outcome": "no_change", "note": "The deal closed in April", "next": "/statements/2026-03/"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/statements/2026-03/"
    assert f"Dispute #{disputed.pk} resolved with no change." in text(response)
    disputed.refresh_from_db()
    assert (disputed.state, disputed.resolution, disputed.resolved_by) == ("resolved", "no_change", admin)
    assert disputed.resolution_note == "The deal closed in April" and disputed.reopen_step is None
    assert MonthClose.objects.get(month=MARCH).state == "approved"
    assert [row.state for row in disputed.history.order_by("history_date")] == ["open", "resolved"]
    assert "Disputes <span" not in text(as_admin.get("/performance/2026-03/"))


def test_an_admin_resolves_a_dispute_by_reopening_the_month_which_names_it(as_admin, admin, disputed):
    response = as_admin.post(
        f"/disputes/{disputed.pk}/resolve/", {"outcome": "reopen", "note": "Add the deal"}, follow=True
    )

    assert f"Dispute #{disputed.pk} resolved and 2026-03 reopened." in text(response)
    disputed.refresh_from_db()
    step = disputed.reopen_step
    assert (step.action, step.by, disputed.resolution) == ("reopen", admin, "reopened")
    assert step.note == f"Dispute #{disputed.pk} (Ana Ruiz, Commission): Add the deal"
    assert MonthClose.objects.get(month=MARCH).state == "open"
    panel = text(as_admin.get("/performance/2026-03/"))
    assert f"“Dispute #{disputed.pk} (Ana Ruiz, Commission): Add the deal”" in panel


def test_a_resolution_needs_a_note_and_an_open_dispute(as_admin, admin, disputed):
    response = as_admin.post(f"/disputes/{disputed.pk}/resolve/", {"outcome": "no_change", "note": ""}, follow=True)
    assert "Say what was decided: a resolution needs a note." in text(response)

    resolve(disputed.pk, by=admin, note="fine", reopen=False)
    with pytest.raises(SignOffRefused, match="was already resolved"):
        resolve(disputed.pk, by=admin, note="again", reopen=True)
    assert MonthClose.objects.get(month=MARCH).state == "approved"


def test_a_reopening_the_month_refuses_leaves_the_dispute_open(admin, disputed):
    from performance.closing import take_step

    take_step(MARCH, "reopen", by=admin, note="Reopened for another reason")

    with pytest.raises(SignOffRefused, match="2026-03 is open; only a reviewed or approved month can be reopened"):
        resolve(disputed.pk, by=admin, note="Add the deal", reopen=True)
    disputed.refresh_from_db()
    assert disputed.is_open


def test_a_manager_may_not_resolve(as_manager, manager, disputed):
    assert (
        as_manager.post(f"/disputes/{disputed.pk}/resolve/", {"outcome": "no_change", "note": "x"}).status_code == 403
    )
    with pytest.raises(SignOffRefused, match="max_manager may not resolve disputes"):
        resolve(disputed.pk, by=manager, note="x", reopen=False)


def test_the_rep_sees_how_their_disputes_stand_on_their_page(as_rep, admin, disputed):
    assert "My disputes" in text(as_rep.get("/me/"))
    assert "Open</span>" in text(as_rep.get("/me/"))

    resolve(disputed.pk, by=admin, note="The deal closed in April", reopen=False)

    page = text(as_rep.get("/me/"))
    assert "No change</span>" in page
    assert "Resolved by ada_admin on" in page and "“The deal closed in April”" in page
    assert "Resolution note" not in page


def test_after_a_reopen_and_a_new_approval_the_rep_signs_off_again(as_rep, ana, rep, manager, admin, disputed):
    resolve(disputed.pk, by=admin, note="Add the deal", reopen=True)
    approve(MARCH, manager, admin)

    acknowledge(MARCH, ana, by=rep)

    assert Acknowledgement.objects.get().approval == CloseStep.objects.filter(action="approve").last()
    assert "Acknowledged by ana" in text(as_rep.get(statement_url(ana)))


def test_resolving_needs_the_csrf_token(admin, disputed):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin)

    response = strict.post(f"/disputes/{disputed.pk}/resolve/", {"outcome": "no_change", "note": "x"})

    assert response.status_code == 403
    disputed.refresh_from_db()
    assert disputed.is_open


def test_a_dispute_keeps_the_approval_it_was_raised_on_after_the_month_is_approved_again(
    rep, ana, manager, admin, disputed
):
    first = disputed.approval
    resolve(disputed.pk, by=admin, note="Add the deal", reopen=True)
    approve(MARCH, manager, admin)

    again = raise_dispute(MARCH, ana, by=rep, line="", note="Still short")

    assert again.approval != first and again.approval.action == "approve"
    disputed.refresh_from_db()
    assert disputed.approval == first
