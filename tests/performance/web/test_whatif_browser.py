"""What-if in a real browser: change an OTE, watch the scenario and the spread chart follow
without a page load, save it, and apply it as a plan version (Admins); and the page on a phone."""

import re
from decimal import Decimal

import pytest
from browser_cases import RECORD_VIOLATIONS
from playwright.sync_api import expect

from compensation.models import QuotaPlan
from otesite.lib.months import add_months, format_month
from otesite.lib.rules import current_month

# Transactional, so the live server sees the data (the cast fixtures remake the groups).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART = "document.querySelector('canvas[data-chart=whatif-outcomes-data]')"
TOTAL_OTE_LINE = f"() => Chart.getChart({CHART})?.data.datasets[2].data[0]"


def violations(page, console: list[str]) -> list[str]:
    return page.evaluate("window.cspViolations") + [line for line in console if "Content Security Policy" in line]


def scenario_cell(page, label: str):
    """The scenario's text in the summary row `label`."""
    return page.locator("#scenario tr", has=page.get_by_role("rowheader", name=label, exact=True)).locator("td").nth(1)


def test_an_admin_changes_an_ote_saves_the_scenario_and_applies_it(
    login_as, admin, example_agency, live_server, artifacts
):
    page = login_as(admin)
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/what-if/?month=2026-03")
    expect(scenario_cell(page, "Total OTE a month")).to_have_text("$63,500")
    assert page.evaluate(TOTAL_OTE_LINE) == 63500
    page.evaluate("window.stillTheSamePage = true")

    page.locator('input[name="Closers.annual_ote"]').fill("+20%")

    # 8 closers at $6,804 instead of $5,670: $9,072 more OTE a month.
    expect(scenario_cell(page, "Total OTE a month")).to_contain_text("$72,572")
    page.wait_for_function(f"() => ({TOTAL_OTE_LINE})() === 72572")
    assert page.evaluate(f"() => Chart.getChart({CHART}).data.datasets[1].data") == [
        30901.5,
        49442.4,
        61803.0,
        74163.6,
        92704.5,
    ]
    # Quota still pays $5,670 against an OTE of $6,804: the closers' plan can no longer reach OTE.
    closers = page.get_by_role("article", name=re.compile("^Closers"))
    expect(closers.locator(".badge").first).to_have_text(re.compile("Unreachable"))
    expect(closers).to_contain_text("OTE $81,648 → $68,040")
    assert page.evaluate("window.stillTheSamePage === true"), "typing reloaded the page"
    assert "change=Closers.annual_ote%3D%2B20%25" in page.url
    page.screenshot(path=artifacts / "whatif.png", full_page=True)
    page.screenshot(path=artifacts / "whatif-top.png")
    page.locator("#whatif-outcomes-heading").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "whatif-spread.png")

    page.get_by_label("Name").fill("OTE up a fifth")
    page.get_by_role("button", name="Save scenario").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("OTE up a fifth")
    expect(page.locator(".messages")).to_contain_text("Saved the scenario")
    page.screenshot(path=artifacts / "whatif-saved.png")

    start = add_months(current_month(), 1)
    page.get_by_label("First month of the new plan versions").fill(format_month(start))
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".messages")).to_contain_text("Applied “OTE up a fifth” as plan versions")
    expect(page.locator(".messages")).to_contain_text("Closers: annual OTE $68,040 → $81,648")
    assert page.url == f"{live_server.url}/plans/"
    page.screenshot(path=artifacts / "whatif-applied.png", full_page=True)

    version = QuotaPlan.objects.get(role=example_agency["Closers"], effective_from=start)
    assert version.annual_ote == Decimal("81648")
    assert version.history.latest().history_change_reason == "Scenario: OTE up a fifth"
    assert violations(page, console) == []


def test_the_what_if_page_reads_on_a_phone(login_as, manager, example_agency, live_server, artifacts):
    page = login_as(manager)
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/what-if/?month=2026-03&change=Setters.commission_rate%3D0.2&revenue_goal=500000")
    expect(page.locator("#scenario")).to_contain_text("To bring in $500,000 a month")

    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways"
    assert page.evaluate(f"() => Chart.getChart({CHART}) !== undefined")
    page.screenshot(path=artifacts / "whatif-phone.png", full_page=True)
    page.locator("#whatif-summary-heading").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "whatif-phone-summary.png")
    page.locator("#whatif-outcomes-heading").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "whatif-phone-spread.png")

    page.locator('input[name="Setters.headcount"]').fill("4")
    expect(scenario_cell(page, "Total OTE a month")).to_contain_text("$74,840")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.evaluate("window.cspViolations") == []


def test_a_fix_link_on_the_dashboard_opens_the_what_if_page_with_the_plan_aligned(
    login_as, manager, example_agency, live_server
):
    page = login_as(manager)
    page.goto(f"{live_server.url}/performance/2026-03/")

    page.get_by_role("link", name="commission rate 5.0% → 20.0%").click()

    page.wait_for_url(re.compile(r"/what-if/\?month=2026-03&change=Setters.commission_rate%3D0.2$"))
    expect(page.locator('input[name="Setters.commission_rate"]')).to_have_value("0.2")
    setters = page.get_by_role("article", name=re.compile("^Setters"))
    expect(setters.locator(".badge").first).to_have_text(re.compile("Aligned"))


def test_typing_over_a_request_in_flight_logs_no_error(login_as, manager, example_agency, live_server, artifacts):
    """A request overtaken by newer typing is never cancelled (htmx logs each cancel as a console
    error): the newer one waits for it, and the last answer is what shows."""
    page = login_as(manager)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/what-if/?month=2026-03")
    box = page.locator('input[name="Closers.annual_ote"]')
    for typed in ("+1%", "+5%", "+10%", "+15%", "+20%"):
        box.fill(typed)
        box.press("Enter")  # a submit sends at once, while the one before is still on its way
    expect(scenario_cell(page, "Total OTE a month")).to_contain_text("$72,572")  # the last one typed

    page.goto(f"{live_server.url}/board/")
    for month in ("2026-01", "2026-02", "2026-03", "2026-02"):
        page.locator("#board-month").fill(month)  # each a change, each a request
    expect(page.get_by_role("heading", level=1)).to_have_text("February 2026")

    assert errors == []
