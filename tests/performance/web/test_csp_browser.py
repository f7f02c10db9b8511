"""The Content-Security-Policy breaks nothing: real pages in Chromium report no violation, and htmx works."""

import re

import pytest
from browser_cases import RECORD_VIOLATIONS
from playwright.sync_api import expect

# Transactional, so the live server sees the data; serialized_rollback puts the groups of the
# data migration back after each test, as in the other browser tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = [
    "/",
    "/performance/2026-01/",
    "/performance/2026-03/",
    "/performance/trends/",
    "/board/",
    "/board/?month=2026-02&from=2026-01&to=2026-03",
    "/plans/",
    "/plans/history/",
    "/what-if/",
    "/what-if/?month=2026-03&change=Closers.annual_ote%3D%2B20%25",
    "/what-if/scenarios/",
    "/actuals/2026-03/",
    "/actuals/import/",
    "/admin/",
    "/admin/compensation/quotaplan/",
    "/admin/compensation/quotaplan/add/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/compensation/person/add/",
    "/admin/performance/monthlyactual/import/",
    "/admin/performance/monthlyactual/export/",
    "/admin/performance/monthlyactual/",
    "/admin/compensation/economics/",
    "/admin/compensation/economics/add/",
    "/admin/compensation/quotaplan/import/",
    "/admin/compensation/quotaplan/export/",
]


def _violations(page, console: list[str]) -> list[str]:
    return page.evaluate("window.cspViolations") + [line for line in console if "Content Security Policy" in line]


def test_the_pages_and_the_admin_load_without_a_policy_violation(
    live_server, login_as, admin, example_agency, artifacts
):
    page = login_as(admin)
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    found = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        found[path] = _violations(page, console)
        console.clear()
    page.screenshot(path=artifacts / "csp-admin-users.png", full_page=True)

    assert found == {path: [] for path in PAGES}


def test_the_login_page_loads_without_a_policy_violation(live_server, page):
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    page.goto(live_server.url + "/login/")
    page.wait_for_load_state("networkidle")

    assert _violations(page, console) == []


def test_htmx_runs_under_the_policy_without_eval_or_injected_styles(live_server, login_as, manager, artifacts):
    page = login_as(manager)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(live_server.url + "/")
    expect(page.locator("#main")).to_be_visible()

    config = page.evaluate("({allowEval: htmx.config.allowEval, indicatorStyles: htmx.config.includeIndicatorStyles})")
    # An HTMX request and swap, as the pages' fragments will do.
    page.evaluate("htmx.ajax('GET', '/healthz', {target: '#main', swap: 'innerHTML'})")
    expect(page.locator("#main")).to_contain_text('"status": "ok"')
    page.screenshot(path=artifacts / "csp-htmx-swap.png")

    assert config == {"allowEval": False, "indicatorStyles": False}
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    assert page.evaluate("window.cspViolations") == []


def _watch(page) -> list[str]:
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    return console


def test_every_htmx_swap_runs_without_a_policy_violation(live_server, login_as, admin, example_agency, artifacts):
    page = login_as(admin)
    console = _watch(page)
    found = {}

    # The dashboard's month picker.
    page.goto(live_server.url + "/performance/2026-03/")
    page.locator("#dashboard input[type=month]").fill("2026-01")
    expect(page.get_by_role("heading", level=1)).to_contain_text("January 2026")
    found["dashboard month picker"] = _violations(page, console)
    console.clear()

    # The trends' range switch: a preset link, then the form.
    page.goto(live_server.url + "/performance/trends/")
    page.locator(".range-presets a").first.click()
    expect(page).to_have_url(re.compile(r"/performance/trends/\?from=2026-01&to=2026-03$"))  # swapped
    page.locator("#range-from").fill("2026-02")
    page.locator(".range-form button").click()
    expect(page.locator(".range-summary")).to_contain_text("2026-02 to 2026-03")
    found["trends range switch"] = _violations(page, console)
    console.clear()

    # The plans calculator's preview.
    page.goto(live_server.url + "/plans/")
    page.get_by_label("Monthly quota").fill("0")
    expect(page.locator("#calculator-result")).to_contain_text("greater than 0")
    page.get_by_label("Monthly quota").fill("4")
    expect(page.locator("#calculator-result")).to_contain_text("Break-even")
    found["plans calculator"] = _violations(page, console)
    console.clear()

    # The actuals form: a field's check as you leave it, and the live preview.
    closers = example_agency["Closers"].pk
    page.goto(live_server.url + "/actuals/2026-03/")
    page.fill(f"#id_{closers}-headcount", "2.5")
    page.keyboard.press("Tab")
    expect(page.locator(f"#error-{closers}-headcount")).to_contain_text("whole number")
    page.fill(f"#id_{closers}-headcount", "8")
    page.fill(f"#id_{closers}-units", "40")
    page.keyboard.press("Tab")
    expect(page.locator("#preview tr", has_text="Closers")).to_contain_text("100.0%")
    found["actuals check and preview"] = _violations(page, console)
    console.clear()

    # The board pack's picker.
    page.goto(live_server.url + "/board/")
    page.locator("#board-month").fill("2026-02")
    expect(page.get_by_role("heading", level=1)).to_have_text("February 2026")
    found["board picker"] = _violations(page, console)
    page.screenshot(path=artifacts / "csp-board-swap.png", full_page=True)

    assert found == {name: [] for name in found}
