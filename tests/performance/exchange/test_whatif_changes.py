"""What-if changes as text, read by the one parser: each refusal names the change as written."""

import pytest
from engine_cases import D

from otesite.lib.parse import ParseError
from performance.changes import change_text, parse_change, parse_changes, value_text
from performance.engine import ScenarioInvalid
from performance.engine.whatif import Change


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Closers.annual_ote=+20%", Change("Closers", "annual_ote", D(20), True, "Closers.annual_ote=+20%")),
        ("close_rate=0.3", Change(None, "close_rate", D("0.3"), False, "close_rate=0.3")),
        ("SDRs.headcount=-12.5%", Change("SDRs", "headcount", D("-12.5"), True, "SDRs.headcount=-12.5%")),
        (
            " Head of Sales.monthly_quota = 25 ",
            Change("Head of Sales", "monthly_quota", D(25), False, "Head of Sales.monthly_quota = 25"),
        ),
        (
            "Sr. AEs.commission_rate=0.1",
            Change("Sr. AEs", "commission_rate", D("0.1"), False, "Sr. AEs.commission_rate=0.1"),
        ),
    ],
)
def test_it_reads_a_change(text, change):
    assert parse_change(text) == change


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Closers.annual_ote", '"Closers.annual_ote": write a change as Role.field=value'),
        ("=5", '"=5": write a change as Role.field=value'),
        ("Closers.salary=5", "\"Closers.salary=5\": unknown field 'salary'"),
        ("Closers.close_rate=0.3", '"Closers.close_rate=0.3": close_rate is company-wide'),
        ("annual_ote=+5%", '"annual_ote=+5%": annual_ote is per role'),
        ("close_rate=30%", '"close_rate=30%": write a relative change with its sign (+30% or -30%)'),
        ("close_rate=abc", '"close_rate=abc": must be a number ≥ 0, or a relative change'),
        ("close_rate=1e5", '"close_rate=1e5": must be a number ≥ 0'),
        ("close_rate=-0.3", '"close_rate=-0.3": must be a number ≥ 0'),
        ("close_rate=+x%", '"close_rate=+x%": must be a number ≥ 0'),
        ("close_rate=１", '"close_rate=１": must be a number ≥ 0'),
    ],
)
def test_it_refuses_what_is_not_a_change_naming_it(text, message):
    with pytest.raises(ParseError) as refused:
        parse_change(text)

    assert str(refused.value).startswith(message)


def test_it_lists_every_change_it_cannot_read_and_skips_empty_ones():
    with pytest.raises(ScenarioInvalid) as refused:
        parse_changes(["close_rate=0.3", "", "x", "y=1"])

    assert len(refused.value.problems) == 2


def test_it_refuses_too_many_changes():
    with pytest.raises(ScenarioInvalid):
        parse_changes(["close_rate=0.3"] * 51)


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        ("commission_rate", D("0.08888888888888888888888888889"), "0.088889"),
        ("monthly_quota", D("1.6E+2"), "160"),
        ("annual_ote", D("17010.00000000"), "17010"),
        ("annual_ote", D("1417.505"), "1417.51"),
        ("headcount", D("3"), "3"),
    ],
)
def test_a_value_is_written_to_the_places_it_is_stored_with(field, value, text):
    assert value_text(field, value) == text


def test_a_change_is_written_as_it_is_read():
    written = change_text("Setters", "commission_rate", D("0.2"))

    assert written == "Setters.commission_rate=0.2"
    assert parse_change(written).value == D("0.2")
    assert change_text(None, "close_rate", "+20%") == "close_rate=+20%"
