"""The people CSV (month,person,units,...) through `manage.py import_actuals` and the web import
/actuals/import/: told apart from the role CSV by its header, checked whole, all or nothing."""

import html
from decimal import Decimal
from io import StringIO

import pytest
from actuals_cases import NEXT_MONTH, NOT_STARTED
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from compensation.models import Assignment, Person, Role
from otesite.lib.parse import parse_month
from performance.exchange.people_csv import people_template_csv
from performance.models import MonthlyActual, PersonActual

HEADER = "month,person,units,credited_deals,meetings_held,earnings"


def people_csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def stored_state() -> list:
    """Everything stored about person and role actuals, history included."""
    rows = PersonActual.objects.order_by("pk").values_list(
        "person__name", "month", "units", "credited_deals", "meetings_held", "earnings"
    )
    return [*rows, PersonActual.history.count(), MonthlyActual.objects.count(), MonthlyActual.history.count()]


def run(tmp_path, content: bytes, *options: str) -> str:
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    out = StringIO()
    call_command("import_actuals", str(path), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused_by_command(tmp_path, content: bytes) -> str:
    before = stored_state()
    err = StringIO()
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_actuals", str(path), stdout=StringIO(), stderr=err)
    assert stored_state() == before
    return err.getvalue()


def upload(client, content: bytes, name: str = "people.csv"):
    return client.post("/actuals/import/", {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def text(response) -> str:
    return html.unescape(response.content.decode())


# Rows 2..: a good row first, so each bad one sits where a spreadsheet would show it.
BAD_ROWS = {
    "someone who is not a person": (
        ("2026-03,Ana Ruiz,7,,,", "2026-03,Nobody,1,,,"),
        'row 3, column person: "Nobody" is not a person',
    ),
    "a month without an assignment": (
        ("2026-02,Hal Novak,1,,,",),
        "row 2: Hal Novak has no assignment in 2026-02; a person's numbers count in the role they hold",
    ),
    "a role kept as a role total that month": (
        ("2026-03,Zoe Partner,1,,,",),
        "row 2: Partners has a role total for 2026-03, so Zoe Partner's numbers cannot go beside it;"
        " a role's month is kept one way or the other (role totals or person by person)",
    ),
    "more meetings held than booked": (
        ("2026-03,Eve Tanaka,50,,51,",),
        "row 2, column meetings_held: meetings held cannot be more than the meetings booked (units)",
    ),
    "a setter credited with more deals than meetings held": (
        ("2026-03,Eve Tanaka,50,14,13,",),
        "row 2, column credited_deals: a setter's credited deals cannot be more than the meetings held",
    ),
    "a month that has not started": (
        (f"{NEXT_MONTH},Ana Ruiz,1,,,",),
        f"row 2, column month: {NOT_STARTED}",
    ),
    "a month before the first business assumptions": (
        ("2025-12,Ana Ruiz,1,,,",),
        "row 2, column month: 2025-12 is before the first business assumptions (2026-01);"
        " an admin must set assumptions for it first",
    ),
    "a person twice in a month": (
        ("2026-03,Ana Ruiz,7,,,", "2026-03,Ana Ruiz,8,,,"),
        "row 3, column person: Ana Ruiz for 2026-03 is already on row 2",
    ),
    "a negative number": (("2026-03,Ana Ruiz,-1,,,",), 'row 2, column units: must be a number ≥ 0 (got "-1")'),
    "a missing units cell": (("2026-03,Ana Ruiz,,,,",), "row 2, column units: is required"),
}
BAD_FILES = {name: (people_csv(*rows), expected) for name, (rows, expected) in BAD_ROWS.items()}
BAD_FILES["an unknown column"] = (
    people_csv("2026-03,Ana Ruiz,7,", header="month,person,units,earning"),
    'header: unknown column "earning"; the columns are month, person, units, credited_deals, meetings_held, earnings',
)


@pytest.fixture
def team(people_team):
    """The people example, plus a partner whose role (Partners) is kept as a role total in 2026-03."""
    zoe = Person.objects.create(name="Zoe Partner")
    Assignment.objects.create(person=zoe, role=Role.objects.get(name="Partners"), start=parse_month("2026-01"))
    return people_team


@pytest.mark.parametrize(("content", "expected"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_the_command_refuses_each_bad_file_naming_the_place_and_stores_nothing(team, tmp_path, content, expected):
    assert expected in refused_by_command(tmp_path, content)


@pytest.mark.parametrize(("content", "expected"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_the_web_import_refuses_each_bad_file_naming_the_place_and_stores_nothing(team, as_manager, content, expected):
    before = stored_state()
    response = upload(as_manager, content)
    assert response.status_code == 400
    where, _, message = expected.partition(": ")
    page = text(response)
    assert where in page
    assert message in page
    assert 'name="payload"' not in page
    assert stored_state() == before


def test_the_command_imports_a_good_file_and_says_what_changed(team, tmp_path):
    content = people_csv("2026-03,Ana Ruiz,7,,,", "2026-03,Ben Okafor,5,,,6000", "2026-04,Hal Novak,2,,,")
    assert "imported 1 created, 1 updated, 1 unchanged" in run(tmp_path, content)
    assert PersonActual.objects.get(person__name="Ben Okafor", month="2026-03").earnings == Decimal("6000")
    assert PersonActual.objects.get(person__name="Hal Novak", month="2026-04").units == 2


def test_a_dry_run_of_a_people_file_stores_nothing(team, tmp_path):
    before = stored_state()
    assert "would import 1 created" in run(tmp_path, people_csv("2026-04,Hal Novak,2,,,"), "--dry-run")
    assert stored_state() == before


def test_one_bad_row_refuses_the_whole_file(team, tmp_path):
    message = refused_by_command(tmp_path, people_csv("2026-04,Hal Novak,2,,,", "2026-04,Nobody,1,,,"))
    assert 'row 3, column person: "Nobody" is not a person' in message
    assert not PersonActual.objects.filter(month="2026-04").exists()


def test_the_web_import_previews_then_confirms_a_people_file(team, as_manager, manager):
    before = stored_state()
    preview = upload(as_manager, people_csv("2026-04,Hal Novak,2,,,", "2026-03,Ana Ruiz,6,,,"))
    assert preview.status_code == 200
    page = text(preview)
    assert "Preview: 1 created, 1 updated, 0 unchanged" in page
    assert "Hal Novak" in page
    assert "was: units 7.0000" in page
    assert stored_state() == before
    response = as_manager.post("/actuals/import/confirm/", {"payload": preview.context["payload"]})
    assert response.status_code == 302
    assert response["Location"] == "/performance/2026-04/"
    hal = PersonActual.objects.get(person__name="Hal Novak", month="2026-04")
    assert hal.history.first().history_user == manager
    assert PersonActual.objects.get(person__name="Ana Ruiz", month="2026-03").units == 6


def test_the_role_csv_still_goes_to_the_role_reader(team, as_manager):
    content = b"month,role,headcount,units,credited_deals,meetings_held,earnings\r\n2026-04,Partners,2,3,,,\r\n"
    page = text(upload(as_manager, content))
    assert "Preview: 1 created, 0 updated, 0 unchanged" in page
    assert "Partners" in page


def test_the_import_page_offers_both_templates(as_manager, team):
    page = as_manager.get("/actuals/import/").content.decode()
    assert 'href="/actuals/import/template.csv"' in page
    assert 'href="/actuals/import/people-template.csv"' in page


def test_the_people_template_lists_everyone_assigned_in_the_next_month(as_manager, team):
    response = as_manager.get("/actuals/import/people-template.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="people-actuals-template.csv"' in response["Content-Disposition"]
    assert response.content.decode().splitlines() == [
        HEADER,
        "2026-04,Ana Ruiz,,,,",
        "2026-04,Ben Okafor,,,,",
        "2026-04,Chloe Martin,,,,",
        "2026-04,Dev Patel,,,,",
        "2026-04,Eve Tanaka,,,,",
        "2026-04,Gina Rossi,,,,",
        "2026-04,Hal Novak,,,,",
        "2026-04,Zoe Partner,,,,",
    ]


def test_the_template_for_a_month_lists_only_who_is_assigned_then(team):
    lines = people_template_csv(parse_month("2026-01")).splitlines()
    assert "2026-01,Chloe Martin,,,," not in lines  # she starts in February
    assert "2026-01,Dev Patel,,,," in lines
