"""Closing a month and statements in a real browser (Debian's Chromium, headless): a manager
reviews, an admin approves, the entry form then refuses; a rep sees only their own statement;
the statement prints as one clean A4 page (rendered to PDF, then to PNG with pdftoppm)."""

import re
import shutil
import subprocess

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from compensation.models import Person
from performance.models import MonthClose

# Transactional, so the live server sees the data (the cast fixtures remake the groups that
# the flush at the end of a transactional test removes).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCKED = "2026-03 is approved; reopen it to change its numbers"


def test_a_manager_reviews_an_admin_approves_and_the_entry_form_then_refuses(
    login_as, manager, admin, example_agency, live_server, artifacts
):
    page = login_as(manager)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/performance/2026-03/")
    panel = page.locator("#month-close")
    expect(panel).to_contain_text("Open")
    expect(panel.get_by_role("button", name="Approve March 2026")).to_have_count(0)
    panel.get_by_label("Note (optional)").fill("Checked against the CRM")
    panel.get_by_role("button", name="Mark March 2026 reviewed").click()
    expect(page.locator(".messages")).to_contain_text("2026-03 marked reviewed.")
    expect(panel).to_contain_text("Reviewed by max_manager")
    expect(panel).to_contain_text("“Checked against the CRM”")

    page = login_as(admin)
    page.goto(f"{live_server.url}/performance/2026-03/")
    page.locator("#month-close").get_by_role("button", name="Approve March 2026").click()
    expect(page.locator(".messages")).to_contain_text("2026-03 approved.")
    expect(page.locator(".dashboard-header .close-state")).to_have_text(re.compile("Approved"))
    expect(page.locator(".approval-notice")).to_contain_text("These are the numbers as approved on")
    page.screenshot(path=artifacts / "closing-approved-dashboard.png", full_page=True)
    # Reopening asks for the reason first (the browser will not send the form without one).
    page.locator("#month-close").get_by_role("button", name="Reopen March 2026").click()
    assert page.locator("#reopen-note").evaluate("input => input.validity.valueMissing")
    assert MonthClose.objects.get().state == "approved"

    page = login_as(manager)
    page.goto(f"{live_server.url}/actuals/2026-03/")
    expect(page.get_by_role("status")).to_contain_text(LOCKED)
    expect(page.get_by_role("status")).to_contain_text("An admin can reopen it")
    expect(page.locator("form.entry-form")).to_have_count(0)
    expect(page.get_by_role("row", name=re.compile("^Closers"))).to_contain_text("30")  # read-only, as entered
    page.screenshot(path=artifacts / "closing-entry-refused.png", full_page=True)
    page.get_by_role("link", name="the close panel of March 2026").click()
    expect(page).to_have_url(re.compile(r"/performance/2026-03/#month-close$"))
    page.goto(f"{live_server.url}/actuals/2026-03/")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    page.screenshot(path=artifacts / "closing-entry-refused-390.png", full_page=True)


@pytest.fixture
def rep(people_team) -> User:
    user = User.objects.create_user("ana", password="correct horse battery staple")
    Person.objects.filter(name="Ana Ruiz").update(user=user)
    return user


def test_a_rep_logs_in_and_sees_only_their_own_statement(rep, people_team, login_as, live_server, artifacts):
    page = login_as(rep)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/")
    page.wait_for_url(f"{live_server.url}/me/")
    expect(page.locator(".me-rank")).to_have_text("1st of 3")
    for other in ("Ben Okafor", "Chloe Martin", "Dev Patel"):
        expect(page.locator("main")).not_to_contain_text(other)
    page.screenshot(path=artifacts / "closing-me.png", full_page=True)

    page.get_by_role("link", name="Statement for March 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana Ruiz · March 2026")
    expect(page.locator(".statement-total")).to_contain_text("$12,375")
    page.screenshot(path=artifacts / "closing-statement.png", full_page=True)

    ben = Person.objects.get(name="Ben Okafor")
    response = page.goto(f"{live_server.url}/statements/2026-03/{ben.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_statement_prints_as_one_clean_a4_page(people_team, manager, login_as, live_server, artifacts):
    ana = Person.objects.get(name="Ana Ruiz")
    page = login_as(manager)
    page.goto(f"{live_server.url}/statements/2026-03/{ana.pk}/")
    expect(page.get_by_role("button", name="Print / save as PDF")).to_be_visible()

    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".statement-actions").is_hidden()
    pdf_path = artifacts / "statement.pdf"
    page.pdf(path=pdf_path, format="A4", print_background=True)
    for old in artifacts.glob("statement-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", pdf_path, artifacts / "statement-page"], check=True)

    pages = sorted(artifacts.glob("statement-page-*.png"))
    assert len(pages) == 1, f"the statement printed on {len(pages)} pages"
    info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True, check=False).stdout
    assert not info or re.search(r"Page size:\s+59[56]\.\d+ x 84[12]\.\d+ pts \(A4\)", info)
