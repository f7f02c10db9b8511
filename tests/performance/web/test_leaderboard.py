"""Leaderboards: a month's per role (the picker with and without JavaScript), a range's, ties
shared, nobody's pay, who may see them, and a fixed number of queries at any size."""

import re

import pytest
from conftest import build_history
from django.urls import reverse

from compensation.models import Person
from otesite.lib.months import add_months
from performance.loader import QUERIES
from performance.models import PersonActual

MARCH = "/leaderboard/2026-03/"


def text(response) -> str:
    return response.content.decode()


def section(page: str, role: str) -> str:
    start = page.index(f">{role} <span")
    return page[start : page.index("</table>", start)]


def ranked(table: str) -> list[tuple[str, str]]:
    return re.findall(r'<td class="num rank">([^<]+)<.*?class="person-name">\s*(?:<a [^>]*>)?([^<]+)', table, re.S)


# --- Routes --------------------------------------------------------------------------------


def test_the_leaderboard_opens_on_the_latest_month_with_numbers(as_board, people_team):
    response = as_board.get("/leaderboard/")
    assert response.status_code == 302
    assert response["Location"] == MARCH


def test_without_any_numbers_it_says_so(as_board):
    response = as_board.get("/leaderboard/")
    assert response.status_code == 200
    assert "No numbers yet" in text(response)


def test_the_picker_without_javascript_redirects_to_the_months_page(as_board, people_team):
    response = as_board.get("/leaderboard/", {"month": "2026-01"})
    assert response.status_code == 302
    assert response["Location"] == "/leaderboard/2026-01/"


def test_the_picker_with_htmx_swaps_the_leaderboard_and_pushes_the_months_url(as_board, people_team):
    response = as_board.get("/leaderboard/", {"month": "2026-01"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Push-Url"] == "/leaderboard/2026-01/"
    assert "<html" not in text(response)
    assert text(response).lstrip().startswith("<title>Leaderboard · January 2026 · otesite</title>")
    assert 'id="leaderboard"' in text(response)
    assert "HX-Request" in response["Vary"]


def test_a_malformed_picked_month_is_a_message(as_board, people_team):
    response = as_board.get("/leaderboard/", {"month": "2026-13"})
    assert response.status_code == 400
    assert "has no month 13" in text(response)


def test_previous_and_next_link_to_the_neighbouring_months(as_board, people_team):
    page = text(as_board.get("/leaderboard/2026-02/"))
    assert 'rel="prev" href="/leaderboard/2026-01/"' in page
    assert 'rel="next" href="/leaderboard/2026-03/"' in page


def test_a_month_without_numbers_says_so(as_board, people_team):
    page = text(as_board.get("/leaderboard/2025-06/"))
    assert "No numbers for June 2025" in page
    assert 'href="/leaderboard/2026-03/"' in page


def test_a_month_kept_as_role_totals_has_nobody_to_rank(as_board, example_agency):
    assert "nobody to rank" in text(as_board.get(MARCH))


# --- The month -----------------------------------------------------------------------------


def test_each_role_kept_by_person_is_ranked_with_ties_shared(as_board, people_team):
    page = text(as_board.get(MARCH))

    assert ranked(section(page, "Account Executives")) == [
        ("1st of 3", "Ana Ruiz"),
        ("=2nd of 3", "Ben Okafor"),
        ("=2nd of 3", "Chloe Martin"),
    ]
    assert ranked(section(page, "SDRs")) == [("1st of 2", "Eve Tanaka"), ("2nd of 2", "Dev Patel")]
    assert "ramping · month 2 of 2" in section(page, "Account Executives")


def test_the_month_leaderboard_shows_nobodys_pay(as_board, people_team):
    board = text(as_board.get(MARCH)).split('id="leaderboard"')[1].split("</main>")[0]
    assert "Earnings" not in board
    assert "$" not in board


def test_names_link_to_person_pages(as_board, people_team):
    eve = Person.objects.get(name="Eve Tanaka")
    assert f'<a href="/people/{eve.pk}/">Eve Tanaka</a>' in text(as_board.get(MARCH))


# --- The range -----------------------------------------------------------------------------


def test_a_range_ranks_summed_units_against_summed_quota(as_board, people_team):
    page = text(as_board.get("/leaderboard/", {"from": "2026-01", "to": "2026-03"}))
    executives = section(page, "Account Executives")

    # As the engine's range leaderboard: Dev 140%, Ana 128%, Chloe 81.4%, Ben 76%.
    assert [name for _, name in ranked(executives)] == ["Dev Patel", "Ana Ruiz", "Chloe Martin", "Ben Okafor"]
    assert "140.0%" in executives
    assert "January 2026 to March 2026" in page
    assert "3 months" in page


def test_a_person_who_changed_roles_is_ranked_in_each(as_board, people_team):
    page = text(as_board.get("/leaderboard/", {"from": "2026-01", "to": "2026-03"}))
    assert "Dev Patel" in section(page, "Account Executives")
    assert "Dev Patel" in section(page, "SDRs")


def test_a_range_shares_ranks_on_equal_attainment(as_board, people_team):
    page = text(as_board.get("/leaderboard/", {"from": "2026-03", "to": "2026-03"}))
    assert ranked(section(page, "Account Executives"))[1:] == [
        ("=2nd of 3", "Ben Okafor"),
        ("=2nd of 3", "Chloe Martin"),
    ]


def test_a_range_with_htmx_is_the_fragment(as_board, people_team):
    response = as_board.get("/leaderboard/", {"from": "2026-01", "to": "2026-02"}, headers={"HX-Request": "true"})
    assert "<html" not in text(response)
    assert "January 2026 to February 2026" in text(response)


def test_a_range_the_wrong_way_round_is_a_message(as_board, people_team):
    response = as_board.get("/leaderboard/", {"from": "2026-03", "to": "2026-01"})
    assert response.status_code == 400
    assert "is before" in text(response)


# --- Who may -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["as_board", "as_manager", "as_admin"])
def test_the_board_managers_and_admins_see_leaderboards(request, people_team, who):
    assert request.getfixturevalue(who).get(MARCH).status_code == 200


def test_a_user_in_no_group_gets_the_friendly_403(as_stranger, people_team):
    response = as_stranger.get(MARCH)
    assert response.status_code == 403
    assert "have access" in text(response)


def test_the_nav_offers_the_leaderboard(as_board, people_team):
    assert 'href="/leaderboard/"' in text(as_board.get(MARCH))


# --- Query counts --------------------------------------------------------------------------

# Session, user, own and group permissions; data version, months with data, the loader's.
LEADERBOARD_QUERIES = 4 + 2 + QUERIES


@pytest.mark.parametrize("months", [12, 120])
@pytest.mark.parametrize("people", [10, 200])
def test_the_month_and_the_range_need_the_same_few_queries_at_any_size(
    as_board, django_assert_max_num_queries, months, people
):
    last = build_history(months, people)
    month = reverse("leaderboard_month", kwargs={"month": add_months(last, -1)})
    whole = f"/leaderboard/?from={add_months(last, 1 - months):%Y-%m}&to={last:%Y-%m}"

    with django_assert_max_num_queries(LEADERBOARD_QUERIES):
        response = as_board.get(month)
    with django_assert_max_num_queries(LEADERBOARD_QUERIES):
        whole_range = as_board.get(whole)

    assert "Account Executives" in text(response)
    # Everyone who has numbers in the range, once each.
    assert text(whole_range).count('class="num rank"') == PersonActual.objects.values("person").distinct().count()
