"""import_workspace writes in bulk and keeps history all the same: one history row per created or
changed row, with the import's reason and the importing user; nothing written, and no history,
for rows that did not change; one new data version per import."""

import copy
from unittest import mock

import pytest
from test_workspace_queries import team_workspace

from compensation.models import Assignment, Economics, Person, QuotaPlan, Role
from otesite.lib import versioning
from performance.exchange.workspace import import_workspace
from performance.models import Deal, DealCloser, PersonActual

MODELS = (Economics, Role, QuotaPlan, Person, Assignment, PersonActual)


def history(model, kind: str | None = None):
    rows = model.history.all()
    return rows if kind is None else rows.filter(history_type=kind)


def test_every_created_row_has_one_history_row_with_the_reason_and_the_user(db, admin):
    import_workspace(team_workspace(3, 4), reason="restore from backup", by=admin)
    for model in MODELS:
        assert history(model).count() == model.objects.count(), model
        assert set(history(model).values_list("history_type", "history_change_reason", "history_user")) == {
            ("+", "restore from backup", admin.pk)
        }


def test_a_changed_row_gets_one_history_row_and_the_others_none(db):
    data = team_workspace(3, 4)
    import_workspace(data)
    before = {model: history(model).count() for model in MODELS}
    changed = copy.deepcopy(data)
    changed["person_actuals"][5]["units"] = "9"
    changed["people"][1]["email"] = "closer001@example.com"

    summary = import_workspace(changed, reason="fix")

    assert summary.counts["person_actuals"].updated == 1
    assert summary.counts["people"].updated == 1
    assert [history(model).count() - before[model] for model in MODELS] == [0, 0, 0, 1, 0, 1]
    actual = history(PersonActual, "~").get()
    assert (actual.units, actual.history_change_reason) == (9, "fix")
    assert history(Person, "~").get().email == "closer001@example.com"


def test_reimporting_the_same_file_writes_nothing_and_keeps_the_data_version(db):
    data = team_workspace(3, 4)
    import_workspace(data)
    before = [history(model).count() for model in MODELS]
    with mock.patch.object(versioning.hooks, "data_changed") as bumped:
        summary = import_workspace(data)
    assert not summary.changed
    assert [history(model).count() for model in MODELS] == before
    bumped.assert_not_called()


def test_an_import_gives_the_data_one_new_version(db):
    with mock.patch.object(versioning.hooks, "data_changed") as bumped:
        import_workspace(team_workspace(4, 6))
    assert bumped.call_count == 1


@pytest.fixture
def with_deals():
    data = team_workspace(3, 2)
    data["deals"] = [
        {
            "id": "HS-1",
            "closed_on": "2010-03-14",
            "value": "16200",
            "upfront": None,
            "closers": [{"person": "Closer 000", "share": "0.5"}, {"person": "Closer 001", "share": "0.5"}],
            "setter": None,
            "cancelled_on": None,
        }
    ]
    return data


def test_deals_and_their_closers_are_written_with_history(db, with_deals):
    import_workspace(with_deals, reason="crm")
    deal = Deal.objects.get()
    assert [(c.person.name, c.share) for c in deal.closers.order_by("pk")] == [
        ("Closer 000", 0.5),
        ("Closer 001", 0.5),
    ]
    assert set(Deal.history.values_list("history_type", "history_change_reason")) == {("+", "crm")}
    assert DealCloser.history.filter(history_type="+", history_change_reason="crm").count() == 2


def test_changing_a_deals_closers_updates_their_rows_and_leaves_the_deal_row_alone(db, with_deals):
    import_workspace(with_deals)
    with_deals["deals"][0]["closers"] = [
        {"person": "Closer 000", "share": "0.25"},
        {"person": "Closer 002", "share": "0.75"},
    ]

    summary = import_workspace(with_deals, reason="resplit")

    assert summary.counts["deals"].updated == 1
    assert Deal.history.count() == 1  # the deal's own row did not change
    shares = {c.person.name: c.share for c in DealCloser.objects.all()}
    assert shares == {"Closer 000": 0.25, "Closer 002": 0.75}
    assert set(DealCloser.history.exclude(history_type="+").values_list("history_type", "history_change_reason")) == {
        ("~", "resplit"),
        ("-", "resplit"),
    }
