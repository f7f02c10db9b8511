"""In Chromium: the API's docs (Swagger UI from our own static files) and the tokens page run
under the site's Content-Security-Policy with no violation, Swagger UI lists the API and reads
it on the session, and the tokens page fits a phone and a laptop."""

import pytest
from browser_cases import RECORD_VIOLATIONS
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _watch(page) -> list[str]:
    console: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: console.append(message.text))
    return console


def _violations(page, console: list[str]) -> list[str]:
    return page.evaluate("window.cspViolations") + [line for line in console if "Content Security Policy" in line]


def test_the_docs_list_the_api_and_try_a_read_with_no_policy_violation(
    live_server, login_as, manager, example_agency, artifacts
):
    page = login_as(manager)
    console = _watch(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(live_server.url + "/api/docs/")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/months/{month}/metrics/")).to_be_visible()
    page.locator("#operations-months-months_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")
    page.screenshot(path=artifacts / "api-docs-1280.png", full_page=False)

    assert _violations(page, console) == []
    assert not [line for line in console if "error" in line.lower()]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_tokens_page_makes_a_token_and_fits_the_screen(live_server, login_as, manager, artifacts, width):
    page = login_as(manager)
    console = _watch(page)
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})

    page.goto(live_server.url + "/account/tokens/")
    page.get_by_label("What it is for").fill("Payroll script")
    page.get_by_role("button", name="Make a token").click()
    expect(page.locator("#new-token")).to_contain_text("ote_")
    page.screenshot(path=artifacts / f"api-tokens-{width}.png", full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _violations(page, console) == []
    page.get_by_role("button", name="Revoke").click()
    expect(page.locator(".token-revoked")).to_be_visible()
    assert _violations(page, console) == []
