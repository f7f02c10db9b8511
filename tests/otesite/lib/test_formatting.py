"""Half-up rounding and the text every screen shows."""

import pytest
from engine_cases import (
    D,
)

from otesite.lib.formatting import (
    format_money,
    format_percent,
    format_units,
    quantize,
    quantize_money,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1600", "$1,600"),
        ("5670", "$5,670"),
        ("1417.5", "$1,417.50"),
        ("-1134", "-$1,134"),
        ("0.004", "$0"),
        ("-0.004", "$0"),
        ("1234567.891", "$1,234,567.89"),
        (None, "n/a"),
    ],
)
def test_money_shows_cents_only_when_not_whole(value: str | None, text: str) -> None:
    assert format_money(None if value is None else D(value)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("75", "75.0%"),
        ("33.3333", "33.3%"),
        ("133.35", "133.4%"),
        ("-0.01", "0.0%"),
        ("1234.5", "1,234.5%"),
        (None, "n/a"),
    ],
)
def test_percentages_show_one_decimal(value: str | None, text: str) -> None:
    assert format_percent(None if value is None else D(value)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1.25", "1.25"),
        ("16.000", "16"),
        ("100", "100"),
        ("2.50", "2.5"),
        ("19.98824221046443268665490888", "19.99"),
        ("0", "0"),
        ("-0.001", "0"),
        (None, "n/a"),
    ],
)
def test_units_are_trimmed(value: str | None, text: str) -> None:
    assert format_units(None if value is None else D(value)) == text


def test_rounding_is_half_up_even_for_huge_values() -> None:
    # Compared as text: Decimal equality ignores the exponent, so "== D('1e40')" held for any result.
    assert str(quantize_money(D("2.345"))) == "2.35"
    assert str(quantize_money(D("-2.345"))) == "-2.35"
    assert str(quantize(D("7.14329"), 4)) == "7.1433"
    assert str(quantize_money(D("1e40"))) == "1" + "0" * 40 + ".00"
    assert str(quantize_money(D("1" + "0" * 40 + ".005"))) == "1" + "0" * 40 + ".01"


def test_huge_money_keeps_its_cents() -> None:
    assert format_money(D("1" + "0" * 40 + ".005")) == "$10" + ",000" * 13 + ".01"
    assert format_money(D("-1" + "0" * 40 + ".5")) == "-$10" + ",000" * 13 + ".50"
