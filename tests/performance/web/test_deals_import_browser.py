"""A manager imports a HubSpot export in a real browser: the upload (htmx, with its progress bar),
the preview paged through without leaving the page, the confirm landing on the month; a bad file
refused, naming the row and column; and no script the Content-Security-Policy would block."""

import re

import pytest
from browser_cases import RECORD_VIOLATIONS
from deals_cases import HUBSPOT_HEADER, hubspot_row
from playwright.sync_api import expect

from performance.models import Deal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWNERS = ["Ana Ruiz", "ben okafor", "Chloe Martin", "Hal Novak"]


def test_a_manager_imports_a_hubspot_export_page_by_page(
    login_as, manager, people_team, live_server, artifacts, tmp_path
):
    export = tmp_path / "hubspot-april.csv"
    rows = [
        hubspot_row(str(1000 + n), f"2026-04-{1 + n % 28:02d} 10:15", OWNERS[n % 4].title(), "16,200.00")
        for n in range(80)
    ]
    rows.append(hubspot_row("2000", "2026-04-03", "Ana Ruiz", "500", "Closed Lost"))
    export.write_text("\n".join([HUBSPOT_HEADER, *rows]) + "\n")
    page = login_as(manager)
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/deals/import/")

    page.get_by_label("The file is").select_option("hubspot")
    page.set_input_files("input[type=file]", export)
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#preview-heading")).to_have_text(
        "Preview: 80 created, 0 changed, 0 unchanged; skipped 1: Closed Lost 1"
    )
    expect(page.locator(".pager")).to_contain_text("Rows 1–50 of 80 (page 1 of 2)")
    page.screenshot(path=artifacts / "deals-import-preview-1280.png", full_page=True)
    page.get_by_role("button", name="Next →").click()
    expect(page.locator(".pager")).to_contain_text("Rows 51–80 of 80 (page 2 of 2)")
    expect(page.locator("table.changes")).to_contain_text("1079")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=artifacts / "deals-import-preview-390.png", full_page=True)

    page.get_by_role("button", name="Confirm: import 80 deals").click()
    page.wait_for_url(f"{live_server.url}/performance/2026-04/")
    expect(page.locator(".messages")).to_contain_text("Imported hubspot-april.csv (2026-04): 80 created")
    assert Deal.objects.count() == 80
    assert page.evaluate("window.cspViolations") == []


def test_a_bad_export_is_refused_naming_the_row_and_column(
    login_as, manager, people_team, live_server, artifacts, tmp_path
):
    export = tmp_path / "bad.csv"
    export.write_text("\n".join([HUBSPOT_HEADER, hubspot_row("1", "2026-04-02", "Ana Ruiz", "$16,200.00")]) + "\n")
    page = login_as(manager)
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/deals/import/")

    page.get_by_label("The file is").select_option("hubspot")
    page.set_input_files("input[type=file]", export)
    page.get_by_role("button", name="Preview the import").click()

    expect(page.locator("#preview-heading")).to_have_text("Nothing can be imported: 1 problem")
    expect(page.locator("tr.problem").get_by_role("rowheader")).to_have_text("row 2, column Amount")
    expect(page.locator("tr.problem").get_by_role("cell")).to_have_text(re.compile("without a currency sign"))
    expect(page.get_by_role("button", name=re.compile("^Confirm"))).to_have_count(0)
    page.screenshot(path=artifacts / "deals-import-refused-1280.png", full_page=True)
    assert Deal.objects.count() == 0
    assert page.evaluate("window.cspViolations") == []
