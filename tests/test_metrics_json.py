"""The Metrics JSON of the worked example, field by field and in key order."""

import json

import pytest
from engine_cases import (
    EXAMPLE_MONTHS,
    example_month,
    key_paths,
    load_example,
)

from performance.exchange.metrics_json import to_metrics_json


@pytest.mark.parametrize("month", EXAMPLE_MONTHS)
def test_it_reproduces_the_expected_metrics_json_of_the_example(month: str) -> None:
    _, expected = load_example()

    exported = to_metrics_json(example_month(month), include_text=False)

    assert exported == expected[month]


@pytest.mark.parametrize("month", EXAMPLE_MONTHS)
def test_it_orders_the_keys_as_the_expected_file_does(month: str) -> None:
    _, expected = load_example()

    exported = to_metrics_json(example_month(month), include_text=False)

    assert key_paths(exported) == key_paths(expected[month])


def test_the_example_covers_every_month_of_the_expected_file() -> None:
    _, expected = load_example()

    assert sorted(expected) == EXAMPLE_MONTHS


def test_the_metrics_json_survives_a_round_trip_through_json() -> None:
    exported = to_metrics_json(example_month("2026-03"))

    assert json.loads(json.dumps(exported)) == exported


def test_it_includes_recommendation_text_in_the_json_unless_asked_not_to() -> None:
    march = example_month("2026-03")

    with_text = to_metrics_json(march)["roles"][0]["recommendations"][0]
    without_text = to_metrics_json(march, include_text=False)["roles"][0]["recommendations"][0]

    assert with_text == {
        "code": "more_units",
        "amount": 1.25,
        "text": "Need 1.25 more deals per closer",
    }
    assert without_text == {"code": "more_units", "amount": 1.25}
