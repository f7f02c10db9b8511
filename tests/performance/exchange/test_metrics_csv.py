import csv
import io
import json
from io import StringIO

import pytest
from conftest import EXAMPLES
from django.core.management import call_command
from pages import queries_for
from story import STORY_END, build_story

from otesite.lib.months import add_months, format_month
from performance.exchange.metrics_csv import COLUMNS
from performance.loader import QUERIES

URL = "/performance/metrics.csv"
CSV_QUERIES = 5 + QUERIES  # session, user, own and group permissions, months with data, load_range


def rows(content: bytes | str) -> list[dict[str, str]]:
    text = content.decode() if isinstance(content, bytes) else content
    return list(csv.DictReader(io.StringIO(text)))


def command(*args: str) -> str:
    out = StringIO()
    call_command("export_metrics", *args, stdout=out)
    return out.getvalue()


def test_it_downloads_a_named_csv(as_board, example_agency):
    response = as_board.get(URL, {"from": "2026-01", "to": "2026-03"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="otesite-metrics-2026-01-to-2026-03.csv"'


def test_it_has_a_summary_row_and_a_row_per_role_for_each_month(as_board, example_agency):
    found = rows(as_board.get(URL, {"from": "2026-01", "to": "2026-03"}).content)
    assert [(row["month"], row["role"]) for row in found[:4]] == [
        ("2026-01", "All"),
        ("2026-01", "Closers"),
        ("2026-01", "Setters"),
        ("2026-01", "Manager"),
    ]
    assert len(found) == 12


def test_its_columns_are_named_as_in_the_metrics_json(as_board, example_agency):
    header = as_board.get(URL, {"from": "2026-03", "to": "2026-03"}).content.decode().splitlines()[0]
    assert header.split(",") == list(COLUMNS)
    expected = json.loads((EXAMPLES / "insurance_agency.expected.json").read_text())["2026-03"]
    json_keys = set(expected["summary"]) | {key for role in expected["roles"] for key in role}
    assert json_keys <= set(COLUMNS)


def same(cell: str, value) -> bool:
    """A CSV cell says what the JSON value says: empty for null, equal numbers, codes joined."""
    if value is None:
        return cell == ""
    if isinstance(value, float):
        return float(cell) == value
    if isinstance(value, list):
        return cell == ";".join(item["code"] for item in value)
    return cell == str(value)


def test_it_holds_the_same_numbers_as_the_json_export(as_board, example_agency):
    documents = json.loads(command("--from", "2026-01", "--to", "2026-03"))
    found = rows(as_board.get(URL, {"from": "2026-01", "to": "2026-03"}).content)
    for document in documents:
        summary, *roles = [row for row in found if row["month"] == document["month"]]
        assert all(same(summary[key], value) for key, value in document["summary"].items())
        capacity = document["insights"]["setter_capacity"]
        assert all(same(summary[key], value) for key, value in capacity.items())
        for role, row in zip(document["roles"], roles, strict=True):
            assert all(same(row[key], value) for key, value in role.items())


def test_numbers_are_rounded_as_in_the_json_export(as_board, example_agency):
    march = rows(as_board.get(URL, {"from": "2026-03", "to": "2026-03"}).content)
    assert march[0]["revenue_per_ote_dollar"] == "5.3575"
    assert march[0]["total_ote"] == "63500.00"
    assert march[1]["quota_attainment_pct"] == "75.00"
    assert march[1]["recommendations"] == "more_units;raise_close_rate"
    assert march[1]["total_ote"] == ""  # role rows leave the summary empty


def test_the_command_writes_the_same_csv(as_board, example_agency):
    from_view = as_board.get(URL, {"from": "2026-01", "to": "2026-03"}).content.decode()
    from_command = command("--from", "2026-01", "--to", "2026-03", "--format", "csv")
    assert rows(from_command) == rows(from_view)


def test_the_command_still_writes_json_by_default(example_agency):
    assert json.loads(command("--month", "2026-03"))["month"] == "2026-03"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2026-13"}, "no month 13"),
        ({"from": "2026-03", "to": "2026-01"}, "is before"),
        ({"to": "9999-12"}, "out of range"),
        ({"from": "２０２６-０１"}, "is not a month"),
    ],
)
def test_a_bad_range_is_a_clear_400(as_board, example_agency, params, message):
    response = as_board.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_without_data_it_is_just_the_header(as_board):
    response = as_board.get(URL)
    assert response.content.decode().splitlines() == [",".join(COLUMNS)]


def test_a_user_in_no_group_is_refused(as_stranger):
    assert as_stranger.get(URL).status_code == 403


def test_it_defaults_to_the_last_twelve_months_with_data(as_board, story):
    response = as_board.get(URL)
    assert response["Content-Disposition"] == 'attachment; filename="otesite-metrics-2025-11-to-2026-10.csv"'
    assert len(rows(response.content)) == 12 * 4


@pytest.mark.parametrize("months", [12, 90])
def test_the_csv_takes_a_fixed_number_of_queries(as_board, months):
    build_story(months=months)
    everything = {"from": format_month(add_months(STORY_END, 1 - months)), "to": format_month(STORY_END)}
    assert queries_for(as_board, URL, everything) == CSV_QUERIES
