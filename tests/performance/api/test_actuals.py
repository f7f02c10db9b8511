"""Actuals through the API: role totals (actuals/) and people's numbers (person-actuals/), in
batches, all or nothing, refused with the CSV imports' own messages at each record's place, and
a locked month answered 409 naming it."""

from datetime import date
from decimal import Decimal

import pytest
from api_cases import body, post
from closing_cases import stored

from performance.exchange.actuals_csv import read_actuals_csv
from performance.exchange.people_csv import read_people_csv
from performance.models import MonthlyActual, PersonActual

APRIL_PARTNERS = {"month": "2026-04", "role": "Partners", "headcount": 2, "units": "3"}


def problems(response) -> set[tuple[str, str]]:
    return {(p["where"], p["message"]) for p in body(response)["problems"]}


def csv_problems(reader, text: str) -> set[tuple[str | None, str]]:
    """What the CSV import says of the same numbers: (column, message) per problem."""
    return {(p.column, p.message) for p in reader(text.encode()).problems}


# --- Role totals ----------------------------------------------------------------------------


def test_role_totals_are_created_then_updated_then_left_unchanged(api_as, people_team):
    client = api_as("manager")

    created = post(client, "/api/v1/actuals/", {"actuals": [APRIL_PARTNERS]})
    updated = post(client, "/api/v1/actuals/", {"actuals": [APRIL_PARTNERS | {"units": 4, "earnings": "1200.50"}]})
    unchanged = post(client, "/api/v1/actuals/", {"actuals": [APRIL_PARTNERS | {"units": 4, "earnings": "1200.50"}]})

    assert body(created) == {"created": ["2026-04 Partners"], "updated": [], "unchanged": []}
    assert body(updated)["updated"] == ["2026-04 Partners"]
    assert body(unchanged)["unchanged"] == ["2026-04 Partners"]
    actual = MonthlyActual.objects.get(month=date(2026, 4, 1), role__name="Partners")
    assert (actual.headcount, actual.units, actual.earnings) == (2, Decimal("4"), Decimal("1200.50"))


def test_bad_role_totals_are_refused_in_the_csv_imports_words_and_nothing_changes(api_as, people_team):
    before = stored()
    batch = {
        "actuals": [
            APRIL_PARTNERS,
            APRIL_PARTNERS | {"headcount": "2.5"},
            APRIL_PARTNERS | {"role": "Nope"},
        ]
    }

    shape = post(api_as("manager"), "/api/v1/actuals/", batch)
    batch["actuals"][1] = APRIL_PARTNERS | {"role": "SDRs", "units": "10", "meetings_held": "12"}
    rules = post(api_as("manager"), "/api/v1/actuals/", batch)

    assert shape.status_code == 400
    header = "month,role,headcount,units,credited_deals,meetings_held,earnings\n"
    in_csv = csv_problems(read_actuals_csv, header + "2026-04,Partners,2.5,3,,,\n")
    assert ("actuals[1].headcount", next(m for c, m in in_csv if c == "headcount")) in problems(shape)
    assert rules.status_code == 400
    in_csv = csv_problems(read_actuals_csv, header + "2026-04,SDRs,2,10,,12,\n2026-04,Nope,2,3,,,\n")
    assert ("actuals[1].meetings_held", next(m for c, m in in_csv if c == "meetings_held")) in problems(rules)
    assert ("actuals[2].role", next(m for c, m in in_csv if c == "role")) in problems(rules)
    assert stored() == before


def test_a_role_kept_person_by_person_takes_no_total(api_as, people_team):
    response = post(
        api_as("manager"),
        "/api/v1/actuals/",
        {"actuals": [{"month": "2026-03", "role": "Account Executives", "headcount": 3, "units": 9}]},
    )

    header = "month,role,headcount,units,credited_deals,meetings_held,earnings\n"
    [(_, in_csv)] = csv_problems(read_actuals_csv, header + "2026-03,Account Executives,3,9,,,\n")
    assert response.status_code == 400
    assert problems(response) == {("actuals[0]", in_csv)}
    assert "is kept person by person in 2026-03 (Ana Ruiz, Ben Okafor, Chloe Martin)" in in_csv


def test_a_month_that_has_not_started_takes_no_actuals(api_as, people_team):
    response = post(api_as("manager"), "/api/v1/actuals/", {"actuals": [APRIL_PARTNERS | {"month": "2099-01"}]})

    assert response.status_code == 400
    [(where, message)] = problems(response)
    assert where == "actuals[0].month"
    assert message.startswith("2099-01 has not started yet")


def test_role_totals_of_an_approved_month_are_409_naming_it(api_as, approved_team):
    before = stored()

    response = post(
        api_as("manager"),
        "/api/v1/actuals/",
        {"actuals": [APRIL_PARTNERS, {"month": "2026-03", "role": "Partners", "headcount": 2, "units": 5}]},
    )

    assert response.status_code == 409
    assert body(response)["months"] == ["2026-03"]
    assert body(response)["detail"] == "2026-03 is approved; reopen it to change its numbers"
    assert ("actuals[1].month", "2026-03 is approved; reopen it to change its numbers") in problems(response)
    assert stored() == before


def test_sending_an_approved_months_numbers_unchanged_is_no_change(api_as, approved_team):
    response = post(
        api_as("manager"),
        "/api/v1/actuals/",
        {"actuals": [{"month": "2026-03", "role": "Partners", "headcount": 2, "units": 3}]},
    )

    assert response.status_code == 200
    assert body(response)["unchanged"] == ["2026-03 Partners"]


# --- People's numbers -------------------------------------------------------------------------


def test_peoples_numbers_are_recorded_by_name_or_id(api_as, people_team):
    from compensation.models import Person

    ben = Person.objects.get(name="Ben Okafor")
    response = post(
        api_as("manager"),
        "/api/v1/person-actuals/",
        {
            "person_actuals": [
                {"month": "2026-04", "person": "Ana Ruiz", "units": "3.5"},
                {"month": "2026-04", "person": ben.pk, "units": 2},
            ]
        },
    )

    assert response.status_code == 200, response.content
    assert body(response)["created"] == ["2026-04 Ana Ruiz", "2026-04 Ben Okafor"]
    assert PersonActual.objects.get(person__name="Ana Ruiz", month=date(2026, 4, 1)).units == Decimal("3.5")


def test_bad_peoples_numbers_are_refused_in_the_people_csvs_words(api_as, people_team):
    before = stored()
    batch = {
        "person_actuals": [
            {"month": "2026-01", "person": "Hal Novak", "units": 2},  # Hal starts in 2026-03
            {"month": "2026-04", "person": "Nobody", "units": 2},
            {"month": "2026-04", "person": "Eve Tanaka", "units": 3, "meetings_held": 4},
        ]
    }

    response = post(api_as("manager"), "/api/v1/person-actuals/", batch)

    header = "month,person,units,credited_deals,meetings_held,earnings\n"
    in_csv = csv_problems(
        read_people_csv, header + "2026-01,Hal Novak,2,,,\n2026-04,Nobody,2,,,\n2026-04,Eve Tanaka,3,,4,\n"
    )
    assert response.status_code == 400
    assert problems(response) == {
        ("person_actuals[0]", next(m for c, m in in_csv if c is None)),
        ("person_actuals[1].person", next(m for c, m in in_csv if c == "person")),
        ("person_actuals[2].meetings_held", next(m for c, m in in_csv if c == "meetings_held")),
    }
    assert stored() == before


def test_the_same_persons_month_twice_is_refused(api_as, people_team):
    row = {"month": "2026-04", "person": "Ana Ruiz", "units": 2}

    response = post(api_as("manager"), "/api/v1/person-actuals/", {"person_actuals": [row, row]})

    assert problems(response) == {("person_actuals[1].person", "Ana Ruiz for 2026-04 is already at person_actuals[0]")}


def test_peoples_numbers_of_an_approved_month_are_409(api_as, approved_team):
    before = stored()

    response = post(
        api_as("manager"),
        "/api/v1/person-actuals/",
        {"person_actuals": [{"month": "2026-02", "person": "Ana Ruiz", "units": 9}]},
    )

    assert response.status_code == 409
    assert body(response)["months"] == ["2026-02"]
    assert stored() == before


# --- A month kept by deals --------------------------------------------------------------------


@pytest.fixture
def april_by_deals(api_as, people_team):
    deal = {
        "id": "HS-1",
        "closed_on": "2026-04-14",
        "value": 16200,
        "closers": [{"person": "Ana Ruiz"}],
        "setter": "Eve Tanaka",
    }
    assert post(api_as("manager"), "/api/v1/deals/", {"deals": [deal]}).status_code == 200


def test_a_month_kept_by_deals_takes_no_closers_numbers_nor_role_totals(api_as, april_by_deals):
    closer = post(
        api_as("manager"),
        "/api/v1/person-actuals/",
        {"person_actuals": [{"month": "2026-04", "person": "Ana Ruiz", "units": 1}]},
    )
    setter_credit = post(
        api_as("manager"),
        "/api/v1/person-actuals/",
        {
            "person_actuals": [
                {"month": "2026-04", "person": "Eve Tanaka", "units": 30, "meetings_held": 20, "credited_deals": 2}
            ]
        },
    )
    total = post(api_as("manager"), "/api/v1/actuals/", {"actuals": [APRIL_PARTNERS]})
    setter = post(
        api_as("manager"),
        "/api/v1/person-actuals/",
        {"person_actuals": [{"month": "2026-04", "person": "Eve Tanaka", "units": 30, "meetings_held": 20}]},
    )

    assert problems(closer) == {
        (
            "person_actuals[0]",
            "Ana Ruiz's 2026-04 numbers come from deals (Account Executives is paid by deals that month)",
        )
    }
    assert problems(setter_credit) == {
        ("person_actuals[0].credited_deals", "2026-04 is kept by deals: a setter's credited deals come from the deals")
    }
    assert problems(total) == {("actuals[0]", "2026-04 is kept by deals; a month kept by deals takes no role totals")}
    assert setter.status_code == 200


# --- Who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/actuals/", "/api/v1/person-actuals/"])
def test_only_those_who_enter_actuals_record_them(api_as, people_team, path):
    for who, expected in {"anonymous": 401, "stranger": 403, "board": 403, "rep": 403}.items():
        assert post(api_as(who), path, {"actuals": [APRIL_PARTNERS]}).status_code == expected, who
    assert api_as("manager").get(path).status_code == 405
    assert api_as("board").get(path).status_code == 403


def test_writes_are_kept_in_the_history_with_the_tokens_user(api_as, people_team, manager):
    post(api_as("manager"), "/api/v1/actuals/", {"actuals": [APRIL_PARTNERS]})

    assert MonthlyActual.history.filter(month=date(2026, 4, 1)).get().history_user == manager
