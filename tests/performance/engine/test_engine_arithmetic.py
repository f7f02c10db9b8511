"""Division that gives None instead of raising."""

from engine_cases import (
    D,
)

from performance.engine import (
    divide,
    mean,
)


def test_division_by_zero_gives_none() -> None:
    assert divide(D("1"), D("0")) is None
    assert divide(None, D("1")) is None
    assert divide(D("1"), None) is None
    assert divide(D("1"), D("4")) == D("0.25")


def test_the_mean_ignores_values_that_cannot_be_computed() -> None:
    assert mean([D("100"), None, D("50")]) == D("75")
    assert mean([None]) is None
    assert mean([]) is None
