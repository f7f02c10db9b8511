"""A write and an approval of the same month at the same moment, on PostgreSQL, with two real
transactions on two connections (performance/month_lock.py).

Every way of writing holds the month's close row before it checks whether the month is approved,
and the approval holds it before it takes its snapshot, so one waits for the other:
- a write that holds the month first commits, and only then does the approval take its snapshot,
  which therefore includes the write;
- a write that comes while the approval holds the month waits, then is refused, naming the
  month, and stores nothing.
Never a write committed after the snapshot: an approved month always matches today's computation.

Each write is paused at a chosen point (its first save; the approval after its snapshot) while
the other transaction is started (tests/concurrency.py).
"""

import copy
import html
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO

import pytest
from admin_cases import admin_form, admin_url, inline_rows
from closing_cases import APRIL, FEBRUARY, JANUARY, LOCKED_FEBRUARY, LOCKED_MARCH, MARCH, stored_data
from concurrency import ON_POSTGRESQL, TIMEOUT, WAIT, Worker, finished, logged_in, paused
from django.core import signing
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from otesite.lib.versioning import VersionedQuerySet
from performance import closing
from performance.closing import approval_of, take_step
from performance.exchange.workspace_export import export_workspace
from performance.models import MonthClose, MonthlyActual, MonthlyRevenue, PersonActual, PersonActualQuerySet
from performance.month_lock import hold
from performance.web.actuals import IMPORT_SALT

pytestmark = ON_POSTGRESQL


def answer(response) -> str:
    return f"{response.status_code} {html.unescape(response.content.decode())}"


def command(*args) -> str:
    err = StringIO()
    try:
        call_command(*args, stdout=StringIO(), stderr=err)
    except CommandError as error:
        return f"{error}\n{err.getvalue()}"
    return "imported"


def ana(month=FEBRUARY) -> PersonActual:
    return PersonActual.objects.get(person__name="Ana Ruiz", month=month)


def people_csv(*rows: str) -> str:
    return "\r\n".join(["month,person,units,credited_deals,meetings_held,earnings", *rows]) + "\r\n"


# --- The ways of writing: what each writes, and how to tell that it was stored ------------------


def entry_form(manager, admin, tmp_path):
    client = logged_in(manager)
    page = client.get("/actuals/2026-02/")
    form = {}
    for shown in (page.context["form"], page.context["people"]):
        form |= {name: "" if shown[name].value() is None else str(shown[name].value()) for name in shown.fields}
    form[f"person-{ana().person_id}-units"] = "9"
    return lambda: answer(client.post("/actuals/2026-02/", form))


def csv_confirm(manager, admin, tmp_path):
    client = logged_in(manager)
    payload = signing.dumps({"name": "a.csv", "csv": people_csv("2026-02,Ana Ruiz,9,,,")}, salt=IMPORT_SALT)
    return lambda: answer(client.post("/actuals/import/confirm/", {"payload": payload}))


def import_actuals_roles(manager, admin, tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text("month,role,headcount,units,credited_deals,meetings_held,earnings\r\n2026-03,Partners,2,9,,,\r\n")
    return lambda: command("import_actuals", str(path))


def import_actuals_people(manager, admin, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(people_csv("2026-02,Ana Ruiz,9,,,"))
    return lambda: command("import_actuals", str(path))


def import_workspace(manager, admin, tmp_path):
    data = copy.deepcopy(export_workspace())
    data["closes"] = []
    next(row for row in data["person_actuals"] if row["person"] == "Ana Ruiz" and row["month"] == "2026-02")[
        "units"
    ] = "9"
    path = tmp_path / "workspace.json"
    path.write_text(json.dumps(data))
    return lambda: command("import_workspace", str(path))


def admin_change(record: Callable, **changes):
    def prepare(manager, admin, tmp_path):
        client, instance = logged_in(admin), record()
        return lambda: answer(client.post(admin_url(instance), admin_form(instance, **changes)))

    return prepare


def admin_bands(manager, admin, tmp_path):
    client, plan = logged_in(admin), ae_january()
    rows = [
        {"id": tier.pk, "plan": plan.pk, "from_pct": tier.from_pct, "multiplier": tier.multiplier}
        for tier in plan.tiers.order_by("from_pct")
    ]
    rows[-1]["multiplier"] = "3"
    return lambda: answer(client.post(admin_url(plan), admin_form(plan) | inline_rows("tiers", rows)))


def admin_new_person(manager, admin, tmp_path):
    client, role = logged_in(admin), Role.objects.get(name="Account Executives")
    row = {"role": role.pk, "start_text": "2026-02", "end_text": "", "ramp": "on"}
    form = {"name": "Ivy Chen", "email": "", "username": ""} | inline_rows("assignments", [row], initial=0)
    return lambda: answer(client.post(reverse("admin:compensation_person_add"), form))


def admin_delete(manager, admin, tmp_path):
    client, instance = logged_in(admin), ana()
    return lambda: answer(client.post(admin_url(instance, "delete"), {"post": "yes"}))


def ae_january() -> QuotaPlan:
    return QuotaPlan.objects.get(role__name="Account Executives", effective_from=JANUARY)


def ana_units_are_9() -> bool:
    return ana().units == 9


@dataclass(frozen=True)
class Way:
    prepare: Callable  # (manager, admin, tmp_path) -> the write, run on its own thread
    month: object  # the month approved meanwhile
    pause: tuple  # where the write stops: the first save (or delete) of what it writes
    written: Callable[[], bool]


# Actuals are written in bulk (performance/actuals.py: apply_changes; the workspace import's
# sections): those ways stop at their first bulk update, which changes a stored row.
BULK_PERSON_UPDATE = (PersonActualQuerySet, "bulk_update")
BULK_ROLE_UPDATE = (VersionedQuerySet, "bulk_update")

WAYS = {
    "entry form": Way(entry_form, FEBRUARY, BULK_PERSON_UPDATE, ana_units_are_9),
    "CSV import confirmed on the web": Way(csv_confirm, FEBRUARY, BULK_PERSON_UPDATE, ana_units_are_9),
    "import_actuals, role totals": Way(
        import_actuals_roles,
        MARCH,
        BULK_ROLE_UPDATE,
        lambda: MonthlyActual.objects.get(role__name="Partners", month=MARCH).units == 9,
    ),
    "import_actuals, people": Way(import_actuals_people, FEBRUARY, BULK_PERSON_UPDATE, ana_units_are_9),
    "import_workspace": Way(import_workspace, FEBRUARY, BULK_PERSON_UPDATE, ana_units_are_9),
    "admin: a person actual": Way(admin_change(ana, units="9"), FEBRUARY, (PersonActual, "save"), ana_units_are_9),
    "admin: deleting a person actual": Way(
        admin_delete,
        FEBRUARY,
        (PersonActual, "delete"),
        lambda: not PersonActual.objects.filter(person__name="Ana Ruiz", month=FEBRUARY).exists(),
    ),
    "admin: revenue": Way(
        admin_change(lambda: MonthlyRevenue.objects.get(month=FEBRUARY), revenue="1"),
        FEBRUARY,
        (MonthlyRevenue, "save"),
        lambda: MonthlyRevenue.objects.get(month=FEBRUARY).revenue == 1,
    ),
    "admin: a plan": Way(
        admin_change(ae_january, annual_ote="100000"),
        FEBRUARY,
        (QuotaPlan, "save"),
        lambda: ae_january().annual_ote == 100000,
    ),
    "admin: a plan's bands": Way(
        admin_bands,
        FEBRUARY,
        (PlanTier, "save"),
        lambda: ae_january().tiers.order_by("from_pct").last().multiplier == 3,
    ),
    "admin: business assumptions": Way(
        admin_change(lambda: Economics.objects.get(), deal_value="25000"),
        FEBRUARY,
        (Economics, "save"),
        lambda: Economics.objects.get().deal_value == Decimal("25000"),
    ),
    "admin: an assignment": Way(
        admin_change(lambda: Assignment.objects.get(person__name="Hal Novak"), start_text="2026-02"),
        MARCH,
        (Assignment, "save"),
        lambda: Assignment.objects.get(person__name="Hal Novak").start == FEBRUARY,
    ),
    "admin: a new person with an assignment": Way(
        admin_new_person, FEBRUARY, (Person, "save"), lambda: Person.objects.filter(name="Ivy Chen").exists()
    ),
    "admin: a person's name": Way(
        admin_change(lambda: Person.objects.get(name="Chloe Martin"), name="Chloe Martin-Roy"),
        FEBRUARY,
        (Person, "save"),
        lambda: Person.objects.filter(name="Chloe Martin-Roy").exists(),
    ),
    # A role's name no longer re-prices anything (the engine knows roles by id); its kind does.
    "admin: a role's kind": Way(
        admin_change(lambda: Role.objects.get(name="Account Executives"), kind="setter"),
        FEBRUARY,
        (Role, "save"),
        lambda: Role.objects.filter(name="Account Executives", kind="setter").exists(),
    ),
}
LOCKED = {FEBRUARY: LOCKED_FEBRUARY, MARCH: LOCKED_MARCH}


@pytest.fixture
def reviewed_team(people_team, manager, admin) -> dict:
    """The people example with 2026-02 and 2026-03 reviewed, ready to approve."""
    take_step(FEBRUARY, "review", by=manager)
    take_step(MARCH, "review", by=manager)
    return people_team


def approving(month, admin) -> Callable[[], str]:
    return lambda: take_step(month, "approve", by=admin).to_state


@pytest.mark.parametrize("way", WAYS.values(), ids=WAYS.keys())
def test_a_write_that_holds_the_month_first_commits_before_the_approval_takes_its_snapshot(
    reviewed_team, manager, admin, tmp_path, way
):
    write = way.prepare(manager, admin, tmp_path)

    with paused(*way.pause) as gate:
        writer = Worker(write)
        assert gate.reached.wait(TIMEOUT), f"the write never got to its first save: {writer.result or writer.error}"
        approver = Worker(approving(way.month, admin))
        approver.join(WAIT)
        approval_waited = approver.is_alive()
        gate.go.set()
        finished(writer, approver)

    assert way.written(), writer.result
    assert approval_waited, "the approval did not wait for the write that held the month"
    assert approver.result == "approved"
    assert approval_of(way.month).differences == []  # the snapshot has the write in it


@pytest.mark.parametrize("way", WAYS.values(), ids=WAYS.keys())
def test_a_write_that_comes_while_the_approval_holds_the_month_waits_and_is_refused(
    reviewed_team, manager, admin, tmp_path, way
):
    write = way.prepare(manager, admin, tmp_path)
    before = stored_data()

    with paused(closing, "approval_snapshot", after=True) as gate:
        approver = Worker(approving(way.month, admin))
        assert gate.reached.wait(TIMEOUT), f"the approval never took its snapshot: {approver.error}"
        writer = Worker(write)
        writer.join(WAIT)
        write_waited = writer.is_alive()
        gate.go.set()
        finished(approver, writer)

    assert LOCKED[way.month] in writer.result
    assert stored_data() == before
    assert write_waited, "the write did not wait for the approval that held the month"
    assert approval_of(way.month).differences == []


def test_two_transactions_making_the_same_months_row_take_turns_rather_than_fail(people_team):
    holding, release = threading.Event(), threading.Event()

    def first() -> str:
        with transaction.atomic():
            hold([APRIL])  # makes April's row, and keeps it
            holding.set()
            release.wait(TIMEOUT)
        return "first"

    def second() -> str:
        with transaction.atomic():
            return hold([APRIL])

    one = Worker(first)
    assert holding.wait(TIMEOUT)
    two = Worker(second)
    two.join(WAIT)
    second_waited = two.is_alive()
    release.set()
    finished(one, two)

    assert second_waited
    assert two.result == []
    assert MonthClose.objects.filter(month=APRIL).count() == 1
