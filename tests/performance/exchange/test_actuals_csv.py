"""The actuals CSV reader: what a good file changes, and every kind of bad file it refuses."""

from decimal import Decimal

import pytest
from actuals_cases import BAD_FILES, HEADER, THIS_MONTH, csv_bytes, stored_state

from otesite.lib.parse import parse_month
from performance.exchange.actuals_csv import ImportRefused, read_actuals_csv, template_csv
from performance.models import MonthlyActual


def test_a_good_file_says_what_it_creates_updates_and_leaves_unchanged(example_agency):
    content = csv_bytes(
        "2026-03,Closers,8,30,,,",  # as stored
        "2026-03,Setters,2,100,12,,6804",  # units 96 -> 100
        "2026-04,Closers,8,41,,,",  # new month
    )
    result = read_actuals_csv(content)
    assert result.ok
    assert [c.row for c in result.unchanged] == [2]
    assert [(c.row, c.before) for c in result.updated] == [(3, {"units": Decimal("96.00")})]
    assert [c.row for c in result.created] == [4]
    assert result.summary() == "1 created, 1 updated, 1 unchanged"


def test_applying_a_good_file_stores_it_with_one_history_row_per_change(example_agency):
    history_before = MonthlyActual.history.count()
    result = read_actuals_csv(
        csv_bytes("2026-03,Closers,8,30,,,", "2026-03,Setters,2,100,12,,6804", "2026-04,Closers,8,41,,,")
    )
    result.apply()
    assert MonthlyActual.objects.get(role__name="Setters", month=parse_month("2026-03")).units == 100
    assert MonthlyActual.objects.get(role__name="Closers", month=parse_month("2026-04")).units == 41
    assert MonthlyActual.history.count() == history_before + 2


def test_a_byte_order_mark_and_blank_trailing_rows_are_fine(example_agency):
    content = b"\xef\xbb\xbf" + csv_bytes("2026-04,Closers,8,41,,,", ",,,,,,", "")
    result = read_actuals_csv(content)
    assert result.ok
    assert len(result.created) == 1


def test_columns_may_come_in_any_order_and_optional_ones_may_be_left_out(example_agency):
    result = read_actuals_csv(csv_bytes("Closers,2026-04,41,8", header="role,month,units,headcount"))
    assert result.ok
    assert result.created[0].actual.headcount == 8


def test_a_whole_number_written_with_decimals_is_a_headcount(example_agency):
    result = read_actuals_csv(csv_bytes("2026-04,Closers,8.0,41,,,"))
    assert result.ok
    assert result.created[0].actual.headcount == 8


def test_the_template_never_offers_a_month_that_has_not_started(example_agency):
    MonthlyActual.objects.create(
        role=example_agency["Closers"], month=parse_month(THIS_MONTH), headcount=8, units=Decimal(30)
    )
    assert {line.split(",")[0] for line in template_csv().splitlines()[1:]} == {THIS_MONTH}


def test_the_template_lists_the_current_roles_for_the_next_month(example_agency):
    lines = template_csv().splitlines()
    assert lines == [HEADER, "2026-04,Closers,,,,,", "2026-04,Setters,,,,,", "2026-04,Manager,,,,,"]


# --- Bad input: each refused with where and what, and nothing stored changes ---------------


@pytest.mark.parametrize(("content", "expected"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_with_where_and_what_and_nothing_changes(example_agency, content, expected):
    before = stored_state()
    result = read_actuals_csv(content)
    assert not result.ok
    assert any(str(problem).startswith(expected) for problem in result.problems), [str(p) for p in result.problems]
    with pytest.raises(ImportRefused):
        result.apply()
    assert stored_state() == before


def test_one_bad_cell_refuses_the_good_rows_too(example_agency):
    before = stored_state()
    result = read_actuals_csv(csv_bytes("2026-04,Closers,8,41,,,", "2026-04,Setters,2.5,80,,,"))
    assert [str(p) for p in result.problems] == ['row 3, column headcount: must be a whole number ≥ 0 (got "2.5")']
    with pytest.raises(ImportRefused):
        result.apply()
    assert stored_state() == before


def test_every_problem_in_a_file_is_listed_in_row_order(example_agency):
    result = read_actuals_csv(csv_bytes("2026-04,Nobody,x,-1,,,", "2026-13,Closers,8,41,,,"))
    assert [p.where for p in result.problems] == [
        "row 2, column role",
        "row 2, column headcount",
        "row 2, column units",
        "row 3, column month",
    ]


def test_actuals_are_refused_when_no_business_assumptions_exist(db):
    result = read_actuals_csv(csv_bytes("2026-03,Closers,8,30,,,"))
    assert "row 2, column month: 2026-03 has no business assumptions; an admin must set them first" in [
        str(p) for p in result.problems
    ]
