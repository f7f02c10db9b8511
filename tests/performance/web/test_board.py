import html
from datetime import date

import pytest
from pages import chart_data, queries_for
from story import STORY_END, build_story

from otesite.lib.months import add_months
from otesite.permissions import EVERYONE
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
    history = load_range(add_months(STORY_END, -23), STORY_END, scope=EVERYONE)
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


def test_a_plans_red_flag_is_the_first_highlight(as_board, example_agency):
    import html

    response = as_board.get(URL)  # 2026-03: the Manager plan pays 200.1% of OTE, the Setters' cannot reach it
    highlights = response.context["highlights"]
    page = html.unescape(response.content.decode())

    assert highlights[:2] == [
        "Red flag, the Setters plan (Unreachable): OTE needs 160 meetings a month; quota is 40.",
        "Red flag, the Manager plan (Overpays): OTE needs 19.99 team deals a month; quota is 40 and pays"
        " $13,608 (200.1% of OTE).",
    ]
    assert "<li>Red flag, the Manager plan (Overpays)" in page
    assert not any(sentence.startswith("Red flag, the Closers") for sentence in highlights)  # aligned


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


# --- A past period: ?month= for the pack, ?from=&to= for its trends ------------------------

JUNE_2025 = date(2025, 6, 1)


def test_it_shows_the_pack_of_a_past_month(as_board, story):
    response = as_board.get(URL, {"month": "2025-06"})
    page = response.content.decode()

    assert response.status_code == 200
    assert response.context["month"] == JUNE_2025
    assert "<h1>June 2025</h1>" in page
    assert "vs May 2025" in page
    assert "vs Jun 2024" in page
    history = load_range(add_months(JUNE_2025, -23), JUNE_2025, scope=EVERYONE)
    assert response.context["board_metrics"] == rollups.board_metrics(history, JUNE_2025)
    assert response.context["rollups"][1] == rollups.year_to_date(history, JUNE_2025)


def test_the_trends_of_a_past_pack_end_with_it_by_default(as_board, story):
    response = as_board.get(URL, {"month": "2025-06"})

    # The 24 months up to June 2025, from the first month with data (2024-05).
    assert response.context["range"] == {"from": "2024-05", "to": "2025-06"}
    assert all(len(chart["labels"]) == 14 for chart in chart_data(response).values())
    page = response.content.decode()
    assert 'href="/performance/metrics.csv?from=2024-05&amp;to=2025-06"' in page


def test_from_and_to_choose_the_trends_and_the_pack_keeps_its_month(as_board, story):
    response = as_board.get(URL, {"month": "2025-06", "from": "2025-01", "to": "2026-10"})

    assert response.context["month"] == JUNE_2025
    assert response.context["range"] == {"from": "2025-01", "to": "2026-10"}
    assert all(len(chart["labels"]) == 22 for chart in chart_data(response).values())
    page = response.content.decode()
    assert 'href="/performance/trends/?from=2025-01&amp;to=2026-10"' in page
    assert 'value="2025-06"' in page  # the picker shows what is shown
    assert '<input type="month" name="from" value="2025-01" id="board-from">' in page


def test_the_picker_works_without_javascript_and_is_left_off_the_printed_pack(as_board, story):
    page = as_board.get(URL, {"month": "2025-06"}).content.decode()

    assert '<form class="board-picker no-print" method="get" action="/board/"' in page
    assert 'hx-push-url="true"' in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"month": "2026-13"}, "no month 13"),
        ({"month": "June"}, "is not a month"),
        ({"month": "9999-01"}, "is out of range"),
        ({"month": "2999-12"}, "No actuals are recorded for 2999-12; months with data run from 2024-05 to 2026-10."),
        ({"month": "1900-01"}, "No actuals are recorded for 1900-01"),
        ({"month": "2026-11"}, "No actuals are recorded for 2026-11"),
        ({"from": "2026-10", "to": "2026-01"}, "is before"),
        ({"from": "1900-01", "to": "2999-12"}, "Choose at most 240 months"),
        ({"to": "1e5"}, "is not a month"),
    ],
)
def test_bad_or_far_off_values_get_a_400_with_a_message(as_board, story, params, message):
    response = as_board.get(URL, params)

    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())


def test_far_off_but_valid_trends_are_shown_as_gaps(as_board, story):
    response = as_board.get(URL, {"month": "2026-10", "from": "2990-01", "to": "2999-12"})

    assert response.status_code == 200
    assert response.context["month"] == STORY_END


def test_an_htmx_pick_swaps_the_pack_and_pushes_its_address(as_board, story):
    response = as_board.get(URL, {"month": "2025-06", "from": "", "to": ""}, HTTP_HX_REQUEST="true")
    page = response.content.decode()

    assert response.status_code == 200
    assert page.lstrip().startswith("<title>Board pack · June 2025 · otesite</title>")
    assert "<html" not in page
    assert '<div id="board"' in page
    assert response["HX-Push-Url"] == "/board/?month=2025-06"
    assert "HX-Request" in response["Vary"]


def test_an_htmx_pick_of_a_bad_month_shows_the_message_in_place(as_board, story):
    response = as_board.get(URL, {"month": "2031-01"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "No actuals are recorded for 2031-01" in response.content.decode()
    assert "HX-Push-Url" not in response


def test_a_past_pack_with_its_own_trends_takes_the_same_fixed_number_of_queries(as_board, story):
    assert queries_for(as_board, URL, {"month": "2025-06", "from": "2024-05", "to": "2026-10"}) == BOARD_QUERIES
