"""A month kept by deals, through the pure engine: DOMAIN.md's deals_team example in every value
of its metrics, statements and payroll, for every month and person."""

import json

import pytest
from conftest import EXAMPLES
from engine_cases import example_month, key_paths, written

from performance.documents.metrics import to_metrics_json
from performance.documents.payroll import payroll_json, payroll_rows
from performance.documents.statement import month_statements, statement_json

EXPECTED = json.loads((EXAMPLES / "deals_team.expected.json").read_text())
WORKSPACE = json.loads((EXAMPLES / "deals_team.json").read_text())
STATES = {row["month"]: row["state"] for row in WORKSPACE["closes"]}
MONTHS = sorted(EXPECTED["metrics"])


def _without_texts(document: dict) -> dict:
    for role in document["roles"]:
        for recommendation in role.get("recommendations", []):
            recommendation.pop("text", None)
    return document


@pytest.mark.parametrize("month", MONTHS)
def test_the_metrics_of_every_month_are_the_expected_ones_in_every_value_and_key_order(month):
    exported = written(_without_texts(to_metrics_json(example_month(month, "deals_team"))))

    assert exported == EXPECTED["metrics"][month]
    assert key_paths(exported) == key_paths(EXPECTED["metrics"][month])


@pytest.mark.parametrize("month", MONTHS)
def test_every_statement_of_every_month_is_the_expected_one(month):
    m = example_month(month, "deals_team")
    state = STATES.get(month, "open")

    found = {s.person_id: written(statement_json(s, state)) for s in month_statements(m)}

    assert found == EXPECTED["statements"][month]
    for person, statement in found.items():
        assert key_paths(statement) == key_paths(EXPECTED["statements"][month][person]), person


@pytest.mark.parametrize("month", MONTHS)
def test_the_payroll_of_every_month_leaves_out_no_payee(month):
    m = example_month(month, "deals_team")

    rows = written(payroll_json(payroll_rows(m), STATES.get(month, "open")))

    assert rows == EXPECTED["payroll"][month]
