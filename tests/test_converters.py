from datetime import date

import pytest

from otesite.converters import MonthConverter


def test_a_month_in_a_url_becomes_the_first_day_of_that_month():
    assert MonthConverter().to_python("2026-03") == date(2026, 3, 1)


def test_a_month_that_does_not_exist_does_not_match():
    with pytest.raises(ValueError, match="no month 13"):
        MonthConverter().to_python("2026-13")


def test_a_date_is_written_back_as_year_and_month():
    assert MonthConverter().to_url(date(2026, 3, 1)) == "2026-03"
    assert MonthConverter().to_url("2026-03") == "2026-03"
