"""The Metrics JSON of the worked examples, field by field and in key order: the insurance
agency (role totals) and the people team (people, tiers, a cap, ramps, a promotion, a
missing person)."""

import json
from decimal import Decimal

import pytest
from engine_cases import (
    EXAMPLE_MONTHS,
    example_month,
    key_paths,
    load_example,
    written,
)

from otesite.lib import jsonnum
from performance.documents.metrics import to_metrics_json

EXAMPLES = ["insurance_agency", "people_team"]
EXAMPLE_CASES = [(name, month) for name in EXAMPLES for month in EXAMPLE_MONTHS]


@pytest.mark.parametrize(("name", "month"), EXAMPLE_CASES)
def test_it_reproduces_the_expected_metrics_json_of_the_example(name: str, month: str) -> None:
    _, expected = load_example(name)

    exported = written(to_metrics_json(example_month(month, name), include_text=False))

    assert exported == expected[month]


@pytest.mark.parametrize(("name", "month"), EXAMPLE_CASES)
def test_it_orders_the_keys_as_the_expected_file_does(name: str, month: str) -> None:
    _, expected = load_example(name)

    exported = to_metrics_json(example_month(month, name), include_text=False)

    assert key_paths(exported) == key_paths(expected[month])


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_example_covers_every_month_of_the_expected_file(name: str) -> None:
    _, expected = load_example(name)

    assert sorted(expected) == EXAMPLE_MONTHS


def test_people_are_listed_by_rank_then_name_with_shared_ranks() -> None:
    february = to_metrics_json(example_month("2026-02", "people_team"))
    executives = february["roles"][0]["people"]

    assert [(person["person"], person["rank"]) for person in executives] == [
        ("Ana Ruiz", 1),
        ("Dev Patel", 1),
        ("Ben Okafor", 3),
        ("Chloe Martin", 3),
    ]


def test_missing_people_appear_only_in_a_month_where_someone_is_missing() -> None:
    january = to_metrics_json(example_month("2026-01", "people_team"))
    march = to_metrics_json(example_month("2026-03", "people_team"))

    assert "missing_people" not in january["insights"]
    assert march["insights"]["missing_people"] == [{"role": "Account Executives", "people": ["Hal Novak"]}]


def test_a_role_kept_as_totals_beside_people_has_no_people_list() -> None:
    partners = to_metrics_json(example_month("2026-03", "people_team"))["roles"][3]

    assert partners["source"] == "role"
    assert "people" not in partners


def test_the_metrics_json_survives_a_round_trip_through_json() -> None:
    exported = to_metrics_json(example_month("2026-03"))

    assert json.loads(jsonnum.dumps(exported), parse_float=Decimal) == exported


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
