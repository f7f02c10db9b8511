"""The manager's month: routes, access, the worked example on the page, htmx, query counts."""

from datetime import date
from decimal import Decimal

import pytest
from conftest import build_history
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compensation.models import Economics, Role
from otesite.lib.months import add_months
from performance.loader import QUERIES
from performance.models import MonthlyActual

MARCH = reverse("month", kwargs={"month": "2026-03"})


def text(response) -> str:
    return response.content.decode()


def section(response) -> str:
    """The month's own section, without the page around it (whose CSRF token changes)."""
    page = text(response)
    return page[page.index('<div id="dashboard"') : page.index('<section id="month-close"')]


# --- Routes --------------------------------------------------------------------------------


def test_home_sends_a_manager_to_the_latest_month_with_data(as_manager, example_agency):
    response = as_manager.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/performance/2026-03/"


def test_home_without_any_data_says_so_and_points_an_admin_to_the_admin(as_admin):
    response = as_admin.get("/")
    assert response.status_code == 200
    assert "No data yet" in text(response)
    assert reverse("admin:performance_monthlyactual_changelist") in text(response)


def test_a_month_that_does_not_exist_is_not_found(as_manager, example_agency):
    assert as_manager.get("/performance/2026-13/").status_code == 404
    assert as_manager.get("/performance/march/").status_code == 404


@pytest.mark.parametrize("month", ["9999-12", "1899-12", "3000-01", "２０２６-０３", "٢٠٢٦-٠٣"])
def test_a_month_out_of_range_or_in_other_digits_is_not_found(as_manager, example_agency, month):
    assert as_manager.get(f"/performance/{month}/").status_code == 404


@pytest.mark.parametrize(("picked", "message"), [("9999-12", "out of range"), ("２０２６-０３", "is not a month")])
def test_a_picked_month_out_of_range_is_a_message(as_manager, example_agency, picked, message):
    response = as_manager.get("/performance/", {"month": picked})
    assert response.status_code == 400
    assert message in text(response)


def test_a_month_without_data_is_a_friendly_page_linking_to_months_with_data(as_manager, example_agency):
    response = as_manager.get("/performance/2025-06/")
    assert response.status_code == 200
    page = text(response)
    assert "No data for June 2025" in page
    for month in ("2026-01", "2026-02", "2026-03"):
        assert f'href="/performance/{month}/"' in page


def test_a_month_before_any_business_assumptions_says_they_must_be_set_first(as_manager, example_agency):
    Economics.objects.all().delete()
    response = as_manager.get(MARCH)
    assert response.status_code == 200
    assert "Business assumptions must be set first" in text(response)


# --- Access --------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client, example_agency):
    response = client.get(MARCH)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_user_in_no_group_is_refused(as_stranger, example_agency):
    assert as_stranger.get(MARCH).status_code == 403
    assert as_stranger.get("/").status_code == 403
    assert as_stranger.get("/performance/?month=2026-03").status_code == 403


@pytest.mark.parametrize("client_fixture", ["as_manager", "as_board", "as_admin"])
def test_managers_admins_and_the_board_see_the_dashboard(request, client_fixture, example_agency):
    assert request.getfixturevalue(client_fixture).get(MARCH).status_code == 200


def test_the_board_is_not_offered_data_entry(as_board, example_agency):
    response = as_board.get("/performance/2025-06/")
    assert "Add actuals" not in text(response)
    assert "Enter actuals" not in text(response)


def test_the_dashboard_only_answers_get(as_manager, example_agency):
    assert as_manager.post(MARCH).status_code == 405


# --- The worked example --------------------------------------------------------------------


def test_march_shows_the_worked_example(as_manager, example_agency):
    page = text(as_manager.get(MARCH))
    assert "March 2026" in page
    assert "$63,500" in page  # total OTE for the month
    assert "75.0%" in page  # closers' quota attainment
    assert "Need 1.25 more deals per closer" in page
    assert "Raise the close rate from 25.0% to 33.3% (+8.33 points)" in page
    assert "OTE needs 160 meetings a month; quota is 40" in page  # setters' red flag
    assert "Red flag" in page


def test_every_status_is_words_and_an_icon_not_colour_alone(as_manager, example_agency):
    page = text(as_manager.get(MARCH))
    assert "✖</span> Below target" in page
    assert "✔</span> On target" in page


def test_quota_attainment_is_an_accessible_progress_bar(as_manager, example_agency):
    page = text(as_manager.get(MARCH))
    assert 'role="progressbar"' in page
    assert 'aria-valuenow="75.0"' in page
    assert 'aria-valuetext="75.0% of quota"' in page
    assert 'style="' not in page  # a CSP will forbid inline styles


def test_the_summary_shows_the_months_totals(as_manager, example_agency):
    page = text(as_manager.get(MARCH))
    lead = page[page.index("tile-lead") :]
    # The weighted team OTE attainment leads; the unweighted average of the roles is labelled as such.
    assert lead.index("Team OTE attainment, weighted by headcount") < lead.index("80.4%")
    assert "Unweighted average of the roles: 95.0%" in page
    assert "$51,030" in page  # total actual
    assert "-$12,470" in page  # OTE gap
    assert "$5.36" in page  # revenue per $1 OTE
    assert "18.7%" in page
    assert "</span> Efficient" in page


def test_the_insights_sort_gaps_worst_first_and_check_setter_capacity(as_manager, example_agency):
    page = text(as_manager.get(MARCH))
    gaps = page[page.index("OTE gaps, worst first") :]
    assert (
        gaps.index("<strong>Setters</strong>")
        < gaps.index("<strong>Closers</strong>")
        < gaps.index("<strong>Manager</strong>")
    )
    assert "Closers&#x27; quota needs 640 meetings a month; setters&#x27; quota supplies 80" in page


def test_the_comparison_table_has_every_role(as_manager, example_agency):
    page = text(as_manager.get(MARCH))
    table = page[page.index('class="comparison"') :]
    for role in ("Closers", "Setters", "Manager"):
        assert f'<th scope="row">{role}</th>' in table


def test_roles_without_data_or_people_say_so(as_manager, example_agency):
    MonthlyActual.objects.filter(role=example_agency["Manager"], month=date(2026, 3, 1)).delete()
    MonthlyActual.objects.filter(role=example_agency["Setters"], month=date(2026, 3, 1)).update(headcount=0)
    page = text(as_manager.get(MARCH))
    assert "No actuals recorded for this month." in page
    assert "Headcount is 0 this month" in page
    assert "n/a" in page


def test_a_role_with_actuals_but_no_plan_says_so(as_manager, example_agency):
    role = Role.objects.create(name="Account managers", kind="closer", display_order=9)
    MonthlyActual.objects.create(role=role, month=date(2026, 3, 1), headcount=2, units=Decimal(4))
    page = text(as_manager.get(MARCH))
    assert "Account managers" in page
    assert "No OTE plan in force this month" in page


# --- The month picker ----------------------------------------------------------------------


def test_the_picker_without_javascript_redirects_to_the_months_page(as_manager, example_agency):
    response = as_manager.get("/performance/", {"month": "2026-01"})
    assert response.status_code == 302
    assert response["Location"] == "/performance/2026-01/"


def test_the_picker_with_htmx_swaps_the_body_and_pushes_the_months_url(as_manager, example_agency):
    response = as_manager.get("/performance/", {"month": "2026-01"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Push-Url"] == "/performance/2026-01/"
    assert "<html" not in text(response)
    assert 'id="dashboard"' in text(response)
    assert "January 2026" in text(response)


def test_a_malformed_picked_month_is_a_message_not_an_error(as_manager, example_agency):
    response = as_manager.get("/performance/", {"month": "2026-13"})
    assert response.status_code == 400
    assert "has no month 13" in text(response)
    htmx = as_manager.get("/performance/", {"month": ""}, headers={"HX-Request": "true"})
    assert htmx.status_code == 200
    assert "Pick a month" in text(htmx)


def test_an_htmx_request_gets_only_the_dashboard_and_the_answer_varies_on_it(as_manager, example_agency):
    full = as_manager.get(MARCH)
    fragment = as_manager.get(MARCH, headers={"HX-Request": "true"})
    assert "<html" in text(full)
    assert "<html" not in text(fragment)
    assert text(fragment).lstrip().startswith("<title>Team performance · March 2026 · otesite</title>")
    assert '<div id="dashboard"' in text(fragment)
    for response in (full, fragment):
        assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(as_manager, example_agency):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in text(as_manager.get(MARCH, headers=headers))


def test_previous_and_next_link_to_the_neighbouring_months_with_data(as_manager, example_agency):
    page = text(as_manager.get(reverse("month", kwargs={"month": "2026-02"})))
    assert 'rel="prev" href="/performance/2026-01/"' in page
    assert 'rel="next" href="/performance/2026-03/"' in page


def test_the_nav_marks_the_dashboard_as_the_current_page(as_manager, example_agency):
    page = text(as_manager.get(MARCH))
    assert 'href="/performance/latest/" aria-current="page">Dashboard' in page
    assert 'href="/plans/">Plans' in page


# --- Query counts --------------------------------------------------------------------------

# Session, user, own and group permissions (Django's ModelBackend), data version; then, when
# the month is not cached yet, months with data, the month's close, the open disputes (the
# navigation's count and the close panel's list, for managers and admins) and the loader's
# (performance.loader.QUERIES) but the approved inputs' (the close says the month is open).
CACHED_DASHBOARD_QUERIES = 5
DASHBOARD_QUERIES = CACHED_DASHBOARD_QUERIES + 3 + QUERIES - 1

# A cold render of an open month, query by query: what each is for, and a piece of its SQL.
COLD_DASHBOARD = [
    ("the session", '"django_session"'),
    ("the user", 'FROM "auth_user" WHERE'),
    ("the user's own permissions (ModelBackend)", '"auth_user_user_permissions"'),
    ("the user's groups' permissions (ModelBackend)", '"auth_group_permissions"'),
    ("the data version: the cache's key", '"performance_dataversion"'),
    ("the month's close: its state (and its steps, once it has one)", 'FROM "performance_monthclose"'),
    ("the months with data: the picker's neighbours", "UNION"),
    ("loader: the roles", 'FROM "compensation_role"'),
    ("loader: the plans up to the month", 'FROM "compensation_quotaplan"'),
    ("loader: their pay-curve bands", 'FROM "compensation_plantier"'),
    ("loader: the business assumptions up to the month", 'FROM "compensation_economics"'),
    ("loader: the month's role actuals", '"performance_monthlyactual"."headcount"'),
    ("loader: the month's revenue", 'FROM "performance_monthlyrevenue"'),
    ("loader: the assignments in force, with their people", 'FROM "compensation_assignment"'),
    ("loader: the month's person actuals", '"performance_personactual"."units"'),
    ("loader: the closers' shares of the month's deals", 'FROM "performance_dealcloser"'),
    ("loader: the month's deals", 'FROM "performance_deal"'),
    ("the open disputes: the navigation's count and the close panel's list", 'FROM "performance_dispute"'),
]


@pytest.mark.parametrize("months", [12, 120])
def test_a_cold_dashboard_asks_eighteen_queries_at_any_history_length(as_manager, months):
    """Pinned query by query: nothing asked twice (an open month's approved inputs are not
    asked: the close says it is open), at a year of history as at ten."""
    last = build_history(months, people=10)
    url = reverse("month", kwargs={"month": last})
    with CaptureQueriesContext(connection) as cold:
        assert as_manager.get(url).status_code == 200

    asked = [query["sql"] for query in cold.captured_queries]
    assert len(asked) == len(COLD_DASHBOARD) == DASHBOARD_QUERIES == 18
    assert [piece in sql for (_, piece), sql in zip(COLD_DASHBOARD, asked, strict=True)] == [True] * 18


@pytest.mark.parametrize("months", [3, 60])
def test_the_dashboard_needs_the_same_few_queries_however_long_the_history(
    as_manager, django_assert_max_num_queries, months
):
    last = build_history(months)
    url = reverse("month", kwargs={"month": add_months(last, -1)})
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = as_manager.get(url)
    assert response.status_code == 200
    assert "Closers" in text(response)
    with django_assert_max_num_queries(CACHED_DASHBOARD_QUERIES):
        again = as_manager.get(url)
    assert section(again) == section(response)


def test_the_setter_capacity_advice_shows_what_setters_booked_and_which_assumption_is_off(as_manager, example_agency):
    MonthlyActual.objects.filter(role=example_agency["Setters"], month=date(2026, 3, 1)).update(
        meetings_held=Decimal("50")
    )
    page = text(as_manager.get(MARCH)).replace("&#x27;", "'")
    card = page[page.index('class="card setter-capacity"') : page.index("Break-even and plan alignment")]

    assert "add 14 setters at current quota" in card
    assert "What the setters actually booked: <strong>96 meetings</strong>,\n" in card
    assert "15.0% of what the closers' quota needs" in card
    assert (
        "Setters' meetings show 52.1% of the time; the assumptions say 25.0%: update the business assumptions" in card
    )
    assert '<div class="drifted">\n                <dt>Show rate</dt>' in card
    assert "<dd>assumed 25.0%; measured 52.1%</dd>" in card
    assert "<dd>assumed 25.0%; measured 24.0%</dd>" in card


def test_without_recorded_meetings_the_assumption_check_says_it_measured_nothing(as_manager, example_agency):
    page = text(as_manager.get(MARCH)).replace("&#x27;", "'")

    assert "Too little was recorded this month to check the show and close rates" in page
    assert "agree with the business assumptions" not in page
    assert page.count("not measured (too few recorded)") == 2
