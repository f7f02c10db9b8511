"""Statements e-mailed and signed off, in a real browser (Debian's Chromium, headless), at a
laptop's 1280 px and a phone's 390 px: a rep disputes a line of their approved statement, an
admin sees it in the navigation, on the close panel and the statements list (with each e-mail's
state), resolves it by reopening the month, and the rep reads the answer on /me/. No page
breaks the Content-Security-Policy or scrolls sideways; screenshots of each step."""

import pytest
from browser_cases import RECORD_VIOLATIONS
from closing_cases import MARCH
from django.contrib.auth.models import User
from playwright.sync_api import expect

from compensation.models import Person
from performance.closing import take_step
from performance.models import MonthClose
from performance.statement_records import Dispute, StatementEmail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rep(people_team) -> User:
    user = User.objects.create_user("ana", password="correct horse battery staple")
    Person.objects.filter(name="Ana Ruiz").update(user=user)
    return user


@pytest.fixture
def approved_march(rep, people_team, manager, admin, smtp_server) -> None:
    """March approved as the screens do it: Ana's statement e-mailed, Ben's refused by the server."""
    Person.objects.filter(name="Ben Okafor").update(email="ben@example.com")
    smtp_server.refused.add("ben@example.com")
    take_step(MARCH, "review", by=manager)
    take_step(MARCH, "approve", by=admin)
    assert sorted(StatementEmail.objects.values_list("status", flat=True)) == ["failed", "sent"]


class Checked:
    """The browser page, checked on every visit: no policy violation, no sideways scroll."""

    def __init__(self, page, live_server, width: int, artifacts) -> None:
        self.page, self.url, self.width, self.artifacts = page, live_server.url, width, artifacts
        page.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})
        page.add_init_script(RECORD_VIOLATIONS)

    def visit(self, path: str) -> None:
        self.page.goto(self.url + path)
        self.check()

    def check(self) -> None:
        self.page.wait_for_load_state("networkidle")
        assert self.page.evaluate("window.cspViolations") == []
        assert self.page.evaluate("document.documentElement.scrollWidth") <= self.width

    def shot(self, name: str) -> None:
        self.check()
        self.page.screenshot(path=self.artifacts / f"sign-off-{name}-{self.width}.png", full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_dispute_goes_from_the_rep_to_an_admin_to_its_resolution(
    approved_march, rep, admin, login_as, live_server, artifacts, width
):
    ana = Person.objects.get(name="Ana Ruiz")
    statement = f"/statements/2026-03/{ana.pk}/"

    # The rep disputes the commission of her approved statement.
    browser = Checked(login_as(rep), live_server, width, artifacts)
    browser.visit(statement)
    sign_off = browser.page.locator("#sign-off")
    expect(sign_off.get_by_role("button", name="Acknowledge my statement")).to_be_visible()
    sign_off.get_by_label("Which line").select_option("Commission")
    sign_off.get_by_label("What is wrong").fill("My deal of 31 March is missing")
    browser.shot("statement-controls")
    sign_off.get_by_role("button", name="Dispute this statement").click()
    expect(browser.page.locator(".messages")).to_contain_text("sent: an admin will look at it and answer here")
    expect(sign_off.locator(".dispute-open")).to_contain_text("“My deal of 31 March is missing”")
    expect(sign_off.get_by_role("button", name="Acknowledge my statement")).to_have_count(0)
    dispute = Dispute.objects.get()

    # The admin sees it counted in the navigation and listed on the close panel.
    page = login_as(admin)
    browser.visit("/performance/2026-03/")
    nav = page.locator(".nav-disputes")
    if width == 390 and not nav.is_visible():
        pytest.fail("the navigation's count of disputes is hidden on a phone")
    expect(nav).to_contain_text("Disputes 1")
    panel = page.locator("#month-close")
    expect(panel.locator(".close-disputes")).to_contain_text(f"#{dispute.pk} Ana Ruiz")
    browser.shot("dashboard")
    panel.screenshot(path=artifacts / f"sign-off-close-panel-{width}.png")

    # The statements list: each e-mail's state, and the dispute with its resolution form.
    panel.get_by_role("link", name="Resolve them with the statements for March 2026").click()
    browser.check()
    rows = page.locator("table.statements tbody tr")
    expect(rows.filter(has_text="Ana Ruiz").locator(".email-state")).to_contain_text("Sent")
    expect(rows.filter(has_text="Ben Okafor").locator(".email-state")).to_contain_text("Failed")
    expect(rows.filter(has_text="Chloe Martin").locator(".email-state")).to_contain_text("No e-mail address")
    expect(rows.filter(has_text="Ana Ruiz")).to_contain_text("Disputed")
    expect(page.get_by_role("button", name="Retry 1 failed e-mail")).to_be_visible()
    browser.shot("statements-list")

    disputes = page.locator("#disputes")
    disputes.get_by_label(f"Resolution note for #{dispute.pk}").fill("Add the deal and approve again")
    disputes.get_by_role("button", name="Reopen March 2026").click()
    expect(page.locator(".messages")).to_contain_text(f"Dispute #{dispute.pk} resolved and 2026-03 reopened.")
    browser.check()
    assert MonthClose.objects.get(month=MARCH).state == "open"
    browser.visit("/performance/2026-03/")
    expect(page.locator("#month-close .close-steps")).to_contain_text(
        f"“Dispute #{dispute.pk} (Ana Ruiz, Commission): Add the deal and approve again”"
    )
    expect(page.locator(".nav-disputes")).to_have_count(0)

    # The rep reads the answer on her page.
    login_as(rep)
    browser.visit("/me/")
    mine = page.locator(".me-disputes")
    expect(mine).to_contain_text("Month reopened")
    expect(mine).to_contain_text("“Add the deal and approve again”")
    browser.shot("me")


def test_an_acknowledged_statement_says_so_and_prints_without_its_controls(
    approved_march, rep, login_as, live_server, artifacts
):
    ana = Person.objects.get(name="Ana Ruiz")
    browser = Checked(login_as(rep), live_server, 1280, artifacts)
    browser.visit(f"/statements/2026-03/{ana.pk}/")

    browser.page.get_by_role("button", name="Acknowledge my statement").click()

    expect(browser.page.locator(".sign-off-done")).to_contain_text("Acknowledged by ana on")
    browser.shot("acknowledged")
    browser.page.emulate_media(media="print")
    assert browser.page.locator("#sign-off").is_hidden()
