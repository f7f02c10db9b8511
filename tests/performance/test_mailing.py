"""Statements by e-mail (performance/mailing.py), through Django's e-mail framework to a real SMTP
server on loopback (tests/mail_cases.py): approving a month sends one e-mail per person with an
address, with the right figures and a link to their statement; approving again after a reopen
sends again; a second send of one approval skips who was sent; a failure is recorded, shown and
retried; nothing makes an approval fail or wait."""

import threading
from datetime import date
from io import StringIO

import pytest
from closing_cases import FEBRUARY, MARCH
from django.core.management import CommandError, call_command
from django.test import Client
from mail_cases import free_port, parts

from compensation.models import Person
from otesite.lib.formatting import format_money
from performance import mailing
from performance.closing import take_step
from performance.statement_records import StatementEmail
from performance.statements import month_of

ADDRESSES = {"Ana Ruiz": "ana@example.com", "Ben Okafor": "ben@example.com", "Eve Tanaka": "eve@example.com"}


@pytest.fixture
def team(people_team) -> dict:
    """The people example with three addresses (Ana's came with it); the others have none."""
    for name, address in ADDRESSES.items():
        Person.objects.filter(name=name).update(email=address)
    return people_team


def approve(month: date, manager, admin, capture) -> None:
    """Review and approve as the screens do; the approval's after-commit work runs (and must)."""
    take_step(month, "review", by=manager)
    with capture(execute=True) as callbacks:
        take_step(month, "approve", by=admin)
    assert len(callbacks) == 1


def test_approving_a_month_emails_each_person_with_an_address_their_statement(
    team, manager, admin, smtp_server, django_capture_on_commit_callbacks
):
    approve(MARCH, manager, admin, django_capture_on_commit_callbacks)

    assert sorted(message["To"] for message in smtp_server.messages) == sorted(ADDRESSES.values())
    statements = month_of(MARCH)
    for name, address in ADDRESSES.items():
        (message,) = smtp_server.to(address)
        person = Person.objects.get(name=name)
        s = statements.of(person.pk).statement
        text, html = parts(message)
        assert message["Subject"] == f"Your statement for March 2026: {format_money(s.earnings)}"
        assert message["From"] == "otesite <statements@otesite.example.com>"
        link = f"https://otesite.example.com/statements/2026-03/{person.pk}/"
        for part in (text, html):
            assert link in part
            for figure in (s.earnings, s.commission, s.base):
                assert format_money(figure) in part, (name, figure)
        record = StatementEmail.objects.get(person=person)
        assert (record.status, record.to, record.by, record.error) == ("sent", address, admin, "")
        assert record.message_id == message["Message-ID"]
        assert record.message_id.endswith("@otesite.example.com>")
        assert record.approval.action == "approve" and record.month == MARCH


def test_the_plain_text_part_reads_the_statement_line_by_line(
    team, manager, admin, smtp_server, django_capture_on_commit_callbacks
):
    approve(MARCH, manager, admin, django_capture_on_commit_callbacks)

    text, html = parts(smtp_server.to("ana@example.com")[0])

    assert "Commission, band by band\n" + "-" * 24 + "\n" in text
    assert "150.0% to 200.0% | " in text  # Ana's top band, clipped at the cap
    assert "\nEarnings | $12,375 | " in text
    assert "\nBase | $4,000 | " in text
    assert "Monthly base: $4,000" in text
    assert "<" not in text.replace("<statements@", "")
    assert '<h2 id="bands-title">Commission, band by band</h2>' in html  # the page's own template
    assert "<style>" in html and "<link" not in html  # mail readers drop linked stylesheets


def test_a_second_send_of_the_same_approval_skips_those_already_sent_and_says_so(
    team, manager, admin, smtp_server, django_capture_on_commit_callbacks, client
):
    approve(MARCH, manager, admin, django_capture_on_commit_callbacks)
    client.force_login(manager)

    response = client.post("/statements/2026-03/send/", follow=True)

    assert len(smtp_server.messages) == 3
    page = response.content.decode()
    assert "Nothing to send for 2026-03." in page
    assert "Already sent for this approval, skipped: Ana Ruiz, Ben Okafor, Eve Tanaka." in page
    assert "No e-mail address: Chloe Martin, Dev Patel, Gina Rossi." in page
    assert StatementEmail.objects.count() == 3


def test_approving_again_after_a_reopen_sends_again_and_is_recorded(
    team, manager, admin, smtp_server, django_capture_on_commit_callbacks
):
    approve(MARCH, manager, admin, django_capture_on_commit_callbacks)
    take_step(MARCH, "reopen", by=admin, note="Ana's deal was booked in February")
    approve(MARCH, manager, admin, django_capture_on_commit_callbacks)

    assert len(smtp_server.to("ana@example.com")) == 2
    first, second = StatementEmail.objects.filter(person__name="Ana Ruiz").order_by("at", "id")
    assert first.approval != second.approval
    assert {first.status, second.status} == {"sent"}
    assert first.message_id != second.message_id


def test_an_import_that_approves_a_month_emails_nobody(team, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        take_step(MARCH, "review", by=None)
        take_step(MARCH, "approve", by=None)  # a restored backup, not a person approving

    assert smtp_server.messages == []
    assert not StatementEmail.objects.exists()


def test_a_refused_recipient_is_recorded_as_failed_shown_on_the_list_and_retried(
    team, manager, admin, smtp_server, django_capture_on_commit_callbacks, client
):
    smtp_server.refused.add("ben@example.com")
    approve(MARCH, manager, admin, django_capture_on_commit_callbacks)

    failed = StatementEmail.objects.get(person__name="Ben Okafor")
    assert failed.status == "failed"
    assert failed.error == "ben@example.com refused: 550 5.1.1 No such mailbox here"
    assert len(smtp_server.messages) == 2  # the others were sent all the same
    client.force_login(manager)
    page = client.get("/statements/2026-03/").content.decode()
    assert "Retry 1 failed e-mail" in page
    assert "No such mailbox here" in page

    smtp_server.refused.clear()
    response = client.post("/statements/2026-03/send/", follow=True)

    assert "Sending 1 statement for 2026-03." in response.content.decode()
    assert [message["To"] for message in smtp_server.messages[2:]] == ["ben@example.com"]
    ben = StatementEmail.objects.filter(person__name="Ben Okafor").order_by("at", "id")
    assert [row.status for row in ben] == ["failed", "sent"]
    assert ben.last().by == manager
    assert "E-mail the statements" in client.get("/statements/2026-03/").content.decode()


def test_no_mail_server_fails_every_message_but_not_the_approval(
    team, manager, admin, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = free_port()  # nobody listens there

    approve(MARCH, manager, admin, django_capture_on_commit_callbacks)

    assert set(StatementEmail.objects.values_list("status", flat=True)) == {"failed"}
    assert "Could not reach the mail server" in StatementEmail.objects.first().error
    assert month_of(MARCH).state == "approved"


def test_sending_is_refused_before_the_month_is_approved(team, manager, smtp_server, client):
    take_step(MARCH, "review", by=manager)
    client.force_login(manager)

    page = client.post("/statements/2026-03/send/", follow=True).content.decode()

    assert "Not sent: 2026-03 is reviewed; statements are e-mailed once the month is approved." in page
    assert smtp_server.messages == []
    assert "E-mail the statements" not in page


def test_the_send_button_is_csrf_protected(team, manager, admin, smtp_server, django_capture_on_commit_callbacks):
    approve(MARCH, manager, admin, django_capture_on_commit_callbacks)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(manager)

    assert strict.post("/statements/2026-03/send/").status_code == 403


def test_the_command_sends_what_is_left_and_fails_with_what_failed(
    team, manager, admin, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.refused.add("eve@example.com")
    approve(MARCH, manager, admin, django_capture_on_commit_callbacks)
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="1 of 1 could not be sent"):
        call_command("send_statements", "2026-03", "--by", "max_manager", stdout=out, stderr=err)
    assert "Already sent for this approval, skipped: Ana Ruiz, Ben Okafor." in out.getvalue()
    assert "failed: Eve Tanaka <eve@example.com>: eve@example.com refused: 550" in err.getvalue()

    smtp_server.refused.clear()
    out = StringIO()
    call_command("send_statements", "2026-03", stdout=out)
    assert "sent: Eve Tanaka <eve@example.com> <" in out.getvalue()
    assert StatementEmail.objects.filter(person__name="Eve Tanaka", status="sent").get().by is None


def test_the_command_refuses_a_month_that_is_not_approved_and_a_user_who_may_not(team, board_member):
    with pytest.raises(CommandError, match="2026-02 is open; statements are e-mailed once the month is approved"):
        call_command("send_statements", "2026-02", stdout=StringIO())
    with pytest.raises(CommandError, match="bo_board may not send statements"):
        call_command("send_statements", "2026-02", "--by", "bo_board", stdout=StringIO())


def test_a_claim_left_sending_by_a_dead_process_is_failed_and_sent_again(
    team, manager, admin, smtp_server, django_capture_on_commit_callbacks
):
    approve(FEBRUARY, manager, admin, django_capture_on_commit_callbacks)
    row = StatementEmail.objects.get(person__name="Ana Ruiz")
    StatementEmail.objects.filter(pk=row.pk).update(status="sending", at=row.at - mailing.STALE_AFTER * 2)

    claimed = mailing.send_statements(FEBRUARY, by=manager)

    row.refresh_from_db()
    assert row.status == "failed" and row.error.startswith("Interrupted")
    assert [again.person.name for again in claimed.queued] == ["Ana Ruiz"]
    assert claimed.queued[0].status == "sent"


def test_the_configuration_reads_the_environment(monkeypatch):
    import importlib

    from otesite import settings as site_settings

    monkeypatch.setenv("DJANGO_EMAIL_HOST", "smtp.example.com")
    monkeypatch.setenv("DJANGO_EMAIL_PORT", "587")
    monkeypatch.setenv("DJANGO_EMAIL_USE_TLS", "true")
    monkeypatch.setenv("DJANGO_DEFAULT_FROM_EMAIL", "Payroll <payroll@example.com>")
    monkeypatch.setenv("DJANGO_SITE_URL", "https://ote.example.com/")
    try:
        configured = importlib.reload(site_settings)
        assert configured.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
        assert (configured.EMAIL_HOST, configured.EMAIL_PORT, configured.EMAIL_USE_TLS) == (
            "smtp.example.com",
            587,
            True,
        )
        assert configured.DEFAULT_FROM_EMAIL == "Payroll <payroll@example.com>"
        assert configured.SITE_URL == "https://ote.example.com"
        monkeypatch.delenv("DJANGO_EMAIL_HOST")
        assert importlib.reload(site_settings).EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
    finally:
        monkeypatch.undo()
        importlib.reload(site_settings)


# --- In the background, as in production -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_approval_does_not_wait_for_the_mail_server(groups, team, manager, admin, smtp_server, settings):
    """The approval returns while a slow server is still answering; the messages follow."""
    settings.STATEMENT_EMAILS_IN_BACKGROUND = True
    smtp_server.delay = 2.0  # seconds for the server to accept each message
    take_step(MARCH, "review", by=manager)

    take_step(MARCH, "approve", by=admin)

    assert smtp_server.messages == []  # the approval returned before the server accepted a message
    assert month_of(MARCH).state == "approved"
    # Wait for the sending thread itself, not by reading its table while it writes (SQLite's
    # shared in-memory test database locks a table that one connection writes and another reads).
    for thread in [thread for thread in threading.enumerate() if thread.name == "statement-emails"]:
        thread.join(timeout=30)
    assert sorted(StatementEmail.objects.values_list("status", flat=True)) == ["sent"] * 3
    assert len(smtp_server.messages) == 3
