"""Deals on screen in a real browser (Debian's Chromium): a manager's month of deals and its
clawbacks, the month picker pushing the URL, adding a deal through the form (and a refusal),
cancelling one, and a rep's own deals on /me/. Each at 1280 and 390 px, screenshots in the
artifacts folder, no sideways scrolling, no CSP violation."""

import re

import pytest
from browser_cases import RECORD_VIOLATIONS
from deal_cases import person
from playwright.sync_api import expect

from performance.models import Deal

# Transactional, so the live server sees the data.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]


def opened(login_as, user, width: int):
    page = login_as(user)
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": width, "height": 900})
    page.console = []
    page.on("console", lambda message: page.console.append(message.text))
    return page


def check_layout_and_policy(page, artifacts, name: str, width: int) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / f"deals-{name}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways at {width} px"
    violations = page.evaluate("window.cspViolations") + [m for m in page.console if "Content Security Policy" in m]
    assert violations == [], violations


@pytest.mark.parametrize("width", WIDTHS)
def test_a_manager_reads_the_months_deals_and_its_clawbacks(
    deals_team, login_as, manager, live_server, artifacts, width
):
    page = opened(login_as, manager, width)
    page.goto(f"{live_server.url}/deals/2026-04/")

    table = page.locator(".deals-table")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.locator("tr", has_text="HS-1")).to_contain_text("Ana Ruiz")
    expect(table.locator("tr", has_text="HS-1")).to_contain_text("Eve Tanaka")
    expect(table.locator("tr", has_text="HS-3")).to_contain_text("clawed back")
    check_layout_and_policy(page, artifacts, "april", width)

    page.evaluate("window.stillTheSamePage = true")
    page.locator("#deals input[name=month]").fill("2026-05")
    page.wait_for_url(re.compile(r"/deals/2026-05/$"))
    expect(page.locator(".clawbacks-table")).to_contain_text("HS-3")
    assert page.evaluate("window.stillTheSamePage === true"), "picking a month reloaded the page"
    check_layout_and_policy(page, artifacts, "may-clawbacks", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_manager_adds_a_deal_is_refused_a_bad_split_and_cancels_one(
    deals_team, login_as, manager, live_server, artifacts, width
):
    page = opened(login_as, manager, width)
    page.goto(f"{live_server.url}/deals/new/")
    page.get_by_label("Deal id").fill("HS-40")
    page.get_by_label("Closed on").fill("2026-04-18")
    page.get_by_label("Value", exact=True).fill("12000")
    page.get_by_label("Closer 1").select_option(label="Ana Ruiz")
    page.get_by_label("Share 1").fill("0.5")
    page.get_by_label("Closer 2").select_option(label="Ben Okafor")
    page.get_by_label("Share 2").fill("0.4")
    page.get_by_label("Setter").select_option(label="Eve Tanaka")
    page.get_by_role("button", name="Save the deal").click()

    expect(page.locator(".deal-form")).to_contain_text("they must add up to exactly 1")
    check_layout_and_policy(page, artifacts, "form-refused", width)

    page.get_by_label("Share 2").fill("0.5")
    page.get_by_role("button", name="Save the deal").click()
    page.wait_for_url(re.compile(r"/deals/2026-04/$"))
    expect(page.locator(".deals-table tr", has_text="HS-40")).to_contain_text("Ben Okafor")
    check_layout_and_policy(page, artifacts, "added", width)

    page.locator(".deals-table tr", has_text="HS-40").get_by_role("link", name="Cancel").click()
    page.get_by_label("Cancelled on").fill("2026-06-03")
    page.get_by_label("Reason").fill("the customer withdrew")
    check_layout_and_policy(page, artifacts, "cancel-form", width)
    page.get_by_role("button", name="Cancel the deal").click()
    page.wait_for_url(re.compile(r"/deals/2026-04/$"))
    expect(page.locator(".deals-table tr", has_text="HS-40")).to_contain_text("clawed back")
    assert Deal.objects.get(crm_id="HS-40").history.first().history_change_reason == "the customer withdrew"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_rep_sees_only_their_own_deals_on_their_page(
    deals_team, login_as, live_server, artifacts, width, django_user_model
):
    rep = django_user_model.objects.create_user("ana")
    ana = person("Ana Ruiz")
    ana.user = rep
    ana.save()
    page = opened(login_as, rep, width)
    page.goto(f"{live_server.url}/me/")

    deals = page.locator(".me-deals")
    expect(deals).to_contain_text("HS-1")
    expect(deals).to_contain_text("HS-3")
    expect(deals).not_to_contain_text("HS-2")
    expect(page.locator("body")).not_to_contain_text("Hal Novak")
    check_layout_and_policy(page, artifacts, "me", width)
