"""Deals through the API: read (a rep, only the deals that name them) and written in batches,
upserted by id, all or nothing, refused with the deal rules' own messages and places, and a
locked month answered 409 naming it."""

from datetime import date
from decimal import Decimal

import pytest
from api_cases import body, post
from closing_cases import approve, stored

from compensation.models import Person
from performance.models import Deal, DealCloser

APRIL = {
    "id": "HS-1",
    "closed_on": "2026-04-14",
    "value": "16200",
    "upfront": None,
    "closers": [{"person": "Ana Ruiz", "share": "0.5"}, {"person": "Ben Okafor", "share": 0.5}],
    "setter": "Eve Tanaka",
    "cancelled_on": None,
}


def deal(**changes) -> dict:
    return APRIL | changes


@pytest.fixture
def april_deals(people_team, manager):
    """Two April deals (a month after the example's), one of Ana's with Ben, one of Hal's alone."""
    response = post(
        _client(manager),
        "/api/v1/deals/",
        {"deals": [APRIL, deal(id="HS-2", closers=[{"person": "Hal Novak"}], setter=None, value=9000)]},
    )
    assert response.status_code == 200, response.content
    return people_team


def _client(user):
    from api_cases import token_client

    return token_client(user)


def test_a_batch_adds_new_deals_with_their_closers_and_setter(api_as, people_team):
    response = post(api_as("manager"), "/api/v1/deals/", {"deals": [APRIL]})

    assert response.status_code == 200
    assert body(response) == {"created": ["HS-1"], "updated": [], "unchanged": []}
    stored_deal = Deal.objects.get(crm_id="HS-1")
    assert stored_deal.closed_on == date(2026, 4, 14)
    assert stored_deal.value == Decimal("16200")
    assert stored_deal.setter.name == "Eve Tanaka"
    assert sorted((c.person.name, c.share) for c in stored_deal.closers.all()) == [
        ("Ana Ruiz", Decimal("0.5")),
        ("Ben Okafor", Decimal("0.5")),
    ]


def test_a_known_id_is_changed_where_it_differs_and_the_rest_left_alone(api_as, april_deals):
    changed = deal(closers=[{"person": "Ana Ruiz", "share": "1"}], cancelled_on="2026-05-02")

    response = post(
        api_as("manager"),
        "/api/v1/deals/",
        {"deals": [changed, deal(id="HS-2", closers=[{"person": "Hal Novak"}], setter=None, value=9000)]},
    )

    assert body(response) == {"created": [], "updated": ["HS-1"], "unchanged": ["HS-2"]}
    hs1 = Deal.objects.get(crm_id="HS-1")
    assert [(c.person.name, c.share) for c in hs1.closers.all()] == [("Ana Ruiz", Decimal("1"))]
    assert hs1.cancelled_on == date(2026, 5, 2)
    assert Deal.objects.count() == 2


def test_a_person_may_be_named_by_id_or_email(api_as, people_team):
    ana = Person.objects.get(name="Ana Ruiz")
    response = post(
        api_as("manager"),
        "/api/v1/deals/",
        {
            "deals": [
                deal(closers=[{"person": ana.pk, "share": 0.5}, {"person": "Ben Okafor", "share": 0.5}], setter=None),
                deal(id="HS-3", closers=[{"person": "ANA@example.com"}], setter=None),
            ]
        },
    )

    assert response.status_code == 200, response.content
    assert DealCloser.objects.filter(person=ana).count() == 2


def test_bad_deals_are_refused_with_every_problem_and_its_place_and_nothing_changes(api_as, april_deals):
    before = stored(), list(Deal.objects.values_list("crm_id", "value", "cancelled_on"))
    batch = {
        "deals": [
            deal(id="HS-9"),  # fine on its own: refused with the rest
            deal(id="HS-10", value="-5", closed_on="2026-04-31"),
            deal(id="HS-11", closers=[{"person": "Ana Ruiz", "share": "0.5"}, {"person": "Nobody", "share": "0.25"}]),
            deal(
                id="HS-12", closers=[{"person": "Ana Ruiz", "share": "0.6"}, {"person": "Ben Okafor", "share": "0.6"}]
            ),
            deal(id="HS-13", setter="Ana Ruiz", closers=[{"person": "Eve Tanaka"}]),
            deal(id="HS-14", closed_on="2099-01-01"),
            deal(id="HS-9"),
        ]
    }

    response = post(api_as("manager"), "/api/v1/deals/", batch)

    assert response.status_code == 400
    assert body(response)["problems"] == [
        {"where": "deals[1].closed_on", "message": '"2026-04-31" is not a day of the calendar'},
        {"where": "deals[1].value", "message": 'must be a number ≥ 0 (got "-5")'},
    ]
    assert (stored(), list(Deal.objects.values_list("crm_id", "value", "cancelled_on"))) == before
    batch["deals"][1] = deal(id="HS-10")

    response = post(api_as("manager"), "/api/v1/deals/", batch)

    assert response.status_code == 400
    problems = {(p["where"], p["message"]) for p in body(response)["problems"]}
    assert ("deals[2].closers[1].person", '"Nobody" is not a person') in problems
    assert ("deals[6].id", "HS-9 is already at deals[0]") in problems
    assert (stored(), list(Deal.objects.values_list("crm_id", "value", "cancelled_on"))) == before


def test_the_deal_rules_refuse_with_their_own_words(api_as, april_deals):
    before = stored(), Deal.objects.count()
    batch = {
        "deals": [
            deal(
                id="HS-12", closers=[{"person": "Ana Ruiz", "share": "0.6"}, {"person": "Ben Okafor", "share": "0.6"}]
            ),
            deal(id="HS-13", setter="Ana Ruiz", closers=[{"person": "Eve Tanaka"}]),
            deal(id="HS-14", closed_on="2099-01-01"),
            deal(id="HS-15", closed_on="2026-03-10", setter=None),  # 2026-03 has person actuals of closers
        ]
    }

    response = post(api_as("manager"), "/api/v1/deals/", batch)

    assert response.status_code == 400
    problems = {(p["where"], p["message"]) for p in body(response)["problems"]}
    assert ("deals[0].closers", "The closers' shares add up to 1.2; they must add up to exactly 1.") in problems
    assert (
        "deals[1].setter",
        "Ana Ruiz holds Account Executives (a closer role) in 2026-04, not a setter role",
    ) in problems
    assert ("deals[1].closers", "Eve Tanaka holds SDRs (a setter role) in 2026-04, not a closer role") in problems
    assert any(where == "deals[2].closed_on" and "cannot close in the future" in m for where, m in problems)
    assert any(where == "deals[3].closed_on" and "person actuals of closers or managers" in m for where, m in problems)
    assert (stored(), Deal.objects.count()) == before


def test_a_badly_shaped_batch_says_where(api_as, people_team):
    for sent, where, message in [
        ({}, "deals", "is required"),
        ({"deals": {"id": "X"}}, "deals", 'must be a list of deals (got a "dict")'),
        ({"deals": []}, "deals", "has no deals"),
        ({"deals": [{"id": "X"}]}, "deals[0].closed_on", "is required"),
        (
            {"deals": [deal(closers=[{"person": True}])]},
            "deals[0].closers[0].person",
            "must be a person's id, name or e-mail (got true)",
        ),
        ({"deals": [deal(value="1e5")]}, "deals[0].value", 'must be a number ≥ 0 (got "1e5")'),
        ({"deals": [deal(value=16200.125)]}, "deals[0].value", "ensure that there are no more than 2 decimal places"),
    ]:
        response = post(api_as("manager"), "/api/v1/deals/", sent)
        assert response.status_code == 400, sent
        assert {"where": where, "message": message} in body(response)["problems"], body(response)
    assert Deal.objects.count() == 0


def test_a_body_that_is_not_json_is_refused(api_as, people_team):
    response = api_as("manager").post("/api/v1/deals/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert body(response)["detail"].startswith("The body is not JSON (line 1, column 2")


def test_a_deal_in_an_approved_month_is_409_naming_the_month_and_nothing_is_stored(
    api_as, april_deals, manager, admin, settings
):
    approve(date(2026, 4, 1), manager, admin)
    before = stored(), list(Deal.objects.values_list("crm_id", "value"))

    changed = post(
        api_as("manager"), "/api/v1/deals/", {"deals": [deal(id="HS-20", closed_on="2026-05-03"), deal(value=17000)]}
    )
    added = post(api_as("manager"), "/api/v1/deals/", {"deals": [deal(id="HS-21", closed_on="2026-04-20")]})

    assert changed.status_code == 409
    assert body(changed)["detail"] == "2026-04 is approved; reopen it to change its numbers"
    assert body(changed)["months"] == ["2026-04"]
    assert {"where": "deals[1].closed_on", "message": "2026-04 is approved; reopen it to change its numbers"} in body(
        changed
    )["problems"]
    assert added.status_code == 409
    assert (stored(), list(Deal.objects.values_list("crm_id", "value"))) == before


def test_cancelling_an_approved_months_deal_in_an_open_month_is_allowed(api_as, april_deals, manager, admin):
    approve(date(2026, 4, 1), manager, admin)

    response = post(api_as("manager"), "/api/v1/deals/", {"deals": [deal(cancelled_on="2026-05-02")]})

    assert response.status_code == 200, response.content
    assert Deal.objects.get(crm_id="HS-1").cancelled_on == date(2026, 5, 2)


# --- Reading ------------------------------------------------------------------------------


def test_deals_read_by_month_and_person_in_pages(api_as, april_deals):
    hal = Person.objects.get(name="Hal Novak")
    everything = body(api_as("board").get("/api/v1/deals/"))
    april = body(api_as("board").get("/api/v1/deals/?month=2026-04"))
    halls = body(api_as("board").get(f"/api/v1/deals/?person={hal.pk}"))
    march = body(api_as("board").get("/api/v1/deals/?month=2026-03"))

    assert [d["id"] for d in everything["results"]] == ["HS-1", "HS-2"]
    assert everything["results"][0] == {
        "id": "HS-1",
        "closed_on": "2026-04-14",
        "close_month": "2026-04",
        "value": 16200.0,
        "upfront": None,
        "closers": [
            {"person": Person.objects.get(name="Ana Ruiz").pk, "name": "Ana Ruiz", "share": 0.5},
            {"person": Person.objects.get(name="Ben Okafor").pk, "name": "Ben Okafor", "share": 0.5},
        ],
        "setter": Person.objects.get(name="Eve Tanaka").pk,
        "setter_name": "Eve Tanaka",
        "cancelled_on": None,
        "counts": True,
    }
    assert april["count"] == 2
    assert [d["id"] for d in halls["results"]] == ["HS-2"]
    assert march["count"] == 0


def test_a_bad_query_is_refused_with_its_place(api_as, people_team):
    response = api_as("board").get("/api/v1/deals/?month=2026-13")

    assert response.status_code == 400
    assert body(response)["problems"] == [
        {"where": "month", "message": "'2026-13' has no month 13; months run 01 to 12"}
    ]


def test_a_rep_reads_only_the_deals_that_name_them(api_as, april_deals):
    hal = Person.objects.get(name="Hal Novak")
    rep = api_as("rep")  # Ana Ruiz

    mine = body(rep.get("/api/v1/deals/"))
    asked_for_hal = body(rep.get(f"/api/v1/deals/?person={hal.pk}"))

    assert [d["id"] for d in mine["results"]] == ["HS-1"]
    assert asked_for_hal["count"] == 0


def test_only_those_who_enter_deals_write_them(api_as, people_team):
    for who, expected in {"anonymous": 401, "stranger": 403, "board": 403, "rep": 403}.items():
        assert post(api_as(who), "/api/v1/deals/", {"deals": [APRIL]}).status_code == expected, who
    assert Deal.objects.count() == 0
