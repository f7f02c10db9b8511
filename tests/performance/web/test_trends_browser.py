"""As a board member: open trends, change the range, watch the charts redraw; look at the board pack."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("groups")]

CHART_POINTS = """() => Array.from(document.querySelectorAll("canvas[data-chart]")).map(
  (canvas) => { const chart = Chart.getChart(canvas); return chart ? chart.data.labels.length : null; })"""


def test_the_trends_charts_redraw_when_the_range_changes(story, board_member, login_as, live_server, artifacts):
    page = login_as(board_member)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/performance/trends/")
    assert page.evaluate(CHART_POINTS) == [12] * 6
    first_chart = page.evaluate("() => Chart.getChart(document.querySelector('canvas[data-chart]')).id")

    page.get_by_role("link", name="Last 24 months").click()
    page.wait_for_function(
        "() => Chart.getChart(document.querySelector('canvas[data-chart]'))?.data.labels.length === 24"
    )
    assert page.evaluate(CHART_POINTS) == [24] * 6
    assert page.evaluate("() => Chart.getChart(document.querySelector('canvas[data-chart]')).id") != first_chart
    assert page.url.endswith("/performance/trends/?from=2024-11&to=2026-10")

    page.fill("#range-from", "2026-01")
    page.fill("#range-to", "2026-06")
    page.get_by_role("button", name="Show").click()
    page.wait_for_function(
        "() => Chart.getChart(document.querySelector('canvas[data-chart]'))?.data.labels.length === 6"
    )
    assert page.evaluate(CHART_POINTS) == [6] * 6
    assert "from=2026-01&to=2026-06" in page.url

    page.get_by_role("link", name="Last 24 months").click()
    page.wait_for_function(
        "() => Chart.getChart(document.querySelector('canvas[data-chart]'))?.data.labels.length === 24"
    )
    page.screenshot(path=artifacts / "trends.png", full_page=True)


def test_the_board_pack_prints_cleanly(story, board_member, login_as, live_server, artifacts):
    page = login_as(board_member)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url)
    assert page.url == f"{live_server.url}/board/"
    assert page.evaluate(CHART_POINTS) == [24] * 4
    page.screenshot(path=artifacts / "board.png", full_page=True)

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 642, "height": 1000})  # A4 less 12 mm margins, at 96 dpi
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".board-actions").is_hidden()
    assert page.locator("details.chart-table[open]").count() == 4
    page.screenshot(path=artifacts / "board-print.png", full_page=True)
    pdf = page.pdf(path=artifacts / "board-pack.pdf", format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")


LEGENDS = """() => Array.from(document.querySelectorAll("canvas[data-chart]")).map((canvas) => {
  const chart = Chart.getChart(canvas);
  return {
    legend: chart.legend.legendItems.map((item) => [item.text, item.pointStyle, (item.lineDash || []).length > 0]),
    curved: chart.data.datasets.filter((set) => set.type === "line" && set.tension !== 0).map((set) => set.label),
  };
})"""


def test_a_legend_draws_each_series_as_the_chart_does_and_months_are_joined_straight(
    people_team, board_member, login_as, live_server, artifacts
):
    from compensation.models import Person

    page = login_as(board_member)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/people/{Person.objects.get(name='Ana Ruiz').pk}/")
    page.locator(".chart-card").first.screenshot(path=artifacts / "chart-legend-line.png")
    page.locator(".chart-card").nth(1).screenshot(path=artifacts / "chart-legend-bars.png")

    charts = page.evaluate(LEGENDS)

    assert charts[0]["legend"] == [["Quota attainment", "line", False], ["Quota (100%)", "line", True]]
    assert charts[1]["legend"] == [["Earnings", "rect", False], ["Their OTE", "line", True]]
    assert [chart["curved"] for chart in charts] == [[], []]
