"""A workspace import reads what its rules need in a fixed number of queries, however many
records the file has (issue 22: imports at CRM scale), and writes in bulk: 5,000 person actuals
cost the same reads as 50, and only as many writes as there are batches of rows."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from otesite.lib.months import add_months, format_month
from performance.exchange.workspace import import_workspace, validate_workspace
from performance.management.commands import import_workspace as command
from performance.models import PersonActual

FIRST = date(2010, 1, 1)


def team_workspace(people: int, months: int) -> dict:
    """`people` closers with an assignment each and a person actual in each of `months` months."""
    names = [f"Closer {index:03d}" for index in range(people)]
    return {
        "format": "otesite.workspace",
        "version": 4,
        "economics": [
            {
                "effective_from": format_month(FIRST),
                "deal_value": "16200",
                "upfront_rate": "0.7",
                "show_rate": "0.25",
                "close_rate": "0.25",
                "cost_per_meeting": "100",
            }
        ],
        "roles": [{"name": "Closers", "kind": "closer"}],
        "plans": [
            {
                "role": "Closers",
                "effective_from": format_month(FIRST),
                "annual_ote": "68040",
                "monthly_quota": "5",
                "commission_rate": "0.1",
            }
        ],
        "people": [{"name": name} for name in names],
        "assignments": [{"person": name, "role": "Closers", "start": format_month(FIRST)} for name in names],
        "person_actuals": [
            {"month": format_month(add_months(FIRST, month)), "person": name, "units": str(month % 7)}
            for month in range(months)
            for name in names
        ],
    }


SMALL = (5, 10)  # 50 person actuals
LARGE = (50, 100)  # 5,000 person actuals


def _queries(work) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        work()
    return [query["sql"] for query in captured.captured_queries]


def _reads(queries: list[str]) -> list[str]:
    return [sql for sql in queries if sql.lstrip().upper().startswith("SELECT")]


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["50 person actuals", "5000 person actuals"])
def test_checking_a_workspace_takes_the_same_queries_whatever_its_size(db, size):
    data = team_workspace(*size)
    assert len(_queries(lambda: validate_workspace(data))) == 12


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["50 person actuals", "5000 person actuals"])
def test_importing_a_workspace_reads_the_same_whatever_its_size(db, size):
    data = team_workspace(*size)
    queries = _queries(lambda: import_workspace(data))
    assert PersonActual.objects.count() == size[0] * size[1]
    assert len(_reads(queries)) == 14


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["50 person actuals", "5000 person actuals"])
def test_reimporting_the_same_workspace_writes_nothing_and_reads_the_same(db, size):
    data = team_workspace(*size)
    import_workspace(data)
    queries = _queries(lambda: import_workspace(data))
    # Holding every month makes their close rows in one INSERT on PostgreSQL, in two on SQLite
    # (at most 999 parameters a statement): the same however big the file.
    assert len(queries) == (20 if connection.vendor == "sqlite" else 19)


def test_a_long_import_tells_stderr_how_it_goes_and_a_short_one_says_nothing(db, tmp_path, monkeypatch):
    path = tmp_path / "team.json"
    path.write_text(json.dumps(team_workspace(*SMALL)))
    quiet = StringIO()
    call_command("import_workspace", str(path), stdout=StringIO(), stderr=quiet)
    assert quiet.getvalue() == ""

    monkeypatch.setattr(command, "LONG_IMPORT_SECONDS", 0)
    told = StringIO()
    call_command("import_workspace", str(path), stdout=StringIO(), stderr=told)
    lines = told.getvalue().splitlines()
    assert lines[0].startswith("checked economics: 1 records (")
    assert any(line.startswith("checked person_actuals: 50 records (") for line in lines)
