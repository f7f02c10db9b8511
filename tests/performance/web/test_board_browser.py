"""The board pack of a past month in a real browser: picked without a page load, its address
pushed, and printed as the page shows it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_board_member_picks_a_past_month_and_prints_it(login_as, board_member, story, live_server, artifacts):
    page = login_as(board_member)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/board/")
    expect(page.get_by_role("heading", level=1)).to_have_text("October 2026")
    page.evaluate("window.stillTheSamePage = true")

    page.locator("#board-month").fill("2025-06")
    expect(page).to_have_url(re.compile(r"/board/\?month=2025-06$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("June 2025")
    assert page.evaluate("window.stillTheSamePage === true"), "picking a month reloaded the page"
    assert "June 2025" in page.title()
    expect(page.locator("#board-trends-title")).to_have_text("Trends, 2024-05 to 2025-06")

    page.locator("#board-from").fill("2025-01")
    page.locator("#board-to").fill("2025-12")
    page.locator(".board-picker button").click()
    expect(page).to_have_url(re.compile(r"/board/\?month=2025-06&from=2025-01&to=2025-12$"))
    expect(page.locator("#board-trends-title")).to_have_text("Trends, 2025-01 to 2025-12")
    page.screenshot(path=artifacts / "board-past-month.png", full_page=True)

    page.emulate_media(media="print")
    expect(page.locator(".board-picker")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("June 2025")
    expect(page.locator("#board-trends-title")).to_have_text("Trends, 2025-01 to 2025-12")
    page.pdf(path=artifacts / "board-past-month.pdf")


def test_the_pack_of_a_past_month_opens_from_its_address(login_as, board_member, story, live_server):
    page = login_as(board_member)
    page.goto(f"{live_server.url}/board/?month=2025-06&from=2025-01&to=2025-12")

    expect(page.get_by_role("heading", level=1)).to_have_text("June 2025")
    expect(page.locator("#board-month")).to_have_value("2025-06")
    expect(page.locator("#board-from")).to_have_value("2025-01")


def test_the_approved_months_read_as_a_list(login_as, board_member, approved_team, live_server, artifacts):
    page = login_as(board_member)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/board/?month=2026-03")
    marked = page.locator(".approved-months")
    marked.screenshot(path=artifacts / "board-approved-months.png")

    assert " ".join(marked.inner_text().split()) == "✓ Approved Feb 2026, Mar 2026: shown as approved."
