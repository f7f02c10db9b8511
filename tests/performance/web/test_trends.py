import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from pages import chart_data, queries_for
from story import STORY_END, build_story

from compensation.models import QuotaPlan
from otesite.lib.months import add_months, first_of_month, format_month
from performance.loader import QUERIES

URL = "/performance/trends/"
# Session, user, own and group permissions, data version; then, when the range is not cached
# yet, months with data and load_range's (performance.loader.QUERIES).
CACHED_TRENDS_QUERIES = 5
TRENDS_QUERIES = CACHED_TRENDS_QUERIES + 1 + QUERIES


def test_board_members_managers_and_admins_see_the_trends(client, board_member, manager, admin, story):
    for user in (board_member, manager, admin):
        client.force_login(user)
        assert client.get(URL).status_code == 200


def test_a_user_in_no_group_is_refused(as_stranger):
    assert as_stranger.get(URL).status_code == 403


def test_it_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_by_default_it_shows_the_last_twelve_months_with_data(as_board, story):
    response = as_board.get(URL)
    assert response.context["range"] == {"from": "2025-11", "to": "2026-10"}
    data = chart_data(response)
    assert len(data) == 6
    assert all(len(chart["labels"]) == 12 for chart in data.values())
    assert data["chart-ote-attainment-by-role-data"]["labels"][-1] == "Oct 2026"


def test_it_shows_any_range_asked_for(as_board, story):
    response = as_board.get(URL, {"from": "2024-05", "to": "2026-10"})
    assert response.status_code == 200
    assert all(len(chart["labels"]) == 30 for chart in chart_data(response).values())
    assert "2024-05 to 2026-10" in response.content.decode()


def test_every_chart_has_a_canvas_naming_its_data_and_a_table_of_its_numbers(as_board, story):
    page = as_board.get(URL).content.decode()
    for element_id in chart_data(as_board.get(URL)):
        assert f'data-chart="{element_id}"' in page
    assert page.count('<details class="chart-table">') == 6
    assert '<td class="num">95.9%</td>' in page  # Closers' OTE attainment in 2026-10


def test_the_charts_are_drawn_by_static_scripts_only(as_board, story):
    page = as_board.get(URL).content.decode()
    scripts = re.findall(r"<script([^>]*)>", page)
    assert all("src=" in attributes or 'type="application/json"' in attributes for attributes in scripts)
    assert "/static/vendor/chartjs-4.6.1/chart.umd.min.js" in page
    assert "/static/js/charts.js" in page
    assert "style=" not in page


def test_an_htmx_request_gets_only_the_charts(as_board, story):
    response = as_board.get(URL, {"from": "2026-01", "to": "2026-06"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="charts"')
    assert "<html" not in page
    assert all(len(chart["labels"]) == 6 for chart in chart_data(response).values())
    assert "HX-Request" in response["Vary"]


def test_the_range_form_and_quick_ranges_work_without_javascript(as_board, story):
    page = as_board.get(URL).content.decode()
    assert 'action="/performance/trends/"' in page
    assert 'hx-get="/performance/trends/"' in page
    assert 'hx-push-url="true"' in page
    assert 'href="/performance/trends/?from=2024-05&amp;to=2026-10"' in page  # All history


def test_it_links_the_csv_of_the_same_range(as_board, story):
    page = as_board.get(URL, {"from": "2026-01", "to": "2026-06"}).content.decode()
    assert 'href="/performance/metrics.csv?from=2026-01&amp;to=2026-06"' in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2026-13"}, "has no month 13"),
        ({"from": "March"}, "write it as YYYY-MM"),
        ({"from": "2026-06", "to": "2026-01"}, "is before"),
        ({"from": "2000-01", "to": "2026-10"}, "at most 240 months"),
        ({"to": "9999-12"}, "out of range"),
        ({"from": "1899-12"}, "out of range"),
        ({"from": "２０２６-０１"}, "is not a month"),
        ({"from": "2999-12"}, "is before"),
    ],
)
def test_a_bad_range_is_explained_never_a_server_error(as_board, story, params, message):
    response = as_board.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    swapped = as_board.get(URL, params, headers={"HX-Request": "true"})
    assert swapped.status_code == 200
    assert message in swapped.content.decode()


def test_months_before_any_business_assumptions_are_gaps(as_board, story):
    response = as_board.get(URL, {"from": "2024-01", "to": "2024-12"})
    assert "No business assumptions were in force for 4 months" in response.content.decode()
    labels = chart_data(response)["chart-ote-against-actual-data"]
    assert labels["datasets"][0]["data"][:4] == [None] * 4


def test_with_no_actuals_yet_it_says_so(as_board):
    response = as_board.get(URL)
    assert response.status_code == 200
    assert "No monthly actuals yet" in response.content.decode()


def test_it_refuses_to_be_posted_to(as_board):
    assert as_board.post(URL).status_code == 405


def test_past_months_keep_their_numbers_when_a_plan_changes_today(as_board, story):
    last_year = {"from": "2025-01", "to": "2025-12"}
    trends_before = chart_data(as_board.get(URL, last_year))
    csv_before = as_board.get("/performance/metrics.csv", last_year).content
    QuotaPlan.objects.create(
        role=story["Closers"],
        effective_from=first_of_month(timezone.localdate()),
        annual_ote=Decimal("90000"),
        monthly_quota=Decimal("8"),
        commission_rate=Decimal("0.12"),
    )
    closers = QuotaPlan.objects.filter(role=story["Closers"]).order_by("effective_from").first()
    assert closers.effective_from < date(2025, 1, 1)
    assert chart_data(as_board.get(URL, last_year)) == trends_before
    assert as_board.get("/performance/metrics.csv", last_year).content == csv_before


@pytest.mark.parametrize("months", [12, 90])
def test_the_trends_page_takes_a_fixed_number_of_queries(as_board, months):
    build_story(months=months)
    everything = {"from": format_month(add_months(STORY_END, 1 - months)), "to": format_month(STORY_END)}
    assert queries_for(as_board, URL, everything) == TRENDS_QUERIES
    assert queries_for(as_board, URL, everything) == CACHED_TRENDS_QUERIES


@pytest.mark.parametrize("name", ["app.css", "features.css"])
def test_each_stylesheet_closes_every_block_it_opens(name):
    """An unclosed block (easy to leave in a merge) swallows every rule after it."""
    css = (Path(__file__).resolve().parents[3] / "static" / "css" / name).read_text()
    depth = 0
    for number, line in enumerate(css.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{name} line {number} closes a block never opened"
    assert depth == 0
