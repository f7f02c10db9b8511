"""The deal form (/deals/new/, /deals/<id>/edit/) and the cancellation (/deals/<id>/cancel/): a
deal checked by the one rule set, its messages on their fields, saved in one transaction with its
history (who and why), refused in an approved month (a cancellation in an open month allowed),
and two people saving the same deal never losing a change silently."""

from datetime import date
from decimal import Decimal

import pytest
from closing_cases import approve
from deal_cases import APRIL, person

from performance.models import Deal, DealCloser


def form_data(**changes) -> dict:
    data = {
        "crm_id": "HS-10",
        "closed_on": "2026-04-16",
        "value": "10000",
        "upfront": "",
        "closer_1": person("Ana Ruiz").pk,
        "share_1": "0.6",
        "closer_2": person("Ben Okafor").pk,
        "share_2": "0.4",
        "setter": person("Eve Tanaka").pk,
        "change_reason": "",
    }
    return data | changes


def edit_data(client, deal: Deal, **changes) -> dict:
    """What the edit form holds as shown (its version too), with `changes`."""
    form = client.get(f"/deals/{deal.pk}/edit/").context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    return data | changes


def test_a_new_deal_is_saved_with_its_closers_setter_and_history(as_manager, manager, people_team):
    response = as_manager.post("/deals/new/", form_data(change_reason="from the call notes"))

    assert response.status_code == 302
    assert response["Location"] == "/deals/2026-04/"
    deal = Deal.objects.get(crm_id="HS-10")
    assert deal.setter.name == "Eve Tanaka"
    assert sorted((c.person.name, c.share) for c in deal.closers.all()) == [
        ("Ana Ruiz", Decimal("0.6")),
        ("Ben Okafor", Decimal("0.4")),
    ]
    record = deal.history.first()
    assert record.history_user == manager
    assert record.history_change_reason == "from the call notes"
    assert DealCloser.history.filter(deal_id=deal.pk).count() == 2


def test_one_closer_may_leave_the_share_empty(as_manager, people_team):
    data = form_data(share_1="", closer_2="", share_2="")

    assert as_manager.post("/deals/new/", data).status_code == 302
    assert Deal.objects.get(crm_id="HS-10").closers.get().share == Decimal(1)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"share_2": "0.3"}, "closer_1", "add up to 0.9; they must add up to exactly 1"),
        ({"closer_1": "", "share_1": ""}, "closer_1", "This field is required"),
        (
            {"setter": ""} | {"closer_2": "SETTER"},
            "closer_1",
            "holds SDRs (a setter role) in 2026-04, not a closer role",
        ),
        (
            {"setter": "ANA"},
            "setter",
            "Ana Ruiz holds Account Executives (a closer role) in 2026-04, not a setter role",
        ),
        ({"value": "0"}, "value", "The value must be greater than 0."),
        ({"upfront": "20000"}, "upfront", "cannot be more than the value"),
        ({"closed_on": "2999-01-01"}, "closed_on", "a deal cannot close in the future"),
        ({"closed_on": "2026-02-30"}, "closed_on", "is not a day of the calendar"),
        ({"value": "1,000"}, "value", 'must be a number ≥ 0 (got "1,000")'),
    ],
)
def test_each_rule_is_refused_on_its_field_in_the_rules_words(as_manager, people_team, changes, field, words):
    ids = {"SETTER": person("Eve Tanaka").pk, "ANA": person("Ana Ruiz").pk}
    changes = {key: ids.get(value, value) for key, value in changes.items()}

    response = as_manager.post("/deals/new/", form_data(**changes))

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert any(words in message for message in errors.get(field, [])), errors
    assert not Deal.objects.exists()


def test_a_deal_id_already_stored_is_refused(as_manager, deals_team):
    response = as_manager.post("/deals/new/", form_data(crm_id="HS-1"))

    assert response.status_code == 400
    assert "A deal with the id HS-1 is stored already." in response.context["form"].errors["crm_id"]


def test_an_approved_month_takes_no_new_deal_nor_a_change(as_manager, people_team, manager, admin):
    approve(date(2026, 3, 1), manager, admin)

    response = as_manager.post("/deals/new/", form_data(closed_on="2026-03-10"))

    assert response.status_code == 400
    assert any("2026-03 is approved" in m for m in response.context["form"].errors["closed_on"])
    assert not Deal.objects.exists()


def test_a_correction_is_saved_with_its_reason(as_manager, deals_team):
    deal = deals_team["HS-2"]

    response = as_manager.post(
        f"/deals/{deal.pk}/edit/", edit_data(as_manager, deal, value="9500", change_reason="the CRM was wrong")
    )

    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.value == Decimal("9500")
    assert deal.history.first().history_change_reason == "the CRM was wrong"


def test_a_deal_of_an_approved_month_cannot_be_changed(as_manager, deals_team, manager, admin):
    approve(APRIL, manager, admin)
    deal = deals_team["HS-2"]

    response = as_manager.post(f"/deals/{deal.pk}/edit/", edit_data(as_manager, deal, value="9500"))

    assert response.status_code == 400
    assert any("2026-04 is approved" in m for m in response.context["form"].errors["closed_on"])
    deal.refresh_from_db()
    assert deal.value == Decimal("9000")


def test_two_people_saving_the_same_deal_never_lose_a_change_silently(as_manager, deals_team):
    deal = deals_team["HS-2"]
    first = edit_data(as_manager, deal, value="9100")
    second = edit_data(as_manager, deal, upfront="4000")

    assert as_manager.post(f"/deals/{deal.pk}/edit/", first).status_code == 302
    response = as_manager.post(f"/deals/{deal.pk}/edit/", second)

    assert response.status_code == 409
    assert "Someone else changed this deal" in response.content.decode()
    assert response.context["form"]["value"].value() == "9100"  # the form shows what is stored now
    deal.refresh_from_db()
    assert (deal.value, deal.upfront) == (Decimal("9100"), Decimal("5000"))


def test_a_cancellation_keeps_its_reason_in_the_history(as_manager, deals_team):
    deal = deals_team["HS-1"]
    version = as_manager.get(f"/deals/{deal.pk}/cancel/").context["form"]["version"].value()

    response = as_manager.post(
        f"/deals/{deal.pk}/cancel/", {"version": version, "cancelled_on": "2026-06-02", "reason": "customer walked"}
    )

    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.cancelled_on == date(2026, 6, 2)
    assert deal.history.first().history_change_reason == "customer walked"


def test_a_cancellation_needs_a_reason_and_a_date_not_before_the_close(as_manager, deals_team):
    deal = deals_team["HS-1"]
    version = as_manager.get(f"/deals/{deal.pk}/cancel/").context["form"]["version"].value()

    response = as_manager.post(f"/deals/{deal.pk}/cancel/", {"version": version, "cancelled_on": "2026-04-01"})

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "reason" in errors
    assert not Deal.objects.get(pk=deal.pk).cancelled_on


def test_a_cancellation_in_an_open_month_of_an_approved_close_month_is_allowed(as_manager, deals_team, manager, admin):
    approve(APRIL, manager, admin)
    deal = deals_team["HS-1"]
    version = as_manager.get(f"/deals/{deal.pk}/cancel/").context["form"]["version"].value()

    allowed = as_manager.post(
        f"/deals/{deal.pk}/cancel/", {"version": version, "cancelled_on": "2026-06-02", "reason": "churned"}
    )
    assert allowed.status_code == 302

    other = deals_team["HS-2"]
    version = as_manager.get(f"/deals/{other.pk}/cancel/").context["form"]["version"].value()
    refused = as_manager.post(
        f"/deals/{other.pk}/cancel/", {"version": version, "cancelled_on": "2026-04-25", "reason": "churned"}
    )
    assert refused.status_code == 400
    assert any("2026-04 is approved" in m for m in refused.context["form"].errors["cancelled_on"])


def test_the_form_is_for_managers_and_admins(client, board_member, deals_team):
    client.force_login(board_member)
    deal = deals_team["HS-1"]
    for url in ("/deals/new/", f"/deals/{deal.pk}/edit/", f"/deals/{deal.pk}/cancel/"):
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403


def test_the_deals_page_offers_the_form_only_to_those_who_may(client, manager, board_member, deals_team):
    client.force_login(manager)
    assert "Add a deal" in client.get("/deals/2026-04/").content.decode()
    client.force_login(board_member)
    assert "Add a deal" not in client.get("/deals/2026-04/").content.decode()
