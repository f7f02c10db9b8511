"""The second computation reproduces DOMAIN.md's worked examples in every value and key order:
the check that it reads DOMAIN.md as the examples do, before it is used to check the engine."""

import json

import pytest
from conftest import EXAMPLES

from second_computation import compute
from second_computation.compare import differences, key_paths

NAMES = ["insurance_agency", "people_team", "deals_team"]


def _example(name: str) -> tuple[dict, dict]:
    workspace = json.loads((EXAMPLES / f"{name}.json").read_text())
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text())
    return workspace, expected


@pytest.mark.parametrize("name", NAMES)
def test_the_second_computation_writes_every_expected_metric(name):
    workspace, expected = _example(name)
    metrics = expected.get("metrics", expected)

    found = compute(workspace, sorted(metrics))

    for month, document in metrics.items():
        assert differences(found[month]["metrics"], document, month) == []
        assert key_paths(found[month]["metrics"]) == key_paths(document)


def test_the_second_computation_writes_every_expected_statement_and_payroll_row():
    workspace, expected = _example("deals_team")

    found = compute(workspace, sorted(expected["statements"]))

    for month, statements in expected["statements"].items():
        assert differences(found[month]["statements"], statements, month) == []
        for person, statement in statements.items():
            assert key_paths(found[month]["statements"][person]) == key_paths(statement), person
        assert differences(found[month]["payroll"], expected["payroll"][month], month) == []
        assert key_paths(found[month]["payroll"]) == key_paths(expected["payroll"][month])


def test_the_deals_example_months_are_the_months_a_workspace_has():
    workspace, expected = _example("deals_team")

    found = compute(workspace)

    assert set(expected["metrics"]) <= set(found)
