"""An approved month is locked (performance/locks.py): every way of writing refuses a change that
would alter it, naming the month, and stores nothing. The admin's ways are in test_locks_admin.py."""

import copy
import html
import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from closing_cases import APRIL, FEBRUARY, JANUARY, LOCKED_FEBRUARY, LOCKED_MARCH, MARCH, stored
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from performance.actuals import month_version
from performance.closing import take_step
from performance.locks import approved_months_affected_by, locked_message
from performance.models import MonthClose, MonthlyActual, MonthlyRevenue, PersonActual
from performance.web.actuals import IMPORT_SALT

ROLE_HEADER = "month,role,headcount,units,credited_deals,meetings_held,earnings"
PEOPLE_HEADER = "month,person,units,credited_deals,meetings_held,earnings"


def csv_file(header: str, *rows: str) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def text(response) -> str:
    return html.unescape(response.content.decode())


def plan(role: str, month: date) -> QuotaPlan:
    return QuotaPlan.objects.get(role__name=role, effective_from=month)


# --- The message -----------------------------------------------------------------------------


def test_the_message_names_the_month_or_the_months():
    assert locked_message([FEBRUARY]) == LOCKED_FEBRUARY
    assert locked_message([MARCH, FEBRUARY, JANUARY]) == (
        "2026-01, 2026-02 and 2026-03 are approved; reopen them to change their numbers"
    )


# --- The rule, record by record ----------------------------------------------------------


def test_actuals_person_actuals_and_revenue_belong_to_their_month(approved_team):
    partners = MonthlyActual.objects.get(month=MARCH)
    partners.units = Decimal("4")
    ana = PersonActual.objects.get(person__name="Ana Ruiz", month=FEBRUARY)
    ana.month = JANUARY  # moving it out of an approved month alters that month too
    revenue = MonthlyRevenue(month=APRIL, revenue=Decimal("1"))

    assert approved_months_affected_by(partners) == [MARCH]
    assert approved_months_affected_by(ana) == [FEBRUARY]
    assert approved_months_affected_by(revenue) == []
    assert approved_months_affected_by(PersonActual.objects.get(person__name="Ana Ruiz", month=JANUARY)) == []


def test_a_change_that_changes_nothing_is_never_refused(approved_team):
    for record in [
        MonthlyActual.objects.get(month=MARCH),
        plan("Account Executives", JANUARY),
        Economics.objects.get(),
    ]:
        assert approved_months_affected_by(record) == []


def test_a_plan_version_re_prices_the_approved_months_it_is_in_force_in(approved_team):
    january = plan("Account Executives", JANUARY)  # in force in 2026-01 and 2026-02
    january.annual_ote = Decimal("100000")
    march = plan("Account Executives", MARCH)
    march.annual_ote = Decimal("100000")
    sdrs = plan("SDRs", JANUARY)  # in force in all three months
    sdrs.monthly_quota = Decimal("40")

    assert approved_months_affected_by(january) == [FEBRUARY]
    assert approved_months_affected_by(march) == [MARCH]
    assert approved_months_affected_by(sdrs) == [FEBRUARY, MARCH]
    assert approved_months_affected_by(january, deleting=True) == [FEBRUARY]


def test_a_new_plan_version_is_refused_at_or_before_an_approved_month_it_would_govern(approved_team):
    role = Role.objects.get(name="Account Executives")
    values = {"annual_ote": 1, "monthly_quota": 1, "commission_rate": 0}

    in_february = QuotaPlan(role=role, effective_from=FEBRUARY, **values)
    in_april = QuotaPlan(role=role, effective_from=APRIL, **values)
    before_all = QuotaPlan(role=role, effective_from=date(2025, 12, 1), **values)  # 2026-01 starts after it

    assert approved_months_affected_by(in_february) == [FEBRUARY]
    assert approved_months_affected_by(in_april) == []
    assert approved_months_affected_by(before_all) == []


def test_moving_a_plan_version_into_an_approved_month_is_refused(approved_team):
    march = plan("Account Executives", MARCH)
    march.effective_from = FEBRUARY
    assert approved_months_affected_by(march) == [FEBRUARY, MARCH]


def test_a_pay_curve_band_belongs_to_its_plan(approved_team):
    band = PlanTier.objects.filter(plan=plan("Account Executives", JANUARY)).last()
    band.multiplier = Decimal("3")
    new_band = PlanTier(plan=plan("Head of Sales", JANUARY), from_pct=0, multiplier=1)

    assert approved_months_affected_by(band) == [FEBRUARY]
    assert approved_months_affected_by(new_band) == [FEBRUARY, MARCH]


def test_business_assumptions_re_price_every_month_they_govern(approved_team):
    economics = Economics.objects.get()
    economics.close_rate = Decimal("0.4")
    from_april = Economics(effective_from=APRIL, deal_value=1, upfront_rate=0, show_rate=0, close_rate=0)
    from_march = Economics(effective_from=MARCH, deal_value=1, upfront_rate=0, show_rate=0, close_rate=0)

    assert approved_months_affected_by(economics) == [FEBRUARY, MARCH]
    assert approved_months_affected_by(from_april) == []
    assert approved_months_affected_by(from_march) == [MARCH]


def test_an_assignment_is_refused_when_an_approved_month_would_see_the_person_otherwise(approved_team):
    dev = Assignment.objects.get(person__name="Dev Patel", start=JANUARY)
    dev.end = JANUARY  # no longer in 2026-02
    hal = Assignment.objects.get(person__name="Hal Novak")
    hal.ramp = False  # 2026-03 ramps him
    later = Assignment.objects.get(person__name="Hal Novak")
    later.start = APRIL
    chloe = Assignment.objects.get(person__name="Chloe Martin")
    chloe.end = date(2026, 6, 1)  # ends after the approved months: they see her as before

    assert approved_months_affected_by(dev) == [FEBRUARY]
    assert approved_months_affected_by(hal) == [MARCH]
    assert approved_months_affected_by(later) == [MARCH]
    assert approved_months_affected_by(chloe) == []
    assert approved_months_affected_by(Assignment(person=dev.person, role=dev.role, start=APRIL)) == []


def test_a_person_s_name_and_a_role_s_name_and_kind_are_how_an_approved_month_knows_them(approved_team):
    ana = Person.objects.get(name="Ana Ruiz")
    ana.name = "Ana Ruiz-Vega"
    hal = Person.objects.get(name="Hal Novak")
    hal.email = "hal@example.com"  # an email is not in any month
    sdrs = Role.objects.get(name="SDRs")
    sdrs.kind = "closer"
    partners = Role.objects.get(name="Partners")
    partners.display_order = 9  # the order roles are listed in is not a figure

    assert approved_months_affected_by(ana) == [FEBRUARY, MARCH]
    assert approved_months_affected_by(hal) == []
    assert approved_months_affected_by(sdrs) == [FEBRUARY, MARCH]
    assert approved_months_affected_by(partners) == []
    with pytest.raises(ValidationError, match="2026-02 and 2026-03 are approved"):
        ana.full_clean()


def test_nothing_is_locked_once_the_month_is_reopened(approved_team, admin):
    partners = MonthlyActual.objects.get(month=MARCH)
    partners.units = Decimal("4")
    take_step(MARCH, "reopen", by=admin, note="Partners closed one more deal")
    partners.full_clean()
    partners.save()
    assert MonthlyActual.objects.get(month=MARCH).units == Decimal("4")


# --- The models refuse, in clean() and delete() ------------------------------------------


@pytest.mark.parametrize(
    "record",
    [
        lambda: MonthlyActual.objects.get(month=MARCH),
        lambda: PersonActual.objects.get(person__name="Ana Ruiz", month=FEBRUARY),
        lambda: MonthlyRevenue.objects.get(month=FEBRUARY),
        lambda: plan("SDRs", JANUARY),
        lambda: PlanTier.objects.filter(plan__role__name="SDRs").first(),
        lambda: Economics.objects.get(),
        lambda: Assignment.objects.get(person__name="Hal Novak"),
    ],
    ids=["actual", "person actual", "revenue", "plan", "band", "economics", "assignment"],
)
def test_deleting_a_record_an_approved_month_needs_is_refused(approved_team, record):
    before = stored()
    with pytest.raises(ValidationError, match="approved; reopen"):
        record().delete()
    assert stored() == before


def test_clean_refuses_a_change_naming_the_month(approved_team):
    ana = PersonActual.objects.get(person__name="Ana Ruiz", month=FEBRUARY)
    ana.units = Decimal("9")
    with pytest.raises(ValidationError) as error:
        ana.full_clean()
    assert error.value.messages == [LOCKED_FEBRUARY]


# --- The entry form --------------------------------------------------------------------------


def test_the_entry_form_of_an_approved_month_says_so_and_refuses_a_save(approved_team, as_manager):
    partners = Role.objects.get(name="Partners")
    before = stored()

    page = as_manager.get("/actuals/2026-03/")
    form = {f"{partners.pk}-headcount": "2", f"{partners.pk}-units": "9", "version": month_version(MARCH)}
    saved = as_manager.post("/actuals/2026-03/", form)

    assert LOCKED_MARCH in text(page)
    assert 'name="csrfmiddlewaretoken"' not in text(page).split(LOCKED_MARCH)[1]  # no form to fill in
    assert saved.status_code == 400
    assert LOCKED_MARCH in text(saved)
    assert stored() == before


def test_the_entry_form_of_an_open_month_still_saves(approved_team, as_manager):
    partners = Role.objects.get(name="Partners")
    page = as_manager.get("/actuals/2026-01/")
    form = {}
    for shown in (page.context["form"], page.context["people"]):  # the page's two forms, as filled in
        form |= {name: "" if shown[name].value() is None else str(shown[name].value()) for name in shown.fields}
    form |= {f"{partners.pk}-headcount": "2", f"{partners.pk}-units": "1"}
    response = as_manager.post("/actuals/2026-01/", form)
    assert response.status_code == 302
    assert MonthlyActual.objects.filter(role=partners, month=JANUARY).exists()


# --- The role and people CSVs, on the web and from the command -----------------------------

REFUSED_FILES = {
    "role totals": (csv_file(ROLE_HEADER, "2026-03,Partners,2,9,,,"), f"row 2: {LOCKED_MARCH}"),
    "people": (csv_file(PEOPLE_HEADER, "2026-01,Ana Ruiz,6,,,", "2026-02,Ana Ruiz,9,,,"), f"row 3: {LOCKED_FEBRUARY}"),
    "a new person actual": (csv_file(PEOPLE_HEADER, "2026-03,Hal Novak,1,,,"), f"row 2: {LOCKED_MARCH}"),
}


@pytest.mark.parametrize(("content", "problem"), REFUSED_FILES.values(), ids=REFUSED_FILES.keys())
def test_the_web_import_refuses_a_file_that_alters_an_approved_month(approved_team, as_manager, content, problem):
    before = stored()
    preview = as_manager.post("/actuals/import/", {"file": SimpleUploadedFile("a.csv", content)})
    # A preview signed before the month was approved is checked again on confirm.
    payload = signing.dumps({"name": "a.csv", "csv": content.decode()}, salt=IMPORT_SALT, compress=True)
    confirm = as_manager.post("/actuals/import/confirm/", {"payload": payload})

    where, message = problem.split(": ", 1)
    assert preview.status_code == confirm.status_code == 400
    for response in (preview, confirm):
        assert f'<tr class="problem"><th scope="row">{where}</th><td>{message}</td></tr>' in text(response)
    assert stored() == before


@pytest.mark.parametrize(("content", "problem"), REFUSED_FILES.values(), ids=REFUSED_FILES.keys())
def test_import_actuals_refuses_a_file_that_alters_an_approved_month(approved_team, tmp_path, content, problem):
    path = tmp_path / "actuals.csv"
    path.write_bytes(content)
    before, err = stored(), StringIO()

    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_actuals", str(path), stdout=StringIO(), stderr=err)

    assert problem in err.getvalue()
    assert stored() == before


def test_a_file_that_repeats_an_approved_month_as_it_is_imports(approved_team, tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_bytes(csv_file(PEOPLE_HEADER, "2026-02,Ana Ruiz,4,,,", "2026-01,Ana Ruiz,6,,,"))
    out = StringIO()
    call_command("import_actuals", str(path), stdout=out)
    assert "0 created, 1 updated, 1 unchanged" in out.getvalue()


# --- The workspace import ----------------------------------------------------------------


def _person_actual(data: dict, person: str, month: str) -> dict:
    return next(row for row in data["person_actuals"] if row["person"] == person and row["month"] == month)


def _plan(data: dict, role: str, month: str) -> dict:
    return next(row for row in data["plans"] if row["role"] == role and row["effective_from"] == month)


def _assignment(data: dict, person: str) -> dict:
    return next(row for row in data["assignments"] if row["person"] == person)


WORKSPACE_CHANGES = {
    "a person actual": (lambda d: _person_actual(d, "Ana Ruiz", "2026-02").update(units="9"), "person_actuals[5]"),
    "a new person actual": (
        lambda d: d["person_actuals"].append({"month": "2026-03", "person": "Hal Novak", "units": "1"}),
        "person_actuals[17]",
    ),
    "a role actual": (lambda d: d["actuals"][0].update(units="9"), "actuals[0]"),
    "revenue": (lambda d: d["revenue"][0].update(revenue="1"), "revenue[0]"),
    "a plan": (lambda d: _plan(d, "SDRs", "2026-01").update(annual_ote="70000"), "plans[2]"),
    "a plan's bands": (lambda d: _plan(d, "SDRs", "2026-01")["tiers"].pop(), "plans[2]"),
    "a new plan version": (
        lambda d: d["plans"].append(
            {**_plan(d, "SDRs", "2026-01"), "effective_from": "2026-03", "annual_ote": "70000"}
        ),
        "plans[5]",
    ),
    "business assumptions": (lambda d: d["economics"][0].update(close_rate="0.4"), "economics[0]"),
    "an assignment": (lambda d: _assignment(d, "Hal Novak").update(ramp=False), "assignments[7]"),
    "a new person with an assignment": (
        lambda d: (
            d["people"].append({"name": "Ivy Chen", "email": None, "username": None}),
            d["assignments"].append(
                {"person": "Ivy Chen", "role": "SDRs", "start": "2026-03", "end": None, "ramp": True}
            ),
        ),
        "assignments[8]",
    ),
}


@pytest.mark.parametrize(("change", "path"), WORKSPACE_CHANGES.values(), ids=WORKSPACE_CHANGES.keys())
def test_the_workspace_import_refuses_a_record_that_alters_an_approved_month(approved_team, tmp_path, change, path):
    data = copy.deepcopy(approved_team)
    change(data)
    file = tmp_path / "workspace.json"
    file.write_text(json.dumps(data))
    before = stored()

    with pytest.raises(CommandError) as error:
        call_command("import_workspace", str(file), stdout=StringIO(), stderr=StringIO())

    assert f"{path}: " in str(error.value)
    assert " approved; reopen " in str(error.value)
    assert stored() == before


def test_a_new_person_assigned_after_the_approved_months_imports(approved_team, tmp_path):
    data = copy.deepcopy(approved_team)
    data["people"].append({"name": "Ivy Chen", "email": None, "username": None})
    data["assignments"].append({"person": "Ivy Chen", "role": "SDRs", "start": "2026-04", "end": None, "ramp": True})
    file = tmp_path / "workspace.json"
    file.write_text(json.dumps(data))

    call_command("import_workspace", str(file), stdout=StringIO())

    assert Assignment.objects.get(person__name="Ivy Chen").start == APRIL


def test_reimporting_the_export_of_approved_months_changes_nothing(approved_team, tmp_path):
    from performance.exchange.workspace_export import dumps_workspace, export_workspace

    file = tmp_path / "workspace.json"
    file.write_text(dumps_workspace(export_workspace()))
    before = stored()

    out = StringIO()
    call_command("import_workspace", str(file), stdout=out)

    assert "closes: 0 created, 0 updated, 2 unchanged" in out.getvalue()
    assert stored() == before


def test_a_file_may_carry_a_month_and_approve_it(approved_team, tmp_path):
    data = copy.deepcopy(approved_team)
    data["actuals"].append({"month": "2026-01", "role": "Partners", "headcount": 2, "units": "1"})
    data["closes"] = [{"month": "2026-01", "state": "approved"}]
    file = tmp_path / "workspace.json"
    file.write_text(json.dumps(data))

    out = StringIO()
    call_command("import_workspace", str(file), stdout=out)

    assert "closes: 1 created, 0 updated, 0 unchanged" in out.getvalue()
    close = MonthClose.objects.get(month=JANUARY)
    assert close.state == "approved"
    assert [(step.action, step.by) for step in close.steps.all()] == [("review", None), ("approve", None)]
    assert all(step.note.startswith("import_workspace workspace.json, run by OS user ") for step in close.steps.all())
    partners = next(role for role in close.approved_metrics["roles"] if role["role"] == "Partners")
    assert partners["units"] == 1.0


def test_a_file_cannot_take_an_approved_month_back(approved_team, tmp_path):
    data = copy.deepcopy(approved_team)
    data["closes"] = [{"month": "2026-02", "state": "open"}]
    file = tmp_path / "workspace.json"
    file.write_text(json.dumps(data))
    before = stored()

    with pytest.raises(CommandError) as error:
        call_command("import_workspace", str(file), stdout=StringIO(), stderr=StringIO())

    assert "closes[0].state: 2026-02 is approved here and an import does not reopen a month" in str(error.value)
    assert stored() == before


def test_a_file_cannot_approve_a_month_with_nothing_to_close(people_team, tmp_path):
    data = copy.deepcopy(people_team)
    data["closes"] = [{"month": "2026-05", "state": "approved"}]
    file = tmp_path / "workspace.json"
    file.write_text(json.dumps(data))
    before = stored()

    with pytest.raises(CommandError) as error:
        call_command("import_workspace", str(file), stdout=StringIO(), stderr=StringIO())

    assert "closes[0]: 2026-05 has no actuals; there is nothing to close" in str(error.value)
    assert stored()[0] == before[0]


def test_the_csv_readers_check_the_lock_without_a_query_a_row(approved_team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from performance.exchange.people_csv import read_actuals_file

    def queries(*rows: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            read_actuals_file(csv_file(PEOPLE_HEADER, *rows))
        return len(captured)

    few = queries("2026-02,Ana Ruiz,9,,,")
    more = queries(*(f"2026-0{month},{name},9,,," for month in (1, 2, 3) for name in ("Ana Ruiz", "Ben Okafor")))
    assert few == more
