"""A manager gets a month's numbers in, in a real browser: the entry form with its checks and live
preview, and the CSV import from the downloaded template to the month's dashboard."""

import re

import pytest
from playwright.sync_api import expect

from otesite.lib.parse import parse_month
from performance.models import MonthlyActual

# Transactional, so the live server sees the data (the cast fixtures remake the groups that
# the flush at the end of a transactional test removes).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_enters_a_month_sees_the_preview_and_saves(login_as, manager, example_agency, live_server, artifacts):
    page = login_as(manager)
    page.goto(f"{live_server.url}/actuals/2026-03/")
    closers = example_agency["Closers"].pk
    preview_row = page.locator("#preview tr", has_text="Closers")
    expect(preview_row).to_contain_text("75.0%")

    page.fill(f"#id_{closers}-units", "40")
    page.keyboard.press("Tab")
    expect(preview_row).to_contain_text("100.0%")
    expect(preview_row).to_contain_text("On target")

    page.fill(f"#id_{closers}-headcount", "2.5")
    page.keyboard.press("Tab")
    expect(page.locator(f"#error-{closers}-headcount")).to_have_text('must be a whole number ≥ 0 (got "2.5")')
    expect(page.locator("#preview")).to_contain_text("Fix the fields marked above")
    page.screenshot(path=artifacts / "actuals-entry-error.png", full_page=True)

    page.fill(f"#id_{closers}-headcount", "8")
    page.keyboard.press("Tab")
    expect(page.locator(f"#error-{closers}-headcount")).to_have_text("")
    expect(preview_row).to_contain_text("100.0%")
    page.screenshot(path=artifacts / "actuals-entry.png", full_page=True)
    page.get_by_role("button", name="Save March 2026").click()
    page.wait_for_url(f"{live_server.url}/performance/2026-03/")
    expect(page.locator(".messages")).to_contain_text("Saved the actuals for March 2026: 0 created, 1 updated.")
    expect(page.get_by_role("article", name=re.compile("^Closers"))).to_contain_text("Quota attainment 100.0%")
    assert MonthlyActual.objects.get(role_id=closers, month=parse_month("2026-03")).units == 40


def test_a_manager_imports_the_filled_in_template_and_a_bad_file_is_refused(
    login_as, manager, example_agency, live_server, artifacts, tmp_path
):
    page = login_as(manager)
    page.goto(f"{live_server.url}/actuals/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the role template").click()
    template = download.value.path().read_text().splitlines()
    assert template[1:] == ["2026-04,Closers,,,,,", "2026-04,Setters,,,,,", "2026-04,Manager,,,,,"]

    # Filled in as in a spreadsheet.
    filled = tmp_path / "april.csv"
    filled.write_text(
        "\n".join([template[0], "2026-04,Closers,8,38,,,", "2026-04,Setters,2,90,,,", "2026-04,Manager,1,38,,,"])
    )
    page.set_input_files("input[type=file]", filled)
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#preview-heading")).to_have_text("Preview: 3 created, 0 updated, 0 unchanged")
    page.get_by_role("button", name="Confirm: import 3 rows").click()
    page.wait_for_url(f"{live_server.url}/performance/2026-04/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("April 2026")
    expect(page.locator(".messages")).to_contain_text("Imported april.csv (2026-04): 3 created")
    expect(page.get_by_role("article", name=re.compile("^Closers"))).to_contain_text("Quota attainment 95.0%")
    page.screenshot(path=artifacts / "actuals-imported-dashboard.png", full_page=True)
    assert MonthlyActual.objects.filter(month=parse_month("2026-04")).count() == 3

    # One bad cell: refused, named, nothing changed.
    bad = tmp_path / "may.csv"
    bad.write_text("\n".join([template[0], "2026-05,Closers,8,38,,,", "2026-05,Setters,2.5,90,,,"]))
    page.goto(f"{live_server.url}/actuals/import/")
    page.set_input_files("input[type=file]", bad)
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("#preview-heading")).to_have_text("Nothing can be imported: 1 problem")
    problem = page.locator("tr.problem")
    expect(problem.get_by_role("rowheader")).to_have_text("row 3, column headcount")
    expect(problem.get_by_role("cell")).to_have_text('must be a whole number ≥ 0 (got "2.5")')
    expect(page.get_by_role("button", name="Confirm")).to_have_count(0)
    page.screenshot(path=artifacts / "actuals-import-errors.png", full_page=True)
    assert not MonthlyActual.objects.filter(month=parse_month("2026-05")).exists()
