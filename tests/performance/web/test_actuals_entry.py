"""The month entry form /actuals/YYYY-MM/: prefilled, checked as you leave a field, previewed live,
saved in one transaction with history, and closed to anyone without change_monthlyactual."""

import re
from decimal import Decimal

import pytest
from actuals_cases import APRIL, MARCH, NEXT_MONTH, NOT_STARTED, THIS_MONTH, entry_state
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from compensation.models import Economics
from otesite.lib.months import add_months
from otesite.lib.parse import parse_month
from performance.actuals import month_version
from performance.loader import QUERIES
from performance.models import MonthlyActual, MonthlyRevenue


def form_data(roles: dict, month=MARCH, **changes) -> dict:
    """The form as the page fills it for `month`, with `changes` such as closers_units="31"."""
    data = {}
    for role in roles.values():
        actual = MonthlyActual.objects.filter(role=role, month=month).first()
        for column in ("headcount", "units", "credited_deals", "meetings_held", "earnings"):
            value = getattr(actual, column) if actual else None
            data[f"{role.pk}-{column}"] = "" if value is None else str(value)
    data["revenue"] = ""
    data["version"] = month_version(month)  # as the page shows it: the month as stored now
    for key, value in changes.items():
        role_name, _, column = key.partition("_")
        if key == "revenue":
            data["revenue"] = value
        else:
            data[f"{roles[role_name.capitalize()].pk}-{column}"] = value
    return data


# --- Who may ------------------------------------------------------------------------------

ENTRY_URLS = [
    "/actuals/",
    "/actuals/2026-03/",
    "/actuals/2026-03/check/?field=revenue",
    "/actuals/2026-03/preview/",
    "/actuals/import/",
    "/actuals/import/template.csv",
    "/actuals/import/confirm/",  # POST only, but refused before its method is: a 403, not a 405
]


@pytest.mark.parametrize("who", ["as_board", "as_stranger"])
@pytest.mark.parametrize("url", ENTRY_URLS)
def test_board_members_and_strangers_may_not_open_any_actuals_page(request, example_agency, who, url):
    client = request.getfixturevalue(who)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("who", ["as_board", "as_stranger"])
@pytest.mark.parametrize("url", ["/actuals/2026-03/", "/actuals/import/", "/actuals/import/confirm/"])
def test_board_members_and_strangers_may_not_post_actuals(request, example_agency, who, url):
    client = request.getfixturevalue(who)
    before = entry_state()
    assert client.post(url, form_data(example_agency, closers_units="99")).status_code == 403
    assert entry_state() == before


def test_an_anonymous_visitor_is_sent_to_log_in(client, example_agency):
    response = client.get("/actuals/2026-03/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("who", ["as_manager", "as_admin"])
def test_managers_and_admins_get_the_form_prefilled_with_what_is_stored(request, example_agency, who):
    response = request.getfixturevalue(who).get("/actuals/2026-03/")
    assert response.status_code == 200
    form = response.context["form"]
    closers = example_agency["Closers"]
    assert form[f"{closers.pk}-headcount"].value() == "8"
    assert form[f"{closers.pk}-units"].value() == "30"
    assert form[f"{example_agency['Setters'].pk}-earnings"].value() == "6804"
    assert [row.role.name for row in form.rows()] == ["Closers", "Setters", "Manager"]


def test_the_nav_offers_enter_actuals_only_to_those_who_may(as_manager, example_agency, board_member, client):
    assert b'href="/actuals/"' in as_manager.get("/performance/2026-03/").content
    client.force_login(board_member)
    assert b'href="/actuals/"' not in client.get("/performance/2026-03/").content


def test_actuals_opens_the_month_after_the_latest_stored(as_manager, example_agency):
    response = as_manager.get("/actuals/")
    assert response["Location"] == "/actuals/2026-04/"


def test_actuals_opens_a_picked_month(as_manager, example_agency):
    assert as_manager.get("/actuals/?month=2026-02")["Location"] == "/actuals/2026-02/"


def test_a_malformed_picked_month_is_said_and_not_followed(as_manager, example_agency):
    response = as_manager.get("/actuals/?month=2026-13", follow=True)
    assert "month: &#x27;2026-13&#x27; has no month 13" in response.content.decode()


def test_the_entry_page_reads_a_fixed_number_of_queries(as_manager, example_agency, django_assert_max_num_queries):
    # Session, user, permissions, whether the month is approved, the form's stored values, the
    # loader's (QUERIES), and the navigation's count of open disputes.
    with django_assert_max_num_queries(6 + QUERIES):
        assert as_manager.get("/actuals/2026-03/").status_code == 200


def test_the_entry_page_query_count_does_not_grow_with_history(as_manager, example_agency, django_assert_num_queries):
    with CaptureQueriesContext(connection) as with_three_months:
        as_manager.get("/actuals/2026-03/")
    for index in range(60):
        month = add_months(parse_month("2021-01"), index)
        Economics.objects.get_or_create(effective_from=month, defaults=economics_like_january())
        for role in example_agency.values():
            MonthlyActual.objects.get_or_create(role=role, month=month, defaults={"headcount": 1, "units": 1})
    with django_assert_num_queries(len(with_three_months)):
        as_manager.get("/actuals/2026-03/")


def economics_like_january() -> dict:
    january = Economics.objects.get(effective_from=parse_month("2026-01"))
    return {
        field: getattr(january, field)
        for field in ("deal_value", "upfront_rate", "show_rate", "close_rate", "cost_per_meeting")
    }


# --- Saving -------------------------------------------------------------------------------


def test_saving_stores_the_changes_and_lands_on_the_month(as_manager, example_agency, manager):
    response = as_manager.post("/actuals/2026-03/", form_data(example_agency, closers_units="35", revenue="400000"))
    assert response.status_code == 302
    assert response["Location"] == "/performance/2026-03/"
    closers = MonthlyActual.objects.get(role=example_agency["Closers"], month=MARCH)
    assert closers.units == 35
    assert closers.history.first().history_user == manager
    assert MonthlyRevenue.objects.get(month=MARCH).revenue == 400000


def test_saving_records_history_only_for_what_changed(as_manager, example_agency):
    before = MonthlyActual.history.count()
    as_manager.post("/actuals/2026-03/", form_data(example_agency, closers_units="35"))
    assert MonthlyActual.history.count() == before + 1
    as_manager.post("/actuals/2026-03/", form_data(example_agency, closers_units="35"))
    assert MonthlyActual.history.count() == before + 1


def test_a_new_month_creates_the_rows_filled_in_and_leaves_blank_rows_out(as_manager, example_agency):
    data = form_data(example_agency, month=APRIL, closers_headcount="8", closers_units="41")
    response = as_manager.post("/actuals/2026-04/", data)
    assert response.status_code == 302
    assert list(MonthlyActual.objects.filter(month=APRIL).values_list("role__name", "units")) == [
        ("Closers", Decimal("41.00"))
    ]


def test_saving_says_what_it_did(as_manager, example_agency):
    data = form_data(example_agency, month=APRIL, closers_headcount="8", closers_units="41")
    as_manager.post("/actuals/2026-04/", data)
    response = as_manager.get("/actuals/2026-04/")
    assert "Saved the actuals for April 2026: 1 created, 0 updated." in response.content.decode()


def test_the_form_needs_a_csrf_token(manager, example_agency):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    response = client.post("/actuals/2026-03/", form_data(example_agency, closers_units="35"))
    assert response.status_code == 403
    assert MonthlyActual.objects.get(role=example_agency["Closers"], month=MARCH).units == 30


# --- Bad input: refused naming the role and column, nothing changes --------------------------

BAD_FORMS = {
    "fractional headcount": (
        {"closers_headcount": "2.5"},
        'Closers, headcount: must be a whole number ≥ 0 (got "2.5")',
    ),
    "negative headcount": ({"closers_headcount": "-1"}, 'Closers, headcount: must be a whole number ≥ 0 (got "-1")'),
    "non-numeric units": ({"closers_units": "thirty"}, 'Closers, units: must be a number ≥ 0 (got "thirty")'),
    "negative units": ({"setters_units": "-4"}, 'Setters, units: must be a number ≥ 0 (got "-4")'),
    "NaN": ({"setters_earnings": "NaN"}, 'Setters, earnings: must be a number ≥ 0 (got "NaN")'),
    "infinity": ({"manager_credited_deals": "inf"}, 'Manager, credited_deals: must be a number ≥ 0 (got "inf")'),
    "too many decimals": (
        {"closers_units": "30.125"},
        "Closers, units: ensure that there are no more than 2 decimal places",
    ),
    "units without headcount": ({"closers_headcount": ""}, "Closers, headcount: is required"),
    "a stored row cleared": (
        {"manager_headcount": "", "manager_units": ""},
        "Manager, headcount: is required; to take Manager out of this month, set headcount to 0",
    ),
    "negative revenue": ({"revenue": "-5"}, 'Revenue: must be a number ≥ 0 (got "-5")'),
    "full-width digits": ({"closers_headcount": "８"}, 'Closers, headcount: must be a whole number ≥ 0 (got "８")'),
    "digit grouping": ({"closers_earnings": "1_000"}, 'Closers, earnings: must be a number ≥ 0 (got "1_000")'),
    "an exponent": ({"closers_units": "3e1"}, 'Closers, units: must be a number ≥ 0 (got "3e1")'),
    "a headcount of 1e9999999": (
        {"closers_headcount": "1e9999999"},
        'Closers, headcount: must be a whole number ≥ 0 (got "1e9999999")',
    ),
    "a number longer than a number can be": (
        {"revenue": "9" * 5000},
        "Revenue: must be a number ≥ 0 of at most 30 characters",
    ),
}


@pytest.mark.parametrize(("changes", "expected"), BAD_FORMS.values(), ids=BAD_FORMS.keys())
def test_a_bad_value_is_refused_naming_role_and_column_and_nothing_changes(
    as_manager, example_agency, changes, expected
):
    before = entry_state()
    # A good change alongside the bad one: it must not be saved either.
    response = as_manager.post("/actuals/2026-03/", form_data(example_agency, setters_headcount="3", **changes))
    assert response.status_code == 400
    assert expected in response.content.decode().replace("&quot;", '"')
    assert "Nothing was saved" in response.content.decode()
    assert entry_state() == before


def test_clearing_recorded_revenue_is_refused(as_manager, example_agency):
    MonthlyRevenue.objects.create(month=MARCH, revenue=340200)
    before = entry_state()
    response = as_manager.post("/actuals/2026-03/", form_data(example_agency, revenue=""))
    assert response.status_code == 400
    assert "Revenue: is recorded for this month" in response.content.decode()
    assert entry_state() == before


def test_fields_for_an_unknown_role_are_ignored(as_manager, example_agency):
    before = entry_state()
    data = {**form_data(example_agency), "999-headcount": "3", "999-units": "5"}
    assert as_manager.post("/actuals/2026-03/", data).status_code == 302
    assert entry_state() == before


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/actuals/2026-13/", "&#x27;2026-13&#x27; has no month 13; months run 01 to 12"),
        ("/actuals/March/", "&#x27;March&#x27; is not a month; write it as YYYY-MM"),
        ("/actuals/9999-12/", "&#x27;9999-12&#x27; is out of range; months run from 1900-01 to 2999-12"),
        ("/actuals/1899-12/", "&#x27;1899-12&#x27; is out of range"),
        ("/actuals/２０２６-０３/", "&#x27;２０２６-０３&#x27; is not a month; write it as YYYY-MM"),
    ],
)
def test_a_malformed_or_impossible_month_is_not_found_and_says_why(as_manager, example_agency, url, message):
    for response in (as_manager.get(url), as_manager.post(url, {})):
        assert response.status_code == 404
        assert message in response.content.decode()


def test_a_month_before_the_first_assumptions_cannot_be_entered(as_manager, example_agency):
    message = "2025-12 is before the first business assumptions (2026-01)"
    page = as_manager.get("/actuals/2025-12/")
    assert message in page.content.decode()
    assert "form" not in page.context
    before = entry_state()
    data = {f"{example_agency['Closers'].pk}-headcount": "8", f"{example_agency['Closers'].pk}-units": "30"}
    response = as_manager.post("/actuals/2025-12/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert entry_state() == before


def test_the_first_month_there_can_be_says_it_has_no_assumptions_rather_than_failing(as_manager, example_agency):
    """1900-01 has no month before it for the form to follow (how roles are kept)."""
    message = "1900-01 is before the first business assumptions (2026-01)"
    closers = example_agency["Closers"].pk
    data = {f"{closers}-headcount": "8", f"{closers}-units": "30"}
    before = entry_state()

    page = as_manager.get("/actuals/1900-01/")
    saved = as_manager.post("/actuals/1900-01/", data)
    checked = as_manager.get("/actuals/1900-01/check/", {"field": f"{closers}-units", **data})
    previewed = as_manager.get("/actuals/1900-01/preview/", data)

    assert (page.status_code, saved.status_code, checked.status_code, previewed.status_code) == (200, 400, 400, 400)
    for response in (page, saved, previewed):
        assert message in response.content.decode()
    assert entry_state() == before


def test_the_first_month_there_can_be_is_entered_like_any_other_when_assumptions_cover_it(as_manager, example_agency):
    january = Economics.objects.get()
    january.pk, january.effective_from = None, parse_month("1900-01")
    january.save()
    closers = example_agency["Closers"].pk
    data = {"version": month_version(parse_month("1900-01")), f"{closers}-headcount": "8", f"{closers}-units": "30"}

    assert "form" in as_manager.get("/actuals/1900-01/").context
    assert as_manager.get("/actuals/1900-01/check/", {"field": f"{closers}-units", **data}).status_code == 200
    assert as_manager.get("/actuals/1900-01/preview/", data).status_code == 200
    assert as_manager.post("/actuals/1900-01/", data).status_code == 302
    saved = MonthlyActual.objects.get(month=parse_month("1900-01"))
    assert (saved.role_id, saved.headcount, saved.units) == (closers, 8, Decimal("30"))


def test_a_month_that_has_not_started_offers_no_form_and_stores_nothing(as_manager, example_agency):
    url = f"/actuals/{NEXT_MONTH}/"
    page = as_manager.get(url)
    assert page.status_code == 200
    assert NOT_STARTED in page.content.decode()
    assert "form" not in page.context
    before = entry_state()
    closers = example_agency["Closers"].pk
    data = {f"{closers}-headcount": "8", f"{closers}-units": "30", "revenue": "1000"}
    response = as_manager.post(url, data)
    assert response.status_code == 400
    assert NOT_STARTED in response.content.decode()
    assert as_manager.get(f"{url}check/", {"field": f"{closers}-units", **data}).status_code == 400
    assert as_manager.get(f"{url}preview/", data).status_code == 400
    assert entry_state() == before


def test_the_month_under_way_can_be_entered(as_manager, example_agency):
    assert "form" in as_manager.get(f"/actuals/{THIS_MONTH}/").context


def test_actuals_never_opens_a_month_that_has_not_started(as_manager, example_agency):
    closers = example_agency["Closers"]
    MonthlyActual.objects.create(role=closers, month=parse_month(THIS_MONTH), headcount=8, units=Decimal(30))
    assert as_manager.get("/actuals/")["Location"] == f"/actuals/{THIS_MONTH}/"


@pytest.mark.parametrize("picked", ["9999-12", "２０２６-０３"])
def test_a_picked_month_out_of_range_is_said_and_not_followed(as_manager, example_agency, picked):
    response = as_manager.get("/actuals/", {"month": picked}, follow=True)
    assert response.status_code == 200
    assert f"month: &#x27;{picked}&#x27;" in response.content.decode()


# --- Checking as you leave a field, and the live preview -----------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("１２", 'must be a whole number ≥ 0 (got "１２")'),
        ("1e9999999", 'must be a whole number ≥ 0 (got "1e9999999")'),
        ("9" * 100, "must be a whole number ≥ 0 of at most 30 characters"),
    ],
)
def test_leaving_a_field_with_hostile_input_shows_the_parsers_words(as_manager, example_agency, value, message):
    before = entry_state()
    name = f"{example_agency['Closers'].pk}-headcount"
    response = as_manager.get("/actuals/2026-03/check/", {"field": name, name: value}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert message in response.content.decode().replace("&quot;", '"')
    assert entry_state() == before


def test_leaving_a_bad_field_shows_its_error(as_manager, example_agency):
    closers = example_agency["Closers"]
    name = f"{closers.pk}-headcount"
    response = as_manager.get("/actuals/2026-03/check/", {"field": name, name: "2.5"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode().replace("&quot;", '"')
    assert html.startswith(f'<span class="field-error" id="error-{name}">')
    assert 'must be a whole number ≥ 0 (got "2.5")' in html


def test_leaving_a_good_field_clears_its_error(as_manager, example_agency):
    name = f"{example_agency['Closers'].pk}-headcount"
    units = f"{example_agency['Closers'].pk}-units"
    response = as_manager.get("/actuals/2026-03/check/", {"field": name, name: "8", units: "30"})
    assert response.content.decode() == f'<span class="field-error" id="error-{name}"></span>'


def test_checking_an_unknown_field_is_a_bad_request(as_manager, example_agency):
    assert as_manager.get("/actuals/2026-03/check/", {"field": "nope"}).status_code == 400


def test_the_preview_shows_the_unsaved_values_metrics_and_stores_nothing(as_manager, example_agency):
    before = entry_state()
    data = form_data(example_agency, closers_units="40")
    response = as_manager.get("/actuals/2026-03/preview/", data, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.strip().startswith('<section id="preview"')
    closers_row = re.search(r'<th scope="row">Closers</th>(.*?)</tr>', html, re.S).group(1)
    assert "On target" in closers_row
    assert "100.0%" in closers_row
    assert entry_state() == before


def test_the_preview_asks_for_fixes_while_a_field_is_wrong(as_manager, example_agency):
    data = form_data(example_agency, closers_units="NaN")
    response = as_manager.get("/actuals/2026-03/preview/", data, headers={"HX-Request": "true"})
    assert "Fix the fields marked above" in response.content.decode()


def test_the_preview_works_without_htmx_as_a_full_page(as_manager, example_agency):
    response = as_manager.get("/actuals/2026-03/preview/", form_data(example_agency, closers_units="40"))
    assert b"<html" in response.content
    assert b'id="preview"' in response.content


# --- An approved month ------------------------------------------------------------------------


def test_an_approved_months_page_shows_its_numbers_read_only_and_who_may_reopen_it(approved_team, as_manager):
    import html

    response = as_manager.get("/actuals/2026-02/")
    page = html.unescape(response.content.decode())

    assert response.status_code == 200
    assert "2026-02 is approved; reopen it to change its numbers." in page
    assert "An admin can reopen it, with a written reason, from" in page
    assert '<a href="/performance/2026-02/#month-close">the close panel of February 2026</a>' in page
    assert "Revenue for the month: <strong>$95,000</strong>" in page
    ana = page[page.index('<th scope="row">Ana Ruiz</th>') :]
    assert re.findall(r'<td class="num">([^<]*)</td>', ana)[0] == "4"  # her February units, as entered
    assert '<form class="entry-form"' not in page and '<input type="text"' not in page
    assert 'action="/actuals/"' in page and 'value="2026-02"' in page  # the picker, on this month


def test_an_admin_is_told_they_can_reopen_it_and_a_save_is_refused_with_the_numbers_kept(approved_team, as_admin):
    response = as_admin.post("/actuals/2026-03/", {"version": "x"})
    page = response.content.decode()

    assert response.status_code == 400
    assert "Nothing was saved: 2026-03 is approved; reopen it to change its numbers." in page
    assert "You can reopen it, with a written reason" in page
    assert "Partners" in page and "Gina Rossi" in page
