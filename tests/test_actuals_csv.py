"""The actuals CSV reader: what a good file changes, and every kind of bad file it refuses."""

from decimal import Decimal

import pytest

from otesite.months import parse_month
from performance.actuals_csv import ImportRefused, read_actuals_csv, template_csv
from performance.models import MonthlyActual

HEADER = "month,role,headcount,units,credited_deals,meetings_held,earnings"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def stored_state() -> list[tuple]:
    """Everything stored about actuals, history included, to show that nothing changed."""
    rows = MonthlyActual.objects.order_by("pk").values_list(
        "role__name", "month", "headcount", "units", "credited_deals", "meetings_held", "earnings"
    )
    return [*rows, MonthlyActual.history.count()]


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


def test_the_template_lists_the_current_roles_for_the_next_month(example_agency):
    lines = template_csv().splitlines()
    assert lines == [HEADER, "2026-04,Closers,,,,,", "2026-04,Setters,,,,,", "2026-04,Manager,,,,,"]


# --- Bad input: each refused with where and what, and nothing stored changes ---------------

BAD_FILES = {
    "malformed month": (
        csv_bytes("March 2026,Closers,8,30,,,"),
        "row 2, column month: 'March 2026' is not a month; write it as YYYY-MM, e.g. 2026-03",
    ),
    "impossible month": (
        csv_bytes("2026-13,Closers,8,30,,,"),
        "row 2, column month: '2026-13' has no month 13; months run 01 to 12",
    ),
    "month before the first business assumptions": (
        csv_bytes("2025-12,Closers,8,30,,,"),
        "row 2, column month: 2025-12 is before the first business assumptions (2026-01);"
        " an admin must set assumptions for it first",
    ),
    "unknown role": (
        csv_bytes("2026-03,Closerz,8,30,,,"),
        'row 2, column role: no role is called "Closerz" (roles: Closers, Setters, Manager)',
    ),
    "negative units": (
        csv_bytes("2026-03,Closers,8,-3,,,"),
        'row 2, column units: must be a number ≥ 0 (got "-3")',
    ),
    "negative headcount": (
        csv_bytes("2026-03,Closers,-1,30,,,"),
        'row 2, column headcount: must be a whole number ≥ 0 (got "-1")',
    ),
    "negative earnings": (
        csv_bytes("2026-03,Closers,8,30,,,-100"),
        'row 2, column earnings: must be a number ≥ 0 (got "-100")',
    ),
    "non-numeric headcount": (
        csv_bytes("2026-03,Closers,eight,30,,,"),
        'row 2, column headcount: must be a whole number ≥ 0 (got "eight")',
    ),
    "non-numeric credited deals": (
        csv_bytes("2026-03,Closers,8,30,about 30,,"),
        'row 2, column credited_deals: must be a number ≥ 0 (got "about 30")',
    ),
    "NaN": (
        csv_bytes("2026-03,Closers,8,NaN,,,"),
        'row 2, column units: must be a number ≥ 0 (got "NaN")',
    ),
    "infinity": (
        csv_bytes("2026-03,Closers,8,30,,Infinity,"),
        'row 2, column meetings_held: must be a number ≥ 0 (got "Infinity")',
    ),
    "fractional headcount": (
        csv_bytes("2026-03,Closers,2.5,30,,,"),
        'row 2, column headcount: must be a whole number ≥ 0 (got "2.5")',
    ),
    "empty required cell": (
        csv_bytes("2026-03,Closers,8,,,,"),
        "row 2, column units: is required",
    ),
    "more decimal places than stored": (
        csv_bytes("2026-03,Closers,8,30.125,,,"),
        "row 2, column units: ensure that there are no more than 2 decimal places",
    ),
    "missing column": (
        csv_bytes("2026-03,Closers,8,,,", header="month,role,headcount,credited_deals,meetings_held,earnings"),
        'header: missing column "units"',
    ),
    "unknown column": (
        csv_bytes("2026-03,Closers,8,30,,,,", header=HEADER + ",earning"),
        'header: unknown column "earning"; the columns are month, role, headcount, units, credited_deals,'
        " meetings_held, earnings",
    ),
    "column twice": (
        csv_bytes("2026-03,Closers,8,30,30", header="month,role,headcount,units,units"),
        'header: column "units" appears twice',
    ),
    "duplicate rows for a role and month": (
        csv_bytes("2026-04,Closers,8,30,,,", "2026-04,Setters,2,80,,,", "2026-04,Closers,8,31,,,"),
        "row 4, column role: Closers for 2026-04 is already on row 2",
    ),
    "a row with too few cells": (
        csv_bytes("2026-04,Closers,8,30"),
        "row 2: has 4 cells where the header has 7",
    ),
    "empty file": (b"", "file: is empty"),
    "only a header": (csv_bytes(), "file: has no rows under the header"),
    "an image, not CSV": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file: is not a UTF-8 CSV file"),
    "a spreadsheet, not CSV": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "file: is not a CSV file (it holds binary data)"),
    "Latin-1, not UTF-8": ("month,role\n2026-03,Clôsers\n".encode("latin-1"), "file: is not a UTF-8 CSV file"),
    "semicolon separated": (
        HEADER.replace(",", ";").encode() + b"\n2026-03;Closers;8;30;;;\n",
        "header: columns must be separated by commas, not semicolons",
    ),
    "unbalanced quotes": (csv_bytes('2026-03,"Closers,8,30,,,'), "file: is not a readable CSV file"),
    "text that is not CSV": (b'{"actuals": []}\n', "header: missing column"),
}


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
