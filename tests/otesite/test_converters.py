import re
from datetime import date

import pytest

from otesite.converters import MonthConverter


def test_a_month_in_a_url_becomes_the_first_day_of_that_month():
    assert MonthConverter().to_python("2026-03") == date(2026, 3, 1)


def test_a_month_that_does_not_exist_does_not_match():
    with pytest.raises(ValueError, match="no month 13"):
        MonthConverter().to_python("2026-13")


@pytest.mark.parametrize(
    ("value", "message"),
    [("9999-12", "out of range"), ("1899-12", "out of range"), ("3000-01", "out of range")],
)
def test_a_month_outside_the_years_a_month_may_be_does_not_match(value, message):
    with pytest.raises(ValueError, match=message):
        MonthConverter().to_python(value)


def test_only_ascii_digits_match_the_pattern():
    assert re.fullmatch(MonthConverter.regex, "2026-03")
    assert not re.fullmatch(MonthConverter.regex, "２０２６-０３")
    assert not re.fullmatch(MonthConverter.regex, "٢٠٢٦-٠٣")


def test_a_date_is_written_back_as_year_and_month():
    assert MonthConverter().to_url(date(2026, 3, 1)) == "2026-03"
    assert MonthConverter().to_url("2026-03") == "2026-03"
