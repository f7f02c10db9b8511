"""Every rule of actuals, through every way in: each bad value is refused by the role-totals CSV
(`manage.py import_actuals`), the people CSV (the same command), the entry form
(/actuals/YYYY-MM/) and the API's batches with the same words, and nothing stored changes.
(The workspace import is left out: it is being rewritten on its own branch.)

A rule the entry form cannot be asked (it offers no row for a role kept the other way, nor for a
person with no assignment) is marked so in its case; the form refuses a whole month that has not
started, comes before the business assumptions or is approved before it shows a row, with the
rule's words."""

import html
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from actuals_cases import NEXT_MONTH, NOT_STARTED
from api_cases import body, post
from closing_cases import FEBRUARY, LOCKED_FEBRUARY, approve, stored
from django.core.management import CommandError, call_command

from compensation.models import Assignment, Person, Role
from performance.models import Deal, DealCloser

BEFORE_ASSUMPTIONS = (
    "2025-12 is before the first business assumptions (2026-01); an admin must set assumptions for it first"
)
ROLE_HEADER = "month,role,headcount,units,credited_deals,meetings_held,earnings"
PEOPLE_HEADER = "month,person,units,credited_deals,meetings_held,earnings"
ROLE_COLUMNS = ROLE_HEADER.split(",")[2:]
PEOPLE_COLUMNS = PEOPLE_HEADER.split(",")[2:]


@dataclass(frozen=True)
class Case:
    """A bad record: a role's month (`role`) or a person's (`person`), its numbers, and the words
    every way in must say (`words`); `form` False where the entry form offers no such row."""

    month: str
    numbers: dict
    words: str
    role: str | None = None
    person: str | None = None
    form: bool = True
    setup: str | None = None  # "deal": 2026-04 kept by deals; "approved": 2026-02 approved


ROLE = {"headcount": "2", "units": "10"}
NEGATIVE = 'must be a number ≥ 0 (got "-1")'  # the one parser's words, before the model's rule
PERSON = {"units": "4"}
ROLE_CASES = {
    "a negative number": Case("2026-04", ROLE | {"units": "-1"}, NEGATIVE, role="Partners"),
    "meetings held above the units": Case(
        "2026-04",
        ROLE | {"meetings_held": "12"},
        "meetings held cannot be more than the deals closed (units)",
        role="Partners",
    ),
    "a setter's credited deals above its meetings held": Case(
        "2026-04",
        ROLE | {"meetings_held": "5", "credited_deals": "6"},
        "a setter's credited deals cannot be more than the meetings held",
        role="Outbound",
    ),
    "a month that has not started": Case(NEXT_MONTH, ROLE, NOT_STARTED, role="Partners"),
    "a month before the business assumptions": Case("2025-12", ROLE, BEFORE_ASSUMPTIONS, role="Partners"),
    "a role total beside person actuals": Case(
        "2026-03",
        ROLE,
        "Account Executives is kept person by person in 2026-03 (Ana Ruiz, Ben Okafor, Chloe Martin), so a role"
        " total cannot go beside it",
        role="Account Executives",
        form=False,
    ),
    "an approved month": Case("2026-02", ROLE, LOCKED_FEBRUARY, role="Partners", setup="approved"),
    "a month kept by deals": Case(
        "2026-04",
        ROLE,
        "2026-04 is kept by deals; a month kept by deals takes no role totals",
        role="Partners",
        setup="deal",
    ),
}
PERSON_CASES = {
    "a negative number": Case("2026-04", {"units": "-1"}, NEGATIVE, person="Ana Ruiz"),
    "meetings held above the units": Case(
        "2026-04",
        PERSON | {"meetings_held": "5"},
        "meetings held cannot be more than the deals closed (units)",
        person="Ana Ruiz",
    ),
    "a setter's credited deals above its meetings held": Case(
        "2026-04",
        {"units": "30", "meetings_held": "5", "credited_deals": "6"},
        "a setter's credited deals cannot be more than the meetings held",
        person="Eve Tanaka",
    ),
    "a month that has not started": Case(NEXT_MONTH, PERSON, NOT_STARTED, person="Ana Ruiz"),
    "a month before the business assumptions": Case("2025-12", PERSON, BEFORE_ASSUMPTIONS, person="Ana Ruiz"),
    "a person with no assignment that month": Case(
        "2026-02",
        PERSON,
        "Hal Novak has no assignment in 2026-02; a person's numbers count in the role they hold",
        person="Hal Novak",
        form=False,
    ),
    "person actuals beside a role total": Case(
        "2026-03",
        PERSON,
        "Partners has a role total for 2026-03, so Pat Lee's numbers cannot go beside it",
        person="Pat Lee",
        form=False,
    ),
    "an approved month": Case("2026-02", {"units": "7"}, LOCKED_FEBRUARY, person="Ana Ruiz", setup="approved"),
    "a closer in a month kept by deals": Case(
        "2026-04",
        PERSON,
        "Ana Ruiz's 2026-04 numbers come from deals (Account Executives is paid by deals that month)",
        person="Ana Ruiz",
        setup="deal",
    ),
    "a manager in a month kept by deals": Case(
        "2026-04",
        PERSON,
        "Gina Rossi's 2026-04 numbers come from deals (Head of Sales is paid by deals that month)",
        person="Gina Rossi",
        setup="deal",
    ),
    "a setter's credited deals in a month kept by deals": Case(
        "2026-04",
        {"units": "30", "meetings_held": "20", "credited_deals": "2"},
        "2026-04 is kept by deals: a setter's credited deals come from the deals",
        person="Eve Tanaka",
        setup="deal",
    ),
}


@pytest.fixture
def team(people_team, manager, admin):
    """The people example, with a setter role kept as totals (Outbound, nobody in it) and a
    partner assigned to the Partners, whose 2026-03 is a role total."""
    Role.objects.create(name="Outbound", kind="setter", display_order=9)
    pat = Person.objects.create(name="Pat Lee")
    Assignment.objects.create(person=pat, role=Role.objects.get(name="Partners"), start=date(2026, 3, 1))
    return {"manager": manager, "admin": admin}


def _arrange(case: Case, team: dict) -> None:
    if case.setup == "approved":
        approve(FEBRUARY, team["manager"], team["admin"])
    elif case.setup == "deal":
        deal = Deal.objects.create(crm_id="HS-1", closed_on=date(2026, 4, 14), value=Decimal(16200))
        DealCloser.objects.create(deal=deal, person=Person.objects.get(name="Ana Ruiz"), share=Decimal(1))


def _csv_row(case: Case) -> str:
    columns = ROLE_COLUMNS if case.role else PEOPLE_COLUMNS
    return ",".join([case.month, case.role or case.person, *(case.numbers.get(c, "") for c in columns)])


def by_command(tmp_path, case: Case) -> str:
    header = ROLE_HEADER if case.role else PEOPLE_HEADER
    path = tmp_path / "actuals.csv"
    path.write_text(f"{header}\r\n{_csv_row(case)}\r\n")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_actuals", str(path), stdout=StringIO(), stderr=err)
    return err.getvalue()


def by_api(api_as, case: Case) -> str:
    if case.role:
        record = {"month": case.month, "role": case.role} | case.numbers
        response = post(api_as("manager"), "/api/v1/actuals/", {"actuals": [record]})
    else:
        record = {"month": case.month, "person": case.person} | case.numbers
        response = post(api_as("manager"), "/api/v1/person-actuals/", {"person_actuals": [record]})
    assert response.status_code in (400, 409)
    return " | ".join(problem["message"] for problem in body(response)["problems"])


def by_form(client, case: Case) -> str:
    page = client.get(f"/actuals/{case.month}/")
    if page.context is None or page.context.get("form") is None:  # the month itself is refused
        data = {}
    else:
        data = {"version": page.context["form"].initial["version"]}
        data["people_version"] = page.context["people"].initial["people_version"]
        if case.role:
            role = Role.objects.get(name=case.role)
            data |= {f"{role.pk}-{column}": value for column, value in case.numbers.items()}
        else:
            person = Person.objects.get(name=case.person)
            data |= {f"person-{person.pk}-{column}": value for column, value in case.numbers.items()}
    response = client.post(f"/actuals/{case.month}/", data)
    assert response.status_code != 302
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("name", ROLE_CASES)
def test_every_way_in_refuses_a_bad_role_total_with_the_same_words(name, team, tmp_path, api_as, as_manager):
    case = ROLE_CASES[name]
    _arrange(case, team)
    before = stored()

    said = {"csv": by_command(tmp_path, case), "api": by_api(api_as, case)}
    if case.form:
        said["form"] = by_form(as_manager, case)

    assert {way: case.words in words for way, words in said.items()} == dict.fromkeys(said, True), said
    assert stored() == before


@pytest.mark.parametrize("name", PERSON_CASES)
def test_every_way_in_refuses_a_bad_person_actual_with_the_same_words(name, team, tmp_path, api_as, as_manager):
    case = PERSON_CASES[name]
    _arrange(case, team)
    before = stored()

    said = {"csv": by_command(tmp_path, case), "api": by_api(api_as, case)}
    if case.form:
        said["form"] = by_form(as_manager, case)

    assert {way: case.words in words for way, words in said.items()} == dict.fromkeys(said, True), said
    assert stored() == before
