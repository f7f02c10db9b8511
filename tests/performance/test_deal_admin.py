"""Deals in the admin: closers inline, checked with the deal by the one rule set, history kept
with the reason, and the lock on approved months."""

from datetime import date

from closing_cases import approve
from deal_cases import person

from performance.models import Deal

ADD = "/admin/performance/deal/add/"


def closers(rows: list[tuple[str, str]], initial: int = 0) -> dict:
    data = {"closers-TOTAL_FORMS": str(len(rows)), "closers-INITIAL_FORMS": str(initial)}
    for index, (name, share) in enumerate(rows):
        data |= {f"closers-{index}-person": str(person(name).pk), f"closers-{index}-share": share}
    return data


def deal_form(**changes) -> dict:
    return {
        "crm_id": "HS-20",
        "closed_on": "2026-04-10",
        "value": "8000",
        "upfront": "",
        "setter": str(person("Eve Tanaka").pk),
        "cancelled_on": "",
        "change_reason": "typed from the contract",
    } | changes


def test_an_admin_adds_a_deal_with_its_closers_and_reason(as_admin, people_team):
    response = as_admin.post(ADD, deal_form() | closers([("Ana Ruiz", "0.5"), ("Ben Okafor", "0.5")]))

    assert response.status_code == 302
    deal = Deal.objects.get(crm_id="HS-20")
    assert sorted(c.person.name for c in deal.closers.all()) == ["Ana Ruiz", "Ben Okafor"]
    assert deal.history.first().history_change_reason == "typed from the contract"


def test_shares_not_adding_up_to_one_are_refused_in_the_rules_words(as_admin, people_team):
    response = as_admin.post(ADD, deal_form() | closers([("Ana Ruiz", "0.5"), ("Ben Okafor", "0.4")]))

    assert response.status_code == 200
    assert "they must add up to exactly 1" in response.content.decode()
    assert not Deal.objects.exists()


def test_a_setter_who_is_a_closer_is_refused(as_admin, people_team):
    data = deal_form(setter=str(person("Ana Ruiz").pk)) | closers([("Ben Okafor", "1")])

    response = as_admin.post(ADD, data)

    assert (
        "Ana Ruiz holds Account Executives (a closer role) in 2026-04, not a setter role" in response.content.decode()
    )
    assert not Deal.objects.exists()


def test_a_deal_in_an_approved_month_is_refused(as_admin, people_team, manager, admin):
    approve(date(2026, 3, 1), manager, admin)

    response = as_admin.post(ADD, deal_form(closed_on="2026-03-10") | closers([("Ana Ruiz", "1")]))

    assert response.status_code == 200
    assert "2026-03 is approved" in response.content.decode()
    assert not Deal.objects.exists()


def test_the_deal_admin_lists_and_shows_history(as_admin, deals_team):
    deal = deals_team["HS-1"]
    assert as_admin.get("/admin/performance/deal/").status_code == 200
    assert as_admin.get(f"/admin/performance/deal/{deal.pk}/change/").status_code == 200
    assert as_admin.get(f"/admin/performance/deal/{deal.pk}/history/").status_code == 200
    assert date(2026, 4, 14) == deal.closed_on
