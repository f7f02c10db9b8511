"""The one parser of numbers and months (otesite.lib.parse), hostile input first.

Every way in reads through it; the tests of each way in (entry form, CSV, workspace, URL,
admin) check that they pass its words on. Here: the parser itself, no database.
"""

import time
from datetime import date
from decimal import Decimal

import pytest

from otesite.lib.months import add_months
from otesite.lib.parse import (
    LAST_MONTH,
    MAX_JSON_DEPTH,
    ParseError,
    check_month,
    parse_json,
    parse_month,
    parse_number,
    parse_whole_number,
)
from otesite.lib.rules import month_not_covered, month_not_started

# --- Numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30", Decimal(30)),
        (" 12.5 ", Decimal("12.5")),
        ("0", Decimal(0)),
        ("-0", Decimal(0)),
        ("007", Decimal(7)),
        ("30.10", Decimal("30.1")),
        ("0.1000000000", Decimal("0.1")),
        (40, Decimal(40)),
        (0.7, Decimal("0.7")),
        (Decimal("16200"), Decimal(16200)),
    ],
)
def test_it_reads_plain_numbers(text, expected):
    # As text too: Decimal("-0") and Decimal("30.10") equal 0 and 30.1 but read otherwise.
    assert str(parse_number(text)) == str(expected)


def test_it_never_writes_a_number_in_exponent_form():
    assert str(parse_number("100.00")) == "100"
    assert str(parse_number("0.000")) == "0"


@pytest.mark.parametrize(
    "text",
    [
        "１２",  # full-width digits, which Decimal() and int() accept
        "١٢",  # Arabic-Indic digits
        "1_000",  # Python's digit grouping
        "1,000",
        "1e5",
        "1E5",
        "1e9999999",
        "NaN",
        "nan",
        "sNaN",
        "Infinity",
        "inf",
        "-Infinity",
        "+5",
        ".5",
        "5.",
        "0x10",
        "thirty",
        "3 0",
        "--3",
        "1.2.3",
    ],
)
def test_it_refuses_what_is_not_ascii_digits_with_an_optional_point(text):
    with pytest.raises(ParseError) as refused:
        parse_number(text)
    assert str(refused.value).startswith("must be a number ≥ 0 (got ")


def test_it_quotes_the_refused_text_in_the_message():
    with pytest.raises(ParseError, match=r'^must be a number ≥ 0 \(got "1_000"\)$'):
        parse_number("1_000")


def test_it_refuses_a_negative_number_as_one():
    with pytest.raises(ParseError, match=r'^must be a number ≥ 0 \(got "-3"\)$'):
        parse_number("-3")


@pytest.mark.parametrize("value", [True, False, [], {}, float("nan"), float("inf"), 1e100, Decimal("NaN")])
def test_it_refuses_json_and_python_values_that_are_not_numbers(value):
    with pytest.raises(ParseError, match="must be a number ≥ 0"):
        parse_number(value)


def test_it_shows_json_literals_as_json_writes_them():
    with pytest.raises(ParseError, match=r"^must be a number ≥ 0 \(got true\)$"):
        parse_number(True)


def test_empty_is_required_or_none():
    with pytest.raises(ParseError, match="^is required$"):
        parse_number("  ")
    with pytest.raises(ParseError, match="^is required$"):
        parse_number(None)
    assert parse_number("", required=False) is None
    assert parse_whole_number(None, required=False) is None


def test_it_refuses_text_longer_than_a_number_can_be_before_reading_it():
    with pytest.raises(ParseError, match="must be a number ≥ 0 of at most 30 characters"):
        parse_number("1" * 31)
    with pytest.raises(ParseError, match="of at most 30 characters"):
        parse_number("x" * 1_000_000)


def test_the_refused_text_is_cut_short_in_the_message():
    with pytest.raises(ParseError) as refused:
        parse_number("7" * 1000)
    assert len(str(refused.value)) < 120
    assert "…" in str(refused.value)


@pytest.mark.parametrize(("text", "expected"), [("8", 8), ("3.0", 3), (" 0 ", 0), (12, 12), ("-0", 0)])
def test_it_reads_whole_numbers(text, expected):
    value = parse_whole_number(text)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize("text", ["2.5", "-1", "1e3", "eight", "１２", "0.5", 7.5])
def test_it_refuses_what_is_not_a_whole_number_with_one_message(text):
    with pytest.raises(ParseError, match=r"^must be a whole number ≥ 0 \(got "):
        parse_whole_number(text)


@pytest.mark.parametrize(
    "value",
    ["1e9999999", "9" * 5000, 10**5000, Decimal("1e9999999"), "1" + "0" * 100_000, 1e308],
    ids=["exponent text", "5000 digits", "a 5000-digit int", "exponent Decimal", "100000 digits", "a float"],
)
def test_a_huge_number_is_refused_at_once(value):
    """'1e9999999' as a headcount once cost 26 s of CPU; a 5000-digit int trips Python's limit."""
    started = time.perf_counter()
    for parse in (parse_whole_number, parse_number):
        with pytest.raises(ParseError):
            parse(value)
    assert time.perf_counter() - started < 1


# --- Months ---------------------------------------------------------------------------------


def test_it_reads_a_month_as_its_first_day():
    assert parse_month("2026-03") == date(2026, 3, 1)
    assert parse_month(" 1900-01 ") == date(1900, 1, 1)
    assert parse_month("2999-12") == LAST_MONTH


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "'2026-13' has no month 13; months run 01 to 12"),
        ("2026-00", "'2026-00' has no month 00; months run 01 to 12"),
        ("1899-12", "'1899-12' is out of range; months run from 1900-01 to 2999-12"),
        ("3000-01", "'3000-01' is out of range; months run from 1900-01 to 2999-12"),
        ("9999-12", "'9999-12' is out of range; months run from 1900-01 to 2999-12"),
        ("０２０２６-０３", "is not a month; write it as YYYY-MM, e.g. 2026-03"),
        ("２０２６-０３", "'２０２６-０３' is not a month; write it as YYYY-MM, e.g. 2026-03"),
        ("٢٠٢٦-٠٣", "is not a month"),
        ("2026-3", "'2026-3' is not a month"),
        ("2026-03-01", "'2026-03-01' is not a month"),
        ("March", "'March' is not a month"),
        ("10000-01", "is not a month"),
        ("", "'' is not a month"),
    ],
)
def test_it_refuses_what_is_not_a_month_it_can_hold(text, message):
    with pytest.raises(ParseError) as refused:
        parse_month(text)
    assert message in str(refused.value)


@pytest.mark.parametrize("value", [202603, None, True, ["2026-03"]])
def test_a_month_must_be_text(value):
    with pytest.raises(ParseError, match="is not a month"):
        parse_month(value)


def test_a_very_long_month_is_cut_short_in_the_message():
    with pytest.raises(ParseError) as refused:
        parse_month("2026-03" * 10_000)
    assert len(str(refused.value)) < 120


def test_a_date_is_held_to_the_same_years():
    assert check_month(date(2026, 3, 17)) == date(2026, 3, 1)
    with pytest.raises(ParseError, match="'9999-12' is out of range"):
        check_month(date(9999, 12, 31))


def test_month_arithmetic_never_fails_from_any_month_that_can_be_read():
    assert add_months(parse_month("2999-12"), 240) == date(3019, 12, 1)
    assert add_months(parse_month("1900-01"), -240) == date(1880, 1, 1)


# --- JSON -----------------------------------------------------------------------------------


def test_json_numbers_keep_their_text_so_the_same_checks_apply():
    data = parse_json('{"a": 7.5, "b": 8, "c": 1e5, "d": NaN, "e": 0.1000000000}')
    assert parse_number(data["a"]) == Decimal("7.5")
    assert data["b"] == 8
    assert parse_number(data["e"]) == Decimal("0.1")
    for key, message in (("c", "(got 1e5)"), ("d", "(got NaN)")):
        with pytest.raises(ParseError) as refused:
            parse_number(data[key])
        assert message in str(refused.value)
    with pytest.raises(ParseError, match=r"whole number ≥ 0 \(got 7.5\)"):
        parse_whole_number(data["a"])


def test_a_huge_json_integer_is_refused_quickly_not_a_traceback():
    started = time.perf_counter()
    data = parse_json('{"headcount": ' + "9" * 100_000 + "}")
    with pytest.raises(ParseError, match="of at most 30 characters"):
        parse_whole_number(data["headcount"])
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 500, 100_000])
def test_deeply_nested_json_is_a_message_not_a_recursion_error(depth):
    with pytest.raises(ParseError, match=f"nested more than {MAX_JSON_DEPTH} deep"):
        parse_json("[" * depth + "]" * depth)


def test_json_that_is_not_json_says_where():
    with pytest.raises(ParseError, match=r"not JSON \(line 1, column"):
        parse_json('{"format": ')


# --- Months that cannot hold what is offered ------------------------------------------------


def test_a_month_that_has_not_started_is_named_with_the_last_that_has():
    assert month_not_started(date(2026, 12, 1), today=date(2026, 12, 31)) is None
    assert month_not_started(date(2026, 11, 1), today=date(2026, 12, 1)) is None
    assert month_not_started(date(2027, 1, 1), today=date(2026, 12, 31)) == (
        "2027-01 has not started yet; actuals and revenue can only be recorded for months up to 2026-12"
    )


def test_a_month_before_the_first_assumptions_is_named_with_them():
    assert month_not_covered(date(2026, 1, 1), date(2026, 1, 1)) is None
    assert month_not_covered(date(2025, 12, 1), date(2026, 1, 1)) == (
        "2025-12 is before the first business assumptions (2026-01); an admin must set assumptions for it first"
    )
    assert month_not_covered(date(2025, 12, 1), None) == (
        "2025-12 has no business assumptions; an admin must set them first"
    )
