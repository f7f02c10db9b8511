"""Ids inside, names outside: the engine knows people and roles by id, so a rename never changes a
number; names are added where people read them. The lock keeps only what a printed, approved
statement needs: a person's name while an approved month has a statement of theirs."""

import dataclasses
from decimal import Decimal

import pytest
from closing_cases import FEBRUARY, MARCH
from django.core.exceptions import ValidationError
from engine_cases import example_inputs, load_example

from compensation.models import Person, Role
from otesite.permissions import EVERYONE
from performance import engine
from performance.documents.inputs import from_json, inputs_from_json, inputs_to_json, to_json
from performance.documents.metrics import to_metrics_json
from performance.loader import History


def _month(month):
    history = History(month, month, scope=EVERYONE)
    return history.month(month), history.names


def test_renaming_a_person_or_a_role_changes_no_number(people_team):
    before, names_before = _month(MARCH)
    ana = Person.objects.get(name="Ana Ruiz")
    ana.name = "Ana Ruiz-Okafor"
    ana.save()
    Role.objects.filter(name="SDRs").update(name="Setters")

    after, names_after = _month(MARCH)

    assert [role.people for role in after.roles] == [role.people for role in before.roles]
    assert after.summary == before.summary
    assert names_before[ana.pk] == "Ana Ruiz" and names_after[ana.pk] == "Ana Ruiz-Okafor"
    exported = to_metrics_json(after, names_after)
    assert "Ana Ruiz-Okafor" in {person["person"] for role in exported["roles"] for person in role.get("people", [])}
    assert "Setters" in [role["role"] for role in exported["roles"]]


def test_an_approved_month_keeps_its_role_names_and_a_rename_is_no_longer_refused(approved_team):
    sdrs = Role.objects.get(name="SDRs")
    sdrs.name = "Setters"
    sdrs.full_clean()  # not refused: numbers are by id, and the approved month keeps its names
    sdrs.save()

    february, _ = _month(FEBRUARY)

    assert "SDRs" in [role.role for role in february.roles]  # as approved (February is)
    sdrs.kind = Role.Kind.CLOSER
    with pytest.raises(ValidationError, match="are approved"):
        sdrs.full_clean()  # a kind decides how a role is paid


def test_a_person_with_an_approved_statement_keeps_their_name_and_others_may_change_theirs(approved_team):
    ana = Person.objects.get(name="Ana Ruiz")
    ana.name = "Ana R."
    with pytest.raises(ValidationError, match="2026-02 and 2026-03 are approved"):
        ana.full_clean()
    newcomer = Person.objects.create(name="Nia New")
    newcomer.name = "Nia Newman"
    newcomer.full_clean()


def _every_input_field(value, path="") -> set[str]:
    found = set()
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            found.add(f"{type(value).__name__}.{field.name}")
            found |= _every_input_field(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            found |= _every_input_field(item)
    return found


@pytest.mark.parametrize(("name", "month"), [("people_team", "2026-03"), ("insurance_agency", "2026-03")])
def test_an_approvals_inputs_are_the_engines_inputs_field_by_field_and_read_back_exactly(name, month):
    workspace, _ = load_example(name)
    economics, roles, revenue = example_inputs(workspace, month)

    stored = inputs_to_json((month, economics, roles, revenue))
    read = inputs_from_json(stored)

    assert read == (month, economics, roles, revenue, (), ())
    assert engine.compute_month(*read) == engine.compute_month(month, economics, roles, revenue)
    # Every field of every input is kept, without anyone listing them.
    kept = {f"{type(value).__name__}.{key}" for value in (economics, *roles) for key in to_json(value)}
    assert {field for field in _every_input_field((economics, roles)) if field.count(".") == 1} >= kept


def test_a_stored_approval_that_lacks_a_newer_field_reads_its_default():
    stored = to_json(
        engine.Plan(annual_ote=Decimal("60000"), monthly_quota=Decimal("5"), commission_rate=Decimal("0.1"))
    )
    del stored["ramp"]

    assert from_json(engine.Plan, stored).ramp == ()
