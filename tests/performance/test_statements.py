"""Statements and payroll: `manage.py statement` and `export_payroll` agree with the engine and with
DOMAIN.md's people example for every person and month; the statement pages; a rep's /me/, where
they see only their own numbers; and who may see whose statement."""

import csv
import html
import io
import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from closing_cases import FEBRUARY, MARCH
from conftest import EXAMPLES
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from engine_cases import written

from compensation.models import Person
from otesite.permissions import EVERYONE, VIEW_STATEMENTS, may_see_person, scope_of
from performance import engine
from performance.closing import take_step
from performance.documents.payroll import payroll_rows
from performance.documents.statement import statement_json
from performance.exchange.payroll import write_payroll_csv
from performance.loader import History
from performance.models import PersonActual

EXPECTED = json.loads((EXAMPLES / "people_team.expected.json").read_text())
PEOPLE = [
    (month, role["role"], person)
    for month, document in EXPECTED.items()
    for role in document["roles"]
    for person in role.get("people", [])
]


def text(response) -> str:
    return html.unescape(response.content.decode())


def statement(month: str, person: str) -> dict:
    out = StringIO()
    call_command("statement", "--month", month, "--person", person, stdout=out)
    return json.loads(out.getvalue())


def payroll(month: str) -> list[dict]:
    out = StringIO()
    call_command("export_payroll", "--month", month, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


@pytest.fixture
def imported_team(db, tmp_path) -> None:
    """people_team.json through `manage.py import_workspace`, as a user would load it."""
    call_command("import_workspace", str(EXAMPLES / "people_team.json"), stdout=StringIO())


# --- The commands agree with the engine and with DOMAIN.md's example ------------------------


@pytest.mark.parametrize(("month", "role", "expected"), PEOPLE, ids=[f"{m} {p['person']}" for m, _, p in PEOPLE])
def test_statement_agrees_with_the_engine_and_the_example(imported_team, month, role, expected):
    printed = statement(month, expected["person"])

    history = History(date.fromisoformat(f"{month}-01"), date.fromisoformat(f"{month}-01"), scope=EVERYONE)
    computed = engine.compute_month(*history.inputs(date.fromisoformat(f"{month}-01")))
    person_id = Person.objects.get(name=expected["person"]).pk
    assert printed == written(statement_json(engine.statement(computed, person_id), "open", history.names))
    assert printed["role"] == role
    for name in ("tenure_month", "ramp_factor", "quota", "units", "credited_deals", "quota_attainment_pct"):
        assert printed[name] == expected[name], name
    assert printed["pay_attainment_pct"] == expected["pay_attainment_pct"]
    assert printed["earnings"] == expected["earnings"]
    assert printed["commission"] == pytest.approx(sum(band["amount"] for band in printed["bands"]), abs=0.011)
    if not printed["earnings_recorded"]:
        assert printed["earnings"] == pytest.approx(printed["base"] + printed["commission"], abs=0.011)


@pytest.mark.parametrize("month", EXPECTED)
def test_export_payroll_agrees_with_the_example_in_role_order_then_name(imported_team, month):
    rows = payroll(month)
    # No payee left out: a person per row in roles kept person by person, by name, and a row
    # naming a role kept as role totals (no person), with its team earnings.
    expected = [
        row
        for role in EXPECTED[month]["roles"]
        if role["status"] in ("on_target", "near", "below")
        for row in (
            [
                (person["person"], role["role"], f"{Decimal(str(person['earnings'])):.2f}")
                for person in sorted(role["people"], key=lambda p: p["person"])
            ]
            if "people" in role
            else [("", role["role"], f"{Decimal(str(role['team_earnings'])):.2f}")]
        )
    ]

    assert [(row["person"], row["role"], row["earnings"]) for row in rows] == expected
    assert {row["state"] for row in rows} == {"open"}
    assert {row["clawbacks"] for row in rows} == {"0.00"}
    assert all(row["payable"] == row["earnings"] for row in rows)
    for row in (row for row in rows if row["person"]):
        printed = statement(month, row["person"])
        assert row["base"] == f"{Decimal(str(printed['base'])):.2f}"
        assert row["commission"] == f"{Decimal(str(printed['commission'])):.2f}"
        assert row["earnings_recorded"] == ("true" if printed["earnings_recorded"] else "false")


def test_the_payroll_header_and_a_recorded_earning(imported_team):
    out = StringIO()
    call_command("export_payroll", "--month", "2026-02", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "person,role,base,commission,earnings,earnings_recorded,state,clawbacks,payable"
    assert "Ben Okafor,Account Executives,4000.00,2000.00,5500.00,true,open,0.00,5500.00" in lines


def test_an_approved_month_prints_its_state_and_its_numbers_as_approved(imported_team, manager, admin):
    take_step(FEBRUARY, "review", by=manager)
    take_step(FEBRUARY, "approve", by=admin)
    PersonActual.objects.filter(person__name="Ana Ruiz", month=FEBRUARY).update(units=Decimal("8"))

    printed = statement("2026-02", "Ana Ruiz")

    assert printed["state"] == "approved"
    assert printed["units"] == 4.0  # as approved, whatever the table says now
    assert {row["state"] for row in payroll("2026-02")} == {"approved"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--month", "2026-03", "--person", "Nobody"], "no person is called 'Nobody'"),
        (["--month", "2026-03", "--person", "Hal Novak"], "Hal Novak has no statement for 2026-03"),
        (["--month", "2025-06", "--person", "Ana Ruiz"], "2025-06 has no business assumptions"),
        (["--month", "2026-3", "--person", "Ana Ruiz"], "--month: "),
    ],
)
def test_statement_refuses_naming_why(imported_team, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("statement", *arguments, stdout=StringIO())


def test_payroll_escapes_names_but_not_numbers(imported_team):
    Person.objects.filter(name="Ana Ruiz").update(name="=HYPERLINK(evil)")
    history = History(MARCH, MARCH, scope=EVERYONE)
    m = history.month(MARCH)
    out = StringIO()
    write_payroll_csv(out, payroll_rows(m, history.names), "open")
    ana = next(row for row in csv.reader(StringIO(out.getvalue())) if "HYPERLINK" in row[0])
    assert ana == [
        "'=HYPERLINK(evil)",
        "Account Executives",
        "4000.00",
        "8375.00",
        "12375.00",
        "false",
        "open",
        "0.00",
        "12375.00",
    ]


# --- The pages ------------------------------------------------------------------------------


def test_a_manager_lists_the_months_statements_and_opens_one(people_team, as_manager):
    ana = Person.objects.get(name="Ana Ruiz")

    listing = text(as_manager.get("/statements/2026-03/"))
    page = text(as_manager.get(f"/statements/2026-03/{ana.pk}/"))

    assert f'<a href="/statements/2026-03/{ana.pk}/">Ana Ruiz</a>' in listing
    assert "Download the payroll CSV" in listing
    assert "Commission statement" in page
    assert "155.6%" in page  # quota and pay attainment
    assert "$8,375" in page and "$12,375" in page  # commission, earnings
    assert "computed: base + commission" in page and "estimated" not in page.replace("estimated from units", "")
    assert "2026-03 is open" not in page and "March 2026 is open: these figures may still change" in page
    for band in ("0.0% to 100.0%", "100.0% to 150.0%", "150.0% to 200.0%"):
        assert band in page


def test_a_statement_shows_the_ramped_target_the_month_is_measured_against(people_team, as_manager):
    chloe = Person.objects.get(name="Chloe Martin")  # 2026-03: her second month, ramp 75%

    page = text(as_manager.get(f"/statements/2026-03/{chloe.pk}/"))
    target = page[page.index("Target for March 2026") : page.index('id="figures-title"')]

    assert "<dt>Quota this month</dt><dd>3.38 deals</dd>" in target  # 4.5 × 0.75
    assert "<dt>OTE this month</dt><dd>$7,000</dd>" in target  # base in full, variable × 0.75
    assert "Ramped: the full quota and the variable part of OTE × 0.75" in target
    assert "105.4%" in page and "earnings ÷ this month's OTE ($7,000)" in page
    assert "+$375" in page  # gap to that OTE, as people_team.expected.json has it


def test_pay_computed_from_the_plan_says_computed_on_me_and_on_an_approved_months_statements(
    approved_team, client, admin
):
    ana = Person.objects.get(name="Ana Ruiz")
    user = User.objects.create_user("ana")
    Person.objects.filter(pk=ana.pk).update(user=user)
    client.force_login(user)
    me = text(client.get("/me/"))  # 2026-03 approved
    client.force_login(admin)
    listing = text(client.get("/statements/2026-03/"))
    statement_page = text(client.get(f"/statements/2026-03/{ana.pk}/"))

    assert '$12,375 <span class="muted">(computed)</span>' in me
    assert "estimated" not in me
    assert "<td>computed</td>" in listing and "estimated" not in listing
    assert "computed: base + commission" in statement_page and "estimated: base" not in statement_page


def test_the_payroll_csv_downloads(people_team, as_admin):
    response = as_admin.get("/statements/2026-03/payroll.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="otesite-payroll-2026-03.csv"' in response["Content-Disposition"]
    assert (
        response.content.decode().splitlines()[1]
        == "Ana Ruiz,Account Executives,4000.00,8375.00,12375.00,false,open,0.00,12375.00"
    )


def test_a_person_without_a_statement_that_month_is_not_found(people_team, as_manager):
    hal = Person.objects.get(name="Hal Novak")  # assigned in 2026-03 but without numbers
    assert as_manager.get(f"/statements/2026-03/{hal.pk}/").status_code == 404
    assert as_manager.get("/statements/2026-03/999999/").status_code == 404


def test_an_approved_statement_says_so(people_team, as_admin, manager, admin):
    take_step(MARCH, "review", by=manager)
    take_step(MARCH, "approve", by=admin)
    ana = Person.objects.get(name="Ana Ruiz")
    PersonActual.objects.filter(person=ana, month=MARCH).update(units=Decimal("8"))

    page = text(as_admin.get(f"/statements/2026-03/{ana.pk}/"))

    assert "These are the numbers as approved on" in page
    assert "today's computation differs:" in page and "units: 7.00 → 8.00" in page
    assert "$12,375" in page  # as approved


# --- A rep sees their own, and nobody else's --------------------------------------------


@pytest.fixture
def rep(people_team, client) -> User:
    """Ana Ruiz's login: in no group, linked to her person."""
    user = User.objects.create_user("ana", password="correct horse battery staple")
    Person.objects.filter(name="Ana Ruiz").update(user=user)
    client.force_login(user)
    return user


def test_an_admin_without_a_person_is_told_why_my_numbers_is_empty_not_to_ask_for_a_group(as_admin, people_team):
    response = as_admin.get("/me/")
    page = text(response)

    assert response.status_code == 200
    assert "Your login, ada_admin, is not set on a person" in page
    assert "Ask an admin to add you to a group" not in page
    assert 'href="/admin/compensation/person/"' in page and 'href="/performance/latest/"' in page


def test_a_rep_lands_on_their_own_page(rep, client):
    assert client.get("/")["Location"] == "/me/"


def test_a_rep_sees_their_months_rank_and_statements_and_no_one_elses_pay(rep, client):
    page = text(client.get("/me/"))

    assert 'My numbers <span class="muted">· Ana Ruiz</span>' in page
    assert '<dd class="me-rank">1st of 3</dd>' in page  # 2026-03, Account Executives
    assert "$12,375" in page
    for month in ("2026-01", "2026-02", "2026-03"):
        assert f'href="/statements/{month}/{Person.objects.get(name="Ana Ruiz").pk}/"' in page
    for other in Person.objects.exclude(name="Ana Ruiz"):
        assert other.name not in page
    assert 'href="/me/" aria-current="page">My numbers' in page
    assert ">Dashboard</a>" not in page


def test_a_rep_opens_their_own_statement_and_no_one_elses(rep, client):
    ana, ben = Person.objects.get(name="Ana Ruiz"), Person.objects.get(name="Ben Okafor")

    own = client.get(f"/statements/2026-03/{ana.pk}/")
    other = client.get(f"/statements/2026-03/{ben.pk}/")
    listing = text(client.get("/statements/2026-03/"))

    assert own.status_code == 200
    assert other.status_code == 404
    assert "Ana Ruiz" in listing and "Ben Okafor" not in listing
    assert "payroll" not in listing
    assert client.get("/statements/2026-03/payroll.csv").status_code == 403
    assert client.get("/performance/2026-03/").status_code == 403


def test_a_rep_opens_their_own_person_page_and_no_one_elses(rep, client):
    ana, ben = Person.objects.get(name="Ana Ruiz"), Person.objects.get(name="Ben Okafor")

    own = client.get(f"/people/{ana.pk}/")
    other = client.get(f"/people/{ben.pk}/")

    assert own.status_code == 200
    assert "Ben Okafor" not in text(own)
    assert 'href="/me/">My numbers</a> ›' in text(own)
    assert other.status_code == 404
    assert client.get("/people/").status_code == 403


def test_who_may_see_whom(rep, manager, board_member):
    ana, ben = Person.objects.get(name="Ana Ruiz"), Person.objects.get(name="Ben Okafor")

    assert scope_of(rep).people == {ana.pk}
    assert may_see_person(rep, ana) and not may_see_person(rep, ben)
    assert scope_of(manager, VIEW_STATEMENTS).everyone
    assert may_see_person(board_member, ben)  # the people pages: everyone who sees the dashboard
    assert not may_see_person(board_member, ben, VIEW_STATEMENTS)  # but not their statement


def test_someone_in_no_group_without_a_person_still_gets_the_403_page(stranger, client):
    client.force_login(stranger)
    assert client.get("/").status_code == 403
    assert client.get("/me/").status_code == 403
