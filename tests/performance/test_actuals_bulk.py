"""Actuals in bulk (performance/actuals_bulk.py) behind the CSV imports, the command and the API:
the same queries for 5,000 rows as for 50, a history row per created or changed row naming the
import's user and reason, none for a row that changes nothing, and a long import's progress."""

import math
import time
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from api_cases import post
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from compensation.models import Assignment, Economics, Person, Role
from otesite.lib.months import add_months, format_month
from performance import actuals_bulk
from performance.exchange.actuals_csv import MAX_ROWS, read_actuals_csv
from performance.exchange.people_csv import read_people_csv
from performance.management.commands.import_actuals import Progress
from performance.models import Deal, DealCloser, MonthlyActual, PersonActual

START = date(2018, 1, 1)
ROLE_HEADER = "month,role,headcount,units,credited_deals,meetings_held,earnings"
PEOPLE_HEADER = "month,person,units,credited_deals,meetings_held,earnings"
WRITTEN = {MonthlyActual: "performance_monthlyactual", PersonActual: "performance_personactual"}


@pytest.fixture
def fifty(db) -> tuple[list[Role], list[Person]]:
    """Business assumptions from 2018-01; fifty closer roles, each with one person in it."""
    Economics.objects.create(
        effective_from=START,
        deal_value=Decimal("16200"),
        upfront_rate=Decimal("0.7"),
        show_rate=Decimal("0.25"),
        close_rate=Decimal("0.25"),
        cost_per_meeting=Decimal("100"),
    )
    roles = [Role.objects.create(name=f"Closers {n:02d}", kind="closer") for n in range(50)]
    people = [Person.objects.create(name=f"Rep {n:02d}") for n in range(50)]
    for person, role in zip(people, roles, strict=True):
        Assignment.objects.create(person=person, role=role, start=START)
    return roles, people


def role_csv(roles: list[Role], rows: int, units: str = "10") -> bytes:
    """`rows` rows: every role for one month, then the next month, from 2018-01."""
    lines = [ROLE_HEADER]
    for index in range(rows):
        lines.append(f"{format_month(add_months(START, index // 50))},{roles[index % 50].name},3,{units},,,")
    return ("\r\n".join(lines) + "\r\n").encode()


def people_csv(people: list[Person], rows: int, units: str = "4", first_month_units: str | None = None) -> bytes:
    """`rows` rows: every person for one month, then the next month, from 2018-01 (whose units
    may differ: `first_month_units`)."""
    lines = [PEOPLE_HEADER]
    for index in range(rows):
        value = first_month_units if first_month_units and index < 50 else units
        lines.append(f"{format_month(add_months(START, index // 50))},{people[index % 50].name},{value},,,")
    return ("\r\n".join(lines) + "\r\n").encode()


def statements(action) -> list[str]:
    """The SQL statements `action()` runs, savepoints aside."""
    found: list[str] = []

    def record(execute, sql, params, many, context):
        if "SAVEPOINT" not in sql:
            found.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        action()
    return found


def bulk_writes(sql: list[str]) -> int:
    """The statements that write the rows and their history in bulk."""
    tables = [f'"{table}' for table in WRITTEN.values()] + [
        f'"{table.replace("_", "_historical", 1)}' for table in WRITTEN.values()
    ]
    return sum(
        any(s.startswith(f"{verb} {table}") for verb in ("INSERT INTO", "UPDATE") for table in tables) for s in sql
    )


def batches(model, rows: int) -> int:
    """How many INSERT statements Django splits `rows` new rows of `model` into, and as many for
    their history: one on PostgreSQL; on SQLite as many as its 999 parameters a statement need."""
    count = 0
    for written in (model, model.history.model):
        fields = [field for field in written._meta.concrete_fields if not field.primary_key]
        count += math.ceil(rows / connection.ops.bulk_batch_size(fields, [None] * rows))
    return count


@pytest.mark.parametrize("kind", ["people", "role totals"])
def test_importing_5000_rows_takes_the_same_queries_as_50_besides_the_database_s_batches(kind, fifty):
    roles, people = fifty
    model, make = (
        (PersonActual, lambda n: people_csv(people, n))
        if kind == "people"
        else (MonthlyActual, lambda n: role_csv(roles, n))
    )
    small, large = make(50), make(MAX_ROWS)
    read = {"people": read_people_csv, "role totals": read_actuals_csv}[kind]

    for_fifty = statements(lambda: read(small, check=False).apply(reason="test"))
    model.objects.all().delete()
    for_five_thousand = statements(lambda: read(large, check=False).apply(reason="test"))

    assert model.objects.count() == MAX_ROWS
    # Reading the names; holding the months (the close rows: those there, the missing ones made,
    # then locked); the service's facts (5: performance/actuals_bulk.py); and the one new data
    # version: 10 at any size.
    assert len(for_fifty) - bulk_writes(for_fifty) == len(for_five_thousand) - bulk_writes(for_five_thousand) == 10
    assert (bulk_writes(for_fifty), bulk_writes(for_five_thousand)) == (batches(model, 50), batches(model, MAX_ROWS))
    if connection.vendor == "postgresql":  # no parameter limit that splits a statement
        assert len(for_fifty) == len(for_five_thousand)


def test_changed_rows_are_updated_in_bulk_and_unchanged_ones_left_alone(fifty):
    roles, people = fifty
    read_people_csv(people_csv(people, 100)).apply(reason="first")
    changed = people_csv(people, 100, first_month_units="5")  # 2018-01 changes, 2018-02 does not

    sql = statements(lambda: read_people_csv(changed, check=False).apply())

    assert sum(s.startswith('UPDATE "performance_personactual"') for s in sql) == 1
    assert set(PersonActual.objects.filter(month=START).values_list("units", flat=True)) == {Decimal(5)}
    assert PersonActual.objects.filter(month=add_months(START, 1), units=Decimal(4)).count() == 50


def test_each_created_or_changed_row_has_one_history_row_with_the_uploader_and_the_file(as_manager, manager, fifty):
    roles, people = fifty

    def upload(content: bytes) -> None:
        preview = as_manager.post("/actuals/import/", {"file": SimpleUploadedFile("march.csv", content)})
        confirmed = as_manager.post("/actuals/import/confirm/", {"payload": preview.context["payload"]})
        assert confirmed.status_code == 302

    upload(people_csv(people, 100))
    first = list(PersonActual.history.values_list("history_type", "history_user", "history_change_reason"))
    upload(people_csv(people, 100))  # the same numbers again: nothing to write, no history
    again = PersonActual.history.count()
    upload(people_csv(people, 100, first_month_units="6"))

    assert first == [("+", manager.pk, "Imported march.csv")] * 100
    assert again == 100
    changed = PersonActual.history.filter(history_type="~")
    assert changed.count() == 50
    assert set(changed.values_list("units", "history_user", "history_change_reason")) == {
        (Decimal(6), manager.pk, "Imported march.csv")
    }


def test_the_command_names_the_file_as_the_reason_and_a_re_import_adds_no_history(tmp_path, fifty):
    roles, _ = fifty
    path = tmp_path / "roles.csv"
    path.write_bytes(role_csv(roles, 120))

    call_command("import_actuals", str(path), stdout=StringIO(), stderr=StringIO())
    call_command("import_actuals", str(path), stdout=StringIO(), stderr=StringIO())

    assert MonthlyActual.history.count() == 120
    assert set(MonthlyActual.history.values_list("history_change_reason", "history_user")) == {
        ("import_actuals roles.csv", None)
    }


def test_an_api_batch_of_5000_takes_the_same_queries_as_50_besides_the_database_s_batches(api_as, manager, fifty):
    _, people = fifty

    def batch(rows: int) -> dict:
        return {
            "person_actuals": [
                {"month": format_month(add_months(START, i // 50)), "person": people[i % 50].name, "units": 4}
                for i in range(rows)
            ]
        }

    for_fifty = statements(lambda: post(api_as("manager"), "/api/v1/person-actuals/", batch(50)))
    PersonActual.objects.all().delete()
    for_five_thousand = statements(lambda: post(api_as("manager"), "/api/v1/person-actuals/", batch(MAX_ROWS)))

    assert PersonActual.objects.count() == MAX_ROWS
    assert len(for_fifty) - bulk_writes(for_fifty) == len(for_five_thousand) - bulk_writes(for_five_thousand)
    assert bulk_writes(for_five_thousand) == batches(PersonActual, MAX_ROWS)
    created = PersonActual.history.filter(history_type="+")
    assert created.count() == 50 + MAX_ROWS
    assert set(created.values_list("history_change_reason", "history_user__username")) == {
        ("API: people's numbers", manager.username)
    }


def test_a_long_import_counts_its_progress_every_few_seconds_and_a_short_one_says_nothing():
    said: list[str] = []
    now = [0.0]
    progress = Progress(said.append, every=3, clock=lambda: now[0])

    for done in range(1, 5001):
        now[0] = done / 1000  # a row a millisecond: five seconds in all
        progress(done, 5000)

    assert said == ["checked 3,000 of 5,000 rows"]


def test_the_command_is_silent_on_a_short_file(tmp_path, fifty):
    roles, _ = fifty
    path = tmp_path / "roles.csv"
    path.write_bytes(role_csv(roles, 50))
    err = StringIO()

    started = time.monotonic()
    call_command("import_actuals", str(path), stdout=StringIO(), stderr=err)

    assert time.monotonic() - started < 3
    assert err.getvalue() == ""


# --- The batch merged into what is stored, and the models' own rule for months kept by deals ---------


def test_a_role_total_and_person_actuals_of_the_same_role_and_month_in_one_batch_refuse_each_other(people_team):
    april = date(2026, 4, 1)
    executives = Role.objects.get(name="Account Executives")
    ana = Person.objects.get(name="Ana Ruiz")

    checked = actuals_bulk.check(
        [actuals_bulk.RoleRecord("total", executives, april, headcount=3, units=Decimal(9))],
        [actuals_bulk.PersonRecord("ana", ana, april, units=Decimal(4))],
    )

    assert {(refusal.where, refusal.message.split(";")[0]) for refusal in checked.refusals} == {
        (
            "total",
            "Account Executives is kept person by person in 2026-04 (Ana Ruiz), so a role total cannot go beside it",
        ),
        ("ana", "Account Executives has a role total for 2026-04, so Ana Ruiz's numbers cannot go beside it"),
    }


def test_the_admin_refuses_numbers_a_month_kept_by_deals_gives(people_team):
    """The admin saves through the models' clean(), which asks whether the month is kept by deals."""
    deal = Deal.objects.create(crm_id="HS-1", closed_on=date(2026, 4, 14), value=Decimal(16200))
    ana = Person.objects.get(name="Ana Ruiz")
    DealCloser.objects.create(deal=deal, person=ana, share=Decimal(1))
    partners = Role.objects.get(name="Partners")

    with pytest.raises(ValidationError) as person:
        PersonActual(person=ana, month=date(2026, 4, 1), units=Decimal(1)).full_clean()
    with pytest.raises(ValidationError) as total:
        MonthlyActual(role=partners, month=date(2026, 4, 1), headcount=2, units=Decimal(3)).full_clean()

    assert person.value.messages == [
        "Ana Ruiz's 2026-04 numbers come from deals (Account Executives is paid by deals that month)"
    ]
    assert total.value.messages == ["2026-04 is kept by deals; a month kept by deals takes no role totals"]
