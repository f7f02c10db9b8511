"""/deals/: a month's deals with closers and shares, setter, value, upfront and state, what each
paid to whom (from the month's one computation), filterable by person, its clawbacks; a rep is
sent to /me/; a fixed number of queries however many deals."""

from datetime import date
from decimal import Decimal

import pytest
from deal_cases import add_deal, person
from pages import queries_for

from otesite.permissions import EVERYONE
from performance.loader import load_month


def test_the_month_lists_each_deal_with_its_closers_setter_and_what_it_paid(as_manager, deals_team):
    response = as_manager.get("/deals/2026-04/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "HS-1" in html and "HS-2" in html and "HS-3" in html
    assert "Eve Tanaka" in html
    rows = {row.crm_id: row for row in response.context["rows"]}
    assert [c.name for c in rows["HS-1"].closers] == ["Ana Ruiz", "Ben Okafor"]
    assert rows["HS-1"].setter == "Eve Tanaka"
    assert rows["HS-2"].upfront_used == Decimal("5000")
    assert rows["HS-1"].state == "counting" and rows["HS-3"].state == "clawed back"


def test_what_a_deal_paid_is_the_engines_deal_pay(as_manager, deals_team):
    metrics = load_month(date(2026, 4, 1), scope=EVERYONE)
    expected = {
        (person.person_id, line.deal_id): line.amount
        for role in metrics.roles
        for person in role.people
        for line in person.deals
    }

    rows = as_manager.get("/deals/2026-04/").context["rows"]

    shown = {(line.person_id, row.crm_id): line.amount for row in rows for line in row.paid}
    assert shown == expected
    assert {line.kind for line in next(r for r in rows if r.crm_id == "HS-1").paid} == {"closer", "setter", "manager"}


def test_a_deal_cancelled_in_its_own_month_pays_nothing(as_manager, deals_team):
    add_deal("HS-9", "2026-04-02", "5000", [("Ben Okafor", "1")], cancelled_on=date(2026, 4, 3))

    rows = {row.crm_id: row for row in as_manager.get("/deals/2026-04/").context["rows"]}

    assert rows["HS-9"].state == "cancelled"
    assert rows["HS-9"].paid == []


def test_the_clawbacks_of_the_month_are_listed(as_manager, deals_team):
    response = as_manager.get("/deals/2026-05/")

    clawbacks = response.context["clawbacks"]
    assert {(row.name, row.deal_id) for row in clawbacks} >= {("Ana Ruiz", "HS-3"), ("Eve Tanaka", "HS-3")}
    assert all(row.amount < 0 for row in clawbacks)
    may = load_month(date(2026, 5, 1), scope=EVERYONE)
    assert sum(row.amount for row in clawbacks) == sum(c.amount for c in may.clawbacks)
    assert "Clawbacks in May 2026" in response.content.decode()


def test_the_list_narrows_to_one_persons_deals_and_pay(as_manager, deals_team):
    hal = person("Hal Novak")

    rows = as_manager.get("/deals/2026-04/", {"person": hal.pk}).context["rows"]

    assert [row.crm_id for row in rows] == ["HS-2"]
    assert {line.name for line in rows[0].paid} == {"Hal Novak"}


def test_the_picker_redirects_without_javascript_and_pushes_the_url_with_htmx(as_manager, deals_team):
    ben = person("Ben Okafor")
    assert as_manager.get("/deals/", {"month": "2026-04"})["Location"] == "/deals/2026-04/"

    response = as_manager.get("/deals/", {"month": "2026-04", "person": ben.pk}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"/deals/2026-04/?person={ben.pk}"
    assert "<html" not in response.content.decode()


def test_a_bad_month_or_person_is_a_message_not_an_error(as_manager, deals_team):
    response = as_manager.get("/deals/", {"month": "2026-13"})
    assert response.status_code == 400
    assert "has no month 13" in response.content.decode()
    assert as_manager.get("/deals/2026-04/", {"person": "99999"}).status_code == 400


def test_deals_alone_goes_to_the_latest_month_with_data(as_manager, deals_team):
    assert as_manager.get("/deals/")["Location"] == "/deals/2026-04/"


def test_a_rep_is_sent_to_their_own_page(client, deals_team, django_user_model):
    rep = django_user_model.objects.create_user("ana")
    ana = person("Ana Ruiz")
    ana.user = rep
    ana.save()
    client.force_login(rep)

    assert client.get("/deals/2026-04/")["Location"] == "/me/"
    assert client.get("/deals/")["Location"] == "/me/"


def test_a_stranger_is_refused(as_stranger, deals_team):
    assert as_stranger.get("/deals/2026-04/").status_code == 403


def test_the_query_count_does_not_grow_with_deals(as_manager, deals_team):
    few = queries_for(as_manager, "/deals/2026-04/", {})
    for index in range(20):
        add_deal(f"X-{index}", "2026-04-10", "1000", [("Ana Ruiz", "0.5"), ("Ben Okafor", "0.5")], setter="Eve Tanaka")

    many = queries_for(as_manager, "/deals/2026-04/", {})

    assert many == few
    assert many <= 25


@pytest.mark.parametrize("month", ["2026-03", "2026-06"])
def test_a_month_without_deals_says_so(as_manager, deals_team, month):
    html = as_manager.get(f"/deals/{month}/").content.decode()
    assert "No deal closed in" in html
