"""Every main page fits a phone (390 px wide) without scrolling sideways (wide tables scroll inside
their own box), and the pages read at a laptop's 1280 px; screenshots of both for a person to look at."""

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from performance.models import MonthlyActual

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "dashboard": "/performance/2026-03/",
    "trends": "/performance/trends/",
    "board": "/board/",
    "plans": "/plans/",
    "plan-timeline": "/plans/history/",
    "actuals-entry": "/actuals/2026-03/",
    "actuals-import": "/actuals/import/",
}


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_main_pages_do_not_scroll_sideways(login_as, admin, example_agency, live_server, artifacts, width):
    page = login_as(admin)
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})
    too_wide = {}
    for name, path in PAGES.items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[name] = scroll_width
        page.screenshot(path=artifacts / f"layout-{name}-{width}.png", full_page=True)

    assert too_wide == {}


def test_the_import_page_with_a_long_list_of_problems_fits_a_phone(
    login_as, admin, example_agency, live_server, artifacts, tmp_path
):
    page = login_as(admin)
    page.set_viewport_size({"width": 390, "height": 844})
    upload = tmp_path / "bad.csv"
    upload.write_text(
        "month,role,headcount,units,credited_deals,meetings_held,earnings\r\n"
        + "".join(f"2026-0{n % 3 + 1},Closers and a rather long role name {n},8,30,,,\r\n" for n in range(8))
    )
    page.goto(live_server.url + "/actuals/import/")
    page.locator("input[type=file]").set_input_files(upload)
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator(".import-preview")).to_contain_text("Nothing can be imported")
    page.screenshot(path=artifacts / "layout-actuals-import-problems-390.png", full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_ote_gap_fits_its_tile_at_1280(login_as, admin, example_agency, live_server, artifacts):
    # A team ten times the example's, paid to the cent: six- and seven-figure totals with cents.
    MonthlyActual.objects.filter(role=example_agency["Closers"], month=date(2026, 3, 1)).update(
        headcount=80, units=Decimal("300"), earnings=Decimal("333333.33")
    )
    page = login_as(admin)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/performance/2026-03/")
    tiles = page.locator(".summary .tile")

    overflowing = [
        tiles.nth(i).locator(".tile-label").inner_text()
        for i in range(tiles.count())
        if tiles.nth(i).evaluate("tile => tile.scrollWidth > tile.clientWidth")
        or tiles.nth(i).locator(".tile-value").evaluate("v => v.scrollWidth > v.clientWidth")
    ]
    page.locator(".summary").screenshot(path=artifacts / "layout-summary-tiles-1280.png")

    assert overflowing == []
