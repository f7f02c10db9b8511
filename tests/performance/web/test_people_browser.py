"""People on screen in a real browser (Debian's Chromium) over the demo agency: the dashboard's
ranked people, the leaderboard's month switch and range, a person's page and charts, entering
numbers person by person with the live preview, and a plan's payout chart. Each at 1280 and
390 px, screenshots in the artifacts folder, no sideways scrolling, no CSP violation.
"""

import re
import time
from datetime import date

import pytest
from browser_cases import RECORD_VIOLATIONS
from django.core.management import call_command
from playwright.sync_api import expect

from compensation.models import Person
from otesite.lib.months import format_month
from performance.exchange.demo import demo_months

# Transactional, so the live server sees the data (the cast fixtures remake the groups that the
# flush at the end of a transactional test removes).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]
DRAWN = "() => Array.from(document.querySelectorAll('canvas[data-chart]')).map((c) => !!Chart.getChart(c))"


@pytest.fixture
def demo(groups) -> list[date]:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return demo_months(date.today())


def opened(login_as, user, live_server, width: int):
    page = login_as(user)
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": width, "height": 900})
    page.console = []
    page.on("console", lambda message: page.console.append(message.text))
    return page


def check_layout_and_policy(page, artifacts, name: str, width: int) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / f"people-{name}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways at {width} px"
    violations = page.evaluate("window.cspViolations") + [m for m in page.console if "Content Security Policy" in m]
    assert violations == [], violations


CALCULATOR_TOP = """() => {
  const chart = Chart.getChart(document.querySelector("#calculator-result canvas"));
  return chart ? chart.data.datasets[0].data.at(-1).y : null;
}"""


def eventually(page, script: str, expected, timeout: float = 5.0):
    """The script's answer once it is `expected` (htmx swaps, then charts.js draws), or the last
    one after `timeout`. A loop of evaluate() rather than wait_for_function, which the CSP's no-eval refuses."""
    deadline, value = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        value = page.evaluate(script)
        if value == expected:
            break
        page.wait_for_timeout(100)
    return value


def mark(page) -> None:
    page.evaluate("window.stillTheSamePage = true")


def same_page(page) -> bool:
    return page.evaluate("window.stillTheSamePage === true")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_dashboard_ranks_people_and_names_who_is_missing(demo, login_as, manager, live_server, artifacts, width):
    last = format_month(demo[-1])
    page = opened(login_as, manager, live_server, width)
    page.goto(f"{live_server.url}/performance/{last}/")

    warning = page.locator(".missing-people")
    expect(warning).to_contain_text("No numbers for 1 person")
    expect(warning).to_contain_text("Leo Martins")  # a setter's meetings not in yet
    closers = page.locator("#people-closers")
    expect(closers.locator("tbody tr")).to_have_count(10)  # kept by deals: every closer counts, Nora from the 16th
    expect(closers).to_contain_text("Credited revenue")
    expect(closers.get_by_role("progressbar").first).to_be_visible()
    expect(page.locator(".tile-lead")).to_contain_text("weighted by headcount")
    check_layout_and_policy(page, artifacts, "dashboard", width)

    closers.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert re.search(r"/people/\d+/$", page.url)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_leaderboard_switches_month_without_a_reload_and_shows_a_range(
    demo, login_as, board_member, live_server, artifacts, width
):
    ivan_starts = demo[18]  # Ivan Petrov joins the closers and ramps
    page = opened(login_as, board_member, live_server, width)
    page.goto(f"{live_server.url}/leaderboard/")
    page.wait_for_url(re.compile(rf"/leaderboard/{format_month(demo[-1])}/$"))
    mark(page)

    page.locator("#leaderboard input[type=month][name=month]").fill(format_month(ivan_starts))
    page.wait_for_url(re.compile(rf"/leaderboard/{format_month(ivan_starts)}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{ivan_starts:%B %Y}")
    ivan = page.locator("tr", has_text="Ivan Petrov")
    expect(ivan).to_contain_text("ramping · month 1 of 2")
    assert same_page(page), "picking a month reloaded the page"
    assert "$" not in page.locator("#leaderboard").inner_text()  # ranks, not pay
    check_layout_and_policy(page, artifacts, "leaderboard-month", width)

    page.get_by_label("From").fill(format_month(demo[0]))
    page.get_by_label("To", exact=True).fill(format_month(demo[-1]))
    page.get_by_role("button", name="Show range").click()
    page.wait_for_url(re.compile(r"/leaderboard/\?from=.*&to=.*"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{demo[0]:%B %Y} to {demo[-1]:%B %Y}")
    expect(page.locator("section", has_text="Closers").locator("tbody tr")).to_have_count(11)  # Nora Quinn too
    assert same_page(page)
    check_layout_and_policy(page, artifacts, "leaderboard-range", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_persons_page_charts_their_months(demo, login_as, board_member, live_server, artifacts, width):
    jules = Person.objects.get(name="Jules Moreau")  # a setter promoted to closer
    page = opened(login_as, board_member, live_server, width)
    page.goto(f"{live_server.url}/people/{jules.pk}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Jules Moreau")
    expect(page.locator(".person-head")).to_contain_text("Closers since")
    assert page.evaluate(DRAWN) == [True, True]
    history = page.locator("section", has_text="Assignment history")
    expect(history).to_contain_text("No ramp (a move or promotion)")
    expect(history.locator("tbody tr")).to_have_count(2)
    check_layout_and_policy(page, artifacts, "person", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_manager_enters_numbers_person_by_person_with_the_live_preview(
    demo, login_as, manager, live_server, artifacts, width
):
    last = format_month(demo[-1])  # kept by deals: the setters still record their meetings
    leo = Person.objects.get(name="Leo Martins")
    page = opened(login_as, manager, live_server, width)
    page.goto(f"{live_server.url}/actuals/{last}/")
    preview = page.locator("#preview")
    expect(preview).to_contain_text("no numbers: Leo Martins")

    page.fill(f"#id_person-{leo.pk}-units", "lots")
    page.keyboard.press("Tab")
    expect(page.locator(f"#error-person-{leo.pk}-units")).to_have_text('must be a number ≥ 0 (got "lots")')

    page.fill(f"#id_person-{leo.pk}-units", "90")
    page.keyboard.press("Tab")
    expect(page.locator(f"#error-person-{leo.pk}-units")).to_have_text("")
    setters = preview.locator("table", has_text="Setters, person by person")
    expect(setters.locator("tbody tr").first).to_contain_text("Leo Martins")  # 90 meetings: first
    expect(preview).not_to_contain_text("no numbers: Leo Martins")
    check_layout_and_policy(page, artifacts, "actuals", width)

    page.get_by_role("button", name=re.compile("^Save")).click()
    page.wait_for_url(f"{live_server.url}/performance/{last}/")
    expect(page.locator(".messages")).to_contain_text("people 1 created, 0 updated")
    expect(page.locator(".missing-people")).to_have_count(0)


@pytest.mark.parametrize("width", WIDTHS)
def test_each_plan_charts_its_pay_and_the_calculator_draws_the_curve_typed(
    demo, login_as, manager, live_server, artifacts, width
):
    page = opened(login_as, manager, live_server, width)
    page.goto(f"{live_server.url}/plans/")
    assert all(page.evaluate(DRAWN))
    closers = page.locator("article", has_text="Closers").first
    expect(closers).to_contain_text("×1.5 from 100%")
    mark(page)

    page.get_by_label("Band 2 multiplier").fill("3")
    result = page.locator("#calculator-result")
    expect(result).to_contain_text("Earnings at quota")
    # From the engine: $5,880 for the first 100 points at ×1 (5 deals at $1,176), then 100 more at ×3.
    assert eventually(page, CALCULATOR_TOP, 5880 + 5880 * 3) == 5880 + 5880 * 3
    assert same_page(page)
    check_layout_and_policy(page, artifacts, "plans", width)
