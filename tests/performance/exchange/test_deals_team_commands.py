"""DOMAIN.md's deals_team example through the database, as a user runs it: `import_workspace`
of the version 4 file, then `export_metrics`, `statement` and `export_payroll` for every month
and person, each compared with deals_team.expected.json in every value (the pure engine's own
reproduction is tests/performance/engine/test_engine_deals.py; this one adds the import, the
loader and the commands)."""

import csv
import json
from decimal import Decimal
from io import StringIO

import pytest
from conftest import EXAMPLES
from django.core.management import call_command

EXPECTED = json.loads((EXAMPLES / "deals_team.expected.json").read_text())
MONTHS = sorted(EXPECTED["metrics"])


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def deals_team(db):
    run("import_workspace", str(EXAMPLES / "deals_team.json"))


def _without_texts(document: dict) -> dict:
    for role in document["roles"]:
        for recommendation in role.get("recommendations", []):
            assert recommendation.pop("text")
    return document


@pytest.mark.parametrize("month", MONTHS)
def test_export_metrics_writes_every_value_of_every_month_as_expected(deals_team, month):
    assert _without_texts(json.loads(run("export_metrics", "--month", month))) == EXPECTED["metrics"][month]


@pytest.mark.parametrize("month", MONTHS)
def test_every_statement_of_every_month_is_the_expected_one(deals_team, month):
    for person, expected in EXPECTED["statements"][month].items():
        assert json.loads(run("statement", "--month", month, "--person", person)) == expected, person


def _money(value) -> str:
    return f"{Decimal(str(value)):.2f}"


@pytest.mark.parametrize("month", MONTHS)
def test_the_payroll_of_every_month_is_the_expected_one(deals_team, month):
    rows = list(csv.DictReader(StringIO(run("export_payroll", "--month", month))))
    money = ("base", "commission", "earnings", "clawbacks", "payable")
    expected = [
        {
            **{key: str(value) for key, value in row.items()},
            "role": row["role"] or "",
            "earnings_recorded": "true" if row["earnings_recorded"] else "false",
            **{key: _money(row[key]) for key in money},
        }
        for row in EXPECTED["payroll"][month]
    ]
    assert rows == expected


def test_the_example_round_trips_through_export_byte_for_byte(deals_team, tmp_path):
    first = run("export_workspace")
    (tmp_path / "backup.json").write_text(first)
    assert "Nothing to change" in run("import_workspace", str(tmp_path / "backup.json"))
    assert run("export_workspace") == first
