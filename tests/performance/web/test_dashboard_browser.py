"""The dashboard and the calculator in a real browser (Debian's Chromium, headless).

Transactional, so the live server sees the data (the cast fixtures remake the groups
that the flush at the end of a transactional test removes).
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def mark_page(page) -> None:
    """A flag that only survives while the page is not reloaded."""
    page.evaluate("window.stillTheSamePage = true")


def same_page(page) -> bool:
    return page.evaluate("window.stillTheSamePage === true")


def test_a_manager_opens_a_month_and_picks_another_without_a_page_load(
    login_as, manager, example_agency, live_server, artifacts
):
    page = login_as(manager)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/")
    page.wait_for_url(re.compile(r"/performance/2026-03/$"))
    heading = page.get_by_role("heading", level=1)
    assert "March 2026" in heading.inner_text()
    closers = page.get_by_role("article", name=re.compile("^Closers"))
    assert "Quota attainment 75.0%" in closers.inner_text()
    assert "Need 1.25 more deals per closer" in closers.inner_text()
    assert page.get_by_role("progressbar", name="Closers quota attainment").get_attribute("aria-valuenow") == "75.0"
    page.screenshot(path=artifacts / "dashboard.png", full_page=True)

    mark_page(page)
    page.locator("input[type=month]").fill("2026-01")
    page.wait_for_url(re.compile(r"/performance/2026-01/$"))
    page.get_by_role("heading", level=1, name=re.compile("January 2026")).wait_for()
    assert "Quota attainment 100.0%" in page.get_by_role("article", name=re.compile("^Closers")).inner_text()
    assert same_page(page), "choosing a month reloaded the whole page"
    assert "January 2026" in page.title()

    page.get_by_role("link", name=re.compile("Feb 2026")).click()
    page.wait_for_url(re.compile(r"/performance/2026-02/$"))
    page.get_by_role("heading", level=1, name=re.compile("February 2026")).wait_for()
    assert same_page(page)

    # Back restores the previous month as a whole page (htmx keeps no history cache).
    page.go_back()
    page.wait_for_url(re.compile(r"/performance/2026-01/$"))
    page.get_by_role("heading", level=1, name=re.compile("January 2026")).wait_for()
    assert "Quota attainment 100.0%" in page.get_by_role("article", name=re.compile("^Closers")).inner_text()


def test_the_dashboard_reads_on_a_phone(login_as, manager, example_agency, live_server, artifacts):
    page = login_as(manager)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/performance/2026-03/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways"
    page.screenshot(path=artifacts / "dashboard-phone.png", full_page=True)


def test_the_calculator_updates_as_you_type(login_as, manager, example_agency, live_server, artifacts):
    page = login_as(manager)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/plans/")
    result = page.locator("#calculator-result")
    assert "$5,670" in result.inner_text()
    mark_page(page)

    page.get_by_label("Role kind").select_option("setter")
    page.get_by_label("Monthly quota").fill("40")
    page.get_by_label("Commission rate").fill("5")
    expect(result).to_contain_text("160 meetings")  # no wait_for_function: the CSP forbids its eval
    assert "Unreachable" in result.inner_text()
    assert "$1,417.50" in result.inner_text()

    page.get_by_label("Monthly quota").fill("0")
    expect(result).to_contain_text("greater than 0")

    page.get_by_label("Monthly quota").fill("160")
    expect(result).to_contain_text("Aligned")
    assert same_page(page), "the calculator reloaded the page"
    page.locator("#calculator").screenshot(path=artifacts / "plans-calculator.png")
    page.screenshot(path=artifacts / "plans.png", full_page=True)
