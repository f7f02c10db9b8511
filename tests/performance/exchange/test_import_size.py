"""Big CSV files: up to 5,000 rows are checked in a fixed number of queries, more are refused before
any row is read, a screen lists the first 50 problems, and the admin refuses an oversized upload
before it keeps it in its cache table."""

import html
import time
from datetime import date
from decimal import Decimal

import pytest
from actuals_cases import HEADER
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compensation.models import Assignment, Economics, Person, Role
from otesite.lib.months import add_months, format_month
from performance.exchange.actuals_csv import MAX_ROWS, read_actuals_csv
from performance.exchange.people_csv import read_people_csv
from performance.models import MonthlyActual

START = date(2018, 1, 1)


@pytest.fixture
def fifty_roles(db) -> list[Role]:
    Economics.objects.create(
        effective_from=START,
        deal_value=Decimal("16200"),
        upfront_rate=Decimal("0.7"),
        show_rate=Decimal("0.25"),
        close_rate=Decimal("0.25"),
        cost_per_meeting=Decimal("100"),
    )
    return [Role.objects.create(name=f"Closers {n:02d}", kind="closer") for n in range(50)]


def big_csv(roles: list[Role], rows: int, cells: str = "3,10,,,") -> bytes:
    """`rows` rows: every role for one month, then the next month, from 2018-01."""
    lines = [HEADER]
    for index in range(rows):
        month = format_month(add_months(START, index // len(roles)))
        lines.append(f"{month},{roles[index % len(roles)].name},{cells}")
    return ("\r\n".join(lines) + "\r\n").encode()


def queries_to_read(content: bytes) -> int:
    with CaptureQueriesContext(connection) as queries:
        read_actuals_csv(content)
    return len(queries)


def test_checking_a_file_takes_the_same_queries_for_50_rows_as_for_5000(fifty_roles):
    MonthlyActual.objects.create(role=fifty_roles[0], month=START, headcount=2, units=Decimal(4))
    small, large = big_csv(fifty_roles, 50), big_csv(fifty_roles, MAX_ROWS)

    # Roles and the first assumptions (to read the cells); then the bulk service's facts
    # (performance/actuals_bulk.py): the first assumptions, the approved months, the months kept by
    # deals, the months' role totals, and who has person actuals in those roles and months.
    assert queries_to_read(small) == queries_to_read(large) == 7


def test_a_5000_row_file_previews_on_the_web(as_manager, fifty_roles):
    content = big_csv(fifty_roles, MAX_ROWS)

    started = time.perf_counter()
    response = as_manager.post("/actuals/import/", {"file": SimpleUploadedFile("big.csv", content)})
    elapsed = time.perf_counter() - started

    assert response.status_code == 200, html.unescape(response.content.decode())[:2000]
    assert "Preview: 5000 created, 0 updated, 0 unchanged" in response.content.decode()
    print(f"\n5,000-row preview: {elapsed:.2f} s")  # the figure for the report; not asserted


def test_a_file_of_more_rows_is_refused_before_any_row_is_read(fifty_roles):
    content = big_csv(fifty_roles, MAX_ROWS + 1, cells="not a number,,,,")

    result = read_actuals_csv(content)

    assert [str(problem) for problem in result.problems] == [
        "file: has 5,001 rows; import at most 5,000 rows at a time"
    ]
    assert queries_to_read(content) == 0


def test_the_web_import_lists_the_first_50_problems_and_counts_the_rest(as_manager, fifty_roles):
    content = big_csv(fifty_roles, 120, cells="-1,10,,,")

    response = as_manager.post("/actuals/import/", {"file": SimpleUploadedFile("bad.csv", content)})
    page = html.unescape(response.content.decode())

    assert response.status_code == 400
    assert "Nothing can be imported: 120 problems" in page
    assert page.count('<tr class="problem">') == 50
    assert "and 70 more problems, not listed here." in page


def test_duplicate_rows_are_found_across_the_whole_file(fifty_roles):
    rows = big_csv(fifty_roles, 100).decode().splitlines()
    content = ("\r\n".join([*rows, rows[1]]) + "\r\n").encode()

    result = read_actuals_csv(content)

    assert [str(problem) for problem in result.problems] == [
        "row 102, column role: Closers 00 for 2018-01 is already on row 2"
    ]


def test_the_admin_lists_link_to_the_import_with_its_preview_and_limits(as_admin):
    for model in ("monthlyactual", "personactual"):
        page = as_admin.get(f"/admin/performance/{model}/").content.decode()

        assert 'href="/actuals/import/"' in page
        assert "Import a CSV (with preview)" in page
    assert "import_file" not in as_admin.get("/admin/performance/monthlyactual/import/", follow=True).content.decode()


def _statements(client, url: str, data: dict) -> tuple[list[str], float]:
    """The SQL statements a request runs (savepoints aside), and how long it took."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        if "SAVEPOINT" not in sql:
            statements.append(sql)
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(record):
        response = client.post(url, data)
    assert response.status_code in (200, 302), html.unescape(response.content.decode())[:2000]
    return statements, time.perf_counter() - started


def test_confirming_5000_rows_changes_the_data_version_once(as_manager, fifty_roles):
    preview = as_manager.post(
        "/actuals/import/", {"file": SimpleUploadedFile("big.csv", big_csv(fifty_roles, MAX_ROWS))}
    )

    statements, elapsed = _statements(as_manager, "/actuals/import/confirm/", {"payload": preview.context["payload"]})

    assert MonthlyActual.objects.count() == MAX_ROWS
    assert sum("performance_dataversion" in sql and sql.startswith("UPDATE") for sql in statements) == 1
    print(f"\n5,000-row confirm (web): {elapsed:.2f} s")


def _people_csv(people: list[Person], rows: int) -> bytes:
    """`rows` rows: every person for one month, then the next month, from 2018-01."""
    lines = ["month,person,units,credited_deals,meetings_held,earnings"]
    for index in range(rows):
        month = format_month(add_months(START, index // len(people)))
        lines.append(f"{month},{people[index % len(people)].name},4,,,")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_checking_a_people_file_takes_the_same_queries_for_50_rows_as_for_5000(fifty_roles):
    people = [Person.objects.create(name=f"Rep {n:02d}") for n in range(50)]
    for person, role in zip(people, fifty_roles, strict=True):
        Assignment.objects.create(person=person, role=role, start=START)
    small, large = _people_csv(people, 50), _people_csv(people, MAX_ROWS)

    with CaptureQueriesContext(connection) as fifty:
        assert read_people_csv(small).problems == []
    with CaptureQueriesContext(connection) as five_thousand:
        assert read_people_csv(large).problems == []

    # People (to read the cells); then the bulk service's facts (performance/actuals_bulk.py): the
    # first assumptions, the approved months, the months kept by deals, the months' role totals,
    # the people's assignments and their stored numbers.
    assert len(fifty) == len(five_thousand) == 7
