"""PersonActual.objects.of_role (performance/models.py): a role's person actuals in a month, the one query."""

from pathlib import Path

from compensation.models import Role
from otesite.lib.parse import parse_month
from performance.actuals import people_recorded
from performance.hooks import months_with_numbers
from performance.models import MonthlyActual, PersonActual

JAN, FEB, MARCH = parse_month("2026-01"), parse_month("2026-02"), parse_month("2026-03")
REPO = Path(__file__).resolve().parents[2]


def role_id(name: str) -> int:
    return Role.objects.get(name=name).pk


def counted(queryset) -> list[tuple]:
    rows = queryset.values_list("month", "person__name", "counted_role_id").order_by("month", "person__name")
    return [(f"{month:%Y-%m}", name, Role.objects.get(pk=role).name) for month, name, role in rows]


def test_a_roles_person_actuals_are_those_of_its_people_in_the_months_they_hold_it(people_team):
    # Dev Patel is an account executive in January and February, an SDR from March.
    assert counted(PersonActual.objects.of_role(role_id("SDRs"), [JAN, FEB, MARCH])) == [
        ("2026-01", "Eve Tanaka", "SDRs"),
        ("2026-02", "Eve Tanaka", "SDRs"),
        ("2026-03", "Dev Patel", "SDRs"),
        ("2026-03", "Eve Tanaka", "SDRs"),
    ]
    executives = counted(PersonActual.objects.of_role(role_id("Account Executives"), MARCH))
    assert executives == [
        ("2026-03", "Ana Ruiz", "Account Executives"),
        ("2026-03", "Ben Okafor", "Account Executives"),
        ("2026-03", "Chloe Martin", "Account Executives"),
    ]


def test_several_roles_at_once_count_each_person_once_in_the_role_they_hold(people_team):
    both = PersonActual.objects.of_role([role_id("SDRs"), role_id("Account Executives")], FEB)
    assert counted(both) == [
        ("2026-02", "Ana Ruiz", "Account Executives"),
        ("2026-02", "Ben Okafor", "Account Executives"),
        ("2026-02", "Chloe Martin", "Account Executives"),
        ("2026-02", "Dev Patel", "Account Executives"),
        ("2026-02", "Eve Tanaka", "SDRs"),
    ]


def test_without_months_every_month_of_the_role_is_read(people_team):
    months = PersonActual.objects.of_role(role_id("Head of Sales")).values_list("month", flat=True)
    assert sorted(months) == [JAN, FEB, MARCH]


def test_the_callers_agree_with_the_query(people_team):
    sdrs = role_id("SDRs")
    assert people_recorded({(sdrs, FEB), (sdrs, MARCH)}) == {
        (sdrs, FEB): ["Eve Tanaka"],
        (sdrs, MARCH): ["Dev Patel", "Eve Tanaka"],
    }
    assert MonthlyActual(role_id=sdrs, month=MARCH).people_recorded() == ["Dev Patel", "Eve Tanaka"]
    assert months_with_numbers(sdrs, FEB, MARCH) == {FEB}


def test_the_query_is_written_once():
    """Anywhere else, "person__assignments__role" is a second copy to drift from this one."""
    sources = [*REPO.glob("otesite/**/*.py"), *REPO.glob("compensation/**/*.py"), *REPO.glob("performance/**/*.py")]
    copies = [
        str(path.relative_to(REPO))
        for path in sources
        if "person__assignments__" in path.read_text() and path != REPO / "performance" / "models.py"
    ]
    assert copies == []
