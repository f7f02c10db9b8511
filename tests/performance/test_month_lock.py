"""Holding months (performance/month_lock.py): which close rows a write holds, that the missing
ones are made without a history row or a new data version, and that it needs a transaction.
The concurrency itself is test_month_lock_races.py (PostgreSQL)."""

from datetime import date

import pytest
from closing_cases import FEBRUARY, JANUARY, LOCKED_FEBRUARY, MARCH, approve, stored_data
from django.db import transaction
from django.db.transaction import TransactionManagementError

from otesite.lib.months import add_months, format_month, months_between
from otesite.lib.rules import current_month
from performance.models import DataVersion, MonthClose, MonthlyRevenue
from performance.month_lock import MonthsApproved, hold, last_closable_month, refuse_approved


def rows() -> list[tuple[str, str]]:
    return [(format_month(month), state) for month, state in MonthClose.objects.values_list("month", "state")]


@pytest.mark.django_db(transaction=True)
def test_holding_needs_a_transaction():
    with pytest.raises(TransactionManagementError, match="inside one"):
        hold([FEBRUARY])


def test_holding_months_makes_their_rows_and_says_which_are_approved(people_team, manager, admin):
    approve(FEBRUARY, manager, admin)
    token, history = DataVersion.objects.get().token, MonthClose.history.count()

    with transaction.atomic():
        approved = hold([MARCH, FEBRUARY, JANUARY])

    assert approved == [FEBRUARY]
    assert rows() == [("2026-01", "open"), ("2026-02", "approved"), ("2026-03", "open")]
    assert MonthClose.history.count() == history  # an open row is no step: no history
    assert DataVersion.objects.get().token == token  # and nothing any page shows has changed


def test_holding_from_a_month_makes_every_row_up_to_the_last_month_that_has_ended(people_team, manager, admin):
    approve(FEBRUARY, manager, admin)
    later = add_months(current_month(), 2)
    MonthClose.objects.create(month=later, state="approved")  # approved before months in progress were refused

    with transaction.atomic():
        approved = hold(since=MARCH)

    made = [month for month in MonthClose.objects.values_list("month", flat=True) if month >= MARCH]
    assert made == [*months_between(MARCH, last_closable_month()), later]
    assert approved == [later]  # a month before `since` is not held: 2026-02 is not among them


def test_holding_every_month_starts_with_the_first_business_assumptions(people_team):
    with transaction.atomic():
        assert hold(every=True) == []

    assert MonthClose.objects.earliest("month").month == JANUARY
    assert MonthClose.objects.latest("month").month == last_closable_month()


def test_on_an_empty_database_there_is_nothing_to_hold(db):
    with transaction.atomic():
        assert hold(every=True) == []
    assert not MonthClose.objects.exists()


def test_refusing_names_the_approved_months(people_team, manager, admin):
    approve(FEBRUARY, manager, admin)
    approve(MARCH, manager, admin)

    with pytest.raises(MonthsApproved) as refused, transaction.atomic():
        refuse_approved([date(2026, 1, 1), FEBRUARY, MARCH])

    assert str(refused.value) == "2026-02 and 2026-03 are approved; reopen them to change their numbers"
    assert refused.value.months == [FEBRUARY, MARCH]


# --- A write checked before the month was approved, stored after: refused ---------------------


def test_an_entry_form_save_of_a_month_approved_since_it_was_checked_is_refused(approved_team):
    from performance.actuals import month_version, save_month

    before = stored_data()
    with pytest.raises(MonthsApproved, match=LOCKED_FEBRUARY):
        save_month(FEBRUARY, [], MonthlyRevenue(month=FEBRUARY, revenue=1), month_version(FEBRUARY))
    assert stored_data() == before


def test_an_import_read_before_the_month_was_approved_is_refused_when_applied(people_team, manager, admin):
    from performance.exchange.actuals_csv import ImportRefused
    from performance.exchange.people_csv import read_actuals_file

    result = read_actuals_file(b"month,person,units\r\n2026-01,Ana Ruiz,6\r\n2026-02,Ana Ruiz,9\r\n")
    assert result.ok
    approve(FEBRUARY, manager, admin)
    before = stored_data()

    with pytest.raises(ImportRefused) as refused:
        result.apply()

    assert [str(problem) for problem in refused.value.problems] == [f"row 3: {LOCKED_FEBRUARY}"]
    assert stored_data() == before
