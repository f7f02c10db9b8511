"""The month's dashboard with people: each role kept person by person ranked, ties, ramps, who
has no numbers, the weighted attainment first, and a fixed number of queries at any size."""

import re

import pytest
from conftest import build_history
from django.test import Client
from django.urls import reverse

from compensation.models import Person
from otesite.lib.months import add_months
from performance.loader import QUERIES

MARCH = reverse("month", kwargs={"month": "2026-03"})


def text(response) -> str:
    return response.content.decode()


def board(page: str, role: str) -> str:
    """One role's people board on the page."""
    start = page.index(f'id="people-{role}"')
    return page[start : page.index("</table>", start)]


def rows(table: str) -> list[tuple[str, str]]:
    """(rank, name) of each row, in order."""
    return re.findall(
        r'<td class="num rank">([^<]+)<.*?<th scope="row" class="person-name">\s*(?:<a [^>]*>)?([^<]+)', table, re.S
    )


def test_a_role_kept_person_by_person_lists_its_people_by_rank_with_ties_marked(as_manager, people_team):
    page = text(as_manager.get(MARCH))
    executives = board(page, "account-executives")

    # Ana 7 / 4.5; Ben 4.5 / 4.5 and Chloe 3.375 / 3.375 (ramped) share second place.
    assert rows(executives) == [("1st of 3", "Ana Ruiz"), ("=2nd of 3", "Ben Okafor"), ("=2nd of 3", "Chloe Martin")]
    assert "(tied)" in executives


def test_ranks_are_written_alike_and_ties_marked_alike():
    from performance.web.people_presenters import ordinal, rank_text

    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        *("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th")
    ]
    assert rank_text(1, False, 9) == "1st of 9"
    assert rank_text(1, True, 9) == "=1st of 9"


def test_a_shared_rank_reads_the_same_on_me_the_dashboard_the_leaderboard_and_the_person_page(as_manager, people_team):
    from django.contrib.auth.models import User

    ben = Person.objects.get(name="Ben Okafor")
    user = User.objects.create_user("ben")
    Person.objects.filter(pk=ben.pk).update(user=user)
    rep = Client()
    rep.force_login(user)

    pages = {
        "me": text(rep.get("/me/")),
        "dashboard": board(text(as_manager.get(MARCH)), "account-executives"),
        "leaderboard": text(as_manager.get("/leaderboard/2026-03/")),
        "person": text(as_manager.get(f"/people/{ben.pk}/")),
    }

    assert '<dd class="me-rank">=2nd of 3</dd>' in pages["me"]  # 2026-03: Ben and Chloe share second
    assert {name: "=2nd of 3" in page for name, page in pages.items()} == dict.fromkeys(pages, True)
    assert {name: "=2<" in page or ">=2 " in page for name, page in pages.items()} == dict.fromkeys(pages, False)


def test_each_person_links_to_their_page_and_shows_a_bar_status_earnings_and_gap(as_manager, people_team):
    executives = board(text(as_manager.get(MARCH)), "account-executives")
    ana = Person.objects.get(name="Ana Ruiz")

    assert f'<a href="/people/{ana.pk}/">Ana Ruiz</a>' in executives
    assert 'aria-label="Ana Ruiz quota attainment"' in executives
    assert 'aria-valuetext="155.6% of quota"' in executives
    assert "✔</span> On target" in executives
    # As people_team.expected.json has them: earnings, her own OTE, and the gap.
    ana_row = executives[executives.index("Ana Ruiz") : executives.index("</tr>", executives.index("Ana Ruiz"))]
    cells = [cell.strip() for cell in re.findall(r'<td class="num[^"]*">([^<]+)', ana_row)]
    assert cells[-3:] == ["$12,375", "$8,000", "+$4,375"]


def test_a_ramping_person_carries_a_badge_with_their_month_of_the_ramp(as_manager, people_team):
    executives = board(text(as_manager.get(MARCH)), "account-executives")
    chloe = executives[executives.index("Chloe Martin") :]

    assert "ramping · month 2 of 2" in chloe
    assert "75.0% of quota" in chloe
    assert "ramping" not in executives[: executives.index("Chloe Martin")]


def test_people_assigned_without_numbers_are_named_in_a_warning(as_manager, people_team):
    page = text(as_manager.get(MARCH))
    warning = page[page.index('class="message message-warning missing-people"') :]
    warning = warning[: warning.index("</div>")]
    hal = Person.objects.get(name="Hal Novak")

    assert "No numbers for 1 person assigned in March 2026" in warning
    assert f'Account Executives: <a href="/people/{hal.pk}/">Hal Novak</a>' in warning
    assert 'href="/actuals/2026-03/"' in warning


def test_the_board_sees_the_warning_without_an_invitation_to_enter_numbers(as_board, people_team):
    page = text(as_board.get(MARCH))
    assert "No numbers for 1 person" in page
    assert 'href="/actuals/2026-03/"' not in page


def test_a_month_where_everyone_has_numbers_has_no_warning(as_manager, people_team):
    assert "missing-people" not in text(as_manager.get(reverse("month", kwargs={"month": "2026-02"})))


def test_roles_kept_as_totals_have_no_people_board(as_manager, example_agency):
    page = text(as_manager.get(reverse("month", kwargs={"month": "2026-03"})))
    assert 'id="people-heading"' not in page
    assert "Kept person by person" not in page


def test_the_role_card_points_to_its_ranked_people(as_manager, people_team):
    page = text(as_manager.get(MARCH))
    assert '<a href="#people-account-executives">Kept person by person: 3 ranked below</a>' in page


def test_the_weighted_team_attainment_leads_and_the_role_average_is_labelled_unweighted(as_manager, people_team):
    page = text(as_manager.get(MARCH))
    lead = page[page.index("tile-lead") :]
    lead = lead[: lead.index("</div>")]

    assert "Team OTE attainment, weighted by headcount" in lead
    assert "Unweighted average of the roles" in lead


# --- Query counts --------------------------------------------------------------------------

# Session, user, own and group permissions, data version; then, when the month is not cached
# yet, months with data and the loader's (people's ids come with the loader's assignments).
CACHED_DASHBOARD_QUERIES = 5
DASHBOARD_QUERIES = CACHED_DASHBOARD_QUERIES + 3 + QUERIES  # months with data, the close, open disputes, the loader


@pytest.mark.parametrize("months", [12, 120])
@pytest.mark.parametrize("people", [10, 200])
def test_the_dashboard_with_people_needs_the_same_few_queries_at_any_size(
    as_manager, django_assert_max_num_queries, months, people
):
    last = build_history(months, people)
    url = reverse("month", kwargs={"month": add_months(last, -1)})

    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = as_manager.get(url)
    with django_assert_max_num_queries(CACHED_DASHBOARD_QUERIES):
        as_manager.get(url)

    assert 'id="people-account-executives"' in text(response)
