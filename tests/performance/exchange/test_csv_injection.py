"""No CSV we write hands a spreadsheet a formula: text cells that start like one get a `'` in front,
numbers (negative ones too) stay numbers, and our own files read back as they were written."""

import csv
import io
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from compensation.models import Person, QuotaPlan, Role
from otesite.lib import csv_cells
from otesite.lib.csv_cells import FORMULA_STARTS, escape_cell, escape_text, unescape_text
from performance.exchange.actuals_csv import read_actuals_csv
from performance.exchange.people_csv import read_actuals_file
from performance.models import MonthlyActual, PersonActual

HOSTILE_NAMES = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "\tTabbed", "\rReturned"]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def hostile_closers(example_agency) -> Role:
    closers = example_agency["Closers"]
    closers.name = '=HYPERLINK("http://x","y")'
    closers.save()
    example_agency["Setters"].name = "+cmd|' /C calc'!A0"
    example_agency["Setters"].save()
    example_agency["Manager"].name = "@SUM(1)"
    example_agency["Manager"].save()
    return closers


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_text_cell_that_starts_like_a_formula_gets_a_quote_and_reads_back(name):
    assert escape_text(name) == "'" + name
    assert unescape_text(escape_text(name)) == name


@pytest.mark.parametrize("text", ["Closers", "2026-03", "O'Brien's team", "'quoted"])
def test_other_text_is_left_alone(text):
    assert escape_text(text) == text
    assert unescape_text(text) == text


@pytest.mark.parametrize("number", ["-5.00", "-1134", "0", "12.5"])
def test_a_number_stays_a_number_even_when_negative(number):
    assert escape_cell(number) == number


def test_the_metrics_csv_escapes_role_names_and_keeps_negative_numbers(as_board, hostile_closers):
    found = rows(as_board.get("/performance/metrics.csv", {"from": "2026-03", "to": "2026-03"}).content.decode())

    assert [row["role"] for row in found] == ["All", '\'=HYPERLINK("http://x","y")', "'+cmd|' /C calc'!A0", "'@SUM(1)"]
    gaps = [row["ote_gap"] for row in found if row["ote_gap"]]
    assert gaps and gaps[0].startswith("-") and float(gaps[0]) < 0


def test_export_metrics_as_csv_escapes_role_names(hostile_closers):
    out = StringIO()
    call_command("export_metrics", "--from", "2026-03", "--to", "2026-03", "--format", "csv", stdout=out)

    assert {row["role"] for row in rows(out.getvalue())} == {
        "All",
        '\'=HYPERLINK("http://x","y")',
        "'+cmd|' /C calc'!A0",
        "'@SUM(1)",
    }


def test_the_actuals_template_escapes_role_names_and_imports_back_as_the_same_roles(as_manager, hostile_closers):
    template = as_manager.get("/actuals/import/template.csv").content.decode()
    names = [row["role"] for row in rows(template)]
    filled = template.replace(",,,,,\r\n", ",2,3,,,\r\n")

    assert names == ['\'=HYPERLINK("http://x","y")', "'+cmd|' /C calc'!A0", "'@SUM(1)"]
    result = read_actuals_csv(filled.encode())
    assert result.ok, result.problems
    assert {change.actual.role.name for change in result.changes} == {role.name for role in Role.objects.all()}


def _admin_download(client, model: str, ids) -> str:
    response = client.post(f"/admin/{model}/", {"action": "download_csv", "_selected_action": [str(pk) for pk in ids]})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv")
    return response.content.decode()


def test_the_admin_downloads_escape_text_cells_and_keep_numbers(as_admin, hostile_closers):
    actuals = _admin_download(as_admin, "performance/monthlyactual", MonthlyActual.objects.values_list("pk", flat=True))
    plans = _admin_download(as_admin, "compensation/quotaplan", QuotaPlan.objects.values_list("pk", flat=True))

    march = [row for row in rows(actuals) if row["month"] == "2026-03"]
    assert [(row["role"], row["units"]) for row in march] == [
        ('\'=HYPERLINK("http://x","y")', "30"),
        ("'+cmd|' /C calc'!A0", "96"),
        ("'@SUM(1)", "30"),
    ]
    assert rows(plans)[0]["role"] == '\'=HYPERLINK("http://x","y")'
    assert rows(plans)[0]["commission_rate"] == "0.1"


def test_an_escaped_admin_download_imports_back_unchanged(as_admin, hostile_closers):
    exported = _admin_download(
        as_admin, "performance/monthlyactual", MonthlyActual.objects.values_list("pk", flat=True)
    )

    result = read_actuals_csv(exported.encode())

    assert result.ok, result.problems
    assert len(result.unchanged) == MonthlyActual.objects.count()
    assert not result.created and not result.updated


# --- People: the template and the admin's download ---------------------------------------------


@pytest.fixture
def hostile_person(people_team) -> Person:
    ana = Person.objects.get(name="Ana Ruiz")
    ana.name = '=HYPERLINK("http://x","y")'
    ana.save()
    return ana


def test_the_people_template_escapes_names_and_imports_back_as_the_same_people(as_manager, hostile_person):
    response = as_manager.get("/actuals/import/people-template.csv")
    template = response.content.decode()
    names = [row["person"] for row in rows(template)]
    filled = template.replace(",,,,\r\n", ",1,,,\r\n")

    assert response["Content-Type"].startswith("text/csv")
    assert '\'=HYPERLINK("http://x","y")' in names
    assert not [name for name in names if name.startswith(FORMULA_STARTS)]
    result = read_actuals_file(filled.encode())
    assert result.ok, result.problems
    assert hostile_person.pk in {change.actual.person_id for change in result.changes}


def test_an_escaped_people_download_from_the_admin_imports_back_unchanged(as_admin, hostile_person):
    ids = PersonActual.objects.values_list("pk", flat=True)
    exported = _admin_download(as_admin, "performance/personactual", ids)

    result = read_actuals_file(exported.encode())

    assert '\'=HYPERLINK("http://x","y")' in {row["person"] for row in rows(exported)}
    assert result.ok, result.problems
    assert len(result.unchanged) == PersonActual.objects.count()


# --- Every CSV we write goes through the one writer --------------------------------------------


def test_the_one_writer_escapes_a_text_cell_its_caller_forgot_and_keeps_numbers():
    out = StringIO()
    csv_cells.writer(out).writerows([["name", "gap"], ["=1+1", "-5.00"], [escape_text("@SUM(1)"), 3]])

    assert out.getvalue() == "name,gap\r\n'=1+1,-5.00\r\n'@SUM(1),3\r\n"


def test_no_csv_is_written_but_by_the_one_writer():
    repo = Path(__file__).resolve().parents[3]
    sources = [path for folder in ("otesite", "compensation", "performance") for path in (repo / folder).rglob("*.py")]
    writers = [
        str(path.relative_to(repo))
        for path in sources
        if re.search(r"csv\.(writer|DictWriter)\(", path.read_text()) and path.name != "csv_cells.py"
    ]
    assert writers == []
