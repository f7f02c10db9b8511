"""The Content-Security-Policy breaks nothing: real pages in Chromium report no violation, and htmx works."""

import pytest
from playwright.sync_api import expect

# Transactional, so the live server sees the data; serialized_rollback puts the groups of the
# data migration back after each test, as in the other browser tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`);
});
"""
PAGES = [
    "/",
    "/performance/2026-01/",
    "/performance/2026-03/",
    "/performance/trends/",
    "/board/",
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
    "/admin/performance/monthlyactual/import/",
    "/admin/performance/monthlyactual/export/",
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


def test_the_admin_exports_select_all_toggle_works_under_the_policy(live_server, login_as, admin, example_agency):
    page = login_as(admin)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(live_server.url + "/admin/performance/monthlyactual/export/")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    expect(fields.first).to_be_checked()

    page.locator("#select-all-toggle").uncheck()
    unticked = [fields.nth(i).is_checked() for i in range(fields.count())]
    page.locator("#select-all-toggle").check()
    ticked = [fields.nth(i).is_checked() for i in range(fields.count())]

    assert fields.count() > 1
    assert not any(unticked)
    assert all(ticked)
    assert page.evaluate("window.cspViolations") == []
