"""Every main page fits a phone (390 px wide) without scrolling sideways (wide tables scroll inside
their own box), and the pages read at a laptop's 1280 px; screenshots of both for a person to look at."""

import re
from datetime import date
from decimal import Decimal

import pytest
from browser_cases import RECORD_VIOLATIONS
from playwright.sync_api import expect

from compensation.models import Person, Scenario
from performance.models import MonthlyActual, PersonActual

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


# Every table wider than its place scrolls inside a .table-wrap, and a .table-wrap that scrolls
# shows it (the shadows of static/css/app.css on the side with more).
UNSIGNALLED_SCROLL = """() => {
  const found = [];
  for (const table of document.querySelectorAll("main table")) {
    const room = table.parentElement.getBoundingClientRect().width;
    if (!table.closest(".table-wrap") && table.getBoundingClientRect().width > room + 1) {
      found.push(`table.${table.className || "(no class)"} is wider than its place and not in a .table-wrap`);
    }
  }
  for (const wrap of document.querySelectorAll("main .table-wrap")) {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !getComputedStyle(wrap).backgroundImage.includes("radial-gradient")) {
      found.push(`.table-wrap of table.${wrap.querySelector("table")?.className} scrolls without a cue`);
    }
  }
  return found;
}"""


# A figure cell that starts with a sum of money and takes two lines ("$8,000" over "(computed)",
# or "-$1,417.50" broken after its sign): its lines are the distinct tops of its text's boxes.
WRAPPED_MONEY = """() => {
  const found = [];
  for (const cell of document.querySelectorAll("main td.num, main dd")) {
    const text = cell.textContent.trim().replace(/\\s+/g, " ");
    if (!/^[-+]?[$]\\d/.test(text)) continue;
    const range = document.createRange();
    range.selectNodeContents(cell);
    const tops = Array.from(range.getClientRects()).filter((rect) => rect.width > 0).map((rect) => rect.top);
    if (tops.length && Math.max(...tops) - Math.min(...tops) > 8) found.push(text);
  }
  return found;
}"""


def opened(login_as, user, width: int):
    """A browser page at `width`, recording policy violations (RECORD_VIOLATIONS and the console)."""
    page = login_as(user)
    page.add_init_script(RECORD_VIOLATIONS)
    page.console = []
    page.on("console", lambda message: page.console.append(message.text))
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})
    return page


def layout_problems(page, artifacts, name: str, width: int) -> list[str]:
    """Whether the page at `width` scrolls sideways, hides a table's scrolling, breaks a sum of
    money or breaks the Content-Security-Policy; a screenshot to look at."""
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / f"layout-{name}-{width}.png", full_page=True)
    problems = [f"{name}: {problem}" for problem in page.evaluate(UNSIGNALLED_SCROLL)]
    problems += [f"{name}: {money} takes two lines" for money in page.evaluate(WRAPPED_MONEY)]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"{name}: the page is {scroll_width} px wide")
    policy = page.evaluate("window.cspViolations") + [line for line in page.console if "Content Security" in line]
    problems += [f"{name}: {violation}" for violation in policy]
    page.console.clear()
    return problems


@pytest.mark.parametrize("width", [390, 1280])
def test_the_main_pages_do_not_scroll_sideways(login_as, admin, example_agency, live_server, artifacts, width):
    page = opened(login_as, admin, width)
    problems = []
    for name, path in PAGES.items():
        page.goto(live_server.url + path)
        problems += layout_problems(page, artifacts, name, width)

    assert problems == []


@pytest.mark.parametrize("width", [390, 1280])
def test_the_people_pages_and_statements_do_not_scroll_sideways(
    login_as, admin, approved_team, live_server, artifacts, width
):
    """The people example, 2026-02 and 2026-03 approved: a person's months, a ramped person's
    statement, the leaderboards, an approved month's entry page read-only, an open one's form, a
    month with numbers to check before review, and /me/ for an admin without a person."""
    chloe, ana = Person.objects.get(name="Chloe Martin"), Person.objects.get(name="Ana Ruiz")
    PersonActual.objects.filter(person__name="Gina Rossi", month=date(2026, 1, 1)).update(units=Decimal("9"))
    Scenario.objects.create(
        name="Closers a fifth up", month=date(2026, 3, 1), changes=["Account Executives.annual_ote=+20%"]
    )
    Scenario.objects.create(
        name="Close rate 30%", month=date(2026, 3, 1), changes=["close_rate=0.3"], revenue_goal=500000
    )
    compare = "&".join(f"scenario={pk}" for pk in Scenario.objects.values_list("pk", flat=True))
    pages = {
        "person": f"/people/{ana.pk}/",
        "statement": f"/statements/2026-03/{chloe.pk}/",
        "statements": "/statements/2026-03/",
        "people": "/people/",
        "people-dashboard": "/performance/2026-01/",
        "leaderboard": "/leaderboard/2026-03/",
        "leaderboard-range": "/leaderboard/?from=2026-01&to=2026-03",
        "actuals-approved": "/actuals/2026-03/",
        "actuals-people": "/actuals/2026-01/",
        "what-if": "/what-if/?month=2026-03",
        "scenario-compare": f"/what-if/scenarios/compare/?{compare}",
        "me-admin": "/me/",
    }
    page = opened(login_as, admin, width)
    problems = []
    for name, path in pages.items():
        assert page.goto(live_server.url + path).ok, path
        problems += layout_problems(page, artifacts, name, width)

    assert problems == []
    page.goto(live_server.url + "/performance/2026-01/")
    expect(page.locator(".month-checks").first).to_contain_text("Gina Rossi (Head of Sales): 9 team deals")
    page.locator(".month-checks").first.screenshot(path=artifacts / f"layout-month-checks-{width}.png")
    page.locator("#month-close").screenshot(path=artifacts / f"layout-month-close-checks-{width}.png")


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
