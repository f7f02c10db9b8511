"""One rule for the numbers of role actuals and person actuals (DOMAIN.md, "Inputs that cannot be
true"), held the same way by every way in: meetings held above units is refused for every kind,
a setter's credited deals above its meetings held is refused, and no number is negative.

Each bad value goes through the entry form /actuals/YYYY-MM/, the actuals and people CSVs (the
web import and `manage.py import_actuals`), the workspace JSON import and the admin, as a role
total and as a person's numbers, in a role of each kind: each refuses it with its place and the
same words, and nothing stored changes."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from compensation.models import Assignment, Economics, Person, QuotaPlan, Role
from otesite.lib.parse import parse_month
from performance.exchange.workspace import WorkspaceInvalid, import_workspace
from performance.models import MonthlyActual, PersonActual

JAN, MARCH = parse_month("2026-01"), parse_month("2026-03")
# Role totals are kept for these roles; their twins below are kept person by person.
TOTALS = {"closer": "Closers", "setter": "Setters", "manager": "Managers"}
PEOPLE = {
    "closer": ("Account Executives", "Ana Ruiz"),
    "setter": ("SDRs", "Sam Lee"),
    "manager": ("Heads", "Hugo Mann"),
}

HELD_ABOVE_UNITS = {
    "closer": "Meetings held cannot be more than the deals closed (units).",
    "setter": "Meetings held cannot be more than the meetings booked (units).",
    "manager": "Meetings held cannot be more than the team deals (units).",
}
CREDITED_ABOVE_HELD = "A setter's credited deals cannot be more than the meetings held."

# (kind, the numbers, the field refused, its message)
BAD = {
    "a closer's meetings held above its units": (
        "closer",
        {"units": "3", "meetings_held": "4"},
        "meetings_held",
        HELD_ABOVE_UNITS["closer"],
    ),
    "a setter's meetings held above its units": (
        "setter",
        {"units": "40", "meetings_held": "41"},
        "meetings_held",
        HELD_ABOVE_UNITS["setter"],
    ),
    "a manager's meetings held above its units": (
        "manager",
        {"units": "9", "meetings_held": "9.5"},
        "meetings_held",
        HELD_ABOVE_UNITS["manager"],
    ),
    "a setter's credited deals above its meetings held": (
        "setter",
        {"units": "40", "meetings_held": "10", "credited_deals": "11"},
        "credited_deals",
        CREDITED_ABOVE_HELD,
    ),
}
FINE = {
    "a closer credited with more deals than meetings held": (
        "closer",
        {"units": "5", "meetings_held": "2", "credited_deals": "4"},
    ),
    "meetings held equal to units": ("setter", {"units": "40", "meetings_held": "40", "credited_deals": "40"}),
}
COLUMNS = ("units", "credited_deals", "meetings_held", "earnings")


@pytest.fixture
def team(db) -> None:
    """Assumptions from 2026-01; a role of each kind kept as totals, and one kept person by person."""
    Economics.objects.create(
        effective_from=JAN,
        deal_value=Decimal("16200"),
        upfront_rate=Decimal("0.7"),
        show_rate=Decimal("0.25"),
        close_rate=Decimal("0.25"),
        cost_per_meeting=Decimal("100"),
    )
    for order, (kind, name) in enumerate([*TOTALS.items(), *((k, role) for k, (role, _) in PEOPLE.items())]):
        role = Role.objects.create(name=name, kind=kind, display_order=order)
        QuotaPlan.objects.create(
            role=role, effective_from=JAN, annual_ote=Decimal("60000"), monthly_quota=5, commission_rate=Decimal("0.1")
        )
    for role, person in PEOPLE.values():
        Assignment.objects.create(
            person=Person.objects.create(name=person), role=Role.objects.get(name=role), start=JAN
        )


def stored() -> list:
    """Everything stored about actuals, history included."""
    return [
        list(MonthlyActual.objects.order_by("pk").values_list("role__name", "month", "headcount", *COLUMNS)),
        list(PersonActual.objects.order_by("pk").values_list("person__name", "month", *COLUMNS)),
        MonthlyActual.history.count(),
        PersonActual.history.count(),
        Role.objects.count(),
    ]


def clause(message: str) -> str:
    """As the forms and CSVs say it, after a place: "row 2, column units: meetings held ..."."""
    return message[:1].lower() + message[1:].rstrip(".")


# --- Each way in: the problems it reports (place: message), having stored nothing -----------


def csv_row(record: str, kind: str, values: dict) -> bytes:
    cells = [values.get(column, "") for column in COLUMNS]
    if record == "role":
        lines = ["month,role,headcount," + ",".join(COLUMNS), ",".join(["2026-03", TOTALS[kind], "2", *cells])]
    else:
        lines = ["month,person," + ",".join(COLUMNS), ",".join(["2026-03", PEOPLE[kind][1], *cells])]
    return ("\r\n".join(lines) + "\r\n").encode()


def via_entry_form(client, record: str, kind: str, values: dict) -> list[str]:
    page = client.get("/actuals/2026-03/")
    data = {}
    for form in (page.context["form"], page.context["people"]):
        data |= {name: "" if form[name].value() is None else str(form[name].value()) for name in form.fields}
    if record == "role":
        prefix = f"{Role.objects.get(name=TOTALS[kind]).pk}-"
        data[f"{prefix}headcount"] = "2"
    else:
        prefix = f"person-{Person.objects.get(name=PEOPLE[kind][1]).pk}-"
    data |= {prefix + column: value for column, value in values.items()}
    response = client.post("/actuals/2026-03/", data)
    assert response.status_code == 400
    errors = {**response.context["form"].errors, **response.context["people"].errors}
    return [f"{name}: {message}" for name, messages in errors.items() for message in messages]


def via_web_import(client, record: str, kind: str, values: dict) -> list[str]:
    upload = SimpleUploadedFile("actuals.csv", csv_row(record, kind, values), content_type="text/csv")
    response = client.post("/actuals/import/", {"file": upload})
    assert response.status_code == 400
    return [str(problem) for problem in response.context["result"].problems]


def via_command(tmp_path, record: str, kind: str, values: dict) -> list[str]:
    path = tmp_path / "actuals.csv"
    path.write_bytes(csv_row(record, kind, values))
    err = StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_actuals", str(path), stdout=StringIO(), stderr=err)
    return [line.removeprefix(f"{path}: ") for line in err.getvalue().splitlines()]


def workspace(record: str, kind: str, values: dict, *, new_role: bool) -> dict:
    data = {"format": "otesite.workspace", "version": 3, "roles": [], "people": [], "assignments": []}
    data |= {"economics": [], "plans": [], "actuals": [], "person_actuals": [], "revenue": [], "closes": []}
    role = f"New {kind}s" if new_role else TOTALS[kind] if record == "role" else PEOPLE[kind][0]
    if new_role:
        data["roles"].append({"name": role, "kind": kind})
    if record == "role":
        data["actuals"].append({"month": "2026-03", "role": role, "headcount": 2, **values})
        return data
    person = PEOPLE[kind][1]
    if new_role:
        person = "Nia New"
        data["people"].append({"name": person})
        data["assignments"].append({"person": person, "role": role, "start": "2026-02"})
    data["person_actuals"].append({"month": "2026-03", "person": person, **values})
    return data


def via_workspace(record: str, kind: str, values: dict, *, new_role: bool = False) -> list[str]:
    with pytest.raises(WorkspaceInvalid) as refused:
        import_workspace(workspace(record, kind, values, new_role=new_role))
    return refused.value.problems


def via_admin(client, record: str, kind: str, values: dict) -> list[str]:
    form = dict.fromkeys(COLUMNS, "") | values | {"month": "2026-03"}
    if record == "role":
        url = reverse("admin:performance_monthlyactual_add")
        form |= {"role": Role.objects.get(name=TOTALS[kind]).pk, "headcount": "2"}
    else:
        url = reverse("admin:performance_personactual_add")
        form["person"] = Person.objects.get(name=PEOPLE[kind][1]).pk
    response = client.post(url, form)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    return [f"{name}: {message}" for name, messages in errors.items() for message in messages]


# --- Every bad value, every way in -----------------------------------------------------------

RECORDS = ["role", "person"]


def where(record: str, kind: str, field: str, way: str) -> str:
    """The place each way in names."""
    if way == "form":
        return (
            f"{Role.objects.get(name=TOTALS[kind]).pk}-{field}"
            if record == "role"
            else (f"person-{Person.objects.get(name=PEOPLE[kind][1]).pk}-{field}")
        )
    if way in ("csv", "command"):
        return f"row 2, column {field}"
    if way == "workspace":
        return f"{'actuals' if record == 'role' else 'person_actuals'}[0].{field}"
    return field


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize(("kind", "values", "field", "message"), BAD.values(), ids=BAD.keys())
def test_the_entry_form_refuses_it_on_its_field(as_manager, team, record, kind, values, field, message):
    before = stored()
    assert via_entry_form(as_manager, record, kind, values) == [
        f"{where(record, kind, field, 'form')}: {clause(message)}"
    ]
    assert stored() == before


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize(("kind", "values", "field", "message"), BAD.values(), ids=BAD.keys())
def test_the_web_import_refuses_it_naming_row_and_column(as_manager, team, record, kind, values, field, message):
    before = stored()
    assert via_web_import(as_manager, record, kind, values) == [f"row 2, column {field}: {clause(message)}"]
    assert stored() == before


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize(("kind", "values", "field", "message"), BAD.values(), ids=BAD.keys())
def test_import_actuals_refuses_it_naming_row_and_column(tmp_path, team, record, kind, values, field, message):
    before = stored()
    assert via_command(tmp_path, record, kind, values) == [f"row 2, column {field}: {clause(message)}"]
    assert stored() == before


@pytest.mark.parametrize("new_role", [False, True], ids=["a stored role", "a role the file creates"])
@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize(("kind", "values", "field", "message"), BAD.values(), ids=BAD.keys())
def test_the_workspace_import_refuses_it_at_its_path(team, record, kind, values, field, message, new_role):
    before = stored()
    section = "actuals" if record == "role" else "person_actuals"
    assert via_workspace(record, kind, values, new_role=new_role) == [f"{section}[0].{field}: {message}"]
    assert stored() == before


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize(("kind", "values", "field", "message"), BAD.values(), ids=BAD.keys())
def test_the_admin_refuses_it_on_its_field(as_admin, team, record, kind, values, field, message):
    before = stored()
    assert via_admin(as_admin, record, kind, values) == [f"{field}: {message}"]
    assert stored() == before


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize(("kind", "values"), FINE.values(), ids=FINE.keys())
def test_what_can_be_true_is_stored_by_every_way_in(as_manager, tmp_path, team, record, kind, values):
    path = tmp_path / "actuals.csv"
    path.write_bytes(csv_row(record, kind, values))
    call_command("import_actuals", str(path), stdout=StringIO(), stderr=StringIO())
    import_workspace(workspace(record, kind, values, new_role=True))
    found = MonthlyActual.objects if record == "role" else PersonActual.objects
    assert found.filter(month=MARCH).count() == 2
    for actual in found.filter(month=MARCH):
        assert {column: getattr(actual, column) for column in values} == {
            column: Decimal(value) for column, value in values.items()
        }


# --- Negative numbers: the parser's words where text is read, the model's in the admin --------


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize("column", COLUMNS)
def test_a_negative_number_is_refused_by_every_way_in(as_admin, tmp_path, team, record, column):
    values = {"units": "3", column: "-1"}
    parsed = 'must be a number ≥ 0 (got "-1")'
    before = stored()

    assert via_entry_form(as_admin, record, "closer", values) == [
        f"{where(record, 'closer', column, 'form')}: {parsed}"
    ]
    assert via_web_import(as_admin, record, "closer", values) == [f"row 2, column {column}: {parsed}"]
    assert via_command(tmp_path, record, "closer", values) == [f"row 2, column {column}: {parsed}"]
    section = "actuals" if record == "role" else "person_actuals"
    assert via_workspace(record, "closer", values) == [f"{section}[0].{column}: {parsed}"]
    assert any(problem.startswith(f"{column}: ") for problem in via_admin(as_admin, record, "closer", values))
    assert stored() == before


@pytest.mark.parametrize("column", COLUMNS)
def test_the_one_rule_refuses_a_negative_number_in_its_own_words(team, column):
    role = MonthlyActual(role=Role.objects.get(name="Closers"), month=MARCH, headcount=2, units=Decimal("3"))
    person = PersonActual(person=Person.objects.get(name="Ana Ruiz"), month=MARCH, units=Decimal("3"))
    for actual in (role, person):
        setattr(actual, column, Decimal("-1"))
        assert actual.number_errors("closer") == {column: "Cannot be negative."}


@pytest.mark.parametrize("record", RECORDS)
def test_a_file_that_makes_a_stored_role_a_setter_holds_its_numbers_to_the_setters_rule(team, record):
    values = {"units": "40", "meetings_held": "10", "credited_deals": "11"}
    data = workspace(record, "closer", values, new_role=False)
    name = TOTALS["closer"] if record == "role" else PEOPLE["closer"][0]
    data["roles"].append({"name": name, "kind": "setter"})
    if record == "role":  # the file changes a stored actual, read with its role as stored
        MonthlyActual.objects.create(role=Role.objects.get(name=name), month=MARCH, headcount=2, units=40)
    else:
        PersonActual.objects.create(person=Person.objects.get(name=PEOPLE["closer"][1]), month=MARCH, units=40)
    before = stored()

    with pytest.raises(WorkspaceInvalid) as refused:
        import_workspace(data)

    section = "actuals" if record == "role" else "person_actuals"
    assert refused.value.problems == [f"{section}[0].credited_deals: {CREDITED_ABOVE_HELD}"]
    assert stored() == before
