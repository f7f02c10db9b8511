"""The bulk deal writer (performance/deal_writes.py): new deals created and changed ones updated
in bulk with their history (user and reason on every row), unchanged ones left alone, closers
added, re-shared and dropped, and the data version changed once."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction

from compensation.models import Person
from otesite.lib import hooks
from performance import deal_writes
from performance.deal_rules import DealValues
from performance.deal_writes import read_stored, write_deals
from performance.models import DataVersion, Deal, DealCloser


@pytest.fixture
def ids(people_team) -> dict[str, int]:
    return dict(Person.objects.values_list("name", "pk"))


def _deal(ids, crm_id="HS-1", closers=(("Ana Ruiz", "1"),), **changes) -> DealValues:
    fields = {
        "crm_id": crm_id,
        "closed_on": date(2026, 4, 14),
        "value": Decimal("16200"),
        "upfront": None,
        "closers": tuple((ids[name], Decimal(share)) for name, share in closers),
        "setter_id": None,
        "cancelled_on": None,
    } | changes
    return DealValues(**fields)


def _write(values, user=None, reason="test"):
    with transaction.atomic():
        return write_deals(values, read_stored([v.crm_id for v in values]), reason=reason, user=user)


def test_it_creates_new_deals_with_their_closers_and_history_naming_user_and_reason(ids, manager):
    written = _write([_deal(ids), _deal(ids, "HS-2", (("Ana Ruiz", "0.5"), ("Ben Okafor", "0.5")))], manager, "CSV")

    assert written.created == ["HS-1", "HS-2"]
    assert sorted((c.deal.crm_id, c.person.name, c.share) for c in DealCloser.objects.all()) == [
        ("HS-1", "Ana Ruiz", Decimal("1")),
        ("HS-2", "Ana Ruiz", Decimal("0.5")),
        ("HS-2", "Ben Okafor", Decimal("0.5")),
    ]
    rows = list(Deal.history.all()) + list(DealCloser.history.all())
    assert len(rows) == 5
    assert {(row.history_type, row.history_user, row.history_change_reason) for row in rows} == {("+", manager, "CSV")}


def test_writing_the_same_deals_again_changes_nothing_and_adds_no_history(ids):
    deals = [_deal(ids), _deal(ids, "HS-2", (("Ana Ruiz", "0.5"), ("Ben Okafor", "0.5")))]
    _write(deals)
    version = list(DataVersion.objects.values())
    history = Deal.history.count() + DealCloser.history.count()

    written = _write(list(reversed(deals)))

    assert written.unchanged == ["HS-2", "HS-1"] and not written.created and not written.updated
    assert Deal.history.count() + DealCloser.history.count() == history
    assert list(DataVersion.objects.values()) == version


def test_a_changed_deal_is_updated_and_its_closers_added_reshared_and_dropped(ids, manager):
    _write([_deal(ids, closers=(("Ana Ruiz", "0.5"), ("Ben Okafor", "0.5")))])

    written = _write(
        [_deal(ids, closers=(("Ana Ruiz", "0.6"), ("Hal Novak", "0.4")), cancelled_on=date(2026, 5, 2))],
        manager,
        "changed",
    )

    assert written.updated == ["HS-1"]
    deal = Deal.objects.get()
    assert deal.cancelled_on == date(2026, 5, 2)
    assert sorted((c.person.name, c.share) for c in deal.closers.all()) == [
        ("Ana Ruiz", Decimal("0.6")),
        ("Hal Novak", Decimal("0.4")),
    ]
    latest = {(row.history_type, row.history_change_reason, row.history_user) for row in DealCloser.history.all()}
    assert {("~", "changed", manager), ("+", "changed", manager), ("-", "changed", manager)} <= latest
    assert Deal.history.filter(history_type="~", history_change_reason="changed").count() == 1


def test_the_data_version_changes_once_for_a_write(ids, monkeypatch):
    bumps = []
    monkeypatch.setattr(hooks, "data_changed", lambda: bumps.append(1))

    _write([_deal(ids, f"HS-{n}") for n in range(30)])

    assert bumps == [1]


def test_stored_deals_are_read_in_two_queries_however_many(ids, django_assert_num_queries):
    _write([_deal(ids, f"HS-{n}") for n in range(30)])

    with django_assert_num_queries(2):
        found = read_stored([f"HS-{n}" for n in range(40)])

    assert len(found) == 30


def test_many_ids_are_read_in_one_pass_over_the_stored_deals(ids, monkeypatch, django_assert_num_queries):
    _write([_deal(ids, f"HS-{n}", (("Ana Ruiz", "0.5"), ("Ben Okafor", "0.5"))) for n in range(30)])
    monkeypatch.setattr(deal_writes, "MAX_IDS_IN_ONE_LOOKUP", 5)

    with django_assert_num_queries(2):
        found = read_stored([f"HS-{n}" for n in range(10)])

    assert sorted(found) == sorted(f"HS-{n}" for n in range(10))
    assert sorted(found["HS-3"].values.closers) == sorted(
        [(ids["Ana Ruiz"], Decimal("0.5")), (ids["Ben Okafor"], Decimal("0.5"))]
    )
