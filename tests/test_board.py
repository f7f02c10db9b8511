import pytest
from story import STORY_END, build_story
from test_trends import chart_data, queries_for

from otesite.months import add_months
from performance.engine import rollups
from performance.loader import QUERIES, load_range

URL = "/board/"
BOARD_QUERIES = 5 + QUERIES  # session, user, own and group permissions, months with data, load_range


def test_board_members_land_on_the_board_after_logging_in(client, board_member):
    response = client.post("/login/", {"username": "bo_board", "password": "correct horse battery staple"}, follow=True)
    assert response.redirect_chain[-1][0] == URL


def test_managers_and_admins_do_not_land_on_the_board(client, manager, admin):
    for user in (manager, admin):
        client.force_login(user)
        response = client.get("/")
        assert response.get("Location") != URL


def test_a_user_in_no_group_is_refused(as_stranger):
    assert as_stranger.get(URL).status_code == 403


def test_it_shows_the_four_investor_metrics_of_the_latest_month(as_board, story):
    response = as_board.get(URL)
    page = response.content.decode()
    assert response.context["month"] == STORY_END
    for label in ("OTE attainment", "OTE as % of revenue", "Revenue per $1 OTE", "Quota capacity used"):
        assert label in page
    assert '<p class="board-value">102.7%</p>' in page
    assert '<p class="board-value">7.02</p>' in page
    assert "vs Sep 2026" in page
    assert "vs Oct 2025" in page


def test_its_numbers_are_the_engine_and_rollup_numbers(as_board, story):
    response = as_board.get(URL)
    history = load_range(add_months(STORY_END, -23), STORY_END)
    expected = rollups.board_metrics(history, STORY_END)
    assert response.context["board_metrics"] == expected
    year = rollups.year_to_date(history, STORY_END)
    assert year.months == 10
    assert response.context["rollups"][1] == year
    assert "$764,479.13" in response.content.decode()  # Σ earnings 2026-01..10


def test_it_says_where_the_widest_gap_is_and_where_efficiency_is_heading(as_board, story):
    page = as_board.get(URL).content.decode()
    assert "The widest gap: Closers earned 95.9% of OTE" in page
    assert "OTE efficiency is holding steady" in page


def test_it_draws_small_trends_over_the_last_two_years(as_board, story):
    data = chart_data(as_board.get(URL))
    assert len(data) == 4
    assert all(len(chart["labels"]) == 24 for chart in data.values())


def test_it_links_the_csv_and_trends_of_the_same_months(as_board, story):
    page = as_board.get(URL).content.decode()
    assert 'href="/performance/metrics.csv?from=2024-11&amp;to=2026-10"' in page
    assert 'href="/performance/trends/?from=2024-11&amp;to=2026-10"' in page


def test_it_is_printable_as_a_board_pack(as_board, story):
    page = as_board.get(URL).content.decode()
    assert "data-print" in page
    assert 'class="board-actions no-print"' in page


def test_with_no_actuals_yet_it_says_so(as_board):
    assert "No monthly actuals yet" in as_board.get(URL).content.decode()


def test_board_members_cannot_change_anything(as_board, story):
    assert as_board.get("/admin/").status_code == 302  # not staff: the admin's own login
    assert as_board.post(URL).status_code == 405
    user = as_board.get(URL).context["user"]
    assert not user.has_perm("performance.add_monthlyactual")
    assert not user.has_perm("performance.change_monthlyactual")
    assert not user.has_perm("compensation.change_quotaplan")


@pytest.mark.parametrize("months", [12, 90])
def test_the_board_takes_a_fixed_number_of_queries(as_board, months):
    build_story(months=months)
    assert queries_for(as_board, URL, {}) == BOARD_QUERIES


def test_board_members_still_reach_the_monthly_dashboard_from_the_nav(as_board, story):
    page = as_board.get(URL).content.decode()
    assert 'href="/performance/latest/"' in page
    assert as_board.get("/performance/latest/")["Location"] == "/performance/2026-10/"
